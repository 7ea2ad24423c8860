"""`narrator info`: cover art present or not, its type and size, in text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from images import jpeg_bytes, png_bytes

from narrator.cli import main
from narrator.engines.tone_engine import ToneEngine
from narrator.inspect_mp3 import mp3_info
from narrator.master import TagSet, check_cover, encode_mp3, stitch, write_tags
from narrator.models import Script, Segment, VoiceProfile


def tagged_mp3(tmp_path: Path, cover: Path | None) -> Path:
    """A short real MP3 tagged with an optional cover."""
    segment = Segment("Hello there.", "Hello there.", 0, 0, 0, "end", 0)
    path = tmp_path / "a.mp3"
    clip = ToneEngine().synthesize(segment.spoken, VoiceProfile(name="t", engine="tone"))
    encode_mp3(stitch(Script("t", "en", (segment,)), [clip]), path)
    write_tags(path, TagSet(title="t", cover=check_cover(cover) if cover else None))
    return path


@pytest.mark.parametrize(
    ("name", "data", "kind", "size"),
    [
        ("c.png", png_bytes(1400, 1400), "image/png", (1400, 1400)),
        ("c.jpg", jpeg_bytes(1600, 1500), "image/jpeg", (1600, 1500)),
    ],
)
def test_cover_type_and_size(tmp_path: Path, name: str, data: bytes, kind: str, size: tuple[int, int]) -> None:
    (tmp_path / name).write_bytes(data)
    cover = mp3_info(tagged_mp3(tmp_path, tmp_path / name))["cover"]
    assert cover == {"type": kind, "width": size[0], "height": size[1], "bytes": len(data)}


def test_info_command_shows_cover_or_none(tmp_path: Path) -> None:
    (tmp_path / "c.png").write_bytes(png_bytes(1400, 1400))
    with_cover = tagged_mp3(tmp_path, tmp_path / "c.png")
    runner = CliRunner()
    text = runner.invoke(main, ["info", str(with_cover)])
    assert text.exit_code == 0 and "cover: image/png, 1400x1400 px" in text.output
    data = json.loads(runner.invoke(main, ["info", "--json", str(with_cover)]).output)
    assert data["cover"]["type"] == "image/png" and data["cover"]["width"] == 1400
    (tmp_path / "bare").mkdir()
    bare = tagged_mp3(tmp_path / "bare", None)
    assert "cover: none" in runner.invoke(main, ["info", str(bare)]).output
    assert json.loads(runner.invoke(main, ["info", "--json", str(bare)]).output)["cover"] is None
