"""The publishing commands end to end: batch → feed → feed --check, read by real podcast parsers."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
from click.testing import CliRunner
from images import png_bytes

from narrator.cli import main


def _narrations(tmp_path: Path, tone_profile: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "one.md").write_text(
        '# Tom & Jerry <"live"> 🎙️\n\nThe first story. It has two sentences.\n\n## Part two\n\nMore text here.\n',
        encoding="utf-8",
    )
    (src / "two.txt").write_text("Second Story\n\nThe council met on Monday and voted 5-4.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["batch", str(src), "-o", str(out), "--voice", str(tone_profile), "--workers", "1", "-q"]
    )
    assert result.exit_code == 0, result.output
    return out


def test_feed_from_batch_output_parses_in_podcast_clients(tmp_path: Path, tone_profile: Path) -> None:
    out = _narrations(tmp_path, tone_profile)
    (out / "cover.png").write_bytes(png_bytes(1400, 1400))
    result = CliRunner().invoke(
        main,
        [
            "feed",
            str(out),
            "--base-url",
            "https://example.org/audio/",
            "--title",
            "Ledger Audio",
            "--author",
            "The Ledger",
            "--image",
            str(out / "cover.png"),
        ],
    )
    assert result.exit_code == 0, result.output
    feed_path = out / "feed.xml"
    parsed = feedparser.parse(feed_path.read_bytes())
    assert not parsed.bozo
    assert parsed.feed.title == "Ledger Audio"
    titles = {entry.title for entry in parsed.entries}
    assert titles == {'Tom & Jerry <"live"> 🎙️', "Second Story"}
    for entry in parsed.entries:
        [enclosure] = entry.enclosures
        mp3 = out / enclosure.href.rsplit("/", 1)[-1]
        assert int(enclosure.length) == mp3.stat().st_size and enclosure.type == "audio/mpeg"
        assert int(entry.itunes_duration) > 0
    check = CliRunner().invoke(main, ["feed", "--check", str(feed_path)])
    assert check.exit_code == 0 and "OK" in check.output


def test_feed_check_reports_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<rss version='2.0'><channel><title>x</title><item><title>a</title></item></channel></rss>")
    result = CliRunner().invoke(main, ["feed", "--check", str(bad)])
    assert result.exit_code == 1 and "enclosure" in result.output


def test_feed_needs_base_url_and_title(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["feed", str(tmp_path)])
    assert result.exit_code != 0 and "--base-url and --title" in result.output


def test_feed_of_empty_folder_fails_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["feed", str(tmp_path), "--base-url", "https://x.org/", "--title", "T"])
    assert result.exit_code != 0 and "no narrations" in result.output
    assert not (tmp_path / "feed.xml").exists()


def test_narrate_writes_sidecars_and_manifest(tmp_path: Path, tone_profile: Path) -> None:
    out = _narrations(tmp_path, tone_profile)
    manifest = json.loads((out / "one.manifest.json").read_text(encoding="utf-8"))
    assert manifest["audio"] == "one.mp3"
    assert set(manifest["sidecars"]) == {"vtt", "srt", "chapters", "transcript"}
    assert [c["title"] for c in manifest["chapters"]][-1] == "Part two"
    assert all(
        a["end_ms"] <= b["start_ms"] for a, b in zip(manifest["segments"], manifest["segments"][1:], strict=False)
    )


def test_feed_old_namespace_option_reaches_podcastparser(tmp_path: Path, tone_profile: Path) -> None:
    import io

    import podcastparser

    out = _narrations(tmp_path, tone_profile)
    result = CliRunner().invoke(
        main, ["feed", str(out), "--base-url", "https://example.org/a/", "--title", "T", "--old-namespace"]
    )
    assert result.exit_code == 0, result.output
    episodes = podcastparser.parse("https://example.org/a/feed.xml", io.BytesIO((out / "feed.xml").read_bytes()))[
        "episodes"
    ]
    assert all(e["chapters_json_url"].endswith(".chapters.json") and e["transcript_url"] for e in episodes)
    check = CliRunner().invoke(main, ["feed", "--check", "--policy", "narrator", str(out / "feed.xml")])
    assert check.exit_code == 0, check.output
