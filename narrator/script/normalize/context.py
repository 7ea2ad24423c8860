"""Number tokens whose class only context tells: local phone numbers, service numbers, ratios,
splits and model numbers ("555-0100", "dial 911", "3:1", "50/50", "737 MAX")."""

from __future__ import annotations

import re

from .abbreviations import house_number
from .words import cardinal, digits, number

# "555-0100": three digits, a hyphen, four digits is a local phone number, unless the words
# before it announce a span ("from 300-1200", "pages 120-1350").
_LOCAL_PHONE = re.compile(r"(?<![\w.,$€£¥#/-])(?P<a>\d{3})-(?P<b>\d{4})(?![\w-]|[.,]\d)")
_SPAN_WORDS = re.compile(r"(?i:\b(?:from|between|pages?|pp\.?|p\.|years?|yrs?\.?|ages?|nos?\.?|numbers|circa|c\.|ca\.)\s*)$")
# Emergency and service numbers are said digit by digit ("nine one one").
_SERVICE = re.compile(
    r"(?<![\w.,$/-])(?:(?P<any>911|999)|(?<=(?i:call|dial|text|ring) )(?P<called>[2-8]11|112|000|111|988))(?![\w/-]|[.,:]\d)"
)
_NOT_SERVICE_BEFORE = re.compile(r"(?i:porsche|model|flight|route|no\.?|number|#)\s*$")
# "3:1", "10:1": a colon between numbers that is not a clock time (those are read already).
_RATIO = re.compile(r"(?<![\w.:,])(?P<a>\d{1,3}):(?P<b>\d{1,3})(?![\d:]|[.,]\d)")
# "50/50", "60/40": a split of a whole, not a fraction.
_SPLIT = re.compile(r"(?<![\w./-])(?P<a>\d{1,3})/(?P<b>\d{1,3})(?![\w/]|[.,]\d)")
# "737 MAX", "Boeing 747": a three-digit model number is said in pairs ("seven thirty-seven").
_MAKERS = ("Boeing|Airbus|Porsche|Peugeot|Cessna|Embraer|Bombardier|Lockheed|Tupolev|Antonov|Ilyushin|Sukhoi|Volvo|Fiat"
           "|Ferrari|Mazda|Nikon|Canon|Yamaha|Ducati|Saab|Learjet|Gulfstream|Douglas|Dassault|Fokker|Piper|Beechcraft")
_MODEL = re.compile(
    r"(?<![\w.,$€£#/-])(?P<num>[1-9]\d{2})(?![\w,/-]|[.:]\d)"
    r"(?=(?P<suffix> (?!(?:AM|PM|GMT|UTC|BST|CET|EST|EDT|PST|PDT|CST|CDT|MST|MDT|USD|EUR|GBP|JPY|CHF|CAD|AUD|KB|MB|GB|TB"
    r"|MW|GW|KW|HP|BC|AD|BCE|CE|AM|FM|ET|PT|CT|MT)\b)[A-Z]{2,}\b)?)"
)
_MAKER_BEFORE = re.compile(r"\b(?:" + _MAKERS + r") $")


# "part no. 45-6789", "order #12-345": digit groups after an identifier word are a code, not a range.
_ID_CODE = re.compile(r"(?i:\b(?:number|no\.|nos?|#|part|model|serial|code|ref\.?|id|account|order|item|case|docket|file)"
                      r"\s?)(?P<code>\d+(?:-\d+)+)(?![\w-])")
# "v2.0", "version 3.1.4": versions are read point by point.
_VERSION = re.compile(r"(?<![\w.])(?P<v>[vV](?=\d))?(?P<num>\d+(?:\.\d+){1,3})(?![\w]|\.\d)")
# "0800 123 456": a group with a leading zero and spaced groups after it is a phone number.
_SPACED_PHONE = re.compile(r"(?<![\w.,])(?P<phone>0\d{2,4}(?: \d{3,4}){1,3})(?![\w.,]\d|\w)")


def apply(text: str, lang: str = "en") -> str:
    """Read the number tokens whose class the surrounding words decide."""
    if "-" in text:
        text = _ID_CODE.sub(lambda m: _id_code(m, lang), text)
    text = _SPACED_PHONE.sub(lambda m: ", ".join(digits(g, lang) for g in m["phone"].split()), text)
    if "." in text:
        text = _VERSION.sub(lambda m: _version(m, lang), text)
    if "-" in text:
        text = _LOCAL_PHONE.sub(lambda m: _local_phone(m, lang), text)
    text = _SERVICE.sub(lambda m: _service(m, lang), text)
    if ":" in text:
        text = _RATIO.sub(lambda m: f"{cardinal(int(m['a']), lang)} to {cardinal(int(m['b']), lang)}", text)
    if "/" in text:
        text = _SPLIT.sub(lambda m: _split(m, lang), text)
    return _MODEL.sub(lambda m: _model(m, lang), text)


def _local_phone(match: re.Match[str], lang: str) -> str:
    """"555-0100" → "five five five, zero one zero zero"; a span stays for the range rule."""
    if _SPAN_WORDS.search(match.string, max(0, match.start() - 12), match.start()):
        return match.group(0)
    return f"{digits(match['a'], lang)}, {digits(match['b'], lang)}"


def _service(match: re.Match[str], lang: str) -> str:
    """"911" → "nine one one", except as a name ("Porsche 911", "Flight 911")."""
    if _NOT_SERVICE_BEFORE.search(match.string, max(0, match.start() - 10), match.start()):
        return match.group(0)
    return digits(match.group(0), lang)


def _split(match: re.Match[str], lang: str) -> str:
    """"50/50" → "fifty-fifty", "60/40" → "sixty forty"; real fractions are left to the fraction rule."""
    a, b = int(match["a"]), int(match["b"])
    if a == b and a >= 2:
        return f"{cardinal(a, lang)}-{cardinal(b, lang)}"
    if a + b == 100 and a >= 10 and b >= 10:
        return f"{cardinal(a, lang)} {cardinal(b, lang)}"
    return match.group(0)


def _model(match: re.Match[str], lang: str) -> str:
    """A model number in pairs when a maker precedes it or a capitalized model name follows it."""
    maker = _MAKER_BEFORE.search(match.string, max(0, match.start() - 12), match.start())
    if not maker and not match["suffix"]:
        return match.group(0)
    return house_number(match["num"], lang)


def _id_code(match: re.Match[str], lang: str) -> str:
    """"no. 45-6789" → "number four five, six seven eight nine"."""
    word = match.group(0)[:match.start("code") - match.start()]
    if word.strip().lower() in ("no.", "no", "#"):
        word = "number "
    elif word.strip().lower() == "nos":
        word = "numbers "
    return word + ", ".join(digits(group, lang) for group in match["code"].split("-"))


def _version(match: re.Match[str], lang: str) -> str:
    """"v2.0" → "version two point zero", "3.1.4" → "three point one point four"; plain decimals are left."""
    parts = match["num"].split(".")
    if not match["v"] and len(parts) < 3:
        return match.group(0)
    spoken = " point ".join(number(part, lang) if len(part) <= 2 else digits(part, lang) for part in parts)
    return f"version {spoken}" if match["v"] else spoken
