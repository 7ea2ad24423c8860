"""Number words from num2words, tidied for speech (no commas, no British "and")."""

from __future__ import annotations

import re
from functools import lru_cache

from num2words import num2words

# num2words is slow and unbounded on huge integers; longer digit runs are read digit by digit.
MAX_CARDINAL_DIGITS = 27
_AND = re.compile(r",|(?<=\w) and(?= )")
_SPACES = re.compile(r"\s+")

_LANG = "en"


def _tidy(words: str) -> str:
    """Drop the commas and "and" num2words puts in long numbers."""
    return _SPACES.sub(" ", _AND.sub("", words)).strip()


@lru_cache(maxsize=4096)
def cardinal(value: int, lang: str = _LANG) -> str:
    """ "one hundred twenty-three"."""
    if len(str(abs(value))) > MAX_CARDINAL_DIGITS:
        return digits(str(abs(value)), lang) if value >= 0 else f"minus {digits(str(-value), lang)}"
    try:
        words = num2words(value, lang=lang)
    except (NotImplementedError, OverflowError, ValueError):
        words = num2words(value, lang=_LANG)
    return _tidy(words) if lang == _LANG else words


@lru_cache(maxsize=1024)
def ordinal(value: int, lang: str = _LANG) -> str:
    """ "twenty-third"."""
    if len(str(value)) > MAX_CARDINAL_DIGITS:
        return cardinal(value, lang)
    try:
        return _tidy(num2words(value, lang=lang, to="ordinal"))
    except (NotImplementedError, OverflowError, ValueError):
        return _tidy(num2words(value, lang=_LANG, to="ordinal"))


@lru_cache(maxsize=1024)
def year(value: int, lang: str = _LANG) -> str:
    """ "twenty twenty-four", "nineteen oh-six", "two thousand five"."""
    if lang != _LANG:
        try:
            spoken: str = num2words(value, lang=lang, to="year")
            return spoken
        except (NotImplementedError, OverflowError, ValueError):
            return cardinal(value, lang)
    return _tidy(num2words(value, lang=_LANG, to="year")).replace("oh-", "oh ")


def digits(text: str, lang: str = _LANG) -> str:
    """Each digit as a word: "four one seven"."""
    return " ".join(_digit(ch, lang) for ch in text if ch.isdigit())


@lru_cache(maxsize=64)
def _digit(ch: str, lang: str) -> str:
    """One digit's word."""
    return cardinal(int(ch), lang)


def decimal(text: str, lang: str = _LANG) -> str:
    """ "3.14" → "three point one four"; ".5" → "point five"."""
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", "")
    point = "point" if lang == _LANG else _point_word(lang)
    head = number(whole, lang) if whole else ""
    tail = f"{point} {digits(fraction, lang)}" if fraction else ""
    return f"{head} {tail}".strip()


@lru_cache(maxsize=16)
def _point_word(lang: str) -> str:
    """The decimal point word num2words uses for a language."""
    try:
        spoken: str = num2words(1.5, lang=lang)
        return spoken.split()[1]
    except (NotImplementedError, IndexError, OverflowError):
        return "point"


def number(text: str, lang: str = _LANG) -> str:
    """An integer as written ("13,000", "007", "-5") in words."""
    text = text.replace(",", "")
    negative = text.startswith(("-", "−"))
    text = text.lstrip("-−+")
    if not text.isdigit():
        return text
    words = digits(text, lang) if len(text) > 1 and text.startswith("0") else cardinal(int(text), lang)
    return f"minus {words}" if negative else words


def plural(words: str) -> str:
    """Pluralize the last number word: "nineteen ninety" → "nineteen nineties"."""
    head, _, last = words.rpartition(" ")
    last_head, hyphen, last_word = last.rpartition("-")
    if last_word.endswith("y"):
        last_word = last_word[:-1] + "ies"
    elif last_word.endswith(("x", "s")):
        last_word += "es"
    else:
        last_word += "s"
    return f"{head} {last_head}{hyphen}{last_word}".strip()
