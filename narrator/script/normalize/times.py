"""Clock times: "9:30 a.m." → "nine thirty a m", "14:10:30", "5pm"."""

from __future__ import annotations

import re

from .words import cardinal

_MERIDIEM = r"(?P<meridiem>[AaPp]\.?[Mm]\b\.?)"
_ZONE = (
    r"(?P<zone>\s(?:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|EET|EEST|IST|JST|AEST|AEDT)\b"
    r"|\s(?i:[ecmp]\.[sd]\.t\b\.?|[ecmp][sd]t\b|gmt\b|utc\b))?"
)
_TIME_RANGE = re.compile(r"(?<=[ap]\.m\.)\s?[-–]\s?(?=\w)")
_CLOCK = re.compile(
    r"(?<![\w.:])(?P<h>[0-2]?\d):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:]|[.,]\d)(?:\s?" + _MERIDIEM + ")?" + _ZONE
)
_DOTTED = re.compile(r"(?<![\w.:,])(?P<h>[01]?\d)\.(?P<m>[0-5]\d)\s?" + _MERIDIEM)
# "10:00-11:00": a span between two clock times.
_CLOCK_RANGE = re.compile(r"(?<=\d:\d\d)\s?[-–]\s?(?=[0-2]?\d:[0-5]\d)")
_HOUR = re.compile(r"(?<![\w.:,])(?P<h>[01]?\d)\s?" + _MERIDIEM)


def apply(text: str, lang: str = "en") -> str:
    """Spoken forms of the clock times in text."""
    if ":" in text:
        text = _CLOCK_RANGE.sub(" to ", text)
        text = _CLOCK.sub(lambda m: _clock(m, lang), text)
    text = _DOTTED.sub(lambda m: _clock(m, lang), text)
    text = _HOUR.sub(lambda m: _clock(m, lang), text)
    return _TIME_RANGE.sub(" to ", text) if "m.-" in text or "m. -" in text or "m.–" in text else text


def _clock(match: re.Match[str], lang: str) -> str:
    """One time in words, keeping a sentence-final full stop swallowed with "p.m."."""
    hours = int(match["h"])
    minutes = int(match.groupdict().get("m") or 0)
    seconds = match.groupdict().get("s")
    meridiem = match["meridiem"]
    if hours > 24 or (meridiem and not 1 <= hours <= 12):
        return match.group(0)
    if seconds is not None and not meridiem:
        spoken = _duration(hours, minutes, int(seconds), lang)
    else:
        spoken = _time(hours, minutes, bool(meridiem), lang)
        if seconds is not None and int(seconds):
            spoken += f" and {cardinal(int(seconds), lang)} second{'' if int(seconds) == 1 else 's'}"
    if meridiem:
        # Dotted, because eSpeak NG reads "a m" as "uh em"; "a.m." and "AM" come out right.
        spoken += " a.m." if meridiem[0] in "Aa" else " p.m."
    zone = match.groupdict().get("zone")
    if zone:
        # Dotted, like other spelled capitals: eSpeak NG reads "E.S.T." letter by letter.
        spoken += " " + "".join(ch + "." for ch in zone.strip().replace(".", "").upper())
    return spoken


def _time(hours: int, minutes: int, has_meridiem: bool, lang: str) -> str:
    """ "nine thirty", "nine oh five", "one o'clock", "fourteen hundred"."""
    if minutes == 0:
        if has_meridiem:
            return cardinal(hours, lang)
        return f"{cardinal(hours, lang)} hundred" if hours > 12 or hours == 0 else f"{cardinal(hours, lang)} o'clock"
    if minutes < 10:
        return f"{cardinal(hours, lang)} oh {cardinal(minutes, lang)}"
    return f"{cardinal(hours, lang)} {cardinal(minutes, lang)}"


def _duration(hours: int, minutes: int, seconds: int, lang: str) -> str:
    """ "14:10:30" → "fourteen hours ten minutes and thirty seconds"."""
    parts = [(hours, "hour"), (minutes, "minute"), (seconds, "second")]
    words = [f"{cardinal(v, lang)} {unit}{'' if v == 1 else 's'}" for v, unit in parts if v]
    if len(words) > 1:
        words[-1] = "and " + words[-1]
    return " ".join(words) or "zero seconds"
