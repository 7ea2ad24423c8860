"""Read a page as it is: every line kept, for pages the article extractor rejects (results, listings)."""

from __future__ import annotations

from lxml import html as lxml_html

from narrator.errors import NoArticleError
from narrator.models import Article, Section
from narrator.read.clean import clean_line, normalize_text
from narrator.read.header import find_header
from narrator.read.language import guess_language
from narrator.read.markdown import read_markdown
from narrator.read.text import to_lines
from narrator.read.title import fallback_title

HEADER_LINES = 12
"""How many opening lines may hold the headline, byline and date of a page read as is."""
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "li",
    "tr",
    "td",
    "th",
    "dt",
    "dd",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "figcaption",
    "caption",
    "table",
    "ul",
    "ol",
}
_UNSPOKEN = ("script", "style", "noscript", "template", "svg", "head")


def read_as_is(text: str, kind: str, *, source: str = "") -> Article:
    """An Article of every line of the page, nothing judged as furniture; the headline is looked for on top."""
    if kind == "markdown":
        return read_markdown(text, source=source)  # Markdown is read as written already
    lines = html_lines(text) if kind == "html" else [line.text for line in to_lines(text)]
    if not lines:
        raise NoArticleError(f"no text found in {source or 'input'}")
    language = guess_language(" ".join(lines))
    header = find_header(lines, min(HEADER_LINES, len(lines)), " ".join(lines), language)
    paragraphs = [line for line in lines if line != header.title]
    if not paragraphs:
        raise NoArticleError(f"no text found in {source or 'input'}")
    return Article(
        title=header.title or fallback_title(paragraphs),
        sections=(Section(None, tuple(paragraphs)),),
        byline=header.byline,
        date=header.date,
        language=language,
        source=source,
        title_guessed=not header.title,
    )


def html_lines(page: str) -> list[str]:
    """The visible text of an HTML page, one line per block element."""
    # lxml.html parses into HtmlElements; lxml-stubs type its results as plain _Element (no
    # drop_tree, no text_content) and do not declare HtmlElement, so these two calls go unchecked.
    root = lxml_html.fromstring(page)
    for element in list(root.iter(*_UNSPOKEN)):
        element.drop_tree()  # type: ignore[attr-defined]
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    text: str = root.text_content()  # type: ignore[attr-defined]
    return [line for line in (clean_line(part) for part in normalize_text(text).split("\n")) if line]
