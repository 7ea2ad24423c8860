"""Lexicon suggestions for misheard names: candidate respellings, their IPA, a try-out, and a TOML file."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from itertools import takewhile
from pathlib import Path

from ..errors import OutputError
from ..files import write_bytes_atomic
from .phonemes import ipa
from .report import Suggestion

HEADER = "# Suggested by narrator check"
"""First line of every lexicon the check writes; only such a file is ever replaced."""
MAX_CANDIDATES = 4
"""Respellings proposed (and tried) per name."""

# How a reader of many European languages says a vowel letter, as an English respelling.
_OPEN = {"a": "ah", "e": "eh", "i": "ee", "o": "oh", "u": "oo", "y": "ee"}
_CLOSED = {"a": "a", "e": "e", "i": "i", "o": "o", "u": "uh", "y": "i"}
_DIGRAPHS = {
    "ij": "eye",
    "ei": "eye",
    "ai": "eye",
    "ie": "ee",
    "oe": "oo",
    "ou": "ow",
    "au": "ow",
    "eu": "oy",
    "ui": "ow",
    "aa": "ah",
    "ee": "ay",
    "oo": "oh",
    "uu": "oo",
}
_CONSONANTS = (("sch", "sh"), ("sz", "sh"), ("cz", "ch"), ("zh", "zh"), ("j", "y"), ("w", "v"))
_SYLLABLE = re.compile(r"([^aeiouy]*)([aeiouy]+)")


def syllables(word: str) -> list[tuple[str, str]]:
    """(consonants, vowels) of each syllable of a lower-case word, consonants after the last vowel joined to it."""
    found = _SYLLABLE.findall(word)
    tail = word[sum(len(a) + len(b) for a, b in found) :]
    if not found:
        return [(word, "")]
    if tail:
        found[-1] = (found[-1][0], found[-1][1] + tail)
    return found


def candidate_respellings(word: str) -> list[str]:
    """A few respellings of a name to try, most English-like first: syllables split and vowels read as written."""
    letters = word.lower()
    parts = syllables(letters)
    candidates = []
    for closed_first in (True, False):
        for foreign_consonants in (False, True):
            pieces = []
            for n, (onset, vowels) in enumerate(parts):
                if foreign_consonants:
                    for written, said in _CONSONANTS:
                        onset = onset.replace(written, said)
                pieces.append(
                    onset + _vowel(vowels, closed=closed_first and n == 0, last=n == len(parts) - 1 and n > 0)
                )
            candidates.append(_hyphenated(pieces))
    unique = [c[:1].upper() + c[1:] for c in dict.fromkeys(candidates) if c.replace("-", "") != letters]
    return unique[:MAX_CANDIDATES]


def _vowel(group: str, *, closed: bool, last: bool) -> str:
    """A syllable's vowel letters (and any closing consonants) respelled."""
    vowels = re.match(r"[aeiouy]+", group)
    core, rest = (vowels.group(0), group[vowels.end() :]) if vowels else ("", group)
    if last and core == "e" and not rest:
        return "uh"  # a final e is said, and unstressed
    said = _DIGRAPHS.get(core[:2], "") or (_CLOSED if closed else _OPEN).get(core[:1], core)
    return said + rest


def _hyphenated(pieces: Sequence[str]) -> str:
    """Syllables joined by hyphens, the first of two or more consonants closing the syllable before.

    The hyphen keeps eSpeak from flapping a t.
    """
    pieces = [p for p in pieces if p]
    for n in range(1, len(pieces)):
        onset = "".join(takewhile(lambda c: c not in "aeiouy", pieces[n]))
        if len(onset) >= 2 and onset not in ("sh", "ch", "zh", "th", "ph"):
            pieces[n - 1], pieces[n] = pieces[n - 1] + onset[0], pieces[n][1:]
    return "-".join(pieces)


def suggestions_for(names: Sequence[str], written: dict[str, str]) -> list[Suggestion]:
    """One untried suggestion per name (its first candidate), with IPA; `written`: a name's spelling in the article."""
    words = [written.get(name, name) for name in names]
    respellings = [next(iter(candidate_respellings(w)), w) for w in words]
    return [
        Suggestion(word, said, phonemes)
        for word, said, phonemes in zip(words, respellings, ipa(respellings), strict=True)
    ]


def write_lexicon(path: Path, suggestions: Sequence[Suggestion], source: str) -> None:
    """Write the suggestions as a lexicon TOML file for `--lexicon`; never over a file the check did not write."""
    path = check_lexicon_target(path)
    lines = [f"{HEADER} for {source}: review before use (a recognizer's opinion, not a certainty).", "", "[words]"]
    lines += [
        f"{json.dumps(s.word, ensure_ascii=False)} = {json.dumps(s.respelling, ensure_ascii=False)}"
        for s in suggestions
    ]
    phonemes = [s for s in suggestions if s.phonemes]
    if phonemes:
        lines += [
            "",
            "[phonemes]",
            "# For engines that read IPA (Piper): the respelling as eSpeak NG's US English says it.",
        ]
        lines += [
            f"{json.dumps(s.word, ensure_ascii=False)} = {json.dumps(s.phonemes, ensure_ascii=False)}" for s in phonemes
        ]
    write_bytes_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))


def check_lexicon_target(path: Path) -> Path:
    """`path` if suggestions may be written there (a .toml name, in a folder, not another's file), else OutputError."""
    path = Path(path)
    if path.suffix.lower() != ".toml":
        raise OutputError(f"lexicon {path} must end in .toml")
    if not path.parent.is_dir():
        raise OutputError(f"folder {path.parent} does not exist")
    if path.exists() and not _ours(path):
        raise OutputError(f"{path} exists and was not written by narrator check; choose another name")
    return path


def _ours(path: Path) -> bool:
    """True if `path` starts with the check's header line."""
    try:
        with open(path, encoding="utf-8") as stream:
            return stream.readline().startswith(HEADER)
    except (OSError, UnicodeDecodeError):
        return False
