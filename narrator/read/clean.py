"""Basic text cleaning shared by every reader: unicode, whitespace, blocks."""

from __future__ import annotations

import re
import unicodedata

# Invisible characters: C0/C1 controls (not tab/newline), zero-width and bidi marks,
# soft hyphens, BOMs, private-use and surrogate code points. They break words or read as noise.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ue000-\uf8ff\ud800-\udfff\U000f0000-\U0010ffff]"
)
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")


def normalize_text(text: str) -> str:
    """NFC-normalize, drop invisible and control characters, unify newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def clean_line(text: str) -> str:
    """Collapse all whitespace (including no-break spaces) to single spaces."""
    return " ".join(text.split())


def split_blocks(text: str) -> list[list[str]]:
    """Split normalized text into blocks (separated by blank lines) of stripped lines."""
    blocks = []
    for chunk in _BLANK_LINES.split(text):
        lines = [clean_line(line) for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            blocks.append(lines)
    return blocks


def shorten(text: str, limit: int = 80) -> str:
    """Cut text at a word boundary so it fits within limit characters."""
    text = clean_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:-–—") + "…"
