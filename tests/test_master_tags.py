"""ID3 tags read back with mutagen: chapters (CHAP/CTOC), SYLT, USLT, APIC cover, ID3v2.3."""

from __future__ import annotations

from pathlib import Path

import pytest
from images import png_bytes
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp3 import MP3

from narrator.engines.tone_engine import ToneEngine
from narrator.master import TagSet, check_cover, encode_mp3, make_chapters, stitch, write_tags
from narrator.models import Chapter, Script, Segment, VoiceProfile

TONE = VoiceProfile(name="t", engine="tone")


@pytest.fixture
def tagged(tmp_path: Path) -> tuple[Path, tuple]:
    segments = (
        Segment("Opening words.", "Opening words.", 0, 0, 0, "section", 500),
        Segment("Costs rose by 5%.", "Costs rose by five percent.", 1, 1, 1, "sentence", 300),
        Segment("Then fell.", "Then fell.", 1, 1, 2, "end", 0),
    )
    script = Script("Budget", "en", segments, headings=(None, "Costs"))
    engine = ToneEngine()
    narration = stitch(script, [engine.synthesize(s.spoken, TONE) for s in segments])
    chapters = make_chapters(narration, script, "Budget")
    cover = tmp_path / "cover.png"
    cover.write_bytes(png_bytes(1400, 1400))
    path = tmp_path / "a.mp3"
    encode_mp3(narration, path)
    tags = TagSet(
        title="Budget",
        language="en-US",
        transcript="Opening words.\n\nCosts rose by 5%. Then fell.",
        chapters=chapters,
        synced_text=tuple((t.segment.text, t.start_ms) for t in narration.segments),
        cover=cover,
    )
    write_tags(path, tags)
    return path, chapters


def test_chapters_read_back_as_chap_and_ctoc(tagged: tuple[Path, tuple]) -> None:
    path, chapters = tagged
    id3 = ID3(str(path))
    assert id3.version[:2] == (2, 3)
    (toc,) = id3.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    chaps = {frame.element_id: frame for frame in id3.getall("CHAP")}
    assert list(toc.child_element_ids) == sorted(chaps, key=lambda i: chaps[i].start_time)
    read = [
        (chaps[i].sub_frames["TIT2"].text[0], chaps[i].start_time, chaps[i].end_time) for i in toc.child_element_ids
    ]
    assert read == [(c.title, c.start_ms, c.end_ms) for c in chapters]
    assert [r[0] for r in read] == ["Budget", "Costs"]
    assert read[-1][2] == pytest.approx(MP3(str(path)).info.length * 1000, abs=60)


def test_synced_and_unsynced_transcripts(tagged: tuple[Path, tuple]) -> None:
    id3 = ID3(str(tagged[0]))
    (sylt,) = id3.getall("SYLT")
    assert sylt.format == 2 and sylt.lang == "eng"
    assert [text for text, _ in sylt.text] == ["Opening words.", "Costs rose by 5%.", "Then fell."]
    times = [ms for _, ms in sylt.text]
    assert times == sorted(times) and times[0] == 0
    assert id3.getall("USLT")[0].text.startswith("Opening words.")


def test_cover_is_the_front_cover(tagged: tuple[Path, tuple], tmp_path: Path) -> None:
    (apic,) = ID3(str(tagged[0])).getall("APIC")
    assert (apic.type, apic.mime) == (3, "image/png")
    assert apic.data == check_cover(tmp_path / "cover.png").data


def test_no_chapters_no_frames(tmp_path: Path) -> None:
    path = tmp_path / "b.mp3"
    engine = ToneEngine()
    segment = Segment("Hi.", "Hi.", 0, 0, 0, "end", 0)
    encode_mp3(stitch(Script("t", "en", (segment,)), [engine.synthesize("Hi.", TONE)]), path)
    write_tags(path, TagSet(title="t"))
    id3 = ID3(str(path))
    assert not id3.getall("CHAP") and not id3.getall("CTOC") and not id3.getall("APIC") and not id3.getall("SYLT")


def test_decoded_mp3_is_exactly_as_long_as_the_narration(tmp_path: Path) -> None:
    """The Xing/LAME header lets decoders drop the encoder's padding, so chapter times hold."""
    import subprocess

    from narrator.ffmpeg import ffmpeg_exe

    segments = tuple(Segment(t, t, 0, 0, i, "sentence", 250) for i, t in enumerate(["One two.", "Three four five."]))
    engine = ToneEngine()
    narration = stitch(Script("t", "en", segments), [engine.synthesize(s.spoken, TONE) for s in segments])
    encode_mp3(narration, tmp_path / "d.mp3")
    decoded = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(tmp_path / "d.mp3"), "-f", "s16le", "-"],
        capture_output=True,
        check=True,
    ).stdout
    assert len(decoded) // 2 == 2 * len(narration.pcm) // 2  # 22.05 kHz in, 44.1 kHz out


def _chapters_in_file_order(path: Path) -> list[tuple[float, str]]:
    """(start s, title) of each chapter as ffprobe lists them: in the order of the CHAP frames."""
    import json
    import shutil
    import subprocess

    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        pytest.skip("ffprobe is not installed (Debian package ffmpeg; .ci/run installs it)")
    out = subprocess.run(
        [ffprobe, "-v", "error", "-show_chapters", "-of", "json", str(path)], capture_output=True, check=True, text=True
    ).stdout
    return [(float(c["start_time"]), c["tags"]["title"]) for c in json.loads(out)["chapters"]]


def test_chap_frames_are_written_in_time_order(tmp_path: Path) -> None:
    """mutagen sorts frames by size; long early titles must not move chapters after shorter later ones."""
    titles = ["A long opening chapter title that is longest", "A middle title", "End"]
    chapters = tuple(Chapter(t, n * 1000, (n + 1) * 1000) for n, t in enumerate(titles))
    path = tmp_path / "c.mp3"
    segments = (Segment("Hi there.", "Hi there.", 0, 0, 0, "end", 2500),)
    encode_mp3(stitch(Script("t", "en", segments), [ToneEngine().synthesize("Hi there.", TONE)]), path)
    write_tags(path, TagSet(title="t", chapters=chapters))
    assert [f.element_id for f in ID3(str(path)).getall("CHAP")] == ["chp0", "chp1", "chp2"]
    assert _chapters_in_file_order(path) == [(0.0, titles[0]), (1.0, titles[1]), (2.0, titles[2])]
