"""HTML pages: trafilatura body plus our chrome filter, headings and metadata."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from narrator.errors import NoArticleError
from narrator.read import article_to_json, read_article, read_bytes
from narrator.read.polish import is_chrome
from narrator.read.title import clean_title

FIXTURES = Path(__file__).parent / "fixtures" / "read"


@pytest.fixture(scope="module")
def article():
    return read_article(str(FIXTURES / "article.html"))


def test_body_and_headings(article) -> None:
    assert [s.heading for s in article.sections] == [None, "Traffic limits"]
    assert len(article.paragraphs) == 5
    assert article.paragraphs[0].startswith("Engineers inspecting")
    assert article.paragraphs[-1].startswith("The agency plans")


def test_chrome_is_dropped(article) -> None:
    text = " ".join(article.paragraphs)
    for chrome in ("By Tom Baker", "Photo:", "Ferry prices", "All rights reserved", "Sign in"):
        assert chrome not in text


def test_metadata(article) -> None:
    assert article.title == "Bridge inspections find hidden corrosion"
    assert article.byline == "Tom Baker"
    assert article.date == "2024-10-08"
    assert article.publication == "The Daily Example"
    assert article.language == "en-GB"


def test_html_on_stdin_is_sniffed() -> None:
    data = (FIXTURES / "article.html").read_bytes()
    article = read_article("-", stdin=io.BytesIO(data))
    assert article.source == "-"
    assert len(article.paragraphs) == 5


def test_login_page_has_no_article() -> None:
    with pytest.raises(NoArticleError, match=r"no article text found in .*login\.html"):
        read_article(str(FIXTURES / "login.html"))


def test_json_shape(article) -> None:
    data = article_to_json(article)
    assert list(data) == [
        "title",
        "title_guessed",
        "byline",
        "date",
        "publication",
        "language",
        "paragraphs",
        "sections",
    ]
    assert data["sections"][1] == {"heading": "Traffic limits", "paragraphs": list(article.sections[1].paragraphs)}
    assert data["paragraphs"] == article.paragraphs


def test_html_without_metadata_gets_a_title() -> None:
    body = "".join(
        f"<p>Paragraph {n} of a story about a river that floods the town every spring, as residents say.</p>"
        for n in range(5)
    )
    article = read_bytes(f"<html><body><article>{body}</article></body></html>".encode())
    assert article.title.startswith("Paragraph 0 of a story")


@pytest.mark.parametrize(
    "text",
    [
        "The old river bridge seen from the east bank. Photo: Anna Kim/Daily Example",
        "Workers at the site on Monday. (Jane Roe/Reuters)",
        "By Tom Baker",
        "Most residents say the plan came too late, and the owners of the last shops are now asking the…",
    ],
)
def test_leaked_chrome_is_recognised(text: str) -> None:
    assert is_chrome(text, "en")


def test_prose_is_not_chrome() -> None:
    assert not is_chrome("The image of the party suffered, he said, but the photo of the leader did not.", "en")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Bridge inspections find hidden corrosion | The Daily Example", "Bridge inspections find hidden corrosion"),
        ("Opinion | Republicans Are Following Trump to Nowhere", "Republicans Are Following Trump to Nowhere"),
        ("A plain title", "A plain title"),
    ],
)
def test_title_cleanup(raw: str, clean: str) -> None:
    assert clean_title(raw, "The Daily Example") == clean


def test_author_fields_are_tidied() -> None:
    from narrator.read.byline import clean_byline, parse_byline

    assert clean_byline("Ilana Muhlstein; MS; RDN") == "Ilana Muhlstein"
    assert clean_byline("By Jane Doe; John Roe") == "Jane Doe, John Roe"
    assert parse_byline("By Sherif Saed 20 November 2019") == "Sherif Saed"
    assert parse_byline("By the way, this is a sentence that goes on for quite a while longer.") is None


def test_cjk_page_counts_characters_as_words() -> None:
    sentence = "市立図書館は十二月から平日の夜十時まで開館すると発表した。"
    html = f"<html lang='ja'><body><article><p>{sentence * 3}</p><p>{sentence * 2}</p></article></body></html>"
    article = read_bytes(html.encode("utf-8"))
    assert article.language == "ja"
    assert len(article.paragraphs) == 2


def test_body_language_beats_a_wrong_page_declaration() -> None:
    paragraphs = "".join(
        f"<p>On day {n} the council met again and voted to rebuild the old bridge, which has been closed "
        f"to traffic since the spring floods damaged its eastern pillars and its old railings.</p>"
        for n in range(6)
    )
    html = f"<html lang='de'><body><article>{paragraphs}</article></body></html>"
    assert read_bytes(html.encode()).language == "en"
