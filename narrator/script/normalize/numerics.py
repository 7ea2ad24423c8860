"""Plain numbers: ordinals, fractions, percentages, ranges, scores, decimals, cardinals."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .patterns import END, NUMBER, START, scale_word
from .words import cardinal, decimal, digits, number, ordinal, year

_ORDINAL = re.compile(START + r"(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th|ST|ND|RD|TH)\b")
_PERCENT = re.compile(START + r"([-−+]?)(" + NUMBER + r")\s?(%|per ?cent\b|percent\b)")
_RANGE = re.compile(r"(?<![\w.,-])(" + NUMBER + r"%?)\s?[-–—]\s?(?=" + NUMBER + r"(?!\d|[.,]\d|-\w))(?![\d.,]+[-–—]\d)")
_MIXED_FRACTION = re.compile(START + r"(\d+)\s(\d+)/(\d+)" + END + r"(?!/)")
_FRACTION = re.compile(START + r"(\d+)\s?/\s?(\d+)(?:ths?|THS?)?" + END + r"(?!/)")
_UNICODE_FRACTIONS = {
    "½": (1, 2),
    "⅓": (1, 3),
    "⅔": (2, 3),
    "¼": (1, 4),
    "¾": (3, 4),
    "⅕": (1, 5),
    "⅖": (2, 5),
    "⅗": (3, 5),
    "⅘": (4, 5),
    "⅙": (1, 6),
    "⅚": (5, 6),
    "⅛": (1, 8),
    "⅜": (3, 8),
    "⅝": (5, 8),
    "⅞": (7, 8),
}
_UNICODE_FRACTION = re.compile(r"(?<!\d)(?:(\d+)\s?)?([" + "".join(_UNICODE_FRACTIONS) + "])")
_SLASH_CHAIN = re.compile(r"(?<![\w./])\d+(?:/\d+){2,}(?![\w/])")
_TIMES = re.compile(r"(?<=\d)\s?[x×]\s?(?=\d)")
_SCALED = re.compile(START + r"(?P<num>" + NUMBER + r")\s?(?P<scale>bn|tn|mn|mln)\b")
_MULTIPLE = re.compile(START + r"(?P<num>" + NUMBER + r")x\b(?!\d)")
_NEGATIVE = re.compile(r"(?<![\w.,)\]/%-])[-−](?=[$€£]?\d|\.\d)")
_PLAIN = re.compile(START + r"(" + NUMBER + r")" + r"(?![\d])")
_ANY_DIGITS = re.compile(r"(?<!\d)\d+")
_YEAR = re.compile(r"1[1-9]\d\d|20\d\d")
# "1998/99", "2024/25": a season or fiscal year, not a fraction.
_YEAR_SPAN = re.compile(START + r"(?P<first>(?:1[1-9]|20)\d\d)/(?P<second>\d\d)" + END + r"(?!/)")
# "1.5M users", "3.2K views": a scale letter glued to a decimal, or to a number before a plural noun.
_SCALE_LETTER = re.compile(START + r"(?P<num>\d+\.\d+|\d+(?=[KMB] [a-z]+s\b))(?P<scale>[KMB])\b")
_SCALE_LETTERS = {"K": "thousand", "M": "million", "B": "billion"}


def apply_early(text: str, lang: str = "en") -> str:
    """Forms that must be read before plain numbers: fractions, percentages, ranges, ordinals."""
    text = _UNICODE_FRACTION.sub(_unicode_fraction, text) if _has_any(text, _UNICODE_FRACTIONS) else text
    text = _SLASH_CHAIN.sub(lambda m: " slash ".join(read_number(p, lang) for p in m.group(0).split("/")), text)
    text = _YEAR_SPAN.sub(lambda m: _year_span(m, lang), text)
    text = _MIXED_FRACTION.sub(lambda m: _mixed(m, lang), text)
    text = _FRACTION.sub(lambda m: fraction(int(m.group(1)), int(m.group(2)), lang), text)
    text = _TIMES.sub(" by ", text)
    text = _SCALED.sub(lambda m: f"{quantity(m['num'], lang)} {scale_word(m['scale'])}", text)
    text = _SCALE_LETTER.sub(lambda m: f"{quantity(m['num'], lang)} {_SCALE_LETTERS[m['scale']]}", text)
    text = _MULTIPLE.sub(lambda m: f"{quantity(m['num'], lang)} times", text)
    text = _RANGE.sub(lambda m: f"{_range_start(m, lang)}{_range_word(m)} ", text)
    text = _PERCENT.sub(lambda m: _percent(m, lang), text)
    return _ORDINAL.sub(lambda m: _ordinal(m, lang), text)


def apply_signs(text: str) -> str:
    """ "-5" → "minus 5" before the amount is read ("-3°C", "-$5", "-2.5%")."""
    return _NEGATIVE.sub("minus ", text) if "-" in text or "−" in text else text


def apply_late(text: str, lang: str = "en") -> str:
    """Every number still written in digits, read as a year, cardinal, decimal or digit string."""
    text = apply_signs(text)
    text = _PLAIN.sub(lambda m: _spaced(m, read_number(m.group(1), lang)), text)
    # Whatever digits the rules did not place ("114...48", "x2y") are still read, never skipped.
    return _ANY_DIGITS.sub(lambda m: f" {read_number(m.group(0), lang)} ", text) if _has_digit(text) else text


def _spaced(match: re.Match[str], spoken: str) -> str:
    """The spoken number, kept apart from a letter glued after it ("1.5x" is not "fivex")."""
    following = match.string[match.end() : match.end() + 1]
    return spoken + " " if following.isalpha() else spoken


def _has_digit(text: str) -> bool:
    """True when text still holds a digit."""
    return any(ch.isdigit() for ch in text)


def _range_start(match: re.Match[str], lang: str) -> str:
    """The first number of a range; a four-digit one is a year only when the other end may be."""
    first = match.group(1)
    second = _range_end(match)
    if _YEAR.fullmatch(first) and len(second) not in (2, 4):
        return quantity(first, lang)  # "1234-123kg" is a quantity, "1990-91" a span of years
    return first


def _range_word(match: re.Match[str]) -> str:
    """ " to" between the ends of a range; a comma when the numbers go down from a large one ("978-0"),
    which is a code, not a range (scores like "6-4" go down too, but from small numbers)."""
    first = match.group(1).rstrip("%").replace(",", "")
    second = _range_end(match).replace(",", "")
    if "." not in first + second and int(first) >= 200 and int(second) < int(first) and len(second) < 2:
        return ","
    return " to"


def _range_end(match: re.Match[str]) -> str:
    """The second number of a range: the one _RANGE's lookahead saw right after the match."""
    end = re.match(NUMBER, match.string[match.end() :])
    if end is None:
        raise ValueError(f"not a range: {match.string!r}")
    return end.group(0)


