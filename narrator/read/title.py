"""Find title, byline and date lines around an article body; fall back sensibly."""

from __future__ import annotations

import re

from narrator.read.clean import shorten
from narrator.read.dates import find_date
from narrator.read.signals import content_words, measure

# "By" in the languages we guess: a generic byline shape, not a site's wording.
_BYLINE = re.compile(r"^(?:by|von|par|por|door|di|da|av|af|od|от|από|tekst|text)[:\s]\s*(?=[^\W\d_])(.+)$", re.I)
_BYLINE_END = re.compile(r"\s*(?:[|•·—–]|,\s*(?:updated|published)|\b\d{1,2}[:.]\d{2}\b|\b\d{4}\b).*$", re.I)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’»)\]]*\s+(?=[\"“‘«(\[]?[^\W_a-z])")
# Periods after initials and short capitalized words ("U.S.", "Mr.", "Nov.") end no sentence.
_ABBREVIATION = re.compile(r"(\b[^\W\d_]|\b[A-Z][a-z]{0,3}|\b(?:[A-Za-z]\.)+[A-Za-z])$")
WINDOW = 15
"""How many lines above the body to search for title, byline and date."""


def parse_byline(text: str) -> str | None:
    """The credited name(s) in a "By ..." line, or None when text is not a byline."""
    if len(text.split()) > 14:
        return None
    match = _BYLINE.match(text)
    if not match:
        return None
    name = _BYLINE_END.sub("", match.group(1)).strip(" ,;:")
    words = name.split()
    if not 1 <= len(words) <= 10 or not words[0][0].isupper():
        return None
    return name


def clean_byline(text: str | None) -> str | None:
    """Strip a leading "By" and trailing dates from a credited author string."""
    if not text:
        return None
    text = " ".join(text.split())
    return parse_byline(text) or parse_byline("By " + text) or text


def line_date(text: str) -> str | None:
    """The date on a short dateline, or None for longer text."""
    return find_date(text) if len(text.split()) <= 12 else None


def _is_title_shaped(text: str, language: str) -> bool:
    """True when a line has a headline's shape, whatever its words."""
    sig = measure(text, language)
    return 2 <= sig.words <= 30 and sig.upper_start and not sig.truncated and not text.endswith((".", ",", ";", ":"))


def is_headline(text: str, body_words: set[str], language: str) -> bool:
    """True when text is shaped like a headline and shares vocabulary with the body."""
    sig = measure(text, language)
    if not 3 <= sig.words <= 30 or sig.truncated or sig.credit or not sig.upper_start:
        return False
    if text.endswith((".", ",", ";", ":")) or sig.sentences >= 2:
        return False
    shared = content_words(text, language) & body_words
    return len(shared) >= 2 or len(shared) >= 1 and sig.words <= 6


def find_header(lines: list[str], start: int, body: str, language: str) -> tuple[str | None, str | None, str | None]:
    """Title, byline and date from the lines just above the body at index start."""
    title = byline = date = None
    body_words = content_words(body[:5000], language)
    # A plain text article often opens with its headline on the very first line.
    if start == 1 and _is_title_shaped(lines[0], language):
        title = lines[0]
    for text in reversed(lines[max(0, start - WINDOW): start]):
        if byline is None and parse_byline(text):
            byline = parse_byline(text)
            date = date or line_date(text)
            continue
        if date is None and line_date(text):
            date = line_date(text)
            continue
        if title is None and is_headline(text, body_words, language):
            title = text
    return title, byline, date


def fallback_title(paragraphs: list[str], limit: int = 80) -> str:
    """The first sentence of the body, shortened at a word boundary."""
    return shorten(first_sentence(paragraphs[0] if paragraphs else "").rstrip("."), limit) or "Untitled"


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, skipping periods of common abbreviations."""
    for match in _SENTENCE_BREAK.finditer(text):
        if text[match.start()] != "." or not _ABBREVIATION.search(text[: match.start()]):
            return text[: match.end()].strip()
    return text


_TITLE_SEPARATORS = re.compile(r"\s+[|•·»]\s+|\s+[-–—]\s+(?=[^\s])")


def clean_title(title: str | None, sitename: str | None = None) -> str | None:
    """Strip site names and section labels joined to a page title with "|" or " - "."""
    if not title:
        return None
    title = " ".join(title.split())
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    site = (sitename or "").lower()
    candidates = [p for p in parts if p.lower() != site and p.lower() not in site]
    # The headline is the longest part; labels and site names are short.
    best = max(candidates or parts, key=len)
    return best if len(best.split()) >= 3 else title
