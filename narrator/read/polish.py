"""Drop chrome an extractor still leaks: captions, credits, bylines, teasers, repeats."""

from __future__ import annotations

from collections import Counter

from narrator.read.signals import measure
from narrator.read.title import line_date, parse_byline

Block = tuple[str, str]  # (kind, text) with kind "heading" or "paragraph"


def _same(a: str | None, b: str) -> bool:
    """Case- and punctuation-insensitive equality of two short texts."""
    if not a:
        return False
    strip = lambda s: "".join(c for c in s.lower() if c.isalnum())  # noqa: E731
    return strip(a) == strip(b)


def is_chrome(text: str, language: str, *, title: str | None = None, byline: str | None = None) -> bool:
    """True when a paragraph is page chrome by strong, site-independent signals."""
    sig = measure(text, language)
    if sig.words == 0 or _same(title, text):
        return True
    if sig.truncated and 15 <= sig.words < 80:
        return True
    if sig.credit and sig.words < 30:
        return True
    if parse_byline(text) or (byline and _same(byline, text)):
        return True
    # A line that is only a date (and maybe a time or label) is a dateline.
    return sig.words <= 8 and line_date(text) is not None and not sig.terminal


def polish_blocks(blocks: list[Block], language: str, *, title: str | None = None, byline: str | None = None) -> list[Block]:
    """Remove chrome paragraphs and repeated short lines, keeping order and headings."""
    counts = Counter(text.lower() for _, text in blocks)
    kept: list[Block] = []
    for kind, text in blocks:
        # Repeated labels ("Advertisement") are chrome; repeated list items may be content.
        if counts[text.lower()] > 1 and len(text.split()) <= 4 and kind == "paragraph":
            if any(t.lower() == text.lower() for _, t in kept):
                continue
        if kind == "paragraph" and is_chrome(text, language, title=title, byline=byline):
            continue
        if kind == "heading" and (_same(title, text) or measure(text, language).credit):
            continue
        kept.append((kind, text))
    return kept
