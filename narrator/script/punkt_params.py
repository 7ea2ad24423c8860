"""The project's own Punkt parameters: abbreviations, collocations and sentence starters."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktParameters

# Titles and name prefixes: no sentence ends after one unless a sentence starter follows.
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mssrs",
        "messrs",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "cmdr",
        "adm",
        "sgt",
        "cpl",
        "pvt",
        "brig",
        "gov",
        "sen",
        "rep",
        "pres",
        "rev",
        "fr",
        "st",
        "mt",
        "ft",
        "hon",
        "supt",
        "insp",
        "det",
        "amb",
        "atty",
        "mme",
        "mlle",
        "msgr",
        "sra",
        "srta",
    ]
)

# Abbreviations that may also end a sentence ("in the U.S. He said"). Words that are also
# ordinary English ("ill", "in", "art", "no", "sun", "mass") stay out: after them a capital
# usually does start a sentence. So do state abbreviations, which AP style follows with a
# comma mid-sentence ("Miami, Fla., police") and which often end one ("in Miami, Fla.").
# "No. 5" and "Fig. 3" hold together through COLLOCATIONS instead.
ABBREVIATIONS = (
    frozenset(
        [
            "a.m",
            "p.m",
            "a.d",
            "b.c",
            "b.c.e",
            "c.e",
            "e.g",
            "i.e",
            "etc",
            "vs",
            "v",
            "cf",
            "et",
            "ca",
            "c",
            "approx",
            "u.s",
            "u.s.a",
            "u.k",
            "u.n",
            "e.u",
            "u.a.e",
            "d.c",
            "l.a",
            "n.y",
            "n.j",
            "p.o",
            "ph.d",
            "m.d",
            "b.a",
            "m.a",
            "b.sc",
            "m.sc",
            "ll.b",
            "d.d.s",
            "r.n",
            "inc",
            "ltd",
            "co",
            "corp",
            "llc",
            "plc",
            "bros",
            "assn",
            "assoc",
            "intl",
            "univ",
            "inst",
            "govt",
            "dept",
            "div",
            "admin",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "mon",
            "tue",
            "tues",
            "thu",
            "thur",
            "thurs",
            "fri",
            "ave",
            "blvd",
            "rd",
            "hwy",
            "pkwy",
            "ln",
            "cres",
            "ste",
            "apt",
            "bldg",
            "mins",
            "hrs",
            "hr",
            "secs",
            "yr",
            "yrs",
            "mos",
            "wk",
            "wks",
            "dist",
            "twp",
            "cty",
            "lbs",
            "lb",
            "oz",
            "pts",
            "qt",
            "tbsp",
            "tsp",
            "eds",
            "repr",
            "orig",
            "jr",
            "sr",
            "esq",
            "nos",
            "vol",
            "vols",
            "pp",
            "p",
            "figs",
            "eq",
            "nr",
            "n°",
            "nº",
            "rs",
            "f.e",
            "n.b",
            "p.s",
            "r.s.v.p",
            "a.k.a",
            "e.t.a",
            "f.a.q",
            "al",
            "id",
            "ibid",
            "incl",
            "excl",
            "esp",
            "viz",
            "resp",
            "exh",
            "para",
            "paras",
            "sect",
            "chap",
            "tbl",
            "mgmt",
            "mgr",
            "natl",
            "misc",
            "pct",
            "approx",
        ]
    )
    | TITLES
)

# Words that, capitalized after an abbreviation, start a new sentence.
SENTENCE_STARTERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "he",
        "she",
        "it",
        "they",
        "we",
        "you",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "how",
        "what",
        "when",
        "where",
        "who",
        "whom",
        "whose",
        "why",
        "which",
        "however",
        "but",
        "and",
        "so",
        "yet",
        "or",
        "nor",
        "also",
        "in",
        "on",
        "at",
        "for",
        "if",
        "as",
        "after",
        "before",
        "during",
        "since",
        "while",
        "although",
        "though",
        "because",
        "unless",
        "until",
        "meanwhile",
        "moreover",
        "furthermore",
        "nevertheless",
        "nonetheless",
        "still",
        "then",
        "thus",
        "therefore",
        "instead",
        "some",
        "many",
        "most",
        "all",
        "both",
        "each",
        "every",
        "no",
        "none",
        "one",
        "two",
        "three",
        "several",
        "few",
        "more",
        "millions",
        "being",
        "did",
        "does",
        "do",
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "has",
        "have",
        "had",
        "later",
        "earlier",
        "today",
        "yesterday",
        "tomorrow",
        "now",
        "once",
        "according",
        "despite",
        "officials",
        "police",
        "critics",
        "analysts",
        "experts",
    ]
)

# (word before the period, word after) pairs that never straddle a sentence break.
COLLOCATIONS = frozenset(
    {
        ("no", "##number##"),
        ("art", "##number##"),
        ("sec", "##number##"),
        ("min", "##number##"),
        ("nos", "##number##"),
        ("vol", "##number##"),
        ("p", "##number##"),
        ("pp", "##number##"),
        ("fig", "##number##"),
        ("art", "##number##"),
        ("ch", "##number##"),
        ("jan", "##number##"),
        ("feb", "##number##"),
        ("mar", "##number##"),
        ("apr", "##number##"),
        ("jun", "##number##"),
        ("jul", "##number##"),
        ("aug", "##number##"),
        ("sep", "##number##"),
        ("sept", "##number##"),
        ("oct", "##number##"),
        ("nov", "##number##"),
        ("dec", "##number##"),
    }
)


@lru_cache(maxsize=1)
def punkt_module() -> ModuleType:
    """nltk.tokenize.punkt, loaded without running nltk's package __init__ where possible.

    `import nltk` imports parsers, chunkers, metrics and (when installed, as here
    for audio) scipy.stats: 0.4 to 2 s for code Punkt never uses, paid by
    every narration. Punkt itself needs ten small modules (0.1 s).
    """
    if "nltk.tokenize.punkt" in sys.modules:
        return sys.modules["nltk.tokenize.punkt"]
    try:
        return _punkt_alone()
    except Exception:
        return _punkt_through_nltk()


def _punkt_alone() -> ModuleType:
    """A private copy of nltk.tokenize.punkt, imported under stand-in `nltk` and `nltk.tokenize` packages.

    The stand-ins and every nltk module loaded for them leave sys.modules again,
    so a later `import nltk` anywhere in the process is the normal, complete one.
    """
    spec = importlib.util.find_spec("nltk")  # finds the package without executing it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nltk is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    before = set(sys.modules)
    try:
        for name, folder in (("nltk", root), ("nltk.tokenize", root / "tokenize")):
            stand_in = ModuleType(name)
            stand_in.__path__ = [str(folder)]
            sys.modules[name] = stand_in
        return importlib.import_module("nltk.tokenize.punkt")
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


def _punkt_through_nltk() -> ModuleType:
    """nltk.tokenize.punkt through the normal import, with scipy.stats hidden meanwhile (nltk has a fallback)."""
    hide = "scipy.stats" not in sys.modules
    if hide:
        # None in sys.modules makes `import scipy.stats` raise ImportError; typeshed allows modules only.
        sys.modules["scipy.stats"] = None  # type: ignore[assignment]
    try:
        return importlib.import_module("nltk.tokenize.punkt")
    finally:
        if hide:
            del sys.modules["scipy.stats"]


@lru_cache(maxsize=1)
def punkt_parameters() -> PunktParameters:
    """Punkt parameters built from the lists above (never a downloaded model)."""
    # Imported here: loading nltk takes a moment, which commands that never split
    # sentences ("narrator --help", "narrator normalize") should not pay.
    punkt = punkt_module()
    _ORTHO_LC, PunktParameters = punkt._ORTHO_LC, punkt.PunktParameters

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.collocations = set(COLLOCATIONS)
    params.sent_starters = set(SENTENCE_STARTERS)
    # Marking starters as also seen lowercase lets Punkt break after an initial ("you and
    # I. Did you"); single letters stay out so "E. A. Poe" holds together.
    for word in SENTENCE_STARTERS:
        if len(word) > 1:
            params.add_ortho_context(word, _ORTHO_LC)
    return params
