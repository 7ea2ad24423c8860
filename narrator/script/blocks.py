"""Clean raw text and cut it into blocks at hard line breaks, before sentence splitting."""

from __future__ import annotations

import html
import re

# Tags that end a block of text; other tags are simply dropped.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|br|li|ul|ol|tr|td|th|table|section|article|blockquote|pre|img)\b[^<>]{0,500}>", re.I
)
_ANY_TAG = re.compile(r"</?[A-Za-z][\w:-]{0,30}(?:\s[^<>]{0,500})?/?>")
_ESCAPED_TAG = re.compile(r"&lt;/?[A-Za-z][\w:-]{0,30}(?:\s.{0,200}?)?/?&gt;")
# Escaped line breaks pasted as text ("\r\n" written out, sometimes with spaces).
_LITERAL_BREAK = re.compile(r"\\ ?r ?\\ ?n|\\n(?=[A-Z])")
# A newline after a space, before a lowercase word or "(", is a wrapped line, not a break.
_SOFT_NEWLINE = re.compile(r"[ \t]+\n[ \t]*(?=[a-z(])")
_SHORT_PIECE = re.compile(r"[A-Za-z]{1,2}")
_PUNCT_ONLY = re.compile(r"[.!?]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_text(text: str) -> str:
    """Drop markup and control characters; unify line breaks and quote marks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _LITERAL_BREAK.sub("\n", text)
    text = _CONTROL.sub("", text.replace("\t", " ").replace("\u00a0", " "))
    if "<" in text:
        text = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", text))
    if "&" in text:
        text = html.unescape(_ESCAPED_TAG.sub("", text))
    # Typewriter quotes (``like this'' or `this') are read as ordinary quotes.
    return text.replace("``", '"').replace("''", '"').replace("`", "'")


def split_blocks(text: str) -> list[str]:
    """Blocks of running text: hard line breaks end a block, wrapped lines are joined."""
    text = _SOFT_NEWLINE.sub(" ", clean_text(text))
    blocks: list[str] = []
    letters: list[str] = []
    for line in (line.strip() for line in text.split("\n")):
        if _SHORT_PIECE.fullmatch(line):
            letters.append(line)
            continue
        _flush_letters(blocks, letters)
        _add_line(blocks, line)
    _flush_letters(blocks, letters)
    return [b for b in blocks if b]


def _flush_letters(blocks: list[str], letters: list[str]) -> None:
    """Lines of one or two letters: three or more in a row are a word set vertically."""
    if len(letters) >= 3:
        blocks.append("".join(letters))
    else:
        for line in letters:
            _add_line(blocks, line)
    letters.clear()


def _add_line(blocks: list[str], line: str) -> None:
    """Append one line: punctuation alone joins the previous line, noise lines go."""
    if not line:
        return
    if _PUNCT_ONLY.fullmatch(line):
        if blocks:
            blocks[-1] += line
        else:
            blocks.append(line)
        return
    if not any(ch.isalnum() for ch in line):
        # A lone symbol is layout debris; a row of them is a visible separator.
        if len(line.replace(" ", "")) >= 3:
            blocks.append(" ".join(line.split()))
        return
    if line.isdigit() and len(line) <= 4:
        return  # a page number on its own line
    blocks.append(line)
