"""Sniff what kind of text an input is: HTML, Markdown or plain text."""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["html", "markdown", "text"]

_HTML_START = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)
_HTML_TAG = re.compile(
    r"</?(html|head|body|p|div|span|article|section|h[1-6]|a|br|meta|title|ul|li|table|script|style)\b[^>]*>", re.I
)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n.*?\n(---|\.\.\.)[ \t]*\n", re.S)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)
_MD_SETEXT = re.compile(r"^\S.*\n(=+|-+)[ \t]*$", re.M)
_MD_LINK = re.compile(r"!?\[[^\]\n]+\]\([^)\s]+(?:\s+\"[^\"]*\")?\)|^\[[^\]\n]+\]:\s+\S+", re.M)
_MD_FENCE = re.compile(r"^(```|~~~)", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__)\S[^*_\n]*\S\1")
_MD_QUOTE = re.compile(r"^>[ \t]", re.M)

_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


def _html_score(text: str) -> float:
    """How strongly text looks like HTML: tag density in its first part."""
    head = text[:20000]
    if _HTML_START.search(head):
        return 10.0
    tags = len(_HTML_TAG.findall(head))
    return tags / max(1, len(head.split("\n")))


def markdown_score(text: str) -> float:
    """Weighted count of Markdown-only constructs (headings, links, fences, front matter)."""
    head = text[:50000]
    score = 3.0 if _FRONT_MATTER.match(head) else 0.0
    score += 2.0 * min(3, len(_MD_HEADING.findall(head)))
    score += 2.0 * min(3, len(_MD_LINK.findall(head)))
    score += 2.0 * min(2, len(_MD_FENCE.findall(head)) // 2)
    score += 1.0 * min(3, len(_MD_EMPHASIS.findall(head)))
    score += 1.0 * min(2, len(_MD_SETEXT.findall(head)))
    score += 0.5 * min(2, len(_MD_QUOTE.findall(head)))
    return score


def detect_kind(text: str, name: str = "", content_type: str | None = None) -> Kind:
    """Classify text as html, markdown or text; content decides, name and type break ties."""
    media = (content_type or "").split(";")[0].strip().lower()
    lowered = name.lower().split("?")[0]
    html = _html_score(text)
    if html >= 10 or (media in ("text/html", "application/xhtml+xml") and html > 0):
        return "html"
    if lowered.endswith(_HTML_SUFFIXES) and html > 0.05:
        return "html"
    if html > 0.5:
        return "html"
    md = markdown_score(text)
    if media in ("text/markdown", "text/x-markdown") or lowered.endswith(_MARKDOWN_SUFFIXES):
        return "markdown"
    return "markdown" if md >= 4 else "text"
