"""Regular-expression pieces shared by the normalizers (all free of nested repetition)."""

from __future__ import annotations

import re

# A written number: "1,234,567.89", "1234.5", ".5", "42". Thousands groups must be exact.
NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
# Not glued to a word, a decimal point or another number on the left.
START = r"(?<![\w.,])"
# Not glued to a word or a decimal part on the right.
END = r"(?![\w]|[.,]\d)"
SCALE = r"(?i:thousand|million|billion|trillion)"
_SCALE_ABBREVIATIONS = {
    "k": "thousand",
    "m": "million",
    "mn": "million",
    "mln": "million",
    "b": "billion",
    "bn": "billion",
    "t": "trillion",
    "tn": "trillion",
    "tr": "trillion",
}
SCALE_SHORT = r"(?:k|m|mn|mln|b|bn|t|tn|tr)"
_AFTER = re.compile(r"[\s\"'”’)\]]*")


def scale_word(written: str | None) -> str:
    """ "bn" → "billion"; full words unchanged; None → ""."""
    if not written:
        return ""
    return _SCALE_ABBREVIATIONS.get(written.lower(), written.lower())


def ends_text(match: re.Match[str]) -> bool:
    """True when only spaces, quotes and brackets follow the match (its period ends the sentence)."""
    return _AFTER.fullmatch(match.string, match.end()) is not None


def keep_period(match: re.Match[str], spoken: str) -> str:
    """Spoken text, plus the full stop the match swallowed when it also ended the sentence."""
    return spoken + "." if match.group(0).endswith(".") and ends_text(match) else spoken


# Words after an amount that show it is not a modifier of the next word ("a $5 fee" is one).
_NOT_NOUNS = frozenset(
    [
        "of",
        "in",
        "to",
        "for",
        "and",
        "or",
        "from",
        "on",
        "at",
        "with",
        "by",
        "per",
        "than",
        "more",
        "less",
        "was",
        "is",
        "were",
        "are",
        "be",
        "been",
        "each",
        "apiece",
        "a",
        "an",
        "the",
        "last",
        "this",
        "that",
        "over",
        "under",
        "into",
        "after",
        "before",
        "he",
        "she",
        "it",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "who",
        "which",
        "when",
        "while",
        "as",
        "so",
        "but",
        "if",
        "then",
        "also",
        "all",
        "a.m",
        "p.m",
        "am",
        "pm",
        "up",
        "down",
        "off",
        "out",
        "away",
        "back",
        "ago",
    ]
)
_DETERMINER_BEFORE = re.compile(r"(?i:\b(?:a|an|the|its|their|his|her|our|this|that|each|every))\s+$")
_WORD_AFTER = re.compile(r"[ -]([a-z][a-z-]{2,})\b")


def is_attributive(match: re.Match[str]) -> bool:
    """True when an amount modifies the noun after it ("a $1.2 billion budget", "a 5 km run"):
    English then uses the singular unit ("dollar", "kilometer")."""
    text = match.string
    if not _DETERMINER_BEFORE.search(text, max(0, match.start() - 8), match.start()):
        return False
    after = _WORD_AFTER.match(text, match.end())
    return after is not None and after.group(1) not in _NOT_NOUNS
