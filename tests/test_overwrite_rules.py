"""The overwrite and naming rules end to end with the real eSpeak engine (profile `default`), through the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import main
from narrator.publish import read_manifest
from narrator.synthesize import ClipCache


def _run(*args: str, cwd: Path | None = None) -> object:
    if cwd is None:
        return CliRunner().invoke(main, list(args))
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _no_synthesis_happened() -> bool:
    return ClipCache().stats().clips == 0


def test_two_articles_with_one_title_get_two_names_and_keep_them(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Editorial\n\nThe first editorial is about roads.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Editorial\n\nThe second editorial is about schools.\n", encoding="utf-8")
    first = _run("narrate", "a.md", cwd=tmp_path)
    assert first.exit_code == 0, first.output
    before = (tmp_path / "output" / "editorial.mp3").read_bytes()
    second = _run("narrate", "b.md", cwd=tmp_path)
    assert second.exit_code == 0, second.output
    assert "output/editorial-2.mp3" in second.output
    assert (tmp_path / "output" / "editorial.mp3").read_bytes() == before
    a = read_manifest(tmp_path / "output" / "editorial.manifest.json")
    b = read_manifest(tmp_path / "output" / "editorial-2.manifest.json")
    assert a.guid != b.guid and b.audio == "editorial-2.mp3"
    assert set(b.sidecars.values()) == {
        "editorial-2.vtt",
        "editorial-2.srt",
        "editorial-2.chapters.json",
        "editorial-2.transcript.json",
    }
    # Reruns find their own narrations, in either order.
    assert "editorial-2.mp3 (" in _run("narrate", "b.md", cwd=tmp_path).output
    assert "up to date" in _run("narrate", "a.md", cwd=tmp_path).output


def test_a_users_mp3_and_its_subtitles_are_refused_before_synthesis(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Good News\n\nThe bridge reopened on Monday.\n", encoding="utf-8")
    (tmp_path / "song.mp3").write_bytes(b"ID3 the user's own song")
    (tmp_path / "song.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nla la\n", encoding="utf-8")
    (tmp_path / "song.vtt").write_text("WEBVTT\n", encoding="utf-8")
    before = _snapshot(tmp_path)
    result = _run("narrate", str(tmp_path / "good.txt"), "-o", str(tmp_path / "song.mp3"))
    assert result.exit_code == 1
    message = result.output.strip()
    assert len(message.splitlines()) == 1 and "song.mp3" in message and "--force" in message
    assert _snapshot(tmp_path) == before and _no_synthesis_happened()
    forced = _run("narrate", str(tmp_path / "good.txt"), "-o", str(tmp_path / "song.mp3"), "--force")
    assert forced.exit_code == 0, forced.output
    assert read_manifest(tmp_path / "song.manifest.json").audio == "song.mp3"
    assert (tmp_path / "song.srt").read_text(encoding="utf-8") != before["song.srt"].decode()


def test_a_users_sidecar_alone_is_refused_too(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Good News\n\nThe bridge reopened on Monday.\n", encoding="utf-8")
    (tmp_path / "talk.vtt").write_text("WEBVTT\n\nmine\n", encoding="utf-8")
    result = _run("narrate", str(tmp_path / "good.txt"), "-o", str(tmp_path / "talk.mp3"))
    assert result.exit_code == 1 and "talk.vtt" in result.output and "--force" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "talk.vtt"]


def test_the_input_is_never_an_output_even_with_force(tmp_path: Path) -> None:
    story = tmp_path / "story.mp3"
    story.write_text("Story\n\nA text article that is named like an MP3.\n", encoding="utf-8")
    text = story.read_bytes()
    for extra in ([], ["--force"]):
        result = _run("narrate", str(story), "-o", str(story), *extra)
        assert result.exit_code == 1 and "input" in result.output
    subtitles = tmp_path / "notes.srt"
    subtitles.write_text("Notes\n\nThe input is a subtitle file name.\n", encoding="utf-8")
    result = _run("narrate", str(subtitles), "-o", str(tmp_path / "notes.mp3"), "--force")
    assert result.exit_code == 1 and "notes.srt" in result.output
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>Page</h1><p>An article saved as a web page.</p></body></html>", encoding="utf-8")
    result = _run(
        "narrate", str(page), "-o", str(tmp_path / "page.mp3"), "--force"
    )  # its player page would be page.html
    assert result.exit_code == 1 and "page.html" in result.output
    assert story.read_bytes() == text and sorted(p.name for p in tmp_path.iterdir()) == [
        "notes.srt",
        "page.html",
        "story.mp3",
    ]


def test_rerunning_replaces_only_its_own_output_and_keeps_the_episode(tmp_path: Path) -> None:
    source = tmp_path / "city.txt"
    source.write_text("City Budget\n\nThe council approved the budget.\n", encoding="utf-8")
    target = tmp_path / "city.mp3"
    assert _run("narrate", str(source), "-o", str(target)).exit_code == 0
    first = read_manifest(tmp_path / "city.manifest.json")
    source.write_text("City Budget\n\nThe council approved the budget on Tuesday, a correction.\n", encoding="utf-8")
    assert _run("narrate", str(source), "-o", str(target)).exit_code == 0
    corrected = read_manifest(tmp_path / "city.manifest.json")
    assert _run("narrate", str(source), "-o", str(target), "--voice", "fast").exit_code == 0
    revoiced = read_manifest(tmp_path / "city.manifest.json")
    assert first.input_sha256 != corrected.input_sha256 and corrected.settings_sha256 != revoiced.settings_sha256
    assert first.guid == corrected.guid == revoiced.guid
    assert first.published == corrected.published == revoiced.published
    # Another article may not take the name without --force.
    other = tmp_path / "other.txt"
    other.write_text("Other\n\nA different article.\n", encoding="utf-8")
    refused = _run("narrate", str(other), "-o", str(target))
    assert refused.exit_code == 1 and "another source" in refused.output and "--force" in refused.output
    assert read_manifest(tmp_path / "city.manifest.json") == revoiced


def test_batch_refuses_an_unrelated_file_and_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Alpha\n\nThe first story.\n", encoding="utf-8")
    (src / "b.txt").write_text("Beta\n\nThe second story.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.mp3").write_bytes(b"someone else's audio")
    result = _run("batch", str(src), "-o", str(out), "--workers", "1", "--json")
    assert result.exit_code == 1
    summary = json.loads(result.output[result.output.index("{") :])
    failed = [r for r in summary["items"] if r["status"] == "failed"]
    assert len(failed) == 1 and "a.mp3" in failed[0]["error"] and "--force" in failed[0]["error"]
    assert (out / "a.mp3").read_bytes() == b"someone else's audio"
    assert not (out / "a.manifest.json").exists() and (out / "b.manifest.json").exists()


def test_voice_preview_writes_only_an_mp3_and_checks_its_target(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    refused = _run("voices", "preview", "default", "-o", str(notes))
    assert refused.exit_code == 1 and ".mp3" in refused.output
    assert notes.read_text(encoding="utf-8") == "my notes"
    preview = tmp_path / "sample.mp3"
    assert _run("voices", "preview", "default", "-o", str(preview)).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "sample.mp3"]
    assert (
        _run("voices", "preview", "default", "-o", str(preview), "--text", "Again.").exit_code == 0
    )  # its own preview
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3 a user's song")
    refused = _run("voices", "preview", "default", "-o", str(song))
    assert refused.exit_code == 1 and "song.mp3" in refused.output and "--force" in refused.output
    assert song.read_bytes() == b"ID3 a user's song"


@pytest.mark.parametrize("name", ["editorial.mp3", "editorial.vtt", "editorial.manifest.json"])
def test_feed_never_writes_over_an_episode(tmp_path: Path, tone_profile: Path, name: str) -> None:
    (tmp_path / "a.md").write_text(
        "# Editorial\n\nThe editorial argues that the city should fix its roads.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    out.mkdir()
    assert _run("narrate", str(tmp_path / "a.md"), "-o", str(out), "--voice", str(tone_profile)).exit_code == 0
    before = _snapshot(out)
    result = _run("feed", str(out), "--base-url", "https://x.org/", "--title", "T", "-o", str(out / name))
    assert result.exit_code == 1 and name in result.output
    assert _snapshot(out) == before
