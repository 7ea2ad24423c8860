"""Plain text and pasted page text → Article."""

from __future__ import annotations

import re
from itertools import pairwise

from narrator.errors import NoArticleError
from narrator.models import Article, Section
from narrator.read.clean import normalize_text, split_blocks
from narrator.read.header import find_header
from narrator.read.language import guess_language
from narrator.read.pasted import (
    BULLET,
    Judged,
    Line,
    best_run,
    extend_head,
    extend_tail,
    is_heading,
    judge,
    keeps_as_body,
    list_items,
    skip_header,
)
from narrator.read.sections import HEADING, PARAGRAPH, Block, group_sections
from narrator.read.title import fallback_title

# Bullet symbols are not read aloud; numbers of numbered lists are.
_BULLET = re.compile(r"^[-*•·‣▪–]\s+")
_HYPHEN_BREAK = re.compile(r"[^\W\d_]-$")
SHORT_NOTE_LINES = 6


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when a block's lines are one paragraph wrapped at a fixed width."""
    if len(lines) < 2 or len(set(lines)) < len(lines) or any(BULLET.match(line) for line in lines[1:]):
        return False
    width = max(len(line) for line in lines)
    # Wrapped lines fill most of the width (the last may be short) and break mid-sentence.
    if not 30 <= width <= 100 or any(len(line) < 0.7 * width for line in lines[:-1]):
        return False
    breaks = list(pairwise(lines))
    mid_sentence = sum(1 for line, nxt in breaks if nxt[:1].islower() or line.endswith((",", "-", "–", ";")))
    return mid_sentence >= max(1, len(breaks) // 3)


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


def _body_lines(judged: list[Judged], start: int, end: int) -> list[Block]:
    """Blocks of the body: the run without its chrome, with the lists it introduces."""
    kept: list[Block] = []
    i = start
    # The run may stop just before a colon that opens a list: that list is body too.
    while i < end or (i == end and list_items(judged, i)):
        items = list_items(judged, i)
        if items:
            kept.append((PARAGRAPH, judged[i].line.text))
            kept.extend((PARAGRAPH, _BULLET.sub("", judged[n].line.text)) for n in items)
            i = items.stop
            continue
        if keeps_as_body(judged[i]) or (_BULLET.match(judged[i].line.text) and not judged[i].chrome):
            kept.append((PARAGRAPH, _BULLET.sub("", judged[i].line.text)))
        elif start < i < end - 1 and _between_paragraphs(judged, i) and is_heading(judged[i]):
            kept.append((HEADING, judged[i].line.text))
        i += 1
    return kept


def _body(judged: list[Judged], source: str) -> tuple[int, tuple[Section, ...]]:
    """Where the body starts and its sections; NoArticleError when there is none."""
    only = judged[0] if len(judged) == 1 else None
    if only and (not only.chrome or only.signals.terminal) and only.signals.words >= 3:
        # One line typed or pasted on purpose; a lone full sentence is an article even if it looks like a dateline.
        return 0, (Section(None, (only.line.text,)),)
    if _short_note(judged):
        # A few lines typed on purpose: nothing around them to tell boilerplate from body.
        start = 0 if judged[0].signals.terminal else 1
        return start, (Section(None, tuple(j.line.text for j in judged[start:])),)
    start, end = best_run([j.score for j in judged])
    start, end = extend_head(judged, start), extend_tail(judged, end)
    start = skip_header(judged, start, end)
    if sum(j.score for j in judged[start:end]) <= 0 and not all(j.signals.terminal for j in judged):
        # Only fragments: a login form, an index of links. Short all-prose notes still pass.
        raise NoArticleError(f"no article text found in {source or 'input'}")
    sections = group_sections(_body_lines(judged, start, end))
    if not sections:
        raise NoArticleError(f"no article text found in {source or 'input'}")
    return start, sections


def _short_note(judged: list[Judged]) -> bool:
    """True for a handful of clean lines whose body lines are all sentences (a headline may lead)."""
    if not judged:
        return False
    body = judged[0 if judged[0].signals.terminal else 1 :]
    return (
        1 < len(judged) <= SHORT_NOTE_LINES
        and bool(body)
        and not any(j.chrome for j in judged)
        and all(j.signals.terminal for j in body)
    )


def _between_paragraphs(judged: list[Judged], i: int) -> bool:
    """True when line i stands alone between body text, as a subheading does (not in a link list)."""
    return keeps_as_body(judged[i - 1]) and keeps_as_body(judged[i + 1])


def read_text(text: str, *, source: str = "", language: str | None = None) -> Article:
    """Extract the article from plain or pasted page text."""
    lines = to_lines(text)
    language = language or guess_language(" ".join(line.text for line in lines))
    start, sections = _body(judge(lines, language), source)
    paragraphs = [p for s in sections for p in s.paragraphs]
    header = find_header([line.text for line in lines], start, " ".join(paragraphs), language)
    return Article(
        title=header.title or fallback_title(paragraphs),
        title_guessed=not header.title,
        sections=sections,
        byline=header.byline,
        date=header.date,
        language=language,
        source=source,
    )
