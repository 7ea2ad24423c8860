"""Symbols left after the other rules, as words; invisible and unspeakable characters removed."""

from __future__ import annotations

import re
import unicodedata

_BETWEEN_NUMBERS = re.compile(r"(?<=\d)\s?(?P<op>[+×x*=])\s?(?=\d)")
_OPERATORS = {"+": "plus", "×": "by", "x": "by", "*": "times", "=": "equals"}
_SIGNED = re.compile(r"(?<![\w])\+(?=\d)")
_HASHTAG = re.compile(r"(?<![\w&])#(?=[A-Za-z])")
_HANDLE = re.compile(r"(?<![\w])@(?=\w)")
# Markup tags that slipped through ("<br/>", "<noise/>") are not read out.
_MARKUP = re.compile(r"</?[A-Za-z][\w:-]{0,30}(?:\s[^<>]{0,200})?/?>")
_CITATION = re.compile(r"\[\d{1,3}(?:[,–-]\s?\d{1,3})*\]")
_EMPHASIS = re.compile(r"(?<![\w])[_*]+(?=\w)|(?<=\w)[_*]+(?![\w])")
_DASH = re.compile(r"(?<!\s)\s*(?:—|--+|\s–\s)\s*")
_WORDS = {
    "&": " and ",
    "%": " percent",
    "@": " at ",
    "#": " number ",
    "°": " degrees",
    "~": " about ",
    "≈": " about ",
    "<": " less than ",
    ">": " more than ",
    "≤": " at most ",
    "≥": " at least ",
    "=": " equals ",
    "+": " plus ",
    "§": " section ",
    "¶": " paragraph ",
    "©": " copyright ",
    "№": " number ",
    "→": " to ",
    "←": " from ",
    "±": " plus or minus ",
    "/": " slash ",
    "\\": " ",
    "|": ", ",
    "•": ", ",
    "·": " ",
    "^": " ",
    "*": " ",
    "_": " ",
    "{": " ",
    "}": " ",
    "®": "",
    "™": "",
    "†": "",
    "‡": "",
    "$": " dollar ",
    "€": " euro ",
    "£": " pound ",
    "¥": " yen ",
    "₴": " hryvnia ",
    "¢": " cents",
}
_SYMBOL = re.compile("[" + re.escape("".join(_WORDS)) + "]")
_SPACES = re.compile(r"\s{2,}|[\t\n\r\u00a0]")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<!\s)\s+(?=[,.;:!?)\]”’])")
_REPEATED_COMMA = re.compile(r",(?:\s*,)+")
_GLUED_COMMA = re.compile(r"(?<=\S),(?=[^\W\d])")
_LEADING_COMMA = re.compile(r"^[\s,]+")
# Symbols later rules read ("−5", "2×4", "½", "5′11″"), kept although they are not letters.
_HANDLED_SYMBOLS = frozenset("$€£¥₴₽₹₩₦₺₪¢−×÷°′″½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞²³µ")
# Letters, digits, marks, spaces and ordinary punctuation are kept; pictographs and controls go.
_KEEP_CATEGORIES = ("L", "M", "N", "Z", "P")


def strip_unspeakable(text: str) -> str:
    """Remove control and format characters, emoji and other pictographs; one space between words."""
    if text.isascii():
        text = "".join(ch if ch.isprintable() else " " for ch in text)
    else:
        text = "".join(ch if _speakable(ch) else " " for ch in text)
    # Later rules may then assume single spaces, which keeps every one of them linear.
    return _SPACES.sub(" ", text).strip()


def _speakable(ch: str) -> bool:
    """True for characters an engine can read or use (letters, digits, punctuation, known symbols)."""
    if ch in _WORDS or ch in _HANDLED_SYMBOLS:
        return True
    category = unicodedata.category(ch)
    return category[0] in _KEEP_CATEGORIES and category not in ("Zl", "Zp", "Co")


def apply(text: str, lang: str = "en") -> str:
    """Name the remaining symbols and tidy spacing and punctuation."""
    text = _MARKUP.sub(" ", text) if "<" in text else text
    text = _CITATION.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _DASH.sub(", ", text)
    text = _BETWEEN_NUMBERS.sub(lambda m: f" {_OPERATORS[m['op']]} ", text)
    text = _SIGNED.sub("plus ", text)
    text = _HASHTAG.sub("hashtag ", text)
    text = _HANDLE.sub("at ", text)
    text = _SYMBOL.sub(lambda m: _WORDS[m.group(0)], text)
    return tidy(text)


def tidy(text: str) -> str:
    """Single spaces, no space before punctuation, no doubled commas."""
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    text = _REPEATED_COMMA.sub(",", text)
    text = _GLUED_COMMA.sub(", ", text)
    return _LEADING_COMMA.sub("", text).strip()
