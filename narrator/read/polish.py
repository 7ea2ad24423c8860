"""Drop chrome an extractor still leaks: captions, credits, bylines, teasers, repeats."""

from __future__ import annotations

from collections import Counter

from narrator.read.byline import parse_byline
from narrator.read.dates import line_date
from narrator.read.sections import HEADING, PARAGRAPH, Block
from narrator.read.signals import measure


def _same(a: str | None, b: str) -> bool:
    """Case- and punctuation-insensitive equality of two short texts."""
    if not a:
        return False
    return _letters_and_digits(a) == _letters_and_digits(b)


def _letters_and_digits(text: str) -> str:
    """The text lower-cased, with everything but letters and digits dropped."""
    return "".join(c for c in text.lower() if c.isalnum())


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
    if sig.label_link or sig.self_repeat or sig.promo or sig.fragment or (sig.social and sig.words < 40):
        return True
    # A line that is only a date (and maybe a time or label) is a dateline.
    return sig.words <= 8 and line_date(text) is not None and not sig.terminal


def polish_blocks(
    blocks: list[Block], language: str, *, title: str | None = None, byline: str | None = None
) -> list[Block]:
    """Remove chrome paragraphs and repeated short lines, keeping order and headings."""
    counts = Counter(text.lower() for _, text in blocks)
    kept: list[Block] = []
    for kind, text in blocks:
        # Repeated labels ("Advertisement") are chrome; repeated list items may be content.
        repeated = counts[text.lower()] > 1 and len(text.split()) <= 4 and kind == PARAGRAPH
        if repeated and any(t.lower() == text.lower() for _, t in kept):
            continue
        if kind == PARAGRAPH and is_chrome(text, language, title=title, byline=byline):
            continue
        if kind == HEADING and (_same(title, text) or measure(text, language).credit or _is_list_label(text)):
            continue
        kept.append((kind, text))
    return _trim_tail(_trim_head(kept), language)


def _is_list_label(heading: str) -> bool:
    """True for a short heading ending in a colon ("More:", "Related:"): the label of a links box."""
    return heading.endswith(":") and len(heading.split()) <= 4


def _trim_head(blocks: list[Block]) -> list[Block]:
    """Drop headings above the first paragraph: headline variants and decks, not sections."""
    first = next((i for i, (kind, _) in enumerate(blocks) if kind == PARAGRAPH), len(blocks))
    return blocks[first:]


def _is_link_like(block: Block, language: str) -> bool:
    """True for a heading or a short line without a sentence end: a related-links entry."""
    kind, text = block
    sig = measure(text, language)
    return kind == HEADING or (not sig.terminal and sig.words < 25 and not text.endswith(":"))


def _trim_tail(blocks: list[Block], language: str) -> list[Block]:
    """Drop a run of headings and link-like lines closing the body: "more stories" lists."""
    end = len(blocks)
    while end > 0 and _is_link_like(blocks[end - 1], language):
        end -= 1
    # Only a cluster is a links list; one closing line may be the article's own.
    return blocks[:end] if len(blocks) - end >= 2 else blocks
