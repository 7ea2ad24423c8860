"""`narrator check`, `narrate --check` and `batch --check` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from broken_audio import ARTICLE
from click.testing import CliRunner

from narrator.cli import main
from narrator.publish import manifest_path_for


def run(*args: str):
    """Invoke narrator with `args`."""
    return CliRunner().invoke(main, list(args))


def test_check_help_names_the_recognizer_and_its_options() -> None:
    result = run("check", "--help")
    assert result.exit_code == 0
    for text in ("recognizer", "--max-wer", "--try", "--write-lexicon", "--json", "--model"):
        assert text in result.output
    assert "--check" in run("narrate", "--help").output and "--max-wer" in run("batch", "--help").output


def test_check_refuses_a_missing_file_and_an_mp3_without_manifest_in_one_line(
    tmp_path: Path, library_narrations: dict[str, Path]
) -> None:
    missing = run("check", str(tmp_path / "nothing.mp3"))
    assert missing.exit_code == 1 and missing.output.count("\n") == 1 and "no such file" in missing.output
    lone = tmp_path / "lone.mp3"
    lone.write_bytes(library_narrations["clean"].read_bytes())
    result = run("check", str(lone))
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "no manifest" in result.output


def test_check_prints_a_report_or_json_and_exits_1_when_it_fails(
    tmp_path: Path, library_narrations: dict[str, Path]
) -> None:
    clean = run("check", str(library_narrations["clean"]), "--no-store")
    assert clean.exit_code == 0, clean.output
    assert clean.output.startswith("PASS") and "Whisper tiny.en" in clean.output and "it can be wrong" in clean.output
    lexicon = tmp_path / "suggested.toml"
    failed = run("check", str(library_narrations["no_entry"]), "--json", "--no-store", "--write-lexicon", str(lexicon))
    assert failed.exit_code == 1
    report = json.loads(failed.output)
    assert report["passed"] is False and report["recognizer"] == "Whisper tiny.en" and report["limits"]
    assert {3, 5} <= set(report["flagged"]) and report["misheard_words"][0]["said"] == "rutte"
    assert '"Rutte" = ' in lexicon.read_text(encoding="utf-8")


def test_narrate_check_keeps_the_audio_and_fails_when_nothing_is_heard(tmp_path: Path, tone_profile: Path) -> None:
    target = tmp_path / "tones.mp3"
    result = run("narrate", str(ARTICLE), "-o", str(target), "--voice", str(tone_profile), "--check")
    assert result.exit_code == 1 and "CHECK" in result.output and "[nothing heard" in result.output
    assert target.is_file()
    stored = json.loads(manifest_path_for(target).read_text(encoding="utf-8"))["check"]
    assert stored["passed"] is False and stored["flagged"]


def test_batch_check_fails_items_over_the_threshold_with_their_worst_sentences_and_keeps_them(
    tmp_path: Path, tone_profile: Path
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "library.md").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "batch",
        str(source),
        "-o",
        str(out),
        "--voice",
        str(tone_profile),
        "--workers",
        "1",
        "--json",
        "--check",
        "--max-wer",
        "0.2",
    )
    assert result.exit_code == 1
    summary = json.loads(result.output)
    (item,) = summary["items"]
    assert item["status"] == "failed" and item["error"].startswith("check failed: WER") and "worst: #" in item["error"]
    assert item["check"]["passed"] is False and Path(item["output"]).is_file()


def test_batch_check_passes_a_clean_espeak_narration(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "library.md").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("batch", str(source), "-o", str(tmp_path / "out"), "--workers", "1", "--json", "--check")
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.output)["items"]
    assert item["status"] == "done" and item["check"]["passed"] is True


def test_check_refuses_a_bad_lexicon_target_and_an_undecodable_file_before_any_listening(
    tmp_path: Path, library_narrations: dict[str, Path]
) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('[words]\n"Xi" = "shee"\n', encoding="utf-8")
    result = run("check", str(library_narrations["clean"]), "--no-store", "--write-lexicon", str(mine))
    assert result.exit_code == 1 and "not written by narrator check" in result.output and result.output.count("\n") == 1
    assert mine.read_text(encoding="utf-8") == '[words]\n"Xi" = "shee"\n'
    assert (
        "must end in .toml"
        in run("check", str(library_narrations["clean"]), "--write-lexicon", str(tmp_path / "x.txt")).output
    )
    garbage = tmp_path / "garbage.mp3"
    garbage.write_bytes(b"not audio at all" * 100)
    manifest_path_for(garbage).write_bytes(manifest_path_for(library_narrations["clean"]).read_bytes())
    broken = run("check", str(garbage))
    assert broken.exit_code == 1 and broken.output.count("\n") == 1 and "cannot decode garbage.mp3" in broken.output
