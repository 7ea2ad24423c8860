"""Pasted page text and plain text files: body found, chrome dropped, header lines read."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.errors import NoArticleError
from narrator.read import read_article, read_bytes
from narrator.read.pasted import best_run
from narrator.read.text import is_hard_wrapped, read_text

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def test_pasted_page_keeps_exactly_the_body() -> None:
    article = read_article(str(FIXTURES / "pasted_page.txt"))
    assert len(article.paragraphs) == 5
    assert article.paragraphs[0].startswith("The town council of Eastport voted")
    assert article.paragraphs[-1].endswith("along the quay.")
    text = " ".join(article.paragraphs)
    for chrome in ("Skip to main content", "Photo:", "Listen to this article", "Fishermen", "newsletter", "©"):
        assert chrome not in text


def test_pasted_page_header_lines() -> None:
    article = read_article(str(FIXTURES / "pasted_page.txt"))
    assert article.title == "Harbor town votes to rebuild its flooded sea wall"
    assert article.byline == "Maria Lindqvist"
    assert article.date == "2025-03-14"
    assert article.language == "en"


def test_pasted_page_in_another_language() -> None:
    page = "\n".join(
        [
            "Startseite",
            "Politik",
            "Wirtschaft",
            "Anmelden",
            "",
            "Stadtrat beschließt neue Radwege",
            "Die Stadt will in den nächsten drei Jahren mehr als vierzig Kilometer neue Radwege bauen, "
            "wie der Stadtrat am Mittwoch mit großer Mehrheit beschlossen hat.",
            "",
            "Die Kosten von rund zwanzig Millionen Euro sollen zum größten Teil aus Mitteln des Landes "
            "kommen, die für den Ausbau des Verkehrs vorgesehen sind.",
            "",
            "Kritik kam von den Händlern in der Innenstadt, die den Wegfall von Parkplätzen fürchten und "
            "eine Befragung der Kunden gefordert haben.",
            "",
            "Mehr zum Thema",
            "Busse fahren ab Montag wieder nach dem alten Fahrplan, doch die Verkehrsbetriebe warnen schon jetzt vor…",
            "Newsletter abonnieren",
            "E-Mail-Adresse",
            "Abonnieren",
        ]
    )
    article = read_bytes(page.encode("utf-8"))
    assert article.language == "de"
    assert article.title == "Stadtrat beschließt neue Radwege"
    assert len(article.paragraphs) == 3
    assert article.paragraphs[-1].startswith("Kritik kam")


def test_plain_text_hard_wrapped_paragraphs_are_joined() -> None:
    article = read_article(str(FIXTURES / "wrapped.txt"))
    assert article.title == "The Quiet Return of the Night Train"
    assert len(article.paragraphs) == 4
    assert "timetable, overnight trains" in article.paragraphs[0]
    assert article.paragraphs[-1] == "Still, the demand is real, and governments have started to notice."


def test_hard_wrap_detection() -> None:
    wrapped = [
        "This paragraph was wrapped by an editor at a fixed width so that",
        "every line is about as long as the others in the",
        "block.",
    ]
    assert is_hard_wrapped(wrapped)
    assert not is_hard_wrapped(["Subscribe", "Enter your email to subscribe", "Please, enter correct email address"])
    assert not is_hard_wrapped(["Town council votes to rebuild the sea wall", "November 19, 2019 at 10:02 in the day"])
    assert not is_hard_wrapped(["Same headline twice in a teaser list", "Same headline twice in a teaser list"])


def test_title_falls_back_to_first_sentence() -> None:
    text = (
        "NATO allies met in Brussels on Tuesday to discuss a long list of spending plans for the coming "
        "decade, officials said. The talks went on late into the night."
    )
    article = read_text(text)
    assert article.title.startswith("NATO allies met in Brussels")
    # Cut where a phrase ends ("officials said" is attribution), flagged as a guess.
    assert article.title == "NATO allies met in Brussels on Tuesday to discuss a long list of spending plans"
    assert article.title_guessed


def test_cleaning_removes_invisible_characters_and_normalizes() -> None:
    text = "Cafe\u0301 owners met on Monday to discuss\u200b the new rules, which take effect\u00a0in May.\x07"
    article = read_text(text)
    assert article.paragraphs == ["Café owners met on Monday to discuss the new rules, which take effect in May."]


@pytest.mark.parametrize(
    "page",
    [
        "Sign in\nEmail\nPassword\nForgot password?\nCreate account\n",
        "Home\nNews\nSport\nWeather\nContact\nAbout us\n",
        "404\nPage not found\nGo back home\n",
    ],
)
def test_pages_without_article_raise(page: str) -> None:
    with pytest.raises(NoArticleError, match="no article text found"):
        read_bytes(page.encode(), source="page.txt")


def test_best_run_picks_the_heaviest_contiguous_stretch() -> None:
    assert best_run([-1, 5, -0.5, 4, -3, 2]) == (1, 4)


def test_comments_captions_teasers_and_share_lines_are_dropped() -> None:
    article = read_article(str(FIXTURES / "pasted_comments.txt"))
    text = " ".join(article.paragraphs)
    assert article.paragraphs[0].startswith("The county library will stay open")
    for chrome in ("Readers gather", "Lena Park", "Read more", "Share on", "riverfan", "About time", "cafe"):
        assert chrome not in text


def test_list_introduced_by_a_colon_is_kept() -> None:
    article = read_article(str(FIXTURES / "pasted_comments.txt"))
    assert article.paragraphs[-4:] == [
        "The new evening hours will apply at three branches:",
        "Central Library, Main Street",
        "Northside Branch, Oak Avenue",
        "Riverside Branch, Mill Road",
    ]


def test_header_found_above_byline_and_dateline() -> None:
    article = read_article(str(FIXTURES / "pasted_comments.txt"))
    assert article.title == "Library extends opening hours for the winter"
    assert article.byline == "Sam Okafor"
    assert article.date == "2024-11-02"


def test_pasted_text_without_a_stoplist_language() -> None:
    body = "。".join(["市立図書館は十二月から平日の夜十時まで開館すると発表した"] * 3) + "。"
    page = f"ホーム\nニュース\nログイン\n\n{body}\n\n{body}\n\nシェアする\n"
    article = read_bytes(page.encode("utf-8"))
    assert article.language == "ja"
    assert article.paragraphs == [body, body]


def test_plain_text_lists_and_headings() -> None:
    text = (
        "Pear jam for the holidays\n\n"
        "This jam is easy to make and keeps for months in a cool cupboard, which makes it a good present.\n\n"
        "You will need:\n- 8 ripe pears\n- 1 lemon\n- 2 cups of honey\n\n"
        "Cook the pears with the lemon juice until soft, then stir in the honey and boil until thick.\n\n"
        "Steps at a glance\n1. Peel the pears.\n2. Boil everything.\n"
    )
    article = read_text(text)
    assert article.title == "Pear jam for the holidays"
    assert article.sections[0].paragraphs[1:5] == ("You will need:", "8 ripe pears", "1 lemon", "2 cups of honey")
    assert article.sections[1].heading == "Steps at a glance"
    assert article.sections[1].paragraphs == ("1. Peel the pears.", "2. Boil everything.")


def test_single_typed_line_is_read() -> None:
    article = read_bytes(b"Narrate this short line please")
    assert article.paragraphs == ["Narrate this short line please"]
    assert article.title == "Narrate this short line please"


def test_page_pasted_without_blank_lines() -> None:
    article = read_article(str(FIXTURES / "pasted_single_lines.txt"))
    assert article.title == "Rail strike halts trains across the country for a second day"
    assert article.byline == "Anna Berg and Tom Hale"
    text = " ".join(article.paragraphs)
    for chrome in ("Travellers faced", "RELATED", "Commuters turn", "Advertisement", "Floods force", "Sign up"):
        assert chrome not in text
    assert article.paragraphs[-1].startswith("Freight trains were less affected")
    assert (
        sum(p.startswith(("A nationwide", "Union leaders", "The transport minister")) for p in article.paragraphs) == 3
    )
    assert [s.heading for s in article.sections] == [None]
