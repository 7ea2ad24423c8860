"""Episode descriptions: the article's lead in whole sentences, a length apps show well, never a fragment."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from narrator.cli import main
from narrator.publish.description import DESCRIPTION_CHARS, lead_description
from narrator.script import split_sentences

LEAD = (
    "The Palm Bay boys basketball team beat Rockledge 70-44 on Friday night to reach the regional final. "
    "It was their fifth win in a row. Coach Tim Lee praised a defense that held Rockledge to 12 points after the break."
)


def sentences(*paragraphs: str) -> list[list[str]]:
    return [split_sentences(p) for p in paragraphs]


def test_fragments_above_the_lead_are_skipped() -> None:
    text = lead_description(
        sentences("10 p.m.", "CLICK FOR FULL STATE SWIM RESULTS", LEAD, "Another paragraph follows.")
    )
    assert text.startswith("The Palm Bay boys basketball team beat Rockledge")
    assert DESCRIPTION_CHARS[0] <= len(text) <= DESCRIPTION_CHARS[1] and text.endswith(".")


def test_whole_sentences_up_to_the_limit() -> None:
    long_lead = " ".join(f"Sentence number {n} of the lead says something useful about the story." for n in range(10))
    text = lead_description(sentences(long_lead))
    assert text.endswith("story.") and len(text) <= DESCRIPTION_CHARS[1]
    assert split_sentences(text) == split_sentences(long_lead)[: len(split_sentences(text))]


def test_an_overlong_first_sentence_is_cut_at_a_word() -> None:
    text = lead_description(sentences("A " + "very " * 100 + "long sentence."))
    assert text.endswith("very…") and len(text) <= DESCRIPTION_CHARS[1]


def test_feed_item_description_is_the_lead(tmp_path: Path, tone_profile: Path) -> None:
    page = tmp_path / "game.md"
    page.write_text(f"# Palm Bay wins again\n\n10 p.m.\n\n{LEAD}\n\nMore from the game later.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    assert runner.invoke(main, ["narrate", str(page), "-o", str(out), "--voice", str(tone_profile)]).exit_code == 0
    result = runner.invoke(main, ["feed", str(out), "--base-url", "https://example.com/", "--title", "Sports"])
    assert result.exit_code == 0, result.output
    [description] = [i.findtext("description") for i in ET.parse(out / "feed.xml").getroot().iter("item")]
    assert description == LEAD


def test_a_one_word_first_sentence_is_not_the_whole_description() -> None:
    """A page's "Amnesty. More than 100 protesters killed ..." must not give the description "Amnesty."."""
    paragraph = "Amnesty. " + "More than 100 protesters were killed in the unrest, " * 8 + "the group said."
    text = lead_description(sentences(paragraph))
    assert (
        text.startswith("Amnesty. More than 100")
        and text.endswith("…")
        and DESCRIPTION_CHARS[0] <= len(text) <= DESCRIPTION_CHARS[1]
    )


def test_the_lead_does_not_jump_over_a_table_row() -> None:
    intro = "Below, we look at the snap counts and the stats on defense for the Week 11 game."
    text = lead_description(
        sentences(
            intro, "Pos, Player, Plays, %, Stats.", "DL, Larry Ogunjobi, 63, 85%, 1 tackle (1 combined). 1 sack, 1 TFL."
        )
    )
    assert text == intro


def test_without_prose_on_top_the_opening_text_is_used() -> None:
    rows = [f"Team {n} beat Team {n + 1} 3-{n}" for n in range(12)]
    text = lead_description(sentences(*rows))
    assert text.startswith("Team 0 beat Team 1 3-0") and len(text) <= DESCRIPTION_CHARS[1]
