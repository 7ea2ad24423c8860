"""Titles: clean page titles, and a guess from the first sentence when a page has no headline."""

from __future__ import annotations

import re

from narrator.read.clean import shorten

_SENTENCE_BREAK = re.compile(r"[.!?][\"”’»)\]]*\s+(?=[\"“‘«(\[]?[^\W_a-z])")
# Periods after initials and short capitalized words ("U.S.", "Mr.", "Nov.") end no sentence.
_ABBREVIATION = re.compile(r"(\b[^\W\d_]|\b[A-Z][a-z]{0,3}|\b(?:[A-Za-z]\.)+[A-Za-z])$")


GUESSED_TITLE_CHARS = 90
"""Longest title guessed from a sentence: about two lines in a podcast app."""
# ", the agency said." / ", according to the release": attribution, not news.
_ATTRIBUTION = re.compile(
    r",\s+(?:(?:the|a|an|its|his|her|their)\s+)?[^,]{0,40}?\b(?:said|says|reported|reports|announced|told\s+\S+)"
    r"(?:\s+on\s+\w+)?\W*$|,\s+according\s+to\s+[^,]{0,60}$",
    re.I,
)
# Phrase boundaries a headline can end before: punctuation first, else a preposition or
# subordinating word ("and", "of" and "to" join names and verbs too often to cut there).
_PUNCTUATION_BREAK = re.compile(r"\s*[,;:–—(]\s*")
_WORD_BREAK = re.compile(
    r"\s+(?=(?:on|in|at|after|before|with|for|as|while|when|where|who|which|that|from|by|over|during|amid|"
    r"despite|because|since|until)\s)",
    re.I,
)
# "MADRID — " or "WASHINGTON (AP) — ": a dateline opening the first sentence.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:\([^)]{1,30}\))?\s*[—–-]+\s+")


def fallback_title(paragraphs: list[str], limit: int = GUESSED_TITLE_CHARS) -> str:
    """A headline-like guess from the first sentence: dateline and attribution dropped, cut at a phrase boundary."""
    sentence = first_sentence(paragraphs[0] if paragraphs else "").strip()
    sentence = _ATTRIBUTION.sub("", _DATELINE.sub("", sentence)).rstrip(" .")
    if len(sentence) <= limit:
        return sentence or "Untitled"
    for boundary in (_PUNCTUATION_BREAK, _WORD_BREAK):
        # The last boundary that keeps a third of the room or more: a clean cut, no ellipsis.
        cuts = [m.start() for m in boundary.finditer(sentence) if limit // 3 <= m.start() <= limit]
        if cuts:
            return sentence[: cuts[-1]].rstrip(" ,;:–—")
    return shorten(sentence, limit)


def guessed_title_warning(title: str) -> str:
    """What to tell the producer when the title is a guess."""
    return (
        f'no headline found; the title "{title}" is a guess from the first sentence: '
        "give --title (in a batch manifest, a title column)"
    )


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
