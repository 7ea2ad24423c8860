"""Find the title, byline and date lines above the body of pasted page text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from narrator.read.byline import parse_byline
from narrator.read.dates import line_date
from narrator.read.signals import content_words, measure

# Breadcrumb trails ("Blog > Health > Tips") separate labels with arrows or bars.
_CRUMB = re.compile(r"\s[>»›|/]\s")
WIDE_WINDOW = 40
"""How many lines above the body to look for the headline, byline and dateline."""


@dataclass(frozen=True)
class Header:
    """Metadata lines found in pasted text; None where absent."""

    title: str | None
    """Headline line."""
    byline: str | None
    """Credited author(s), without "By"."""
    date: str | None
    """Publication date, ISO YYYY-MM-DD."""


def _is_title_shaped(text: str, language: str) -> bool:
    """True when a line has a headline's shape, whatever its words."""
    sig = measure(text, language)
    return 2 <= sig.words <= 30 and sig.upper_start and not sig.truncated and not text.endswith((".", ",", ";", ":"))


def is_headline(text: str, body_words: set[str], language: str) -> bool:
    """True when text is shaped like a headline and shares vocabulary with the body."""
    sig = measure(text, language)
    if not 3 <= sig.words <= 30 or sig.truncated or sig.credit or sig.dateline or not sig.upper_start:
        return False
    if len(_CRUMB.findall(text)) >= 2:
        return False
    if text.endswith((",", ";", ":")):
        return False
    # Headlines rarely end in a full stop, unless written in title case.
    if (text.endswith(".") or sig.sentences >= 2) and (sig.title_case < 0.6 or sig.sentences > 2):
        return False
    shared = content_words(text, language) & body_words
    return len(shared) >= 2 or (len(shared) >= 1 and sig.words <= 6)


def _headline_score(text: str, distance: int, body_words: set[str], language: str) -> float:
    """Rank headline candidates: shared vocabulary and title case up, distance from the body down."""
    sig = measure(text, language)
    shared = len(content_words(text, language) & body_words)
    return min(shared, 5) + (1.0 if sig.title_case >= 0.6 else 0.0) - distance / 8


def _is_caption(lines: list[str], index: int, language: str) -> bool:
    """True when a line is a photo credit or sits right above one."""
    if measure(lines[index], language).credit:
        return True
    return index + 1 < len(lines) and measure(lines[index + 1], language).credit


def _nearest(indexes: range, test: Callable[[int], bool]) -> int | None:
    """The first index (walking upward) whose line passes test."""
    return next((i for i in indexes if test(i)), None)


def find_header(lines: list[str], start: int, body: str, language: str) -> Header:
    """Title, byline and date from the lines above the body, which starts at index start."""
    above = range(start - 1, max(-1, start - WIDE_WINDOW - 1), -1)
    byline_at = _nearest(above, lambda i: parse_byline(lines[i]) is not None)
    date_at = _nearest(above, lambda i: line_date(lines[i]) is not None)
    body_words = content_words(body[:5000], language)

    def headline(i: int) -> bool:
        """True when line i could be the headline (not a caption)."""
        return not _is_caption(lines, i, language) and is_headline(lines[i], body_words, language)

    title_at = None
    if start == 1 and _is_title_shaped(lines[0], language):
        title_at = 0  # a plain text article opens with its headline
    elif byline_at is not None:
        # Article headers put the headline just above the byline.
        title_at = _nearest(range(byline_at - 1, max(-1, byline_at - 5), -1), headline)
    if title_at is None:
        candidates = [i for i in range(start - 1, max(-1, start - WIDE_WINDOW - 1), -1) if headline(i)]
        score = lambda i: _headline_score(lines[i], start - i, body_words, language)  # noqa: E731
        title_at = max(candidates, key=score, default=None)
    return Header(
        title=lines[title_at] if title_at is not None else None,
        byline=parse_byline(lines[byline_at]) if byline_at is not None else None,
        date=line_date(lines[date_at]) if date_at is not None else None,
    )
