"""Chapters: one per section heading, or at paragraph breaks every few minutes when there are none."""

from __future__ import annotations

from itertools import pairwise

from ..models import Chapter, Narration, Script, TimedSegment

MIN_CHAPTER_MS = 120_000
TARGET_CHAPTER_MS = 180_000
MAX_CHAPTER_MS = 300_000
TITLE_CHARS = 60


def make_chapters(narration: Narration, script: Script, title: str) -> tuple[Chapter, ...]:
    """Contiguous chapters covering the whole narration, timed from the real segment times."""
    duration = narration.duration_ms
    if duration <= 0:
        return ()
    starts = heading_starts(narration.segments, script.headings, title)
    if len(starts) == 1 and duration > MAX_CHAPTER_MS:
        starts = paragraph_starts(narration.segments, duration, title)
    return contiguous(starts, duration)


def heading_starts(
    segments: tuple[TimedSegment, ...], headings: tuple[str | None, ...], title: str
) -> list[tuple[int, str]]:
    """(start ms, title) where each headed section begins; the opening is named after the article."""
    starts = [(0, title)]
    section = None
    for timed in segments:
        if timed.segment.section == section:
            continue
        section = timed.segment.section
        heading = _heading(headings, section)
        if heading is None:
            continue  # untitled sections belong to the chapter before them
        if starts == [(0, title)] and timed is segments[0]:
            starts = [(0, heading)]
        else:
            starts.append((timed.start_ms, heading))
    return starts


def paragraph_starts(segments: tuple[TimedSegment, ...], duration: int, title: str) -> list[tuple[int, str]]:
    """Chapter starts at paragraph breaks, each chapter about TARGET_CHAPTER_MS long."""
    breaks = _paragraph_breaks(segments)
    starts = [(0, title)]
    while duration - starts[-1][0] > MAX_CHAPTER_MS:
        current = starts[-1][0]
        usable = [b for b in breaks if b[0] - current >= MIN_CHAPTER_MS and duration - b[0] >= MIN_CHAPTER_MS]
        if not usable:
            break
        within = [b for b in usable if b[0] - current <= MAX_CHAPTER_MS]
        pick = min(within, key=lambda b: abs(b[0] - current - TARGET_CHAPTER_MS)) if within else usable[0]
        starts.append(pick)
    return starts


def contiguous(starts: list[tuple[int, str]], duration: int) -> tuple[Chapter, ...]:
    """Chapters from their starts: the first begins at 0, each ends where the next begins."""
    ordered = sorted(dict(starts).items())
    ordered[0] = (0, ordered[0][1])
    ends = [start for start, _ in ordered[1:]] + [duration]
    return tuple(Chapter(name, start, end) for (start, name), end in zip(ordered, ends, strict=True) if end > start)


def shorten(text: str, limit: int = TITLE_CHARS) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " ":  # the cut fell inside a word: drop that word
        cut = cut.rsplit(" ", 1)[0]
    cut = cut.rstrip(",;:-–— ")
    return f"{cut}…"


def _paragraph_breaks(segments: tuple[TimedSegment, ...]) -> list[tuple[int, str]]:
    """(start ms, opening words) of every paragraph after the first."""
    breaks = []
    for before, timed in pairwise(segments):
        if timed.segment.paragraph != before.segment.paragraph:
            breaks.append((timed.start_ms, shorten(timed.segment.text)))
    return breaks


def _heading(headings: tuple[str | None, ...], section: int) -> str | None:
    """The section's heading, or None if it has none."""
    heading = headings[section] if 0 <= section < len(headings) else None
    if heading and heading.strip():
        return " ".join(heading.split())
    return None
