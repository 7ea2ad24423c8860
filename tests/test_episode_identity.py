"""Episodes a podcast app can trust: stable GUIDs and first-publication dates across re-narrations, and feeds checked at write time."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import main
from narrator.errors import FeedError
from narrator.publish import build_feed, read_manifest, write_feed, write_manifest
from narrator.publish.feed import feed_problems

BASE = "https://example.org/audio/"


def _batch(*args: str) -> dict:
    result = CliRunner().invoke(main, ["batch", "--json", "--workers", "1", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output[result.output.index("{") :])


def _items(feed: bytes) -> dict[str, dict[str, str]]:
    channel = ET.fromstring(feed).find("channel")
    return {
        item.find("enclosure").get("url").rsplit("/", 1)[-1]: {
            "guid": item.findtext("guid"),
            "pubDate": item.findtext("pubDate"),
        }
        for item in channel.findall("item")
    }


def _feed(out: Path) -> bytes:
    return build_feed(out, base_url=BASE, title="T", image="https://cdn.example/art.png")


def test_a_second_rendering_under_another_name_is_its_own_episode(tmp_path: Path, tone_profile: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Story\n\nThe mayor resigned on Friday.\n", encoding="utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text(
        f"source,output,voice\n{story},story,{tone_profile}\n{story},story-corrected,{tone_profile}\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert _batch(str(rows), "-o", str(out))["done"] == 2
    items = _items(_feed(out))
    assert set(items) == {"story.mp3", "story-corrected.mp3"}
    assert items["story.mp3"]["guid"] != items["story-corrected.mp3"]["guid"]


def test_undated_episode_keeps_its_guid_and_pubdate_across_corrections_and_voices(
    tmp_path: Path, tone_profile: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Story\n\nThe mayor resigned on Friday.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "story.mp3"

    def narrate(*extra: str) -> dict[str, str]:
        result = CliRunner().invoke(
            main, ["narrate", str(story), "-o", str(target), "--voice", str(tone_profile), *extra]
        )
        assert result.exit_code == 0, result.output
        return _items(_feed(out))["story.mp3"]

    first = narrate()
    manifest = read_manifest(out / "story.manifest.json")
    # Pretend the first narration was a day ago, so a new pubDate would show.
    write_manifest(
        manifest.__class__(
            **{**vars(manifest), "published": "2026-01-02T03:04:05Z", "created": "2026-01-02T03:04:05Z"}
        ),
        out / "story.manifest.json",
    )
    first = _items(_feed(out))["story.mp3"]
    assert first["pubDate"] == "Fri, 02 Jan 2026 03:04:05 GMT"
    story.write_text("Story\n\nThe mayor resigned on Friday, not Thursday.\n", encoding="utf-8")
    assert narrate() == first
    assert narrate("--sentence-pause", "500") == first
    assert narrate("--force") == first
    assert read_manifest(out / "story.manifest.json").created != "2026-01-02T03:04:05Z"


def test_a_pending_first_narration_is_left_out_of_the_feed(tmp_path: Path, tone_profile: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Alpha\n\nThe council met on Monday and voted to approve the plan.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    _batch(str(tmp_path / "a.txt"), "-o", str(out), "--voice", str(tone_profile))
    pending = read_manifest(out / "a.manifest.json")
    write_manifest(
        pending.__class__(audio="b.mp3", audio_bytes=0, duration_ms=0, title="B", guid="g", created=pending.created),
        out / "b.manifest.json",
    )
    assert set(_items(_feed(out))) == {"a.mp3"}


def test_a_feed_that_fails_the_check_is_refused_and_warnings_are_printed(tmp_path: Path, tone_profile: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Alpha\n\nThe council met on Monday and voted to approve the plan.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    _batch(str(tmp_path / "a.txt"), "-o", str(out), "--voice", str(tone_profile))
    # Without artwork the feed works, with a warning, printed at write time as --check prints it.
    written = CliRunner().invoke(main, ["feed", str(out), "--base-url", BASE, "--title", "T"])
    assert written.exit_code == 0, written.output
    _, warnings = feed_problems((out / "feed.xml").read_bytes())
    assert warnings and all(f"warning: {w}" in written.output for w in warnings)
    check = CliRunner().invoke(main, ["feed", "--check", "--policy", "narrator", str(out / "feed.xml")])
    assert check.exit_code == 0, check.output
    # Without transcripts the episode breaks narrator's policy: refused, and the last good feed stays.
    before = (out / "feed.xml").read_bytes()
    for name in ("a.vtt", "a.srt", "a.transcript.json"):
        (out / name).unlink()
    errors, _ = feed_problems(build_feed(out, base_url=BASE, title="T"))
    assert errors
    with pytest.raises(FeedError, match="feed --check"):
        write_feed(out, output=out / "feed.xml", base_url=BASE, title="T")
    refused = CliRunner().invoke(main, ["feed", str(out), "--base-url", BASE, "--title", "T"])
    assert refused.exit_code == 1 and "feed --check" in refused.output
    assert (out / "feed.xml").read_bytes() == before


def test_feed_output_must_be_xml_and_not_a_users_file(tmp_path: Path, tone_profile: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Alpha\n\nThe council met on Monday and voted to approve the plan.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    _batch(str(tmp_path / "a.txt"), "-o", str(out), "--voice", str(tone_profile))
    args = ["feed", str(out), "--base-url", BASE, "--title", "T", "--image", "https://cdn.example/a.png"]
    mine = out / "index.xml"
    mine.write_text("<html>the user's page</html>", encoding="utf-8")
    result = CliRunner().invoke(main, [*args, "-o", str(mine)])
    assert result.exit_code == 1 and "index.xml" in result.output and "--force" in result.output
    assert mine.read_text(encoding="utf-8") == "<html>the user's page</html>"
    (tmp_path / "a-file").write_text("not a folder")  # a missing folder is made; a file in the way is refused
    assert CliRunner().invoke(main, [*args, "-o", str(tmp_path / "a-file" / "feed.xml")]).exit_code == 1
    assert CliRunner().invoke(main, [*args, "-o", str(out / "feed.xml")]).exit_code == 0
    assert CliRunner().invoke(main, [*args, "-o", str(out / "feed.xml")]).exit_code == 0  # its own feed is replaced
    assert CliRunner().invoke(main, [*args, "-o", str(mine), "--force"]).exit_code == 0


@pytest.mark.parametrize("kind", ["audio", "sidecar", "manifest"])
def test_a_symlink_to_a_system_file_is_refused_by_the_feed(tmp_path: Path, tone_profile: Path, kind: str) -> None:
    (tmp_path / "a.txt").write_text(
        "Alpha\n\nThe council met on Monday and voted to approve the plan.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    _batch(str(tmp_path / "a.txt"), "-o", str(out), "--voice", str(tone_profile))
    secret = tmp_path / "secret"
    secret.write_bytes(b"system file")
    if kind == "manifest":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        os.replace(out / "a.manifest.json", elsewhere / "a.manifest.json")
        (out / "a.manifest.json").symlink_to(elsewhere / "a.manifest.json")
    else:
        name = "a.mp3" if kind == "audio" else "a.vtt"
        (out / name).unlink()
        (out / name).symlink_to(secret)
    with pytest.raises(FeedError, match="symbolic link"):
        _feed(out)


def test_batch_refuses_a_symlinked_subfolder_that_leads_outside(tmp_path: Path, tone_profile: Path) -> None:
    src = tmp_path / "in"
    (src / "world").mkdir(parents=True)
    (src / "world" / "a.txt").write_text(
        "Alpha\n\nThe council met on Monday and voted to approve the plan.\n", encoding="utf-8"
    )
    (src / "b.txt").write_text("Beta\n\nThe mayor spoke on Tuesday about the new bus routes.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "world").symlink_to(elsewhere)
    result = CliRunner().invoke(
        main, ["batch", "--json", "--workers", "1", str(src), "-o", str(out), "--voice", str(tone_profile)]
    )
    assert result.exit_code == 1
    summary = json.loads(result.output[result.output.index("{") :])
    [failed] = [r for r in summary["items"] if r["status"] == "failed"]
    assert summary["done"] == 1 and "outside the output folder" in failed["error"]
    assert list(elsewhere.iterdir()) == []


def test_batch_numbers_another_sources_name_across_runs_and_keeps_it(tmp_path: Path, tone_profile: Path) -> None:
    for folder, text in (("a", "First."), ("b", "Second.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "editorial.md").write_text(
            f"# Editorial\n\nThe {text.lower()[:-1]} editorial argues that the city should fix its roads.\n",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    voice = ["--voice", str(tone_profile)]
    assert _batch(str(tmp_path / "a" / "editorial.md"), "-o", str(out), *voice)["done"] == 1
    second = _batch(str(tmp_path / "b" / "editorial.md"), "-o", str(out), *voice)
    assert second["items"][0]["output"] == str(out / "editorial-2.mp3")
    both = _batch(str(tmp_path / "b" / "editorial.md"), str(tmp_path / "a" / "editorial.md"), "-o", str(out), *voice)
    assert both["skipped"] == 2
    assert sorted(r["output"] for r in both["items"]) == [str(out / "editorial-2.mp3"), str(out / "editorial.mp3")]
