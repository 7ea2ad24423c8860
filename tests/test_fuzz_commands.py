"""Generated hostile inputs thrown at every command, for a bounded number of examples.

Each run must end in one of two ways: exit 0 with valid outputs, or a one-line
error with a non-zero exit. Never a traceback, never a partial file, and always
within the time limit. Examples are derandomized, so a failure reproduces.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutagen.mp3 import MP3

from narrator.cli import main

SECONDS_PER_RUN = 60
# $NARRATOR_FUZZ_SCALE multiplies the examples, and picks them at random, for a longer hunt by hand.
SCALE = int(os.environ.get("NARRATOR_FUZZ_SCALE", "1"))
FUZZ = settings(
    max_examples=12 * SCALE,
    deadline=None,
    derandomize=SCALE == 1,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Every code point class a hostile text can hold: letters, marks, controls (ESC, NUL, CR), lone surrogates, formats (bidi), unassigned.
hostile_chars = st.characters(codec=None, categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf", "Cs", "Co", "Cn"])
hostile_text = st.text(hostile_chars, max_size=300)
huge_lines = st.builds(
    lambda word, n: (word or "x") * n, st.text(hostile_chars, min_size=1, max_size=12), st.integers(500, 5_000)
)  # up to 60,000 characters: long, still quick to narrate
deep_markup = st.builds(
    lambda tag, depth, inner: f"<{tag}>" * depth + inner + f"</{tag}>" * depth,
    st.sampled_from(["div", "p", "b", "blockquote", "ul><li", "table><tr><td"]),
    st.integers(50, 3000),
    hostile_text,
)
markdown_nesting = st.builds(
    lambda mark, depth, inner: f"# T\n\n{mark * depth}{inner}\n",
    st.sampled_from(["> ", "- ", "  ", "*", "["]),
    st.integers(50, 3000),
    hostile_text,
)
article_texts = st.one_of(
    hostile_text,
    huge_lines,
    deep_markup,
    markdown_nesting,
    st.builds(lambda a, b: f"A Title\n\n{a}\n\nThe council met on Monday. {b}\n", hostile_text, hostile_text),
)
article_bytes = st.one_of(
    st.binary(max_size=3000),
    article_texts.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.tuples(article_texts, st.binary(max_size=40)).map(
        lambda pair: pair[0].encode("utf-8", "surrogatepass") + pair[1]
    ),
)
suffixes = st.sampled_from([".txt", ".md", ".html", ".htm"])


def _no_crash(result: Result, started: float) -> None:
    """The run finished in time, without a traceback."""
    assert time.monotonic() - started < SECONDS_PER_RUN
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


def _one_line_error(result: Result) -> None:
    """A failure: non-zero exit and exactly one line, an error (warnings said before it aside)."""
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip() and not line.startswith("warning: ")]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "internal error" not in lines[0], result.output  # the safety net caught a bug


def _no_partial_files(folder: Path) -> None:
    """Only finished outputs: no temporary or hidden files left behind."""
    leftovers = [p.name for p in folder.rglob(".*") if ".narrator-locks" not in p.parts]
    assert not leftovers, leftovers


def _invoke(args: list[str], stdin: bytes | None = None) -> tuple[Result, float]:
    started = time.monotonic()
    return CliRunner().invoke(main, args, input=stdin), started


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file():
            old.unlink()
    path = folder / name
    path.write_bytes(data)
    return path


@FUZZ
@given(data=article_bytes, suffix=suffixes, as_json=st.booleans())
def test_clean_split_and_script(tmp_path: Path, data: bytes, suffix: str, as_json: bool) -> None:
    source = _write(tmp_path / "in", "article" + suffix, data)
    for command in ("clean", "split", "script"):
        result, started = _invoke([command, str(source), *(["--json"] if as_json else [])])
        _no_crash(result, started)
        if result.exit_code == 0:
            assert result.output.strip()
            if as_json:
                json.loads(result.stdout)
            assert "\x1b" not in result.output and "\x00" not in result.output
        else:
            _one_line_error(result)


@FUZZ
@given(data=article_bytes)
def test_normalize_from_standard_input(data: bytes) -> None:
    result, started = _invoke(["normalize", "-"], stdin=data)
    _no_crash(result, started)
    if result.exit_code == 0:
        assert "\x1b" not in result.output
    else:
        _one_line_error(result)


@settings(FUZZ, max_examples=6 * SCALE)
@given(data=article_bytes, suffix=suffixes, title=st.one_of(st.none(), hostile_text))
def test_narrate(tmp_path: Path, tone_profile: Path, data: bytes, suffix: str, title: str | None) -> None:
    source = _write(tmp_path / "in", "article" + suffix, data)
    out = tmp_path / "out"
    _write(out, "keep.txt", b"not ours")
    args = ["narrate", str(source), "-o", str(out / "story.mp3"), "--voice", str(tone_profile), "--force"]
    result, started = _invoke([*args, *(["--title", title] if title is not None else [])])
    _no_crash(result, started)
    _no_partial_files(out)
    assert (out / "keep.txt").read_bytes() == b"not ours"
    if result.exit_code == 0:
        audio = MP3(out / "story.mp3")
        assert audio.info.length > 0.5
        vtt = (out / "story.vtt").read_text(encoding="utf-8")
        assert vtt.startswith("WEBVTT") and not any(c in vtt for c in "\x1b\x00\r")
        json.loads((out / "story.manifest.json").read_text(encoding="utf-8"))
    else:
        _one_line_error(result)
        assert not (out / "story.mp3").exists()


@settings(FUZZ, max_examples=4 * SCALE)
@given(
    rows=st.lists(st.fixed_dictionaries({"source": hostile_text, "title": hostile_text}), min_size=1, max_size=3),
    body=article_bytes,
    jsonl=st.booleans(),
)
def test_batch_manifests(
    tmp_path: Path, tone_profile: Path, rows: list[dict[str, str]], body: bytes, jsonl: bool
) -> None:
    folder = tmp_path / "in"
    _write(folder, "a.md", body)
    rows = [*rows, {"source": "a.md", "title": rows[0]["title"]}]
    if jsonl:
        manifest = folder / "list.jsonl"
        manifest.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    else:
        manifest = folder / "list.csv"
        lines = ["source,title", *(",".join('"' + v.replace('"', '""') + '"' for v in row.values()) for row in rows)]
        manifest.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    out = tmp_path / "out"
    result, started = _invoke(
        [
            "batch",
            str(manifest),
            "-o",
            str(out),
            "--voice",
            str(tone_profile),
            "--workers",
            "1",
            "-q",
            "--json",
            "--force",
        ]
    )
    _no_crash(result, started)
    if out.exists():
        _no_partial_files(out)
    if result.exit_code in (0, 1) and result.output.lstrip().startswith("{"):
        summary = json.loads(result.output[result.output.index("{") :])
        assert summary["done"] + summary["skipped"] + summary["failed"] == len(summary["items"])
        for item in summary["items"]:
            if item["status"] == "done":
                assert MP3(item["output"]).info.length > 0.5
            else:
                assert item["error"] and "\n" not in item["error"]
    else:
        _one_line_error(result)


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=4000),
        article_bytes,
        st.builds(
            lambda head, tail: b"ID3\x03\x00\x00" + head + b"\xff\xfb" + tail,
            st.binary(max_size=20),
            st.binary(max_size=3000),
        ),
    )
)
def test_readers_of_mp3s_manifests_and_feeds(tmp_path: Path, data: bytes) -> None:
    commands = (
        (["info"], "x.mp3"),
        (["info", "--json"], "x.mp3"),
        (["check"], "x.mp3"),
        (["feed", "--check"], "feed.xml"),
        (["embed", "--base-url", "https://example.org/a/"], "x.manifest.json"),
    )
    for command, name in commands:
        path = _write(tmp_path / "in", name, data)
        if command[0] == "check":
            (path.parent / "x.manifest.json").write_bytes(data)
        result, started = _invoke([*command, str(path)])
        _no_crash(result, started)
        if command[0] == "feed" and result.exit_code == 1 and not result.output.startswith("Error: "):
            lines = result.output.splitlines()  # the problems found, one a line, then the verdict
            assert all(line.startswith(f"{path}: ") for line in lines[:-1]) and lines[-1].startswith(
                ("Error: ", f"{path}: ")
            ), lines
        elif result.exit_code != 0:
            _one_line_error(result)


@settings(FUZZ, max_examples=4 * SCALE)
@given(title=hostile_text, description=hostile_text, author=hostile_text)
def test_feed_with_hostile_metadata(
    tmp_path: Path, tone_profile: Path, title: str, description: str, author: str
) -> None:
    out = tmp_path / "site"
    out.mkdir(exist_ok=True)
    if not (out / "story.mp3").exists():
        article = _write(tmp_path / "in", "a.md", b"# A Title\n\nThe council met on Monday.\n")
        assert (
            CliRunner()
            .invoke(main, ["narrate", str(article), "-o", str(out / "story.mp3"), "--voice", str(tone_profile)])
            .exit_code
            == 0
        )
    result, started = _invoke(
        [
            "feed",
            str(out),
            "--base-url",
            "https://example.org/a/",
            "--title",
            title,
            "--description",
            description,
            "--author",
            author,
        ]
    )
    _no_crash(result, started)
    _no_partial_files(out)
    if result.exit_code == 0:
        check, _ = _invoke(["feed", "--check", str(out / "feed.xml")])
        assert "not well-formed" not in check.output and "Traceback" not in check.output
    else:
        _one_line_error(result)


@pytest.mark.parametrize(
    "args", [["--title", "\udcff\udcfe"], ["--author", "\x1b[2J"], ["--date", "\ud800"], ["--language", "\x00"]]
)
def test_narrate_with_undecodable_options(tmp_path: Path, tone_profile: Path, args: list[str]) -> None:
    article = _write(tmp_path / "in", "a.md", b"# A Title\n\nThe council met on Monday.\n")
    result, started = _invoke(
        ["narrate", str(article), "-o", str(tmp_path / "o.mp3"), "--voice", str(tone_profile), *args]
    )
    _no_crash(result, started)
    if result.exit_code != 0:
        _one_line_error(result)


@FUZZ
@given(manifest=article_bytes, title=hostile_text)
def test_site_of_hostile_manifests(tmp_path: Path, manifest: bytes, title: str) -> None:
    folder = _write(tmp_path / "site", "story.manifest.json", manifest).parent
    (folder / "story.mp3").write_bytes(manifest[:100])
    result, started = _invoke(["site", str(folder), "--title", title])
    _no_crash(result, started)
    _no_partial_files(folder)
    if result.exit_code != 0:
        _one_line_error(result)
    else:
        assert "\x1b" not in (folder / "index.html").read_text(encoding="utf-8")
