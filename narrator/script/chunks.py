"""Cut a long sentence into clause-sized chunks an engine reads well."""

from __future__ import annotations

import re

from .sentences import split_sentences

# Preferred cut points, best first: after ; or :, around dashes, after commas, then spaces.
_CUTS = (
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"\s+(?=[—–]\s)|(?<=\s[—–])\s+|\s+(?=--\s)|(?<=\s--)\s+"),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"\s+"),
)


def split_chunks(sentence: str, max_chars: int = 250) -> list[str]:
    """The sentence itself, or clause chunks of at most max_chars where possible."""
    sentence = sentence.strip()
    if len(sentence) <= max_chars:
        return [sentence] if sentence else []
    return _split(sentence, max_chars, 0)


def _split(text: str, max_chars: int, level: int) -> list[str]:
    """Cut text at the best available boundary level, packing pieces up to max_chars."""
    if len(text) <= max_chars:
        return [text]
    if level >= len(_CUTS):
        return [text[i : i + max_chars] for i in range(0, len(text), max_chars)]  # no spaces at all
    pieces = [p for p in _CUTS[level].split(text) if p]
    if len(pieces) == 1:
        return _split(text, max_chars, level + 1)
    chunks: list[str] = []
    for piece in _pack(pieces, max_chars):
        chunks.extend(_split(piece, max_chars, level + 1))
    return chunks


def _pack(pieces: list[str], max_chars: int) -> list[str]:
    """Join neighbouring pieces while they fit, so chunks are not needlessly short."""
    packed: list[str] = []
    for piece in pieces:
        if packed and len(packed[-1]) + 1 + len(piece) <= max_chars:
            packed[-1] += " " + piece
        else:
            packed.append(piece)
    return packed


def split_paragraph_segments(text: str, max_chars: int = 250) -> list[list[str]]:
    """Sentences of a paragraph, each as its list of chunks."""
    return [split_chunks(sentence, max_chars) for sentence in split_sentences(text)]
