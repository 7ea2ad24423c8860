"""Narrate real articles with the real engines, then read the MP3 back with mutagen and ffmpeg."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from narrator.cli import main
from narrator.ffmpeg import ffmpeg_exe
from narrator.master.tags import AI_DISCLOSURE, IPTC_NEURAL, IPTC_RULE_BASED

ARTICLE = """\
Storm Knocks Out Power Across the Valley

A storm with winds of 70 mph knocked out power to 45,000 homes on Nov. 23, the utility said.

Crews from three states worked through the night. Gen. Smith of the National Guard said roads would reopen by 9 a.m. on Tuesday.

The U.S. Weather Service expects calmer weather this week.
"""


def _narrate(tmp_path: Path, *args: str, text: str = ARTICLE) -> tuple[Path, object]:
    source = tmp_path / "storm.txt"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "storm.mp3"
    result = CliRunner().invoke(main, ["narrate", str(source), "-o", str(target), *args])
    return target, result


def _decoded_seconds(path: Path) -> float:
    """Decode the whole MP3 with ffmpeg and return its decoded length."""
    run = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", "44100", "-"],
        capture_output=True,
        check=True,
    )
    assert run.stderr == b""
    return len(run.stdout) / 2 / 44100


def test_narrate_with_espeak_writes_a_fully_tagged_mp3(tmp_path: Path) -> None:
    target, result = _narrate(
        tmp_path, "--author", "Ana Ruiz", "--publication", "Valley News", "--date", "2026-11-23", "--language", "en-US"
    )
    assert result.exit_code == 0, result.output
    assert "Audio saved" not in result.output
    audio = MP3(str(target))
    words = len(re.findall(r"\w+", ARTICLE))
    assert words / 4.5 < audio.info.length < words / 1.2  # 75-270 words per minute, pauses included
    assert audio.info.sample_rate == 44100 and audio.info.channels == 1
    assert abs(_decoded_seconds(target) - audio.info.length) < 0.2

    tags = ID3(str(target))
    assert tags.version[:2] == (2, 3)
    assert str(tags["TIT2"]) == "Storm Knocks Out Power Across the Valley"
    assert str(tags["TPE1"]) == "Ana Ruiz"
    assert str(tags["TALB"]) == "Valley News"
    assert str(tags["TDRC"]) == "2026-11-23"
    assert str(tags["TLAN"]) == "eng"
    assert str(tags["TCON"]) == "Speech"
    assert str(tags["TSSE"]).startswith("narrator 0.1.0")
    [comment] = tags.getall("COMM")
    assert str(comment) == AI_DISCLOSURE == "This audio is created with AI assistance."
    txxx = {frame.desc: str(frame) for frame in tags.getall("TXXX")}
    assert txxx["AI disclosure"] == AI_DISCLOSURE
    assert txxx["DigitalSourceType"] == IPTC_RULE_BASED
    [lyrics] = tags.getall("USLT")
    assert "45,000 homes on Nov. 23" in lyrics.text and "calmer weather this week." in lyrics.text


def test_narrate_with_piper_is_tagged_as_trained_media(tmp_path: Path) -> None:
    target, result = _narrate(tmp_path, "--voice", "joe", text="Short Note\n\nThe council met on Monday.\n")
    assert result.exit_code == 0, result.output
    txxx = {frame.desc: str(frame) for frame in ID3(str(target)).getall("TXXX")}
    assert txxx["DigitalSourceType"] == IPTC_NEURAL


def test_narrate_from_standard_input_to_default_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["narrate", "-", "--voice", "fast", "--no-spoken-disclosure"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "storm-knocks-out-power-across-the-valley.mp3").is_file()


def test_python_api(tmp_path: Path, tone_profile: Path) -> None:
    from narrator import narrate

    source = tmp_path / "a.md"
    source.write_text("# Title Here\n\nFirst sentence. Second one.\n\nA new paragraph.\n", encoding="utf-8")
    result = narrate(source, tmp_path / "a.mp3", voice=tone_profile, title="Override")
    assert result.audio == tmp_path / "a.mp3" and result.title == "Override"
    assert str(ID3(str(result.audio))["TIT2"]) == "Override"


def test_info_command_reads_back_tags(tmp_path: Path, tone_profile: Path) -> None:
    target, result = _narrate(tmp_path, "--voice", str(tone_profile))
    assert result.exit_code == 0, result.output
    info = CliRunner().invoke(main, ["info", str(target)])
    assert info.exit_code == 0
    assert "title: Storm Knocks Out Power Across the Valley" in info.output
    assert "ai_disclosure: True" in info.output


def test_rerun_to_the_default_folder_is_skipped_when_up_to_date(
    tmp_path: Path, tone_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    first = CliRunner().invoke(main, ["narrate", str(source), "--voice", str(tone_profile)])
    second = CliRunner().invoke(main, ["narrate", str(source), "--voice", str(tone_profile)])
    assert first.exit_code == second.exit_code == 0
    assert "up to date" in second.output and "up to date" not in first.output


def test_mastering_holds_blas_to_one_thread_and_restores_it(
    tmp_path: Path, tone_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An idle OpenBLAS thread spins after every small product; in a worker pinned to a core it took CPU from that worker's ffmpeg.
    from threadpoolctl import threadpool_info, threadpool_limits

    import narrator.pipeline
    from narrator import narrate

    def blas_threads() -> set[int]:
        return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}

    if not blas_threads():
        pytest.skip("numpy's BLAS here has no thread pool threadpoolctl controls (e.g. Accelerate)")
    seen: list[set[int]] = []
    original = narrator.pipeline.finish

    def finish_and_look(*args, **kwargs):
        seen.append(blas_threads())
        return original(*args, **kwargs)

    monkeypatch.setattr(narrator.pipeline, "finish", finish_and_look)
    source = tmp_path / "a.txt"
    source.write_text("Title Here\n\nFirst sentence. Second one.\n", encoding="utf-8")
    with threadpool_limits(limits=2, user_api="blas"):
        narrate(source, tmp_path / "a.mp3", voice=tone_profile)
        after = blas_threads()
    assert seen == [{1}]
    assert after == {2}