def _has_any(text: str, chars: Iterable[str]) -> bool:
    """True when text holds any of the characters."""
    return any(ch in text for ch in chars)


def read_number(written: str, lang: str = "en") -> str:
    """A number as written, in words: years as years, long codes digit by digit."""
    if "." in written:
        return decimal(written, lang)
    if "," in written:
        return number(written, lang)
    if len(written) == 4 and _YEAR.fullmatch(written) and lang.startswith("en"):
        return year(int(written), lang)
    if len(written) >= 5:
        # An unformatted long number is a code, zip or account number, not a quantity.
        return digits(written, lang)
    return number(written, lang)


def fraction(numerator: int, denominator: int, lang: str = "en") -> str:
    """ "3/4" → "three quarters"."""
    if denominator == 0:
        return f"{cardinal(numerator, lang)} over zero"
    if denominator == 1:
        return f"{cardinal(numerator, lang)} over {cardinal(denominator, lang)}"
    if denominator == 2:
        unit = "half" if numerator == 1 else "halves"
    elif denominator == 4:
        unit = "quarter" if numerator == 1 else "quarters"
    else:
        unit = ordinal(denominator, lang) + ("" if numerator == 1 else "s")
    return f"{cardinal(numerator, lang)} {unit}"


def _mixed(match: re.Match[str], lang: str) -> str:
    """ "2 1/2" → "two and a half"."""
    whole, numerator, denominator = (int(g) for g in match.groups())
    return mixed_fraction(whole, numerator, denominator, lang)


def mixed_fraction(whole: int, numerator: int, denominator: int, lang: str = "en") -> str:
    """2, 1, 2 → "two and a half"."""
    if numerator == 1 and denominator in (2, 4):
        part = "a half" if denominator == 2 else "a quarter"
    else:
        part = fraction(numerator, denominator, lang)
    return f"{cardinal(whole, lang)} and {part}"


def _unicode_fraction(match: re.Match[str]) -> str:
    """ "2½" → "2 1/2" for the fraction rules."""
    numerator, denominator = _UNICODE_FRACTIONS[match.group(2)]
    whole = match.group(1)
    return f"{whole} {numerator}/{denominator}" if whole else f"{numerator}/{denominator}"


def _percent(match: re.Match[str], lang: str) -> str:
    """ "-2.5%" → "minus two point five percent"."""
    sign = {"-": "minus ", "−": "minus ", "+": "plus "}.get(match.group(1), "")
    return f"{sign}{quantity(match.group(2), lang)} percent"


def quantity(written: str, lang: str = "en") -> str:
    """A number read as an amount: never as a year, digit by digit only after a leading zero."""
    if "." in written:
        return decimal(written, lang)
    if written.startswith("0"):
        return number(written, lang)
    return cardinal(int(written.replace(",", "")), lang)


def _ordinal(match: re.Match[str], lang: str) -> str:
    """ "23rd" → "twenty-third"; a wrong suffix ("1th") is read as written."""
    value = int(match.group(1).replace(",", ""))
    suffix = match.group(2).lower()
    if suffix != _suffix(value):
        return f"{cardinal(value, lang)} {suffix}"
    return ordinal(value, lang)


def _suffix(value: int) -> str:
    """The English ordinal suffix of value."""
    if value % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def _year_span(match: re.Match[str], lang: str) -> str:
    """ "1998/99" → "nineteen ninety-eight to ninety-nine" when the second year follows the first."""
    first, second = int(match["first"]), int(match["second"])
    if (first + 1) % 100 != second:
        return match.group(0)
    return f"{year(first, lang)} to {cardinal(second, lang) if second >= 10 else 'oh ' + cardinal(second, lang)}"
