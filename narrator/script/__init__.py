"""The script stage: Article → Script (sentences, chunks, spoken forms, pauses)."""

from __future__ import annotations

from .build import make_script
from .chunks import split_chunks, split_paragraph_segments
from .lexicon import Lexicon, load_lexicon
from .normalize import normalize
from .sentences import split_sentences

__all__ = [
    "Lexicon",
    "load_lexicon",
    "make_script",
    "normalize",
    "split_chunks",
    "split_paragraph_segments",
    "split_sentences",
]
