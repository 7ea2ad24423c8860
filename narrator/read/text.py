"""Plain text and pasted page text → Article."""

from __future__ import annotations

import re

from narrator.errors import NoArticleError
from narrator.models import Article, Section
from narrator.read.clean import normalize_text, split_blocks
from narrator.read.language import guess_language
from narrator.read.pasted import Line, best_run, is_heading, judge, keeps_as_body
from narrator.read.title import fallback_title, find_header

_LIST_ITEM = re.compile(r"^([-*•·‣▪–]|\d{1,3}[.)])\s+")
_HYPHEN_BREAK = re.compile(r"[^\W\d_]-$")


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when a block's lines are one paragraph wrapped at a fixed width."""
    if len(lines) < 2 or any(_LIST_ITEM.match(line) for line in lines[1:]):
        return False
    body = lines[:-1]
    width = max(len(line) for line in lines)
    if width > 100 or width < 30:
        return False
    # Wrapped lines fill most of the width; the last line may be short.
    if any(len(line) < 0.6 * width for line in body):
        return False
    continued = sum(1 for line, nxt in zip(body, lines[1:]) if not line.endswith((".", "!", "?", ":")) or nxt[:1].islower())
    return continued >= max(1, len(body) // 2)


def join_wrapped(lines: list[str]) -> str:
    """Join hard-wrapped lines into one paragraph, mending words hyphenated at a break."""
    text = lines[0]
    for line in lines[1:]:
        if _HYPHEN_BREAK.search(text) and line[:1].islower():
            text += line
        else:
            text += " " + line
    return text


def to_lines(text: str) -> list[Line]:
    """Candidate paragraphs of text: wrapped blocks joined, other blocks split per line."""
    lines: list[Line] = []
    for number, block in enumerate(split_blocks(normalize_text(text))):
        parts = [join_wrapped(block)] if is_hard_wrapped(block) else block
        lines.extend(Line(part, number, i, len(parts)) for i, part in enumerate(parts))
    return lines


def _sections(kept: list[tuple[str, bool]]) -> tuple[Section, ...]:
    """Group (text, is_heading) pairs into sections, dropping empty headings."""
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[str] = []
    for text, heading_line in kept:
        if heading_line:
            if paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = text, []
        else:
            paragraphs.append(text)
    if paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)


def read_text(text: str, *, source: str = "", language: str | None = None) -> Article:
    """Extract the article from plain or pasted page text."""
    lines = to_lines(text)
    language = language or guess_language(" ".join(line.text for line in lines))
    judged = judge(lines, language)
    start, end = best_run([j.score for j in judged])
    if sum(j.score for j in judged[start:end]) <= 0 and not all(j.signals.terminal for j in judged):
        # Only fragments: a login form, an index of links. Short all-prose notes still pass.
        raise NoArticleError(f"no article text found in {source or 'input'}")
    kept: list[tuple[str, bool]] = []
    for i in range(start, end):
        if keeps_as_body(judged[i]):
            kept.append((judged[i].line.text, False))
        elif is_heading(judged[i]) and 0 < i < end - 1 and keeps_as_body(judged[i + 1]):
            kept.append((judged[i].line.text, True))
    sections = _sections(kept)
    paragraphs = [p for s in sections for p in s.paragraphs]
    if not paragraphs:
        raise NoArticleError(f"no article text found in {source or 'input'}")
    title, byline, date = find_header([line.text for line in lines], start, " ".join(paragraphs), language)
    return Article(
        title=title or fallback_title(paragraphs),
        sections=sections,
        byline=byline,
        date=date,
        language=language,
        source=source,
    )
