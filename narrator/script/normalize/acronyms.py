"""Acronyms and letter-number codes: "FBI" → "F B I", "NATO" → "Nato", "F-16" → "F sixteen"."""

from __future__ import annotations

import re

from .roman import value as roman_value
from .words import cardinal, digits, year

_DOTTED = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}(?!\w)")
_CAPS = re.compile(r"(?<![\w&'’.-])(?P<word>[A-Z][A-Z&]*[A-Z])(?P<suffix>['’]?s)?(?![\w&]|-\d)")  # "XJ-220" is a code
_CODE = re.compile(r"(?<![\w.-])(?P<code>(?:[A-Za-z]+-?\d+|\d+-?[A-Za-z]+)[A-Za-z0-9]*)(?![\w]|[.,]\d)")
_SPACED_INITIALS = re.compile(r"(?<![\w.])([A-Z])\. (?=[A-Z]\.)")
_ROMAN_NUMERAL = re.compile(r"(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_DOUBLE_STOP = re.compile(r"(?<=\b[A-Z]\.)\.(?!\.)")  # "USA." spelled "U.S.A." needs no second stop
_RUN = re.compile(r"[A-Za-z]+|\d+")
_VOWELS = frozenset("AEIOUY")
_ONSETS = frozenset(
    [
        "BL",
        "BR",
        "CH",
        "CL",
        "CR",
        "DR",
        "FL",
        "FR",
        "GL",
        "GR",
        "KL",
        "KR",
        "PH",
        "PL",
        "PR",
        "SC",
        "SH",
        "SK",
        "SL",
        "SM",
        "SN",
        "SP",
        "ST",
        "SW",
        "TH",
        "TR",
        "TW",
        "WH",
        "WR",
        "SCH",
        "SCR",
        "SPL",
        "SPR",
        "STR",
        "THR",
        "SHR",
        "QU",
    ]
)
_CODAS = frozenset(
    [
        "CH",
        "CK",
        "CT",
        "FT",
        "LD",
        "LF",
        "LK",
        "LL",
        "LM",
        "LP",
        "LT",
        "MP",
        "ND",
        "NG",
        "NK",
        "NT",
        "NS",
        "PT",
        "RB",
        "RD",
        "RK",
        "RL",
        "RM",
        "RN",
        "RP",
        "RS",
        "RT",
        "SH",
        "SK",
        "SP",
        "SS",
        "ST",
        "TH",
        "TS",
        "DS",
        "KS",
        "PS",
        "MS",
        "LS",
        "GS",
        "NDS",
        "NTS",
        "RST",
        "RTS",
        "NGS",
        "NKS",
        "XT",
    ]
)
_CLUSTER = re.compile(r"[AEIOUY]+|[^AEIOUY]+")
_CONSONANT_Y = re.compile(r"Y(?=[AEIOU])")
# Everyday words set in capitals for emphasis ("GET OUT and VOTE", "there IS a bar") are words.
COMMON_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "not",
        "no",
        "yes",
        "so",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "into",
        "onto",
        "out",
        "off",
        "up",
        "down",
        "over",
        "under",
        "is",
        "am",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "done",
        "has",
        "have",
        "had",
        "get",
        "got",
        "go",
        "goes",
        "went",
        "gone",
        "make",
        "made",
        "say",
        "said",
        "see",
        "saw",
        "seen",
        "come",
        "came",
        "take",
        "took",
        "give",
        "gave",
        "find",
        "found",
        "know",
        "knew",
        "think",
        "thought",
        "tell",
        "told",
        "i",
        "me",
        "my",
        "mine",
        "you",
        "your",
        "we",
        "our",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "they",
        "them",
        "their",
        "this",
        "that",
        "these",
        "those",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "why",
        "how",
        "which",
        "all",
        "any",
        "each",
        "every",
        "some",
        "many",
        "much",
        "more",
        "most",
        "less",
        "few",
        "one",
        "two",
        "three",
        "ten",
        "new",
        "old",
        "big",
        "top",
        "hot",
        "end",
        "win",
        "won",
        "lose",
        "lost",
        "now",
        "then",
        "here",
        "there",
        "very",
        "just",
        "only",
        "also",
        "even",
        "still",
        "yet",
        "too",
        "again",
        "ever",
        "never",
        "always",
        "must",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "let",
        "lets",
        "stop",
        "act",
        "vote",
        "wait",
        "help",
        "look",
        "read",
        "love",
        "hate",
        "good",
        "bad",
        "best",
        "worst",
        "real",
        "fake",
        "free",
        "great",
        "huge",
        "sale",
        "open",
        "close",
        "live",
        "dead",
        "news",
        "alert",
        "update",
        "breaking",
        "exclusive",
        "watch",
        "warning",
        "danger",
        "note",
        "final",
        "last",
        "first",
        "next",
        "day",
        "year",
        "time",
        "max",
        "pro",
        "plus",
        "mini",
        "ultra",
        "air",
        "sun",
        "fox",
        "war",
        "man",
        "men",
        "gun",
        "car",
        "bus",
        "job",
        "tax",
        "art",
        "law",
        "bill",
        "fire",
        "kill",
    ]
)


