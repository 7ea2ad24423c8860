"""Number tokens whose class only context tells, tagged then verbalized (the tagger/verbalizer split
of Sproat et al. and NeMo): "555-0100" a phone number, "dial 911" a service number, "3:1" a ratio,
"50/50" a split, "737 MAX" a model, "no. 45-6789" a code, "v2.0" a version.

One pass finds every digit token with its joiners; `classify` decides its class from its shape and
the words on either side; a verbalizer per class says it, with num2words doing the words. A token
no class claims is left as written for the later rules (dates, ranges, fractions, plain numbers).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum

from .abbreviations import house_number
from .words import cardinal, digits, number


class NumberClass(Enum):
    """What a digit token is, as context tells."""

    PHONE = "phone"
    SERVICE = "service"
    RATIO = "ratio"
    SPLIT = "split"
    MODEL = "model"
    CODE = "code"
    VERSION = "version"
    QUANTITY = "quantity"
    OTHER = "other"


# A digit token: spaced groups after a leading zero ("0800 123 456"), or digit groups joined by
# "-", ":", "/" or "." ("555-0100", "3:1", "50/50", "3.1.4"), optionally after a version's "v".
_TOKEN = re.compile(
    r"(?<![\w.,$€£¥#/:-])(?:0\d{2,4}(?: \d{3,4}){1,3}(?![\w.,]\d|\w)"
    r"|(?P<v>[vV](?=\d))?\d{1,12}(?:[-:/.]\d{1,12})*(?![\w/:-]|[.,]\d))"
)
_LEFT_WORDS = 24  # how much text before a token the classifier reads

# Shapes of the classes.
_LOCAL_PHONE = re.compile(r"\d{3}-\d{4}")
_SPACED_PHONE = re.compile(r"0\d{2,4}(?: \d{3,4}){1,3}")
_SERVICE_NUMBER = re.compile(r"911|999|[2-8]11|112|000|111|988")
_RATIO = re.compile(r"(?P<a>\d{1,3}):(?P<b>\d{1,3})")
_SPLIT = re.compile(r"(?P<a>\d{1,3})/(?P<b>\d{1,3})")
_MODEL_NUMBER = re.compile(r"[1-9]\d{2}")
_CODE = re.compile(r"\d+(?:-\d+)+")
_VERSION = re.compile(r"\d+(?:\.\d+){1,3}")
_LONG_NUMBER = re.compile(r"[1-9]\d{4,8}")

# Words around a token that decide between classes.
_SPAN_BEFORE = re.compile(r"(?i:\b(?:from|between|pages?|pp\.?|p\.|years?|yrs?\.?|ages?|numbers|circa|c\.|ca\.)\s*)$")
_CALL_BEFORE = re.compile(r"(?i:\b(?:call|called|calling|dial|dialed|dialled|text|ring)\s+)$")
_NAME_BEFORE = re.compile(r"(?i:\b(?:porsche|model|flight|route|no\.?|number)\s*|#)$")
_ID_BEFORE = re.compile(
    r"(?i:\b(?P<word>number|no\.|nos|#|part|model|serial|code|ref\.?|id|account|order|item|case|docket|file)\s?)$"
)
# A long unformatted number is a code ("90210") unless it counts something: words of amount before
# it, or a plural noun after it ("about 12000 people", "12000 votes").
_AMOUNT_BEFORE = re.compile(
    r"(?i:\b(?:about|around|approximately|roughly|nearly|almost|over|under|than|some|total of"
    r"|population of|more than|up to|at least|estimated)\s+)$"
)
_CODE_WORD_BEFORE = re.compile(
    r"(?i:\b(?:code|zip|postcode|pin|account|number|no\.?|id|ref|order|flight|route|room|box"
    r"|suite|serial|ticket|case|file|model|part|item|invoice|tracking)\s*#?\s*)$"
)
_PLURAL_AFTER = re.compile(r" (?!(?:is|was|has|this|his|its|as|us|yes|plus|minus)\b)[a-z]{2,}s\b")
_MAKERS = (
    "Boeing|Airbus|Porsche|Peugeot|Cessna|Embraer|Bombardier|Lockheed|Tupolev|Antonov|Ilyushin|Sukhoi|Volvo|Fiat"
    "|Ferrari|Mazda|Nikon|Canon|Yamaha|Ducati|Saab|Learjet|Gulfstream|Douglas|Dassault|Fokker|Piper|Beechcraft"
)
_MAKER_BEFORE = re.compile(r"\b(?:" + _MAKERS + r") $")
# A capitalized model name after the number ("737 MAX"), not a unit, zone or currency.
_MODEL_NAME_AFTER = re.compile(
    r" (?!(?:AM|PM|GMT|UTC|BST|CET|EST|EDT|PST|PDT|CST|CDT|MST|MDT|USD|EUR|GBP|JPY|CHF|CAD|AUD|KB|MB|GB|TB"
    r"|MW|GW|KW|HP|BC|AD|BCE|CE|FM|ET|PT|CT|MT)\b)[A-Z]{2,}\b"
)


def apply(text: str, lang: str = "en") -> str:
    """Read the digit tokens whose class the surrounding words decide; leave the others."""
    if not any(ch.isdigit() for ch in text):
        return text
    return _TOKEN.sub(lambda m: _verbalize(m, classify(m), lang), text)


def classify(token: re.Match[str]) -> NumberClass:
    """The class of one digit token, from its shape and the words around it."""
    written, text = token.group(0), token.string
    left = text[max(0, token.start() - _LEFT_WORDS) : token.start()]
    if (token["v"] and _VERSION.fullmatch(written[1:])) or (_VERSION.fullmatch(written) and written.count(".") >= 2):
        return NumberClass.VERSION  # "v2.0", "3.1.4" (IP addresses were read before)
    if _CODE.fullmatch(written) and _ID_BEFORE.search(left):
        return NumberClass.CODE
    if _SPACED_PHONE.fullmatch(written) or (_LOCAL_PHONE.fullmatch(written) and not _SPAN_BEFORE.search(left)):
        return NumberClass.PHONE
    if (
        _SERVICE_NUMBER.fullmatch(written)
        and not _NAME_BEFORE.search(left)
        and (written in ("911", "999") or _CALL_BEFORE.search(left))
    ):
        return NumberClass.SERVICE
    if _RATIO.fullmatch(written):
        return NumberClass.RATIO  # clock times were read before; what is left is "3:1"
    split = _SPLIT.fullmatch(written)
    if split and _is_split(int(split["a"]), int(split["b"])):
        return NumberClass.SPLIT
    if _MODEL_NUMBER.fullmatch(written) and (_MAKER_BEFORE.search(left) or _MODEL_NAME_AFTER.match(text, token.end())):
        return NumberClass.MODEL
    if (
        _LONG_NUMBER.fullmatch(written)
        and not _CODE_WORD_BEFORE.search(left)
        and (_AMOUNT_BEFORE.search(left) or _PLURAL_AFTER.match(text, token.end()))
    ):
        return NumberClass.QUANTITY
    return NumberClass.OTHER


def _is_split(a: int, b: int) -> bool:
    """ "50/50" and "60/40" share out a whole; "3/4" is a fraction."""
    return (a == b and a >= 2) or (a + b == 100 and a >= 10 and b >= 10)


def _verbalize(token: re.Match[str], kind: NumberClass, lang: str) -> str:
    """The spoken form of a tagged token."""
    return _VERBALIZERS[kind](token, lang)


def _phone(token: re.Match[str], lang: str) -> str:
    """ "555-0100" → "five five five, zero one zero zero"."""
    return ", ".join(digits(group, lang) for group in re.split(r"[- ]", token.group(0)))


def _service(token: re.Match[str], lang: str) -> str:
    """ "911" → "nine one one"."""
    return digits(token.group(0), lang)


def _ratio(token: re.Match[str], lang: str) -> str:
    """ "3:1" → "three to one"."""
    a, b = token.group(0).split(":")
    return f"{cardinal(int(a), lang)} to {cardinal(int(b), lang)}"


def _split(token: re.Match[str], lang: str) -> str:
    """ "50/50" → "fifty-fifty", "60/40" → "sixty forty"."""
    a, b = (int(part) for part in token.group(0).split("/"))
    return f"{cardinal(a, lang)}-{cardinal(b, lang)}" if a == b else f"{cardinal(a, lang)} {cardinal(b, lang)}"


def _model(token: re.Match[str], lang: str) -> str:
    """ "737" → "seven thirty-seven", in pairs as model numbers are said."""
    return house_number(token.group(0), lang)


def _code(token: re.Match[str], lang: str) -> str:
    """ "45-6789" → "four five, six seven eight nine", with "no." before it said "number"."""
    return ", ".join(digits(group, lang) for group in token.group(0).split("-"))


def _version(token: re.Match[str], lang: str) -> str:
    """ "v2.0" → "version two point zero"; long parts digit by digit."""
    parts = token.group(0).lstrip("vV").split(".")
    spoken = " point ".join(number(part, lang) if len(part) <= 2 else digits(part, lang) for part in parts)
    return f"version {spoken}" if token["v"] else spoken


_VERBALIZERS: dict[NumberClass, Callable[[re.Match[str], str], str]] = {
    NumberClass.PHONE: _phone,
    NumberClass.SERVICE: _service,
    NumberClass.RATIO: _ratio,
    NumberClass.SPLIT: _split,
    NumberClass.MODEL: _model,
    NumberClass.CODE: _code,
    NumberClass.VERSION: _version,
    NumberClass.QUANTITY: lambda token, lang: cardinal(int(token.group(0)), lang),
    NumberClass.OTHER: lambda token, _lang: token.group(0),
}
