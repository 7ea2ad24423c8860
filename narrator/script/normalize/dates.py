"""Dates in their common written forms, decades and quarters."""

from __future__ import annotations

import re

from .patterns import END, START
from .words import cardinal, ordinal, plural, year

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_NAMES = {m.lower(): i for i, m in enumerate(MONTHS, 1)} | _ABBREVIATIONS
# Full names in any case; abbreviations capitalized or in capitals, with an optional period.
_MONTH = (
    r"(?P<month>(?i:january|february|april|june|july|august|september|october|november|december)"
    r"|March|MARCH|May|MAY|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC"
    r"|jan|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_MONTH_DAY = re.compile(
    r"\b" + _MONTH + r"[ -]" + _DAY + r"(?![\d:]|[.,]\d)(?P<comma>,?)(?:[ ]" + _YEAR + r"\b(?![.,]\d))?"
)
_DAY_MONTH = re.compile(START + r"(?:the )?" + _DAY + r" (?:of )?" + _MONTH + r"(?:,? " + _YEAR + r"\b(?![.,]\d))?")
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r",? " + _YEAR + r"\b(?![.,]\d)")
_ISO = re.compile(START + r"(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)" + END)
_SLASHED = re.compile(START + r"(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<year>\d{4}|\d{2})" + END + r"(?!/)")
_YEAR_FIRST = re.compile(START + r"(?P<year>\d{4})/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)" + END + r"(?!/)")
_DOTTED = re.compile(START + r"(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>\d{4})" + END)
_WEEKDAYS = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Tues": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Thur": "Thursday",
    "Thurs": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}
_WEEKDAY = re.compile(r"\b(?P<day>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.(?=,? (?:[A-Z][a-z]{2}|\d))")
# "on 11/5": after "on", a slashed pair is a month and day, not a fraction.
_ON_DAY = re.compile(r"(?<=\b[Oo]n )(?P<month>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)" + END + r"(?!/)")
_DECADE = re.compile(
    r"(?<![\w.,])(?:(?P<century>1[0-9]|20)|['’])?(?P<decade>\d0)'?s\b(?P<to>\s?[-–]\s?(?=(?:1[0-9]|20|['’])?\d0'?s\b))?"
)
# "3 march 2015", "may 5, 2020": lowercase "march" and "may" are months only next to a day and a year.
_LOWER_DAY_MONTH = re.compile(
    START + r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)? (?:of )?(?P<month>march|may),? (?P<year>\d{4})\b(?![.,]\d)"
)
_LOWER_MONTH_DAY = re.compile(r"\b(?P<month>march|may) (?P<day>[0-3]?\d)(?:st|nd|rd|th)?,? (?P<year>\d{4})\b(?![.,]\d)")
# "the 1970 s": a decade with a stray space before its "s".
_SPACED_DECADE = re.compile(r"(?<![\w.,])((?:1[0-9]|20)\d0) s\b(?!['’]\w)")
_QUARTER = re.compile(r"\b(?:(?P<n>[1-4])Q|Q(?P<m>[1-4]))[ ']?(?P<year>\d{4}|\d{2})?\b")


def apply(text: str, lang: str = "en") -> str:
    """Spoken forms of the dates in text."""
    text = _ISO.sub(lambda m: _date(int(m["month"]), int(m["day"]), m["year"], lang, ", "), text)
    text = _YEAR_FIRST.sub(lambda m: _date(int(m["month"]), int(m["day"]), m["year"], lang, ", "), text)
    text = _DOTTED.sub(lambda m: _date(int(m["month"]), int(m["day"]), m["year"], lang, ", "), text)
    text = _SLASHED.sub(lambda m: _slashed(m, lang), text)
    text = _ON_DAY.sub(lambda m: _date(int(m["month"]), int(m["day"]), None, lang, ""), text)
    text = _WEEKDAY.sub(lambda m: _WEEKDAYS[m["day"]], text)
    text = _LOWER_DAY_MONTH.sub(lambda m: _day_month(m, lang), text)
    text = _LOWER_MONTH_DAY.sub(lambda m: _month_day(m, lang), text)
    text = _MONTH_DAY.sub(lambda m: _month_day(m, lang), text)
    text = _DAY_MONTH.sub(lambda m: _day_month(m, lang), text)
    text = _MONTH_YEAR.sub(lambda m: f"{_month_name(m['month'])} {year(int(m['year']), lang)}", text)
    text = _DECADE.sub(lambda m: _decade(m, lang), _SPACED_DECADE.sub(r"\1s", text))
    return _QUARTER.sub(lambda m: _quarter(m, lang), text)


def _month_name(written: str) -> str:
    """ "Nov." → "November"."""
    return MONTHS[_NAMES[written.rstrip(".").lower()] - 1]


def _date(month: int, day: int, written_year: str | None, lang: str, comma: str) -> str:
    """ "November twenty-third, twenty twenty-four"; invalid dates come back as written."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        # Not a date after all: read the parts as numbers rather than leave a digit string.
        return " ".join(p for p in (written_year, str(month), str(day)) if p)
    spoken = f"{MONTHS[month - 1]} {ordinal(day, lang)}"
    return f"{spoken}{comma}{_year(written_year, lang)}" if written_year else spoken


def _year(written: str, lang: str) -> str:
    """A written year; two digits are read as a number ("ninety-eight")."""
    if len(written) == 2:
        return cardinal(int(written), lang) if not written.startswith("0") else f"oh {cardinal(int(written), lang)}"
    return year(int(written), lang)


def _slashed(match: re.Match[str], lang: str) -> str:
    """ "11/23/2024": month first as in US style, unless the first part cannot be a month."""
    a, b = int(match["a"]), int(match["b"])
    month, day = (a, b) if a <= 12 else (b, a)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group(0)
    return _date(month, day, match["year"], lang, ", ")


def _month_day(match: re.Match[str], lang: str) -> str:
    """ "Nov. 23, 2024" → "November twenty-third, twenty twenty-four"."""
    day = int(match["day"])
    if not 1 <= day <= 31:
        return match.group(0)
    spoken = f"{_month_name(match['month'])} {ordinal(day, lang)}"
    if match["year"]:
        return f"{spoken}, {year(int(match['year']), lang)}"
    return spoken + match["comma"]


def _day_month(match: re.Match[str], lang: str) -> str:
    """ "23 November 2024" → "the twenty-third of November twenty twenty-four"."""
    day = int(match["day"])
    if not 1 <= day <= 31:
        return match.group(0)
    spoken = f"the {ordinal(day, lang)} of {_month_name(match['month'])}"
    return f"{spoken} {year(int(match['year']), lang)}" if match["year"] else spoken


def _decade(match: re.Match[str], lang: str) -> str:
    """ "1990s" → "nineteen nineties"; "'80s" → "eighties"."""
    to = " to " if match["to"] else ""
    if match["century"]:
        return plural(year(int(match["century"] + match["decade"]), lang)) + to
    return plural(cardinal(int(match["decade"]), lang)) + to


def _quarter(match: re.Match[str], lang: str) -> str:
    """ "Q3 2024" or "3Q24" → "the third quarter of twenty twenty-four"."""
    spoken = f"the {ordinal(int(match['n'] or match['m']), lang)} quarter"
    return f"{spoken} of {_year(match['year'], lang)}" if match["year"] else spoken
