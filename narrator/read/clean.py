"""Basic text cleaning shared by every reader: unicode, whitespace, blocks."""

from __future__ import annotations

import re
import unicodedata

# Zero-width and formatting characters that are invisible but break words.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"))
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")


def _is_control(char: str) -> bool:
    """True for C0/C1 controls and private formatting marks, except tab and newline."""
    return char not in "\t\n" and unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs")


def normalize_text(text: str) -> str:
    """NFC-normalize, drop invisible and control characters, unify newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.translate(_INVISIBLE)
    text = "".join(c for c in text if not _is_control(c))
    return unicodedata.normalize("NFC", text)


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
