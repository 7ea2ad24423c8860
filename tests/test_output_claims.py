"""Claiming an output name: a name's manifest is parsed once per claim, whatever rules look at it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from narrator.publish import claims
from narrator.publish.claims import claim_derived, source_of
from narrator.publish.manifest import Manifest, manifest_path_for, read_manifest, utc_timestamp, write_manifest


def _narration_of(audio: Path, source_name: str) -> None:
    """A narrator output set (MP3 and manifest) at `audio`, made from `source_name`."""
    audio.write_bytes(b"mp3")
    source = source_of(source_name, "")
    manifest = Manifest(
        audio=audio.name,
        audio_bytes=3,
        duration_ms=1000,
        title="Story",
        guid="guid",
        created=utc_timestamp(),
        source_id=source.identity,
        source=source.name,
    )
    write_manifest(manifest, manifest_path_for(audio))


def test_a_claim_parses_each_manifest_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _narration_of(tmp_path / "story.mp3", "https://example.com/other")
    parsed: Counter[str] = Counter()

    def counting_read(path: Path) -> Manifest:
        parsed[Path(path).name] += 1
        return read_manifest(path)

    monkeypatch.setattr(claims, "read_manifest", counting_read)
    mine = source_of("https://example.com/mine", "")
    claim = claim_derived(tmp_path, "story", mine, force=False)
    assert claim.audio == tmp_path / "story-2.mp3" and claim.previous is None  # another source's name: the next one
    assert parsed == {"story.manifest.json": 1}
    _narration_of(tmp_path / "story-2.mp3", "https://example.com/mine")
    parsed.clear()
    rerun = claim_derived(tmp_path, "story", mine, force=False)
    assert rerun.audio == tmp_path / "story-2.mp3" and rerun.previous is not None  # the rerun keeps its name
    assert parsed == {"story.manifest.json": 1, "story-2.manifest.json": 1}
