"""Bad input: one line on stderr, a non-zero exit, and no file at the output path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import main

GOOD = "A Headline\n\nThe council met on Monday. It voted 5-4.\n"


def _run(tmp_path: Path, source: Path | str, *args: str, target: Path | None = None) -> tuple[object, Path]:
    target = target or tmp_path / "out.mp3"
    result = CliRunner().invoke(main, ["narrate", str(source), "-o", str(target), *args])
    return result, target


def _assert_clean_failure(result: object, target: Path, message: str) -> None:
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert message.lower() in lines[0].lower()
    assert not target.exists()
    assert not list(target.parent.glob(".*part*"))


def test_missing_file(tmp_path: Path) -> None:
    _assert_clean_failure(*_run(tmp_path, tmp_path / "nope.txt"), "nope.txt")


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_or_whitespace_file(tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "empty.txt"
    source.write_bytes(content)
    _assert_clean_failure(*_run(tmp_path, source), "empty")


def test_binary_file(tmp_path: Path) -> None:
    source = tmp_path / "image.txt"
    source.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    _assert_clean_failure(*_run(tmp_path, source), "binary")


def test_non_utf8_text_falls_back(tmp_path: Path, tone_profile: Path) -> None:
    source = tmp_path / "cp1252.txt"
    source.write_bytes("Caf\xe9 Owners Protest\n\nThe caf\xe9 owners met on Monday \x96 and voted.\n".encode("latin-1"))
    result, target = _run(tmp_path, source, "--voice", str(tone_profile))
    assert result.exit_code == 0, result.output
    assert target.is_file()


def test_output_folder_blocked_by_a_file(tmp_path: Path) -> None:
    # A missing folder is made (tests/test_output_folders.py); a file where a folder should be is one line.
    source = tmp_path / "a.txt"
    source.write_text(GOOD)
    (tmp_path / "missing").write_text("a file")
    target = tmp_path / "missing" / "out.mp3"
    _assert_clean_failure(*_run(tmp_path, source, target=target), "is a file, not a folder")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc, where nobody can create files")
def test_output_folder_not_writable(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(GOOD)
    result, _ = _run(tmp_path, source, target=Path("/proc/narrator-test.mp3"))
    assert result.exit_code != 0 and "cannot write" in result.output
    assert not Path("/proc/narrator-test.mp3").exists()


def test_unknown_voice_lists_close_matches(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(GOOD)
    _assert_clean_failure(*_run(tmp_path, source, "--voice", "defualt"), "close matches: default")


def test_bad_date(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(GOOD)
    _assert_clean_failure(*_run(tmp_path, source, "--date", "2026-13-45"), "YYYY-MM-DD")


def test_output_must_be_mp3(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(GOOD)
    result, _ = _run(tmp_path, source, target=tmp_path / "out.wav")
    assert result.exit_code != 0 and "must end in .mp3" in result.output


def test_existing_output_survives_a_failed_run(tmp_path: Path) -> None:
    target = tmp_path / "out.mp3"
    target.write_bytes(b"previous narration")
    source = tmp_path / "empty.txt"
    source.write_text("")
    result, _ = _run(tmp_path, source, target=target)
    assert result.exit_code != 0
    assert target.read_bytes() == b"previous narration"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--loudness", "-40"], "-40"),
        (["--cover", "COVER"], "cover"),
        (["--intro", "INTRO"], "intro"),
        (["--bitrate", "65"], "bitrate"),
    ],
)
def test_bad_mastering_options_fail_before_synthesis(tmp_path: Path, args: list[str], message: str) -> None:
    source = tmp_path / "a.txt"
    source.write_text(GOOD)
    (tmp_path / "not-image.jpg").write_text("just text")
    (tmp_path / "not-audio.mp3").write_text("just text")
    args = [
        a.replace("COVER", str(tmp_path / "not-image.jpg")).replace("INTRO", str(tmp_path / "not-audio.mp3"))
        for a in args
    ]
    result, target = _run(tmp_path, source, *args)
    _assert_clean_failure(result, target, message)
    assert not (tmp_path / "out.manifest.json").exists()
