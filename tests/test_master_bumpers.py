"""Intro and outro audio: decoded by ffmpeg, matched in loudness, joined with exact time shifts."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from narrator.engines.tone_engine import ToneEngine
from narrator.errors import AudioError
from narrator.ffmpeg import ffmpeg_exe
from narrator.master import (
    LoudnessSettings,
    check_bumper,
    finish,
    join_bumpers,
    load_bumper,
    make_chapters,
    master_loudness,
    measure_loudness,
    stitch,
)
from narrator.master.bumpers import GAP_MS
from narrator.models import Narration, Script, Segment, VoiceProfile
from narrator.settings import NarrationSettings

TONE = VoiceProfile(name="t", engine="tone")


def _wav(path: Path, seconds: float, amplitude: float, rate: int = 44100) -> Path:
    t = np.arange(int(rate * seconds)) / rate
    mono = amplitude * np.sin(2 * np.pi * 660 * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t))
    stereo = np.repeat((mono * 32767).astype("<i2")[:, None], 2, axis=1)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(stereo.tobytes())
    return path


def _mp3(path: Path, seconds: float) -> Path:
    source = f"sine=frequency=330:sample_rate=44100:duration={seconds}"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", source, "-b:a", "64k", str(path)], check=True)
    return path


@pytest.fixture
def narration() -> tuple[Narration, Script]:
    segments = tuple(
        Segment(t, t, 0, 0, i, "sentence", 300) for i, t in enumerate(["First one.", "Second sentence here."])
    )
    script = Script("Title", "en", segments)
    engine = ToneEngine()
    stitched = stitch(script, [engine.synthesize(s.spoken, TONE) for s in segments])
    stitched = master_loudness(stitched, LoudnessSettings())
    return stitched.__class__(
        stitched.pcm, stitched.sample_rate, stitched.segments, make_chapters(stitched, script, "Title")
    ), script


def test_wav_intro_and_mp3_outro_shift_times_exactly(tmp_path: Path, narration: tuple[Narration, Script]) -> None:
    base, _ = narration
    rate = base.sample_rate
    intro = load_bumper(_wav(tmp_path / "in.wav", 1.5, 0.9), rate)
    outro = load_bumper(_mp3(tmp_path / "out.mp3", 1.0), rate)
    joined = join_bumpers(base, intro, outro, LoudnessSettings())
    shift = joined.segments[0].start_ms - base.segments[0].start_ms
    assert shift >= 1500 + GAP_MS and shift % 20 == 0 and shift < 1500 + GAP_MS + 25
    assert all(
        j.start_ms - b.start_ms == shift and j.end_ms - b.end_ms == shift
        for j, b in zip(joined.segments, base.segments, strict=False)
    )
    # The narration's samples sit exactly where the shifted times say.
    start = shift * rate // 1000
    assert joined.pcm[2 * start : 2 * start + len(base.pcm)] == base.pcm
    assert joined.chapters[0].start_ms == 0 and joined.chapters[-1].end_ms == joined.duration_ms
    assert joined.duration_ms == pytest.approx(base.duration_ms + shift + GAP_MS + 1000, abs=30)


def test_bumpers_are_brought_to_the_narrations_loudness(tmp_path: Path, narration: tuple[Narration, Script]) -> None:
    base, _ = narration
    rate = base.sample_rate
    quiet = load_bumper(_wav(tmp_path / "in.wav", 2.0, 0.05), rate)
    joined = join_bumpers(base, quiet, None, LoudnessSettings())
    intro_pcm = joined.pcm[: len(quiet.pcm)]
    assert measure_loudness(intro_pcm, rate)[0] == pytest.approx(measure_loudness(base.pcm, rate)[0], abs=0.5)


@pytest.mark.parametrize("content", [b"this is text, not audio\n" * 50, b""])
def test_not_audio_is_a_one_line_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "jingle.mp3"
    path.write_bytes(content)
    with pytest.raises(AudioError, match=r"jingle\.mp3 is not an audio file") as info:
        check_bumper(path, "intro")
    assert "\n" not in str(info.value)


def test_missing_bumper(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match=r"outro .*: no such file"):
        check_bumper(tmp_path / "none.wav", "outro")


def test_no_bumpers_changes_nothing(narration: tuple[Narration, Script]) -> None:
    base, _ = narration
    assert join_bumpers(base) == base


def test_add_bumpers_loads_files_at_the_narrations_rate(tmp_path: Path, narration: tuple[Narration, Script]) -> None:
    from narrator.master import add_bumpers

    base, _ = narration
    joined = add_bumpers(base, _wav(tmp_path / "in.wav", 1.0, 0.5), None, None)
    assert joined.sample_rate == base.sample_rate
    assert joined.segments[0].start_ms - base.segments[0].start_ms >= 1000 + GAP_MS
    assert joined.pcm.endswith(base.pcm)


def test_settings_check_decodes_a_bumper_once_per_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch checks its settings for every item: an unchanged intro is decoded once, a changed one again."""
    decoded: list[Path] = []

    def counting_check(path: Path, role: str = "bumper") -> None:
        decoded.append(path)
        check_bumper(path, role)

    monkeypatch.setattr(finish, "check_bumper", counting_check)
    intro = _wav(tmp_path / "intro.wav", 0.5, 0.3)
    settings = NarrationSettings(voice=VoiceProfile(name="t", engine="tone"), intro=intro)
    for _ in range(3):
        finish.check_master_settings(settings)
    assert decoded == [intro]
    intro.write_bytes(b"not audio at all, and a different size")
    with pytest.raises(AudioError, match="intro"):
        finish.check_master_settings(settings)
    assert decoded == [intro, intro]
