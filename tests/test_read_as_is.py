"""--as-is: pages the article extractor rejects (a results roundup) can still be read, every line kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import main
from narrator.errors import NoArticleError
from narrator.read import read_str

ROUNDUP = """High School Roundup: Eastside defeats Harbor to stay unbeaten
Published 2:16 AM EST Nov 20, 2019
GIRLS BASKETBALL
Eastside d. Harbor 70-44
Harbor 14 11 6 15 - 44
Eastside 18 22 13 17 - 70
Eastside (1-0): Lane 25 points. Ortiz 17 points. Berger 10 points.
Harbor (0-1): Blake 15 points. Dove 2 points. Baker 6 points.
BOYS SOCCER
Northgate d. Harbor 3-1
Northgate (4-0): K. Hupp 1 goal. L. Patel 1 goal. Z. Niel 1 goal.
"""

TABLE_PAGE = """<html lang="en"><head><title>Results</title><script>var x = 1;</script></head><body>
<h1>Weekend results</h1><table><tr><td>Eastside</td><td>70</td></tr><tr><td>Harbor</td><td>44</td></tr></table>
<ul><li>Northgate 3</li><li>Harbor 1</li></ul></body></html>"""


def test_roundup_is_rejected_with_a_hint_and_read_as_is() -> None:
    with pytest.raises(NoArticleError, match="use --as-is"):
        read_str(ROUNDUP, source="roundup.txt")
    article = read_str(ROUNDUP, source="roundup.txt", as_is=True)
    assert article.title == "High School Roundup: Eastside defeats Harbor to stay unbeaten"
    lines = [line for line in ROUNDUP.splitlines() if line]
    assert article.paragraphs == [line for line in lines if line != article.title]


def test_html_as_is_keeps_every_block_and_no_script() -> None:
    article = read_str(TABLE_PAGE, source="results.html", as_is=True)
    text = " | ".join(article.paragraphs)
    assert "Eastside" in text and "Northgate 3" in text and "var x" not in text
    assert article.title == "Weekend results" or article.title_guessed


def test_narrate_and_clean_as_is(tmp_path: Path, tone_profile: Path) -> None:
    page = tmp_path / "roundup.txt"
    page.write_text(ROUNDUP, encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(main, ["narrate", str(page), "-o", str(tmp_path / "a.mp3"), "--voice", str(tone_profile)])
    assert refused.exit_code != 0 and "--as-is" in refused.output and not (tmp_path / "a.mp3").exists()
    read = runner.invoke(
        main, ["narrate", str(page), "-o", str(tmp_path / "a.mp3"), "--voice", str(tone_profile), "--as-is"]
    )
    assert read.exit_code == 0, read.output
    assert (tmp_path / "a.mp3").stat().st_size > 0
    assert "Northgate" in (tmp_path / "a.vtt").read_text(encoding="utf-8")
    cleaned = runner.invoke(main, ["clean", "--as-is", str(page)])
    assert cleaned.exit_code == 0 and "Harbor (0-1): Blake 15 points." in cleaned.output
