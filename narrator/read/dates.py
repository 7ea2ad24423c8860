"""Find publication dates written out in a line of text."""

from __future__ import annotations

import re

# Month names in the languages we guess; prefixes (first three letters) suffice for most.
_MONTHS: dict[str, int] = {}
for _names in (
    "january february march april may june july august september october november december",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "januari februari maart april mei juni juli augustus september oktober november december",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
):
    for _number, _name in enumerate(_names.split(), start=1):
        _MONTHS.setdefault(_name, _number)
        _MONTHS.setdefault(_name[:3], _number)
_MONTHS.update({"sept": 9, "mrz": 3, "mär": 3})

_MONTH = r"([^\W\d_]{3,10})\.?"
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?(\d{{4}})\b")
_NUMERIC_DMY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


def _iso(year: str, month: int | None, day: str) -> str | None:
    """Format a date as YYYY-MM-DD when its parts are plausible."""
    if month is None or not 1 <= month <= 12 or not 1 <= int(day) <= 31 or not 1900 <= int(year) <= 2100:
        return None
    return f"{int(year):04d}-{month:02d}-{int(day):02d}"


def _month(name: str) -> int | None:
    """Month number for a month name or abbreviation, or None."""
    name = name.lower()
    return _MONTHS.get(name) or _MONTHS.get(name[:3]) if len(name) >= 3 else None


def find_date(text: str) -> str | None:
    """The first date written in text, as ISO YYYY-MM-DD, or None."""
    match = _ISO.search(text)
    if match:
        return _iso(match.group(1), int(match.group(2)), match.group(3))
    match = _MONTH_DAY_YEAR.search(text)
    if match and _month(match.group(1)):
        return _iso(match.group(3), _month(match.group(1)), match.group(2))
    match = _DAY_MONTH_YEAR.search(text)
    if match and _month(match.group(2)):
        return _iso(match.group(3), _month(match.group(2)), match.group(1))
    match = _NUMERIC_DMY.search(text)
    if match:
        return _iso(match.group(3), int(match.group(2)), match.group(1))
    return None


def line_date(text: str) -> str | None:
    """The date on a short dateline, or None for longer text."""
    return find_date(text) if len(text.split()) <= 12 else None


def normalize_date(value: str | None) -> str | None:
    """Reduce any date or datetime string to YYYY-MM-DD, or None when it holds none."""
    if not value:
        return None
    return find_date(value.strip())
