"""Progress of one narration: the library reports stages, the CLI shows them only on a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from narrator import narrate
from narrator.cli import main

ARTICLE = "Headline\n\n" + " ".join(f"Sentence number {n} is here." for n in range(40)) + "\n"


def test_library_reports_synthesis_then_mastering_then_encoding(tmp_path: Path, tone_profile: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    heard: list[tuple[str, int, int]] = []
    result = narrate(source, tmp_path / "a.mp3", voice=tone_profile, progress=lambda *event: heard.append(event))
    stages = [stage for stage, _, _ in heard]
    assert stages[-2:] == ["mastering", "encoding"] and set(stages[:-2]) == {"synthesizing"}
    counts = [(done, total) for stage, done, total in heard if stage == "synthesizing"]
    assert counts[0][0] == 0 and counts[-1] == (result.segments, result.segments)
    assert [done for done, _ in counts] == sorted(done for done, _ in counts)
    # A rerun of the same text finds every clip cached: done from the start.
    heard.clear()
    narrate(source, tmp_path / "b.mp3", voice=tone_profile, progress=lambda *event: heard.append(event))
    assert heard[0] == ("synthesizing", result.segments, result.segments)


def test_cli_shows_progress_on_a_terminal(tmp_path: Path, tone_profile: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "narrator", "narrate", str(source), "-o", str(tmp_path / "a.mp3"), "--voice", str(tone_profile)],
        stdout=subprocess.PIPE, stderr=follower, env=os.environ.copy(),
    )  # fmt: skip
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    stdout, _ = process.communicate(timeout=120)
    os.close(leader)
    assert process.returncode == 0
    text = shown.decode()
    assert "synthesizing: 0 of" in text and "mastering..." in text and "encoding..." in text
    assert "encoding...\r\x1b[K" in text  # the line is cleared before anything else is printed
    assert b"a.mp3" in stdout


def test_cli_shows_no_progress_when_not_a_terminal(tmp_path: Path, tone_profile: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["narrate", str(source), "-o", str(tmp_path / "a.mp3"), "--voice", str(tone_profile)]
    )
    assert result.exit_code == 0
    assert "synthesizing" not in result.output and "\x1b" not in result.output
