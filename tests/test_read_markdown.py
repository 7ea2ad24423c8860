"""Markdown: front matter, headings as sections, links, images, code and tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.errors import NoArticleError
from narrator.read import read_article, read_bytes
from narrator.read.frontmatter import split_front_matter
from narrator.read.markdown import inline_text

FIXTURES = Path(__file__).parent / "fixtures" / "read"


@pytest.fixture(scope="module")
def article():
    return read_article(str(FIXTURES / "story.md"))


def test_front_matter_metadata(article) -> None:
    assert article.title == "Why the Library Stayed Open"
    assert article.byline == "Ana Ruiz"
    assert article.date == "2024-09-02"
    assert article.publication == "The Weekly Example"


def test_headings_become_sections(article) -> None:
    assert [s.heading for s in article.sections] == [None, "How it worked"]


def test_links_keep_text_and_urls_are_not_read(article) -> None:
    text = " ".join(article.paragraphs)
    assert "from a librarian who" in text
    assert "example.org/staff" not in text and "council-note" not in text
    assert "the council note." in text


def test_images_and_code_are_dropped(article) -> None:
    text = " ".join(article.paragraphs)
    assert "reading-room" not in text and "A reading room at night" not in text
    assert "curl" not in text


def test_lists_and_tables_are_read_as_sentences(article) -> None:
    assert "Doors opened at nine in the evening." in article.paragraphs
    assert "Tuesday, 240." in article.paragraphs


def test_title_from_first_heading_without_front_matter() -> None:
    text = b"# Big News\n\nBy Sam Lee\n\nSomething happened today in the town.\n\nMore followed."
    article = read_bytes(text, source="n.md")
    assert article.title == "Big News"
    assert article.byline == "Sam Lee"
    assert article.paragraphs == ["Something happened today in the town.", "More followed."]


def test_markdown_detected_without_md_suffix() -> None:
    text = "# Notes\n\nA paragraph with a [link](https://example.org) and **bold** words.\n\n## Part two\n\nMore text."
    article = read_bytes(text.encode(), source="notes.txt")
    assert article.title == "Notes"
    assert article.sections[-1].heading == "Part two"


@pytest.mark.parametrize(
    ("markdown", "spoken"),
    [
        ("**bold** and *italic* and `code`", "bold and italic and code"),
        ("see [the docs](https://x.org/a_(b)) now", "see the docs now"),
        ("an ![image](i.png) here", "an here"),
        ("a footnote[^1].", "a footnote."),
        ("escaped \\*stars\\*", "escaped *stars*"),
        ("AT&amp;T <span>said</span>", "AT&T said"),
    ],
)
def test_inline_text(markdown: str, spoken: str) -> None:
    assert inline_text(markdown) == spoken


def test_front_matter_lists() -> None:
    fields, rest = split_front_matter("---\nauthors:\n  - A One\n  - B Two\ntags: [x, y]\n---\nBody")
    assert fields["authors"] == ["A One", "B Two"]
    assert rest == "Body"


def test_only_code_is_no_article() -> None:
    with pytest.raises(NoArticleError):
        read_bytes(b"# Title\n\n```\ncode only\n```\n", source="c.md")
