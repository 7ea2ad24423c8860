"""Group extracted blocks into the Article's sections."""

from __future__ import annotations

from collections.abc import Iterable

from narrator.models import Section
from narrator.references import strip_references

HEADING = "heading"
PARAGRAPH = "paragraph"
Block = tuple[str, str]
"""(kind, text): kind is HEADING or PARAGRAPH."""


def group_sections(blocks: Iterable[Block]) -> tuple[Section, ...]:
    """Put paragraphs under the heading above them; a heading with no text below is dropped.

    Footnote and citation markers ("war.[12]") are removed: the Article holds what a listener hears.
    """
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[str] = []
    for kind, text in blocks:
        text = strip_references(text)
        if not text:
            continue
        if kind == HEADING:
            if paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = text, []
        else:
            paragraphs.append(text)
    if paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)
