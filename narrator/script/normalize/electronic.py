"""URLs, email addresses, phone numbers and IP addresses, read piece by piece."""

from __future__ import annotations

import re

from .acronyms import letters, pronounceable
from .words import digits

_TLDS = (
    "com|org|net|gov|edu|mil|int|info|biz|io|ai|app|dev|tv|me|news|co|uk|us|eu|de|fr|it|es|nl|be|ch|at|"
    "pl|ua|ru|cn|jp|in|ca|au|nz|br|ie|se|no|dk|fi|il|za|ly|gl|to|online|site|tech|shop"
)
_URL = re.compile(r"(?<![\w@/.-])(?:(?:https?|ftp|file):///?|www\.)[^\s<>\"'()\[\]]+")
_DOMAIN = re.compile(
    r"(?<![\w@/.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:" + _TLDS + r")\b(?:/[^\s<>\"'()\[\]]*)?(?![\w@-])"
)
# All-lowercase "name.ext" with no space is a web address or file name whatever its ending
# ("ourdailynews.abc", "report.pdf"); single letters ("e.g", "a.m") are not.
_LOWERCASE_ADDRESS = re.compile(r"(?<![\w@/.-])[a-z0-9-]{2,63}(?:\.[a-z0-9-]{2,63})*\.[a-z]{2,6}(?![\w@.-])")
# Card, PIN and account endings are read digit by digit.
_DIGIT_CODE = re.compile(r"\b((?:ending|ends) in|PIN|PIN code|code)\s+(\d{3,8})\b")
_EMAIL = re.compile(r"(?<![\w.+&-])[\w.+&-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>\"']*)?")
_PHONE = re.compile(
    r"(?<![\w+-])(?P<country>\+\d{1,3}[\s.-]?)?(?P<area>\(\d{3}\)|\d{3})[\s.-]{0,2}(?P<a>\d{3})[\s.-](?P<b>\d{4})(?![\w-])"
    r"(?:,? (?:ext\.?|x|extension) ?(?P<ext>\d{1,6})\b)?"
)
_INTERNATIONAL = re.compile(
    r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(0\) ?\d{1,5}|[ .-]\(?\d{1,5}\)?)(?:[ .-]\(?\d{1,5}\)?){1,4}(?![\w-])"
    r"|(?<![\w+])\+\d{1,3}[ .-]\d{6,12}(?![\w-])"
)
_DIGIT_CHAIN = re.compile(r"(?<![\w.-])\d+(?:-\d+){2,}(?![\w-])")
_IP = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.]|\.\d)")
_PIECE = re.compile(r"[A-Za-z]+|\d+|[^A-Za-z\d]")
_SYMBOLS = {
    ".": "dot",
    "/": "slash",
    "-": "dash",
    "_": "underscore",
    ":": "colon",
    "@": "at",
    "?": "question mark",
    "=": "equals",
    "&": "ampersand",
    "#": "hash",
    "%": "percent",
    "~": "tilde",
    "+": "plus",
}
_TRAILING = ".,;:!?"


def apply(text: str, lang: str = "en") -> str:
    """Spoken forms of the web and phone addresses in text."""
    if "@" in text:
        text = _EMAIL.sub(lambda m: _address(m, drop_scheme=False), text)
    if "." in text or "/" in text:
        text = _URL.sub(lambda m: _address(m, drop_scheme=True), text)
        text = _DOMAIN.sub(lambda m: _address(m, drop_scheme=False), text)
        text = _LOWERCASE_ADDRESS.sub(lambda m: _address(m, drop_scheme=False), text)
        text = _IP.sub(lambda m: " dot ".join(digits(p, lang) for p in m.group(0).split(".")), text)
    return text


def apply_numbers(text: str, lang: str = "en") -> str:
    """Phone numbers, digit codes and other hyphenated digit groups (after dates have taken theirs)."""
    text = _DIGIT_CODE.sub(lambda m: f"{m.group(1)} {digits(m.group(2), lang)}", text)
    text = _PHONE.sub(lambda m: _phone(m, lang), text)
    text = _INTERNATIONAL.sub(lambda m: _international(m.group(0), lang), text)
    return _DIGIT_CHAIN.sub(lambda m: ", ".join(digits(p, lang) for p in m.group(0).split("-")), text)


def _address(match: re.Match[str], drop_scheme: bool) -> str:
    """Read an address piece by piece; a sentence's final punctuation stays outside it."""
    written = match.group(0)
    trailing = ""
    while written and written[-1] in _TRAILING:
        trailing = written[-1] + trailing
        written = written[:-1]
    if drop_scheme:
        # "https://" is noise to a listener; other schemes ("file:") are part of the address.
        written = re.sub(r"^https?://", "", written)
    words = [_piece(p) for p in _PIECE.findall(written) if not p.isspace()]
    return " ".join(w for w in words if w) + trailing


_COUNTRY_CODES = frozenset(
    [
        "uk",
        "us",
        "eu",
        "de",
        "fr",
        "it",
        "es",
        "nl",
        "be",
        "ch",
        "at",
        "pl",
        "ua",
        "ru",
        "cn",
        "jp",
        "ca",
        "au",
        "nz",
        "br",
        "ie",
        "se",
        "dk",
        "fi",
        "il",
        "za",
        "gr",
        "pt",
        "cz",
    ]
)
_SAID_AS = {"jpg": "jpeg", "gif": "gif", "png": "P.N.G.", "www": "W.W.W."}


def _piece(piece: str) -> str:
    """One piece of an address: a word, a number read digit by digit, or a symbol's name."""
    if piece.isdigit():
        return digits(piece)
    if piece.lower() in _SAID_AS:
        return _SAID_AS[piece.lower()]
    if piece.lower() in _COUNTRY_CODES:
        return letters(piece)
    if piece.isalpha():
        lower = piece.lower()
        if not any(ch in "aeiouy" for ch in lower) or (piece.isupper() and not pronounceable(piece)):
            return letters(piece)
        return lower
    return _SYMBOLS.get(piece, "")


def _international(written: str, lang: str) -> str:
    """ "+44 20 7946 0958" → "plus four four, two zero, seven nine four six, zero nine five eight"."""
    groups = [g for g in re.findall(r"\(0\)|\d+", written) if g != "(0)"]  # the "(0)" is dialled only at home
    return "plus " + ", ".join(digits(g, lang) for g in groups)


def _phone(match: re.Match[str], lang: str) -> str:
    """ "+1 (123) 123-5678" → "plus one, one two three, one two three, five six seven eight"."""
    groups = [match["area"].strip("()"), match["a"], match["b"]]
    spoken = ", ".join(digits(g, lang) for g in groups)
    country = match["country"]
    if country:
        spoken = f"plus {digits(country, lang)}, {spoken}"
    if match["ext"]:
        spoken += f", extension {digits(match['ext'], lang)}"
    return spoken
