"""One rule for output folders, in every command and the API.

A missing folder chain is made; a file in the way is a one-line error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import narrator
from narrator.cli import main
from narrator.errors import OutputError

ARTICLE = "A Headline\n\nThe council met on Monday. It voted 5-4.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    return source


@pytest.fixture
def narrations(tmp_path: Path, article: Path, tone_profile: Path) -> Path:
    """A folder with one narration, for feed and site."""
    folder = tmp_path / "published"
    narrator.narrate(article, folder / "story.mp3", voice=tone_profile)
    return folder


def _one_line_error(result: Result, *words: str) -> None:
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for word in words:
        assert word in lines[0], result.output


def test_python_narrate_makes_the_folder_chain(tmp_path: Path, article: Path, tone_profile: Path) -> None:
    result = narrator.narrate(article, tmp_path / "out" / "deeper" / "story.mp3", voice=tone_profile)
    assert result.audio == tmp_path / "out" / "deeper" / "story.mp3" and result.audio.is_file()


def test_python_narrate_refuses_a_file_in_the_way(tmp_path: Path, article: Path, tone_profile: Path) -> None:
    (tmp_path / "out").write_text("a file, not a folder")
    with pytest.raises(OutputError, match=r"out is a file, not a folder"):
        narrator.narrate(article, tmp_path / "out" / "deeper" / "story.mp3", voice=tone_profile)


def test_a_name_ending_in_a_slash_is_a_folder_made_for_the_narration(
    tmp_path: Path, article: Path, tone_profile: Path
) -> None:
    made = CliRunner().invoke(
        main, ["narrate", str(article), "-o", f"{tmp_path}/cli/deeper/", "--voice", str(tone_profile)]
    )
    assert made.exit_code == 0, made.output
    assert (tmp_path / "cli" / "deeper" / "a-headline.mp3").is_file()
    result = narrator.narrate(article, f"{tmp_path}/api/", voice=tone_profile)
    assert result.audio == tmp_path / "api" / "a-headline.mp3" and result.audio.is_file()
    # Without the slash, a missing name is still an MP3 file name.
    refused = CliRunner().invoke(
        main, ["narrate", str(article), "-o", str(tmp_path / "plain"), "--voice", str(tone_profile)]
    )
    _one_line_error(refused, "must end in .mp3")


def test_narrate_command_makes_the_folder_chain_and_refuses_a_file(
    tmp_path: Path, article: Path, tone_profile: Path
) -> None:
    target = tmp_path / "missing" / "deeper" / "out.mp3"
    made = CliRunner().invoke(main, ["narrate", str(article), "-o", str(target), "--voice", str(tone_profile)])
    assert made.exit_code == 0, made.output
    assert target.is_file()
    (tmp_path / "blocker").write_text("file")
    blocked = tmp_path / "blocker" / "x" / "story.mp3"
    refused = CliRunner().invoke(main, ["narrate", str(article), "-o", str(blocked), "--voice", str(tone_profile)])
    _one_line_error(refused, "blocker is a file, not a folder")


def test_narrate_to_a_missing_folder_name_without_mp3_is_refused(tmp_path: Path, article: Path) -> None:
    result = CliRunner().invoke(main, ["narrate", str(article), "-o", str(tmp_path / "newfolder")])
    _one_line_error(result, "must end in .mp3")


def test_batch_makes_the_folder_chain_and_refuses_a_file(tmp_path: Path, article: Path, tone_profile: Path) -> None:
    outdir = tmp_path / "missing" / "deeper"
    made = CliRunner().invoke(main, ["batch", str(article), "-o", str(outdir), "--voice", str(tone_profile), "-q"])
    assert made.exit_code == 0, made.output
    assert (outdir / "a.mp3").is_file()
    (tmp_path / "blocker").write_text("file")
    refused = CliRunner().invoke(
        main, ["batch", str(article), "-o", str(tmp_path / "blocker" / "x"), "--voice", str(tone_profile), "-q"]
    )
    _one_line_error(refused, "blocker is a file, not a folder")


def test_feed_output_makes_the_folder_chain_and_refuses_a_file(tmp_path: Path, narrations: Path) -> None:
    def feed(output: Path) -> Result:
        options = ["--base-url", "https://example.org/a/", "--title", "T", "-o", str(output)]
        return CliRunner().invoke(main, ["feed", str(narrations), *options])

    made = feed(tmp_path / "feeds" / "deeper" / "feed.xml")
    assert made.exit_code == 0, made.output
    assert (tmp_path / "feeds" / "deeper" / "feed.xml").is_file()
    (tmp_path / "blocker").write_text("file")
    _one_line_error(feed(tmp_path / "blocker" / "feed.xml"), "blocker is a file, not a folder")


def test_site_output_makes_the_folder_chain_and_refuses_a_file(tmp_path: Path, narrations: Path) -> None:
    made = CliRunner().invoke(main, ["site", str(narrations), "-o", str(tmp_path / "pages" / "deeper" / "index.html")])
    assert made.exit_code == 0, made.output
    assert (tmp_path / "pages" / "deeper" / "index.html").is_file()
    (tmp_path / "blocker").write_text("file")
    refused = CliRunner().invoke(main, ["site", str(narrations), "-o", str(tmp_path / "blocker" / "index.html")])
    _one_line_error(refused, "blocker is a file, not a folder")


def test_voices_preview_output_makes_the_folder_chain_and_refuses_a_file(tmp_path: Path, tone_profile: Path) -> None:
    target = tmp_path / "previews" / "deeper" / "tone.mp3"
    made = CliRunner().invoke(main, ["voices", "preview", str(tone_profile), "-o", str(target)])
    assert made.exit_code == 0, made.output
    assert target.is_file()
    (tmp_path / "blocker").write_text("file")
    refused = CliRunner().invoke(
        main, ["voices", "preview", str(tone_profile), "-o", str(tmp_path / "blocker" / "t.mp3")]
    )
    _one_line_error(refused, "blocker is a file, not a folder")


def test_check_write_lexicon_follows_the_rule_before_listening(tmp_path: Path) -> None:
    # The target is checked before the narration is even looked at: the missing MP3 is the error, after the folder.
    lexicon = tmp_path / "lexicons" / "deeper" / "names.toml"
    result = CliRunner().invoke(main, ["check", str(tmp_path / "missing.mp3"), "--write-lexicon", str(lexicon)])
    assert result.exit_code != 0 and "folder" not in result.output
    assert lexicon.parent.is_dir()
    (tmp_path / "blocker").write_text("file")
    refused = CliRunner().invoke(
        main, ["check", str(tmp_path / "missing.mp3"), "--write-lexicon", str(tmp_path / "blocker" / "n.toml")]
    )
    _one_line_error(refused, "blocker is a file, not a folder")


def test_an_empty_output_is_the_current_folder_as_before(
    tmp_path: Path, article: Path, tone_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    made = CliRunner().invoke(main, ["narrate", str(article), "-o", "", "--voice", str(tone_profile)])
    assert made.exit_code == 0, made.output
    assert (tmp_path / "a-headline.mp3").is_file()
