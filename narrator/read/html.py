"""HTML → Article: trafilatura for body and metadata, then our own chrome filter."""

from __future__ import annotations

import re

from lxml import etree

from narrator.errors import NoArticleError
from narrator.models import Article
from narrator.read.byline import clean_byline
from narrator.read.clean import clean_line, normalize_text
from narrator.read.dates import normalize_date
from narrator.read.language import STOPLISTS, count_words, guess_language
from narrator.read.polish import polish_blocks
from narrator.read.sections import HEADING, PARAGRAPH, Block, group_sections
from narrator.read.title import clean_title, fallback_title

_HTML_LANG = re.compile(r"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)", re.I)
_SKIP = {"code", "graphic"}
MIN_WORDS = 25
"""Fewer body words than this from an HTML page means no article (login, error, index page)."""


def _text(element: etree._Element) -> str:
    """All text inside an element, whitespace collapsed, line breaks as spaces."""
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    # Inline markup splits words ("<hi>T</hi>he"), so pieces are joined without spaces.
    # lxml yields str for text parsed from str; its stubs also allow bytes.
    return clean_line(normalize_text("".join(text for text in element.itertext() if isinstance(text, str))))


def _table_rows(table: etree._Element) -> list[Block]:
    """Read a table row by row, cells separated by commas."""
    rows = []
    for row in table.iter("row"):
        cells = [_text(cell) for cell in row.iter("cell")]
        line = ", ".join(c for c in cells if c)
        if line:
            rows.append((PARAGRAPH, line if line.endswith((".", "!", "?")) else line + "."))
    return rows


def _walk(element: etree._Element, blocks: list[Block]) -> None:
    """Collect heading and paragraph blocks from trafilatura's XML body in order."""
    if element.text and element.text.strip():
        blocks.append((PARAGRAPH, clean_line(normalize_text(element.text))))
    for child in element:
        _add_child(child, blocks)
        # Text between block elements (a heading trafilatura did not tag) is a paragraph too.
        if child.tail and child.tail.strip():
            blocks.append((PARAGRAPH, clean_line(normalize_text(child.tail))))


def _add_child(child: etree._Element, blocks: list[Block]) -> None:
    """Add the blocks of one child element of the body."""
    tag = child.tag
    if tag in _SKIP:
        return
    if tag == "head":
        blocks.append((HEADING, _text(child)))
    elif tag == "p":
        blocks.append((PARAGRAPH, _text(child)))
    elif tag == "list":
        blocks.extend((PARAGRAPH, _text(item)) for item in child.findall("item"))
    elif tag == "table":
        blocks.extend(_table_rows(child))
    elif any(sub.tag in ("p", "head", "list", "quote", "table") for sub in child):
        _walk(child, blocks)
    else:
        blocks.append((PARAGRAPH, _text(child)))


def extract_blocks(html: str, url: str | None = None) -> tuple[list[Block], dict[str, str]]:
    """Body blocks and metadata attributes as trafilatura extracts them."""
    import trafilatura  # 0.15 s to import: only when a page is extracted

    xml = trafilatura.extract(
        html,
        url=url,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
        favor_recall=True,
    )
    if not xml:
        return [], {}
    root = etree.fromstring(xml.encode("utf-8"))
    body = root.find("main")
    blocks: list[Block] = []
    _walk(body if body is not None else root, blocks)
    # lxml gives str names and values for text parsed from str; its stubs also allow bytes.
    attributes = {k: v for k, v in root.attrib.items() if isinstance(k, str) and isinstance(v, str)}
    return [(k, t) for k, t in blocks if t], attributes


def html_language(html: str) -> str | None:
    """The language declared on the <html> element, as a BCP 47 tag."""
    match = _HTML_LANG.search(html[:5000])
    return match.group(1).replace("_", "-") if match else None


def _language(declared: str | None, text: str) -> str:
    """The declared page language, unless the body is long and plainly in another language."""
    guessed = guess_language(text)
    if not declared:
        return guessed
    primary = declared.split("-")[0].lower()
    # Sites declare their own language even on syndicated articles in another one.
    if primary != guessed and primary in STOPLISTS and count_words(text) >= 100:
        return guessed
    return declared


def read_html(html: str, *, source: str = "") -> Article:
    """Extract the article body, headings and metadata from an HTML page."""
    url = source if source.startswith(("http://", "https://")) else None
    blocks, meta = extract_blocks(html, url)
    text = " ".join(t for _, t in blocks)
    language = _language(html_language(html), text)
    title = clean_title(meta.get("title"), meta.get("sitename"))
    byline = clean_byline(meta.get("author"))
    if not title:
        title = next((text for kind, text in blocks if kind == HEADING), None)
    sections = group_sections(polish_blocks(blocks, language, title=title, byline=byline))
    paragraphs = [p for s in sections for p in s.paragraphs]
    if sum(count_words(p) for p in paragraphs) < MIN_WORDS:
        raise NoArticleError(f"no article text found in {source or 'input'}")
    return Article(
        title=title or fallback_title(paragraphs),
        title_guessed=not title,
        sections=sections,
        byline=byline,
        publication=meta.get("sitename") or None,
        date=normalize_date(meta.get("date")),
        language=language,
        source=source,
    )
