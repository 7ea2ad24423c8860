"""Page furniture that must not be read or chaptered: link-box labels, "listen live" promos, caption debris."""

from __future__ import annotations

from narrator.read import read_str

PROSE = [
    "The city council approved a new transport plan on Tuesday after a long debate about costs and timing.",
    "Under the plan, three bus routes will run every ten minutes and two new tram stops will open next year.",
    "Council members said the money would come from a regional fund and from higher parking fees downtown.",
    "Opponents argued that the parking fees would hurt small shops, but the plan passed by seven votes to four.",
    "Work on the first tram stop is due to start in March, the transport department said in a statement.",
]
PROMO = "Listen to Newsbeat live at 12:45 and 17:45 weekdays - or listen back here."
DEBRIS = ["Streets.", "and rail."]


def html_page() -> str:
    """A news page whose body has a links-box heading, a promo line and orphan caption words."""
    body = (
        f"<p>{PROSE[0]}</p><p>{PROSE[1]}</p>"
        "<h2>More:</h2>"
        f"<p>{PROSE[2]}</p><p>{DEBRIS[0]}</p><p>{PROSE[3]}</p><p>{DEBRIS[1]}</p><p>{PROSE[4]}</p>"
        f"<p>{PROMO}</p>"
    )
    return (
        "<html lang='en'><head><title>Council approves transport plan</title></head>"
        f"<body><article><h1>Council approves transport plan</h1>{body}</article></body></html>"
    )


def pasted_page() -> str:
    """The same story as select-all page text."""
    lines = [
        "Home",
        "News",
        "",
        "Council approves transport plan",
        "",
        PROSE[0],
        "",
        PROSE[1],
        "",
        PROSE[2],
        "",
        DEBRIS[0],
        "",
        PROSE[3],
        "",
        DEBRIS[1],
        "",
        PROSE[4],
        "",
        PROMO,
        "",
        "Privacy policy",
    ]
    return "\n".join(lines)


def test_html_furniture_is_not_read_or_chaptered() -> None:
    article = read_str(html_page(), source="page.html")
    assert [s.heading for s in article.sections if s.heading] == []
    assert article.paragraphs == PROSE


def test_pasted_furniture_is_not_read() -> None:
    article = read_str(pasted_page(), source="page.txt")
    assert article.paragraphs == PROSE


def test_real_one_word_answers_and_list_items_stay() -> None:
    text = "# Q and A\n\nDid the council approve the plan on Tuesday evening after the debate?\n\nYes.\n\nYou will need:\n\n- 8 ripe pears\n- 1 lemon\n"
    article = read_str(text, source="qa.md")
    assert "Yes." in article.paragraphs
