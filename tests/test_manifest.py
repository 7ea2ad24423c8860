"""The narration manifest: round trip, validation, discovery and atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrator.errors import FeedError, NarratorError, OutputError
from narrator.publish import (
    Manifest,
    ManifestChapter,
    ManifestSegment,
    find_manifests,
    manifest_path_for,
    read_manifest,
    stable_guid,
    utc_timestamp,
    write_manifest,
)


def sample_manifest(**changes: object) -> Manifest:
    """A complete manifest with every field set."""
    values: dict = {
        "audio": "story.mp3",
        "audio_bytes": 1234,
        "audio_sha256": "ab" * 32,
        "duration_ms": 84000,
        "title": 'Tom & Jerry <"live"> 🎙️ it\'s',
        "author": "Ann Writer",
        "publication": "Daily",
        "date": "2026-11-23",
        "language": "en",
        "description": "First paragraph.",
        "source": "https://example.com/story",
        "guid": stable_guid("https://example.com/story", "t"),
        "created": "2026-11-28T01:40:00Z",
        "input_sha256": "cd" * 32,
        "settings_sha256": "ef" * 32,
        "settings": {"loudness": -16},
        "voice": {"name": "default", "engine": "tone"},
        "sidecars": {
            "vtt": "story.vtt",
            "srt": "story.srt",
            "chapters": "story.chapters.json",
            "transcript": "story.transcript.json",
        },
        "segments": (ManifestSegment("Hi 2 you.", "Hi two you.", 0, 900, 0, 0, 0),),
        "chapters": (ManifestChapter("Intro", 0, 84000),),
    }
    values.update(changes)
    return Manifest(**values)


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    manifest = sample_manifest()
    path = tmp_path / "story.manifest.json"
    write_manifest(manifest, path)
    assert read_manifest(path) == manifest


def test_file_has_the_documented_shape(tmp_path: Path) -> None:
    path = tmp_path / "story.manifest.json"
    write_manifest(sample_manifest(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data)[:3] == ["manifest_version", "narrator_version", "audio"]
    assert data["manifest_version"] == 1
    assert data["segments"][0] == {
        "text": "Hi 2 you.",
        "spoken": "Hi two you.",
        "start_ms": 0,
        "end_ms": 900,
        "section": 0,
        "paragraph": 0,
        "sentence": 0,
    }
    assert data["chapters"] == [{"title": "Intro", "start_ms": 0, "end_ms": 84000}]
    assert "🎙️" in path.read_text(encoding="utf-8")


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "story.manifest.json"
    write_manifest(sample_manifest(title="first"), path)
    write_manifest(sample_manifest(title="second"), path)
    assert read_manifest(path).title == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["story.manifest.json"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_write_into_missing_folder_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot write"):
        write_manifest(sample_manifest(), tmp_path / "missing" / "x.manifest.json")


def test_optional_fields_default(tmp_path: Path) -> None:
    path = tmp_path / "min.manifest.json"
    path.write_text(
        json.dumps(
            {
                "manifest_version": 1,
                "audio": "a.mp3",
                "audio_bytes": 10,
                "duration_ms": 5,
                "title": "T",
                "guid": "g",
                "created": "2026-11-28T01:40:00Z",
                "date": None,
            }
        ),
        encoding="utf-8",
    )
    manifest = read_manifest(path)
    assert (manifest.date, manifest.author, manifest.sidecars, manifest.segments) == (None, None, {}, ())
    assert manifest.mime_type == "audio/mpeg"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not valid JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"manifest_version": 2}', "unsupported manifest_version"),
    ],
)
def test_unreadable_manifest_is_a_clear_feed_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.manifest.json"
    path.write_bytes(content)
    with pytest.raises(FeedError, match=r"bad\.manifest\.json") as info:
        read_manifest(path)
    assert message in str(info.value)
    assert isinstance(info.value, NarratorError)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": None}, "missing or empty field 'title'"),
        ({"audio": "  "}, "missing or empty field 'audio'"),
        ({"duration_ms": -1}, "'duration_ms' must be a non-negative integer"),
        ({"audio_bytes": True}, "'audio_bytes' must be a non-negative integer"),
        ({"created": "yesterday"}, "not an ISO 8601 timestamp"),
        ({"segments": [{"text": "x"}]}, "segments[0].spoken"),
        ({"chapters": "Intro"}, "'chapters' must be a list"),
        ({"sidecars": {"vtt": 3}}, "sidecars must map"),
    ],
)
def test_invalid_field_is_a_clear_feed_error(tmp_path: Path, changes: dict, message: str) -> None:
    path = tmp_path / "bad.manifest.json"
    write_manifest(sample_manifest(), path)
    data = {**json.loads(path.read_text(encoding="utf-8")), **changes}
    path.write_text(json.dumps({k: v for k, v in data.items() if v is not None}), encoding="utf-8")
    with pytest.raises(FeedError, match=r"bad\.manifest\.json is invalid") as info:
        read_manifest(path)
    assert message in str(info.value)


def test_missing_file_is_a_feed_error(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match=r"manifest .*nope\.manifest\.json: no such file"):
        read_manifest(tmp_path / "nope.manifest.json")


def test_find_manifests_is_recursive_and_sorted(tmp_path: Path) -> None:
    for name in ("b/z.manifest.json", "a.manifest.json", "b/a.manifest.json", "c.mp3", "notes.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    found = [p.relative_to(tmp_path).as_posix() for p in find_manifests(tmp_path)]
    assert found == ["a.manifest.json", "b/a.manifest.json", "b/z.manifest.json"]
    with pytest.raises(FeedError, match="not a folder"):
        find_manifests(tmp_path / "missing")


def test_helpers() -> None:
    assert manifest_path_for(Path("out/my story.mp3")) == Path("out/my story.manifest.json")
    assert stable_guid("https://x.org/a", "A") == stable_guid("https://x.org/a", "B")
    assert stable_guid("-", "A") == stable_guid("", "A") != stable_guid("", "B")
    assert len(utc_timestamp()) == len("2026-11-28T01:40:00Z") and utc_timestamp().endswith("Z")
