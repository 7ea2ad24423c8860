"""Text preview commands: clean, split, normalize, script, voices."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from narrator.cli import main

ARTICLE = (
    '# Budget Passes\n\nThe U.S. Senate voted on Nov. 23. It passed 52-48.\n\nMr. Smith said "yes." Dr. Jones agreed.\n'
)


def test_split_keeps_abbreviations_together(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["split", "--json", str(source)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        "The U.S. Senate voted on Nov. 23.",
        "It passed 52-48.",
        'Mr. Smith said "yes."',
        "Dr. Jones agreed.",
    ]


def test_split_from_standard_input() -> None:
    result = CliRunner().invoke(main, ["split", "-"], input="Headline\n\nThe meeting ended at 9 p.m. Everyone left.\n")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2:] == ["The meeting ended at 9 p.m.", "Everyone left."]


def test_split_accepts_a_single_sentence() -> None:
    # A lone sentence with a date looks like a dateline, but it is the whole article.
    text = "The Scavenger Hunt ends on Dec. 31st, 2011.\n"
    result = CliRunner().invoke(main, ["split", "-"], input=text)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["The Scavenger Hunt ends on Dec. 31st, 2011."]


def test_clean_json_shape(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text(ARTICLE, encoding="utf-8")
    data = json.loads(CliRunner().invoke(main, ["clean", "--json", str(source)]).output)
    assert set(data) == {
        "title",
        "title_guessed",
        "byline",
        "date",
        "publication",
        "language",
        "paragraphs",
        "sections",
    }
    assert data["title"] == "Budget Passes" and len(data["paragraphs"]) == 2


def test_normalize_is_line_by_line() -> None:
    result = CliRunner().invoke(main, ["normalize", "-"], input="It cost $5.5 billion.\n\nNothing to change here.\n")
    assert result.exit_code == 0, result.output
    lines = result.output.split("\n")
    assert lines[0] == "It cost five point five billion dollars."
    assert lines[1] == ""
    assert lines[2] == "Nothing to change here."


def test_script_json_shows_spoken_forms(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text(ARTICLE, encoding="utf-8")
    segments = json.loads(CliRunner().invoke(main, ["script", "--json", str(source)]).output)
    voted = next(s for s in segments if s["text"].startswith("The U.S. Senate"))
    assert "November twenty-third" in voted["spoken"]
    assert voted["pause_ms"] > 0 and segments[-1]["pause_ms"] == 0


def test_voices_lists_profiles_and_engines() -> None:
    result = CliRunner().invoke(main, ["voices", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"default", "fast", "joe"} <= {p["name"] for p in data["profiles"]}
    engines = {e["name"]: e for e in data["engines"]}
    assert any(v["id"] == "gmw/en-us" for v in engines["pyttsx3"]["voices"])
    assert any(v["id"] == "joe" for v in engines["piper"]["voices"])


def test_voices_preview_writes_a_sample(tmp_path: Path) -> None:
    target = tmp_path / "preview.mp3"
    result = CliRunner().invoke(main, ["voices", "preview", "fast", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 1000


def test_voices_preview_unknown_voice() -> None:
    result = CliRunner().invoke(main, ["voices", "preview", "jo"])
    assert result.exit_code != 0 and "close matches: joe" in result.output
