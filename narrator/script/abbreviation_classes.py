"""What may follow each abbreviation: the classes the sentence rules consult around Punkt.

Punkt knows only "abbreviation or not"; a reader knows more. A title is followed by a
name ("Gen. Smith"), a reference word by a number ("Fig. 3", "para. 1"), a linking
abbreviation by more of the same sentence ("cf. the report", "vs. Chelsea"), and a
closing one (a company suffix, a unit after a number, "Jr.", "etc.") often ends the
sentence, so a capitalized word after it starts the next one ("... Co. Buffett is").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# Linking abbreviations: the sentence always goes on after them.
LINKING = frozenset(
    [
        "cf",
        "e.g",
        "i.e",
        "vs",
        "v",
        "viz",
        "approx",
        "ca",
        "esp",
        "incl",
        "excl",
        "resp",
        "w.r.t",
        "a.k.a",
        "appr",
        "approx",
    ]
)

# Reference words: a number after them belongs to them ("para. 1", "Fig. 3b", "Exh. 4").
BEFORE_NUMBER = frozenset(
    [
        "no",
        "nos",
        "nr",
        "n°",
        "nº",
        "p",
        "pp",
        "pg",
        "pgs",
        "fig",
        "figs",
        "eq",
        "eqs",
        "para",
        "paras",
        "art",
        "arts",
        "sec",
        "secs",
        "sect",
        "ch",
        "chap",
        "chaps",
        "vol",
        "vols",
        "op",
        "ex",
        "exh",
        "tab",
        "tbl",
        "ref",
        "refs",
        "pt",
        "pts",
        "ver",
        "v",
        "vs",
        "approx",
        "ca",
        "c",
        "ste",
        "apt",
        "rm",
        "bldg",
        "tel",
        "ext",
        "fn",
        "col",
        "cl",
        "sched",
        "app",
        "div",
        "ed",
        "eds",
        "pop",
        "est",
        "rev",
        "id",
        "ibid",
        "ann",
        "r",
        "reg",
        "no.s",
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
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
)

# Closing abbreviations: they end a name or an amount, so a capitalized word after them
# starts a new sentence unless it is an acronym ("Apple Inc. CEO Tim Cook").
COMPANY_SUFFIXES = frozenset(
    ["inc", "corp", "co", "cos", "ltd", "llc", "plc", "bros", "assn", "lp", "llp", "ag", "sa", "nv", "gmbh"]
)
PERSONAL_SUFFIXES = frozenset(["jr", "sr", "esq", "etc", "al"])
# Units, which close an amount only right after a number ("18 hrs.", "2 lbs.", "2 h.").
UNITS = frozenset(
    [
        "h",
        "hr",
        "hrs",
        "min",
        "mins",
        "sec",
        "secs",
        "s",
        "ms",
        "yr",
        "yrs",
        "mo",
        "mos",
        "wk",
        "wks",
        "d",
        "lb",
        "lbs",
        "oz",
        "kg",
        "g",
        "mg",
        "km",
        "m",
        "cm",
        "mm",
        "mi",
        "ft",
        "yd",
        "yds",
        "in",
        "sq",
        "pt",
        "pts",
        "qt",
        "gal",
        "pct",
        "bn",
        "mn",
        "mln",
        "tn",
        "k",
    ]
)

# AP-style state abbreviations, before a ZIP code ("Springfield, Ill. 62701").
STATES = frozenset(
    [
        "ala",
        "ariz",
        "ark",
        "calif",
        "colo",
        "conn",
        "del",
        "fla",
        "ga",
        "ill",
        "ind",
        "kan",
        "kans",
        "ky",
        "la",
        "md",
        "mass",
        "mich",
        "minn",
        "miss",
        "mo",
        "mont",
        "neb",
        "nev",
        "okla",
        "ore",
        "pa",
        "tenn",
        "tex",
        "va",
        "vt",
        "wash",
        "wis",
        "wyo",
    ]
)

# Every abbreviation the rules know of; after one, a lowercase word goes on the sentence.
KNOWN_ABBREVIATIONS = (
    LINKING
    | BEFORE_NUMBER
    | COMPANY_SUFFIXES
    | PERSONAL_SUFFIXES
    | UNITS
    | STATES
    | frozenset(
        [
            "dept",
            "depts",
            "govt",
            "univ",
            "inst",
            "intl",
            "natl",
            "assoc",
            "admin",
            "mgr",
            "mgmt",
            "exec",
            "approx",
            "est",
            "misc",
            "dist",
            "twp",
            "cty",
            "ave",
            "blvd",
            "rd",
            "hwy",
            "pkwy",
            "ln",
            "st",
            "mt",
            "ft",
        ]
    )
)

# Initialisms of places and bodies; two other capitals with stops may be a person's initials
# ("E.B. White"), after which a capitalized word is a surname, not a new sentence.
PLACE_INITIALISMS = frozenset(["u.s", "u.k", "u.n", "e.u", "d.c", "l.a", "n.y", "n.j", "u.s.a", "u.a.e", "p.o", "s.f"])
# Cities, whose initialisms head names of teams and papers ("the L.A. Lakers won", "N.Y. Times").
CITY_INITIALISMS = frozenset(["d.c", "l.a", "n.y", "n.j", "s.f"])
# Plural-looking words that continue a name after a country's or a body's initialism ("U.S. Marines",
# "U.S. Airways", "U.N. Forces"); any other plural after one, followed by a lowercase word, is a
# common noun opening the next sentence ("... the F.D.A. Regulators said").
NAME_HEADS = frozenset(
    [
        "forces",
        "marines",
        "rangers",
        "marshals",
        "guards",
        "airways",
        "airlines",
        "industries",
        "holdings",
        "systems",
        "communications",
        "technologies",
        "partners",
        "associates",
        "brands",
        "foods",
        "motors",
        "pharmaceuticals",
        "services",
        "sciences",
        "studios",
        "records",
        "nationals",
        "championships",
        "olympics",
        "games",
        "news",
        "courts",
        "attorneys",
        "representatives",
        "affairs",
        "relations",
        "nations",
        "states",
        "times",
        "open",
        "masters",
        "series",
    ]
)


@lru_cache(maxsize=1)
def news_lowercase_words() -> frozenset[str]:
    """Words news writes lowercase inside sentences and never capitalizes there (shipped statistics)."""
    path = Path(__file__).parent / "data" / "news_lowercase_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))
