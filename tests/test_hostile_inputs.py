"""Hostile inputs at the command line: special files, wrong usage, hostile text and lying files, each with its one-line reason."""

from __future__ import annotations

import json
import os
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from mutagen.id3 import ID3, TIT2

from narrator.cli import main

ARTICLE = "A Council Vote\n\nThe council met on Monday. It voted five to four for the budget.\n"
_CONTROLS = [chr(c) for c in (*range(9), *range(11, 32), 127)]


def _one_line_failure(result: Result, reason: str, code: int = 1) -> None:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert reason in lines[0]
    assert "Traceback" not in result.output


@pytest.fixture
def fifo(tmp_path: Path):
    """A named pipe with no writer; if a command blocks on it, a writer ends the block after 10 s (so the test fails, not hangs)."""
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    done = threading.Event()

    def unblock() -> None:
        if not done.wait(10):
            os.close(os.open(path, os.O_RDWR))  # a writer that closes at once: blocked readers see the end

    threading.Thread(target=unblock, daemon=True).start()
    yield path
    done.set()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize(
    "args",
    [
        ["clean", "{fifo}"],
        ["split", "{fifo}"],
        ["script", "{fifo}"],
        ["normalize", "{fifo}"],
        ["narrate", "{fifo}", "-o", "{out}"],
        ["feed", "--check", "{fifo}"],
        ["info", "{fifo}"],
        ["narrate", "{article}", "-o", "{out}", "--cover", "{fifo}"],
        ["narrate", "{article}", "-o", "{out}", "--intro", "{fifo}"],
        ["narrate", "{article}", "-o", "{out}", "--lexicon", "{fifo}"],
        ["script", "{article}", "--lexicon", "{fifo}"],
    ],
    ids=lambda args: " ".join(a for a in args if not a.startswith("{") or a == "{fifo}"),
)
def test_a_named_pipe_is_refused_at_once(fifo: Path, tmp_path: Path, args: list[str]) -> None:
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.mp3"
    result = CliRunner().invoke(main, [a.format(fifo=fifo, out=out, article=article) for a in args])
    _one_line_failure(result, "pipe.md is a named pipe (FIFO), not a file")
    assert not out.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_where_the_site_page_goes_is_refused(tmp_path: Path, tone_profile: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    assert (
        CliRunner()
        .invoke(main, ["narrate", str(article), "-o", str(tmp_path / "n.mp3"), "--voice", str(tone_profile)])
        .exit_code
        == 0
    )
    os.mkfifo(tmp_path / "index.html")
    _one_line_failure(
        CliRunner().invoke(main, ["site", str(tmp_path)]), "index.html is a named pipe (FIFO), not a file"
    )


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["clean", "/dev/zero"], "/dev/zero is a device, not a file"),
        (["split", "."], ". is a folder, not a file"),
        (["info", "/"], "/ is a folder, not a file"),
    ],
)
def test_devices_and_folders_are_refused(args: list[str], reason: str) -> None:
    _one_line_failure(CliRunner().invoke(main, args), reason)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["narrate", "--bogus", "x"], "No such option '--bogus'"),
        (["narrate"], "Missing argument 'INPUT'"),
        (["batch", "x", "--workers", "0"], "0 is not in the range"),
        (["narrate", "x", "--bitrate", "lots"], "'lots' is not a valid integer"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (["--bogus"], "No such option '--bogus'"),
        (["voices", "preview"], "Missing argument 'NAME'"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(args: list[str], reason: str) -> None:
    result = CliRunner().invoke(main, args)
    _one_line_failure(result, reason, code=2)
    assert "--help" in result.output  # where to look next, on the same line


def test_voices_of_an_unknown_engine_fail() -> None:
    _one_line_failure(CliRunner().invoke(main, ["voices", "--engine", "bogus"]), "unknown engine 'bogus'")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[::1", "not a valid URL (Invalid IPv6 URL)"),
        ("http://example.com:99999/", "Port out of range"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://0x7f000001/", "resolves to 127.0.0.1, a loopback address"),
    ],
)
def test_urls_that_must_not_be_fetched_give_their_reason(
    url: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NARRATOR_ALLOW_PRIVATE_NETWORK", raising=False)
    _one_line_failure(CliRunner().invoke(main, ["clean", url]), reason)


def test_the_intranet_opt_in_option_allows_private_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARRATOR_ALLOW_PRIVATE_NETWORK", "0")  # restored after the test: the option sets it
    result = CliRunner().invoke(main, ["--allow-private-network", "clean", "http://127.0.0.1:9/"])
    _one_line_failure(result, "connection refused by 127.0.0.1 port 9")


def _hostile(text: str) -> str:
    """Text with a terminal escape, a bell, a lone surrogate, an undecodable byte, a bidi override and a carriage return."""
    return f"\udcff\x1b[31m{text}\x07\ud800\u202e\r"


def _assert_clean(text: str) -> None:
    assert not any(c in text for c in [*_CONTROLS, "\ud800", "\udcff", "\u202e", "\r"]), repr(text)


def test_hostile_titles_reach_no_tag_caption_or_terminal(tmp_path: Path, tone_profile: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    manifest = tmp_path / "list.jsonl"
    manifest.write_text(
        json.dumps({"source": "a.md", "title": _hostile("Manifest title"), "output": "m"}) + "\n", encoding="utf-8"
    )
    narrated = CliRunner().invoke(
        main,
        [
            "narrate",
            str(article),
            "-o",
            str(tmp_path / "n.mp3"),
            "--voice",
            str(tone_profile),
            "--title",
            _hostile("Option title"),
            "--author",
            _hostile("An author"),
        ],
    )
    assert narrated.exit_code == 0, narrated.output
    batched = CliRunner().invoke(
        main,
        ["batch", str(manifest), "-o", str(tmp_path / "out"), "--voice", str(tone_profile), "--workers", "1", "-q"],
    )
    assert batched.exit_code == 0, batched.output
    for mp3, title in ((tmp_path / "n.mp3", "Option title"), (tmp_path / "out" / "m.mp3", "Manifest title")):
        assert str(ID3(mp3)["TIT2"]) == title
        for sidecar in (".vtt", ".srt", ".transcript.json", ".chapters.json"):
            _assert_clean(mp3.with_suffix(sidecar).read_text(encoding="utf-8"))
        info = CliRunner().invoke(main, ["info", str(mp3)])
        assert f"title: {title}" in info.output
        _assert_clean(info.output.replace("\n", " "))


def test_info_shows_no_escape_from_someone_elses_tags(tmp_path: Path, tone_profile: Path) -> None:
    mp3 = tmp_path / "n.mp3"
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    assert (
        CliRunner().invoke(main, ["narrate", str(article), "-o", str(mp3), "--voice", str(tone_profile)]).exit_code == 0
    )
    tags = ID3(mp3)
    tags.add(TIT2(encoding=3, text="\x1b]0;owned\x07\x1b[2JTitle"))
    tags.save(mp3)
    for args in (["info", str(mp3)], ["info", "--json", str(mp3)]):
        output = CliRunner().invoke(main, args).output
        assert "\x1b" not in output and "\\u001b" not in output and "Title" in output


def test_info_on_a_truncated_mp3_says_so(tmp_path: Path, tone_profile: Path) -> None:
    mp3 = tmp_path / "n.mp3"
    article = tmp_path / "a.md"
    article.write_text(ARTICLE * 3, encoding="utf-8")
    assert (
        CliRunner().invoke(main, ["narrate", str(article), "-o", str(mp3), "--voice", str(tone_profile)]).exit_code == 0
    )
    data = mp3.read_bytes()
    half = tmp_path / "half.mp3"
    half.write_bytes(data[: len(data) // 2])
    _one_line_failure(CliRunner().invoke(main, ["info", str(half)]), "half.mp3 is truncated: it holds")
    tiny = tmp_path / "tiny.mp3"
    tiny.write_bytes(data[:300])
    _one_line_failure(CliRunner().invoke(main, ["info", str(tiny)]), "tiny.mp3 is not a readable MP3 file (")


def test_the_feed_keeps_a_carriage_return(tmp_path: Path, tone_profile: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    assert (
        CliRunner()
        .invoke(main, ["narrate", str(article), "-o", str(tmp_path / "n.mp3"), "--voice", str(tone_profile)])
        .exit_code
        == 0
    )
    result = CliRunner().invoke(
        main,
        [
            "feed",
            str(tmp_path),
            "--base-url",
            "https://example.org/a/",
            "--title",
            "Show",
            "--description",
            "One\r\nTwo\x1b[0m",
        ],
    )
    assert result.exit_code == 0, result.output
    channel = ET.parse(tmp_path / "feed.xml").getroot().find("channel")
    assert channel.findtext("description") == "One\r\nTwo"


def test_a_title_of_undecodable_bytes_says_so(tmp_path: Path, tone_profile: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "narrate",
            str(article),
            "-o",
            str(tmp_path / "n.mp3"),
            "--voice",
            str(tone_profile),
            "--title",
            "\udcff\udcfe",
        ],
    )
    _one_line_failure(result, "the title holds no readable text (only undecodable bytes or control characters)")
    assert not (tmp_path / "n.mp3").exists()
