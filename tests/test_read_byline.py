"""Bylines: each person once, no domain names, no dates, handles or roles glued on."""

from __future__ import annotations

import pytest

from narrator.read.byline import clean_byline, parse_byline


@pytest.mark.parametrize(
    ("field", "byline"),
    [
        ("Troy Smith; Troy L Smith; Cleveland com", "Troy Smith"),  # a real page's author metadata
        ("Jane Doe; cleveland.com", "Jane Doe"),
        ("Jeff Foust Monday; November", "Jeff Foust"),
        ("JERUSALEM POST STAFF NOVEMBER", "Jerusalem Post Staff"),
        ("LISA MASCARO; MARY CLARE JALONICK", "Lisa Mascaro, Mary Clare Jalonick"),
        ("Ilana Muhlstein; MS; RDN", "Ilana Muhlstein"),
        ("Bruce Y Lee", "Bruce Y Lee"),
        ("Lisa Kaczke; Trevor J Mitchell", "Lisa Kaczke, Trevor J Mitchell"),
    ],
)
def test_author_fields(field: str, byline: str) -> None:
    assert clean_byline(field) == byline


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Troy L. Smith, Cleveland.com", "Troy L. Smith"),
        ("By Tim Childers - Live Science Contributor", "Tim Childers"),
        ("By Chris Pokorny@DawgsByNature Nov", "Chris Pokorny"),
        ("By Sherif Saed, Wednesday", "Sherif Saed"),
        ("By Anna Berg and Tom Hale", "Anna Berg and Tom Hale"),
        ("By DANICA KIRKA and JILL LAWLESS", "Danica Kirka, Jill Lawless"),
        ("By Anna Berg and Anna Berg", "Anna Berg"),
    ],
)
def test_byline_lines(line: str, byline: str) -> None:
    assert parse_byline(line) == byline


def test_only_a_domain_is_no_byline() -> None:
    assert clean_byline("cleveland.com") is None
