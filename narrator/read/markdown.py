"""Markdown → Article: headings become sections, links keep their text, code is skipped."""

from __future__ import annotations

import html as html_entities
import re

from narrator.errors import NoArticleError
from narrator.models import Article, Section
from narrator.read.byline import clean_byline, parse_byline
from narrator.read.clean import clean_line, normalize_text
from narrator.read.dates import normalize_date
from narrator.read.frontmatter import field, split_front_matter
from narrator.read.language import guess_language
from narrator.read.sections import HEADING, PARAGRAPH, group_sections
from narrator.read.title import fallback_title

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^[^\]]+\]:")

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_FOOTNOTE_REF = re.compile(r"\s*\[\^[^\]]+\]")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])(?=\s|$)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>", re.S)
_EMPHASIS = re.compile(r"(\*\*|__|~~|\*|_)(?=\S)(.+?)(?<=\S)\1")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def inline_text(text: str) -> str:
    """Plain spoken text of Markdown inline markup."""
    # Escaped markup characters are hidden as private-use characters until the end.
    text = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _CODE_SPAN.sub(lambda m: m.group(2).strip(), text)
    for _ in range(2):  # nested emphasis such as ***bold italic***
        text = _EMPHASIS.sub(r"\2", text)
    text = re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group(0)) - 0xE000), text)
    return _SPACE_BEFORE_PUNCT.sub(r"\1", clean_line(html_entities.unescape(text)))


def _table_row(line: str) -> str:
    """One table row read as a sentence of comma-separated cells."""
    cells = [inline_text(cell) for cell in line.strip().strip("|").split("|")]
    row = ", ".join(c for c in cells if c)
    return row if not row or row.endswith((".", "!", "?")) else row + "."


class _Blocks:
    """Accumulates (kind, level, text) blocks while scanning lines."""

    def __init__(self) -> None:
        """Start with no blocks and no open paragraph."""
        self.blocks: list[tuple[str, int, str]] = []
        self.lines: list[str] = []

    def flush(self) -> None:
        """Close the open paragraph."""
        text = inline_text(" ".join(self.lines))
        if text:
            self.blocks.append((PARAGRAPH, 0, text))
        self.lines = []

    def add(self, kind: str, level: int, text: str) -> None:
        """Close the open paragraph and add a finished block."""
        self.flush()
        if text:
            self.blocks.append((kind, level, text))


def parse_blocks(text: str) -> list[tuple[str, int, str]]:
    """Scan Markdown into heading (with level) and paragraph blocks, skipping code."""
    out = _Blocks()
    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        if fence:
            fence = None if line.strip().startswith(fence) else fence
            continue
        opening = _FENCE.match(line)
        if opening:
            out.flush()
            fence = opening.group(1)
            continue
        if not line.strip() or _RULE.match(line) or (_TABLE_SEPARATOR.match(line) and "|" in line):
            out.flush()
            continue
        if line.startswith(("    ", "\t")) and not out.lines and not _LIST_ITEM.match(line):
            continue  # indented code block
        if _REFERENCE_DEF.match(line) or _FOOTNOTE_DEF.match(line):
            out.flush()
            continue
        heading = _ATX.match(line)
        if heading:
            out.add(HEADING, len(heading.group(1)), inline_text(heading.group(2)))
            continue
        setext = _SETEXT.match(line)
        if setext and len(out.lines) == 1:
            title, out.lines = out.lines[0], []
            out.add(HEADING, 1 if setext.group(1)[0] == "=" else 2, inline_text(title))
            continue
        line = _QUOTE.sub("", line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if "|" in line and (_TABLE_SEPARATOR.match(nxt) or line.strip().startswith("|")):
            out.add(PARAGRAPH, 0, _table_row(line))
        elif _LIST_ITEM.match(line):
            out.flush()
            out.lines.append(_LIST_ITEM.sub("", line))
        else:
            out.lines.append(line.strip())
    out.flush()
    return out.blocks


def _title_and_sections(
    blocks: list[tuple[str, int, str]], title: str | None
) -> tuple[str | None, tuple[Section, ...]]:
    """Use a leading top-level heading as the title unless metadata gave one; group the rest."""
    leads = bool(blocks) and blocks[0][0] == HEADING and blocks[0][1] == min(b[1] for b in blocks if b[0] == HEADING)
    if leads and (title is None or title.lower() == blocks[0][2].lower()):
        title, blocks = blocks[0][2], blocks[1:]
    return title, group_sections((kind, text) for kind, _, text in blocks)


def _pop_byline(sections: tuple[Section, ...]) -> tuple[str | None, tuple[Section, ...]]:
    """Take a "By ..." first paragraph out of the body as the byline."""
    if not sections or not sections[0].paragraphs:
        return None, sections
    byline = parse_byline(sections[0].paragraphs[0])
    if not byline or (len(sections[0].paragraphs) < 2 and len(sections) < 2):
        return None, sections
    first = Section(sections[0].heading, sections[0].paragraphs[1:])
    return byline, ((first,) if first.paragraphs else ()) + sections[1:]


def read_markdown(text: str, *, source: str = "") -> Article:
    """Extract title, metadata and sectioned body text from a Markdown document."""
    fields, body = split_front_matter(normalize_text(text))
    body = _HTML_COMMENT.sub("", body)
    title, sections = _title_and_sections(parse_blocks(body), field(fields, "title"))
    byline, sections = _pop_byline(sections)
    paragraphs = [p for s in sections for p in s.paragraphs]
    if not paragraphs:
        raise NoArticleError(f"no article text found in {source or 'input'}")
    language = field(fields, "lang", "language") or guess_language(" ".join(paragraphs))
    return Article(
        title=inline_text(title) if title else fallback_title(paragraphs),
        title_guessed=not title,
        sections=sections,
        byline=clean_byline(field(fields, "author", "authors", "byline")) or byline,
        publication=field(fields, "publication", "publisher", "site", "site_name"),
        date=normalize_date(field(fields, "date", "published", "pubdate")),
        language=language,
        source=source,
    )
