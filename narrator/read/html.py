"""HTML → Article: trafilatura for body and metadata, then our own chrome filter."""

from __future__ import annotations

import re

from lxml import etree

from narrator.errors import NoArticleError
from narrator.models import Article, Section
from narrator.read.clean import clean_line, normalize_text
from narrator.read.dates import normalize_date
from narrator.read.language import count_words, guess_language
from narrator.read.polish import polish_blocks
from narrator.read.title import clean_byline, clean_title, fallback_title

_HTML_LANG = re.compile(r"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)", re.I)
_SKIP = {"code", "graphic", "figure", "ref-skip"}
MIN_WORDS = 25
"""Fewer body words than this from an HTML page means no article (login, error, index page)."""

Block = tuple[str, str]  # (kind, text) with kind "heading" or "paragraph"


def _text(element: etree._Element) -> str:
    """All text inside an element, whitespace collapsed, line breaks as spaces."""
    return clean_line(normalize_text(" ".join(element.itertext())))


def _table_rows(table: etree._Element) -> list[Block]:
    """Read a table row by row, cells separated by commas."""
    rows = []
    for row in table.iter("row"):
        cells = [_text(cell) for cell in row.iter("cell")]
        line = ", ".join(c for c in cells if c)
        if line:
            rows.append(("paragraph", line if line.endswith((".", "!", "?")) else line + "."))
    return rows


def _walk(element: etree._Element, blocks: list[Block]) -> None:
    """Collect heading and paragraph blocks from trafilatura's XML body in order."""
    if element.text and element.text.strip():
        blocks.append(("paragraph", clean_line(normalize_text(element.text))))
    for child in element:
        _add_child(child, blocks)
        # Text between block elements (a heading trafilatura did not tag) is a paragraph too.
        if child.tail and child.tail.strip():
            blocks.append(("paragraph", clean_line(normalize_text(child.tail))))


def _add_child(child: etree._Element, blocks: list[Block]) -> None:
    """Add the blocks of one child element of the body."""
    tag = child.tag
    if tag in _SKIP:
        return
    if tag == "head":
        blocks.append(("heading", _text(child)))
    elif tag == "p":
        blocks.append(("paragraph", _text(child)))
    elif tag == "list":
        blocks.extend(("paragraph", _text(item)) for item in child.iter("item"))
    elif tag == "table":
        blocks.extend(_table_rows(child))
    elif any(sub.tag in ("p", "head", "list", "quote", "table") for sub in child):
        _walk(child, blocks)
    else:
        blocks.append(("paragraph", _text(child)))


def _sections(blocks: list[Block]) -> tuple[Section, ...]:
    """Group blocks under their headings; headings with no text below are dropped."""
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[str] = []
    for kind, text in blocks:
        if kind == "heading":
            if paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = text, []
        elif text:
            paragraphs.append(text)
    if paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)


def extract_blocks(html: str, url: str | None = None) -> tuple[list[Block], dict[str, str]]:
    """Body blocks and metadata attributes as trafilatura extracts them."""
    import trafilatura

    xml = trafilatura.extract(
        html, url=url, output_format="xml", with_metadata=True,
        include_comments=False, include_tables=True, include_images=False, deduplicate=False,
    )
    if not xml:
        return [], {}
    root = etree.fromstring(xml.encode("utf-8"))
    body = root.find("main")
    blocks: list[Block] = []
    _walk(body if body is not None else root, blocks)
    return [(k, t) for k, t in blocks if t], dict(root.attrib)


def html_language(html: str) -> str | None:
    """The language declared on the <html> element, as a BCP 47 tag."""
    match = _HTML_LANG.search(html[:5000])
    return match.group(1).replace("_", "-") if match else None


def read_html(html: str, *, source: str = "") -> Article:
    """Extract the article body, headings and metadata from an HTML page."""
    url = source if source.startswith(("http://", "https://")) else None
    blocks, meta = extract_blocks(html, url)
    text = " ".join(t for _, t in blocks)
    language = html_language(html) or guess_language(text)
    title = clean_title(meta.get("title"), meta.get("sitename"))
    byline = clean_byline(meta.get("author"))
    blocks = polish_blocks(blocks, language, title=title, byline=byline)
    sections = _sections(blocks)
    paragraphs = [p for s in sections for p in s.paragraphs]
    if sum(count_words(p) for p in paragraphs) < MIN_WORDS:
        raise NoArticleError(f"no article text found in {source or 'input'}")
    return Article(
        title=title or fallback_title(paragraphs),
        sections=sections,
        byline=byline,
        publication=meta.get("sitename") or None,
        date=normalize_date(meta.get("date")),
        language=language,
        source=source,
    )
