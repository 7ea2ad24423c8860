"""Titles of pages without a headline: a headline-like guess, flagged, and a warning wherever it is used."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import main
from narrator.models import VoiceProfile
from narrator.read import read_str
from narrator.read.title import fallback_title
from narrator.script import make_script

# A pasted page with no headline (modelled on a real one): chrome, a photo caption, then the story.
HEADLESS_PAGE = """Skip to content
Menu
NATO Defense Secretary Mark Rutte met with U.S. President-Elect Donald Trump in Florida on Nov. 23, 2024. (NATO/release)

NATO Secretary General Mark Rutte met with U.S. President-elect Donald Trump in Florida on Nov. 23, the military alliance reported.

Rutte and Trump discussed a range of security issues facing NATO, according to the press release. No details were immediately available as to the specifics of the discussions.

Rutte also reportedly met with U.S. Congressman Mike Waltz, who Trump picked as his national security adviser, as well as other members of the incoming national security team.
"""


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "NATO Secretary General Mark Rutte met with U.S. President-elect Donald Trump in Florida on Nov. 23, "
            "the military alliance reported.",
            "NATO Secretary General Mark Rutte met with U.S. President-elect Donald Trump in Florida",
        ),
        (
            "MADRID — Rafael Nadal kept Spain’s hopes alive, then Marcel Granollers and Pablo Carreño Busta won the "
            "deciding doubles match to send Spain into the Davis Cup final.",
            "Rafael Nadal kept Spain’s hopes alive",
        ),
        ("The council approved the budget on Monday, the mayor said.", "The council approved the budget on Monday"),
        ("Prices rose 3% in May, according to the statistics office.", "Prices rose 3% in May"),
    ],
)
def test_guess_is_a_clean_phrase(sentence: str, title: str) -> None:
    assert fallback_title([sentence]) == title


def test_only_an_unbroken_run_of_words_gets_an_ellipsis() -> None:
    guess = fallback_title(["Word" * 40 + " end."])
    assert guess.endswith("…") and len(guess) <= 91


def test_pasted_page_without_headline_is_flagged_and_not_read_twice() -> None:
    article = read_str(HEADLESS_PAGE, source="page.txt")
    assert article.title_guessed and not article.title.endswith("…")
    assert article.title == "NATO Secretary General Mark Rutte met with U.S. President-elect Donald Trump in Florida"
    spoken = [s.text for s in make_script(article, VoiceProfile(name="t", engine="tone")).segments]
    assert spoken[0].startswith("NATO Secretary General") and spoken.count(spoken[0]) == 1


def test_a_headline_is_not_flagged() -> None:
    article = read_str(
        "# Council passes budget\n\nThe council approved the budget on Monday. It passed 5-4.\n", source="a.md"
    )
    assert article.title == "Council passes budget" and not article.title_guessed


def test_narrate_warns_about_a_guessed_title_unless_given(tmp_path: Path, tone_profile: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(HEADLESS_PAGE, encoding="utf-8")
    runner = CliRunner()
    guessed = runner.invoke(main, ["narrate", str(page), "-o", str(tmp_path / "a.mp3"), "--voice", str(tone_profile)])
    assert guessed.exit_code == 0, guessed.output
    assert "warning: no headline found" in guessed.output and "--title" in guessed.output
    given = runner.invoke(
        main,
        [
            "narrate",
            str(page),
            "-o",
            str(tmp_path / "b.mp3"),
            "--voice",
            str(tone_profile),
            "--title",
            "Rutte meets Trump",
        ],
    )
    assert given.exit_code == 0 and "no headline found" not in given.output


def test_batch_warns_per_item_and_a_manifest_title_silences_it(tmp_path: Path, tone_profile: Path) -> None:
    (tmp_path / "page.txt").write_text(HEADLESS_PAGE, encoding="utf-8")
    (tmp_path / "list.csv").write_text(
        "source,title,output\npage.txt,,guessed\npage.txt,Rutte meets Trump,titled\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main,
        [
            "batch",
            str(tmp_path / "list.csv"),
            "-o",
            str(tmp_path / "out"),
            "--voice",
            str(tone_profile),
            "--workers",
            "1",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "no headline found" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"warning: {tmp_path / 'list.csv'}:2: ")


def test_clean_warns_and_json_says_so(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(HEADLESS_PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "--json", str(page)])
    assert (
        result.exit_code == 0
        and '"title_guessed": true' in result.output
        and "warning: no headline found" in result.output
    )
