"""Titles: clean page titles, and a fallback from the first sentence."""

from __future__ import annotations

import re

from narrator.read.clean import shorten

_SENTENCE_BREAK = re.compile(r"[.!?][\"”’»)\]]*\s+(?=[\"“‘«(\[]?[^\W_a-z])")
# Periods after initials and short capitalized words ("U.S.", "Mr.", "Nov.") end no sentence.
_ABBREVIATION = re.compile(r"(\b[^\W\d_]|\b[A-Z][a-z]{0,3}|\b(?:[A-Za-z]\.)+[A-Za-z])$")


def fallback_title(paragraphs: list[str], limit: int = 80) -> str:
    """The first sentence of the body, shortened at a word boundary."""
    return shorten(first_sentence(paragraphs[0] if paragraphs else "").rstrip("."), limit) or "Untitled"


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, skipping periods of common abbreviations."""
    for match in _SENTENCE_BREAK.finditer(text):
        if text[match.start()] != "." or not _ABBREVIATION.search(text[: match.start()]):
            return text[: match.end()].strip()
    return text


_TITLE_SEPARATORS = re.compile(r"\s+[|•·»]\s+")
_DASHED_PART = re.compile(r"\s+[-–—]\s+")


def clean_title(title: str | None, sitename: str | None = None) -> str | None:
    """Strip site names and section labels joined to a page title with "|" (or " - " for the site)."""
    if not title:
        return None
    title = " ".join(title.split())
    site = (sitename or "").lower().strip()
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) >= 2:
        named = [p for p in parts if not site or p.lower() not in site]
        # The headline is the longest part; labels and site names are short.
        best = max(named or parts, key=len)
        title = best if len(best.split()) >= 3 else title
    # A dash joins headline and site name too, but also appears inside headlines.
    dashed = _DASHED_PART.split(title)
    if site and len(dashed) >= 2 and dashed[-1].lower() in site:
        title = " - ".join(dashed[:-1])
    return title
