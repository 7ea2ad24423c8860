"""The read stage's entry points: any source (path, URL, "-") or bytes → Article."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from typing import BinaryIO, NamedTuple, Protocol, TypedDict

from narrator.errors import InputError, NoArticleError
from narrator.input_files import read_input
from narrator.models import Article, Section
from narrator.read.as_is import read_as_is
from narrator.read.decode import decode_bytes
from narrator.read.detect import detect_kind
from narrator.read.fetch import fetch
from narrator.read.html import read_html
from narrator.read.markdown import read_markdown
from narrator.read.text import read_text
from narrator.read.title import fallback_title
from narrator.references import strip_references
from narrator.safe_text import clean_optional, clean_text

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# "example.com/story" or "www.example.com": a web address typed without its scheme.
_BARE_DOMAIN = re.compile(r"^(www\.[a-z0-9.-]+|[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/\S*)$", re.I)


def _read_capped(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """Read a stream, refusing input larger than max_bytes."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name} is larger than the {max_bytes:,}-byte limit")
    return data


def _read_file(path: str, max_bytes: int) -> bytes:
    """Read a file's bytes with clear errors for missing, unreadable, special or huge files."""
    try:
        return read_input(path, max_bytes=max_bytes)
    except InputError as error:
        if str(error).endswith(": no such file") and _BARE_DOMAIN.match(path):
            raise InputError(f"{error} (for a web page, give its http:// or https:// address)") from None
        raise


class Loaded(NamedTuple):
    """The raw bytes of a source, before decoding and extraction."""

    data: bytes
    """What the file, standard input or server gave."""
    content_type: str | None
    """The server's Content-Type, for URLs."""


def load_source(
    source: str,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = 20_000_000,
    timeout: float = 20.0,
) -> Loaded:
    """The bytes of a file path, an http(s) URL or "-" (standard input), size-capped."""
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return Loaded(_read_capped(stream, "standard input", max_bytes), None)
    if _URL.match(source):
        fetched = fetch(source, timeout=timeout, max_bytes=max_bytes)
        return Loaded(fetched.data, fetched.content_type)
    return Loaded(_read_file(source, max_bytes), None)


def read_article(
    source: str,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = 20_000_000,
    timeout: float = 20.0,
    as_is: bool = False,
) -> Article:
    """Read a file path, an http(s) URL or "-" (standard input) into an Article (as_is: every line kept)."""
    loaded = load_source(source, stdin=stdin, max_bytes=max_bytes, timeout=timeout)
    return read_bytes(loaded.data, source=source, content_type=loaded.content_type, as_is=as_is)


def read_bytes(data: bytes, *, source: str = "", content_type: str | None = None, as_is: bool = False) -> Article:
    """Decode, sniff and extract an Article from raw bytes."""
    name = "standard input" if source == "-" else source or "input"
    if not data.strip():
        raise InputError(f"{name} is empty")
    text = decode_bytes(data, source=name, content_type=content_type)
    if not text.strip():
        raise InputError(f"{name} is empty")
    return read_str(text, source=source, content_type=content_type, as_is=as_is)


def read_str(text: str, *, source: str = "", content_type: str | None = None, as_is: bool = False) -> Article:
    """Extract an Article from decoded text of any supported kind; as_is keeps every line of the page."""
    name = "standard input" if source == "-" else source or "input"
    text = clean_text(text)
    kind = detect_kind(text, source, content_type)
    if as_is:
        return without_references(read_as_is(text, kind, source=source))
    try:
        article = safe_article(_READERS[kind](text, source=source))
    except NoArticleError:
        hint = " (to read the page as it is, use --as-is)"
        raise NoArticleError(f"no article text found in {name}{hint}") from None
    article = without_references(article)
    if not article.paragraphs:
        raise NoArticleError(f"no article text found in {name} (to read the page as it is, use --as-is)")
    return article


def safe_article(article: Article) -> Article:
    """The article with every field cleaned of control characters and undecodable text (HTML entities can hold them)."""
    sections = []
    for section in article.sections:
        paragraphs = tuple(p for p in (clean_text(p, one_line=True) for p in section.paragraphs) if p)
        if paragraphs:
            sections.append(Section(clean_optional(section.heading), paragraphs))
    return replace(
        article,
        title=clean_text(article.title, one_line=True) or fallback_title([p for s in sections for p in s.paragraphs]),
        byline=clean_optional(article.byline),
        publication=clean_optional(article.publication),
        sections=tuple(sections),
    )


def without_references(article: Article) -> Article:
    """The article without footnote and citation markers ("war.[12]"): a listener hears none,
    and the transcript shows what was heard."""
    sections = []
    for section in article.sections:
        paragraphs = tuple(p for p in (strip_references(p) for p in section.paragraphs) if p.strip())
        if paragraphs:
            sections.append(Section(section.heading, paragraphs))
    return replace(article, sections=tuple(sections))


class _Reader(Protocol):
    """A reader of one kind of decoded text."""

    def __call__(self, text: str, /, *, source: str) -> Article: ...


# html.py imports trafilatura (slow to import) only when a page is extracted.
_READERS: dict[str, _Reader] = {"html": read_html, "markdown": read_markdown, "text": read_text}


class SectionJson(TypedDict):
    """One section of `article_to_json`."""

    heading: str | None
    paragraphs: list[str]


class ArticleJson(TypedDict):
    """What `article_to_json` returns."""

    title: str
    title_guessed: bool
    byline: str | None
    date: str | None
    publication: str | None
    language: str
    paragraphs: list[str]
    sections: list[SectionJson]


def article_to_json(article: Article) -> ArticleJson:
    """A JSON-ready dict of an Article (what `narrator clean --json` prints)."""
    return {
        "title": article.title,
        "title_guessed": article.title_guessed,
        "byline": article.byline,
        "date": article.date,
        "publication": article.publication,
        "language": article.language,
        "paragraphs": list(article.paragraphs),
        "sections": [{"heading": s.heading, "paragraphs": list(s.paragraphs)} for s in article.sections],
    }
