"""Episode descriptions from an article's lead, for feeds and podcast apps."""

from __future__ import annotations

from collections.abc import Sequence

DESCRIPTION_CHARS = (40, 300)
"""Shortest and longest episode description: about the three lines podcast apps show in lists."""
LEAD_PARAGRAPHS = 8
"""How many opening paragraphs a description is drawn from: the lead is among them."""
LEAD_SEARCH = 5
"""How many opening paragraphs may be fragments before the lead (a time, a score line, a label)."""


def lead_description(paragraphs: Sequence[Sequence[str]], limit: int = DESCRIPTION_CHARS[1]) -> str:
    """An episode description from the article's lead: whole sentences, skipping leading fragments.

    `paragraphs` holds each body paragraph's sentences. Fragments a page leaves above the
    lead ("10 p.m.", a score line, a link label) are skipped; sentences are added while they
    fit; when they stay under the shortest length, the next sentence is cut at a word with an ellipsis.
    """
    start = next((i for i, p in enumerate(paragraphs[:LEAD_SEARCH]) if _is_prose(p)), None)
    if start is None:  # no prose on top (a results table, a listing): the opening text as it is
        lead: Sequence[Sequence[str]] = paragraphs
    else:  # the lead runs on while paragraphs read as prose
        end = next((i for i in range(start, len(paragraphs)) if not _is_prose(paragraphs[i])), len(paragraphs))
        lead = paragraphs[start:end]
    sentences = [s.strip() for p in lead for s in p if s.strip()]
    text = ""
    for sentence in sentences:
        joined = f"{text} {sentence}".strip()
        if len(joined) > limit:
            if len(text) < DESCRIPTION_CHARS[0]:  # too short to stand alone: end on a cut sentence
                text = joined[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—") + "…"
            break
        text = joined
        if len(text) >= DESCRIPTION_CHARS[1] // 2:
            break
    return " ".join(text.split())


def _is_prose(sentences: Sequence[str]) -> bool:
    """True for a paragraph that reads as prose: a full sentence of several words, not a label or score."""
    text = " ".join(sentences).strip()
    return (
        len(text) >= DESCRIPTION_CHARS[0]
        and len(text.split()) >= 6
        and text.endswith((".", "!", "?", '"', "”", "’", ")"))
    )