def apply(text: str, spell: frozenset[str], say: frozenset[str]) -> str:
    """Spell letter acronyms, say word acronyms, read codes part by part."""
    text = _SPACED_INITIALS.sub(r"\1.", text)
    text = _DOTTED.sub(_dotted, text)
    headline = _is_headline(text)
    text = _CAPS.sub(lambda m: _caps(m, spell, say, headline), text)
    return _DOUBLE_STOP.sub("", _CODE.sub(_code, text))


def letters(word: str) -> str:
    """ "FBI" → "F.B.I.": eSpeak NG reads dotted capitals as letter names every time, while
    spaced ones go wrong ("A P" is read "uh P") and bare unknown ones are read as words."""
    return "".join(ch.upper() + "." if ch.isalpha() else f" {ch} " for ch in word if ch.isalnum()).strip()


def _dotted(match: re.Match[str]) -> str:
    """ "U.S." → "U.S." and "e.g" style lowercase → capitals; the written period is kept."""
    return letters(match.group(0))


def _is_headline(text: str) -> bool:
    """True when capitals mean emphasis, not acronyms: an all-capitals line or mostly capitals."""
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    capitals = [w for w in words if w.isupper() and len(w) > 1]
    if len(capitals) >= 2 and len(capitals) == len(words):
        return True
    return len(capitals) >= 3 and len(capitals) * 2 >= len(words)


def _caps(match: re.Match[str], spell: frozenset[str], say: frozenset[str], headline: bool) -> str:
    """One all-capitals word."""
    word, suffix = match["word"], match["suffix"] or ""
    if "&" in word:
        return " and ".join(letters(part) for part in word.split("&")) + suffix
    if word in spell or word + suffix.lstrip("'’") in spell:
        return letters(word) + ("'s" if suffix else "")
    if word in say:
        return word.capitalize() + suffix
    if not suffix and _ROMAN_NUMERAL.fullmatch(word) and (len(word) >= 3 or word == "II"):
        return cardinal(roman_value(word))  # "XIV" standing alone is a number
    if headline or word.lower() in COMMON_WORDS:
        return word.capitalize() + suffix
    # Three capitals are spelled even when they could be a word ("LED", "GOP", "FED"): news writes
    # the ones said as words (GIF, SIM, ICE) in the lexicon's "say" list.
    if len(word) > 3 and pronounceable(word):
        return word.capitalize() + suffix
    return letters(word) + ("'s" if suffix else "")  # "C.E.O.'s": eSpeak misreads "C.E.O.s"


def pronounceable(word: str) -> bool:
    """Rough test that capitals can be read as an English word ("NATO" yes, "CNN" no)."""
    word = _CONSONANT_Y.sub("J", word.upper())
    clusters = _CLUSTER.findall(word)
    if not any(c[0] in _VOWELS for c in clusters) or len(word) > 12:
        return len(word) > 12
    if len(word) == 3 and [c[0] in _VOWELS for c in clusters] != [False, True, False]:
        return False  # CIA, CEO, UFO, USA: three letters not consonant-vowel-consonant are spelled
    first, last = clusters[0], clusters[-1]
    if first[0] not in _VOWELS and len(first) > 1 and first not in _ONSETS:
        return False
    plural_coda = last[-1] == "S" and (len(last) == 2 or last[:-1] in _CODAS)  # "FALLS", "BRICS"
    if last[0] not in _VOWELS and len(last) > 1 and last not in _CODAS and not plural_coda:
        return False
    return all(len(c) <= 3 for c in clusters[1:-1]) and all(len(c) <= 2 for c in clusters if c[0] in _VOWELS)


def _code(match: re.Match[str]) -> str:
    """ "B2A23C" → "B-two-A-twenty-three-C"; "F-16" → "F-sixteen"; "MI6" → "M-I-six".

    Hyphens hold the parts together for eSpeak NG, which reads a lone "A" before a
    number as the article "uh" but "A-sixteen" as the letter.
    """
    parts = []
    for run in _RUN.findall(match["code"]):
        if run.isdigit():
            parts.append(_code_number(run))
        elif run.isupper() and len(run) <= 4:
            parts.append("-".join(run))
        else:
            parts.append(run)
    return "-".join(parts)


def _code_number(run: str) -> str:
    """Digits inside a code: short ones as numbers, round ones as numbers, others digit by digit."""
    if len(run) <= 2 and not run.startswith("0"):
        return cardinal(int(run))
    if run.startswith("0") or len(run) > 6:
        return digits(run)
    if len(run) == 4 and 1100 <= int(run) <= 2099:
        return year(int(run))  # "FY2024", "COP2025"
    if len(run) == 3 and run[1] != "0":
        return f"{cardinal(int(run[0]))} {cardinal(int(run[1:]))}"  # A380 → "three eighty"
    if int(run) % 100 == 0:
        return cardinal(int(run))
    return digits(run)
