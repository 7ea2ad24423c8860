"""MP3 encoding: constant bitrate, 44.1 kHz, a good resampler with or without SoX in ffmpeg."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from mutagen.mp3 import MP3

import narrator.master.encode as encode
from narrator.master import EncodeSettings, LoudnessSettings, encode_mp3_checked, master_loudness
from narrator.models import Narration


def _tone(seconds: float = 3.0, rate: int = 22050) -> Narration:
    t = np.arange(int(seconds * rate)) / rate
    samples = (np.sin(2 * math.pi * 300 * t) * np.where((t % 0.5) < 0.3, 12000, 800)).astype("<i2")
    return Narration(samples.tobytes(), rate, ())


@pytest.mark.parametrize("soxr", [True, False])
def test_checked_encode_is_cbr_44k_under_the_ceiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, soxr: bool
) -> None:
    monkeypatch.setattr(encode, "has_soxr", lambda: soxr)
    mastered = master_loudness(_tone(), LoudnessSettings())
    report = encode_mp3_checked(mastered, tmp_path / "a.mp3", EncodeSettings(), LoudnessSettings())
    info = MP3(str(tmp_path / "a.mp3")).info
    assert (info.sample_rate, info.channels, round(info.bitrate / 1000)) == (44100, 1, 64)
    assert "CBR" in str(info.bitrate_mode)
    assert report.true_peak_dbtp <= -1.0
    assert abs(info.length - 3.0) < 0.1


def test_polyphase_resampling_keeps_length_and_level() -> None:
    narration = _tone(1.0)
    resampled = encode.at_rate(narration, 44100)
    before = np.frombuffer(narration.pcm, "<i2").astype(float)
    after = np.frombuffer(resampled.pcm, "<i2").astype(float)
    assert resampled.sample_rate == 44100 and after.size == 2 * before.size
    assert np.sqrt(np.mean(after**2)) == pytest.approx(np.sqrt(np.mean(before**2)), rel=0.02)


def test_meter_notes_the_windows_near_the_ceiling_across_chunks() -> None:
    from narrator.master.true_peak import TruePeakMeter

    rate = 44100
    samples = np.full(rate * 2, 1000, dtype="<i2")
    samples[int(1.234 * rate)] = 30000  # -0.8 dBFS, 1.234 s in
    meter = TruePeakMeter(rate, watch_dbfs=-3.0)
    data = samples.tobytes()
    for start in range(0, len(data), 12345):  # chunks that split windows and samples
        meter.add(data[start : start + 12345])
    [(seconds, level)] = meter.hot
    assert abs(seconds - 1.234) < 0.01 and abs(level - 20 * math.log10(30000 / 32768)) < 0.01


def test_dip_turns_down_only_around_its_spots() -> None:
    from narrator.master.loudness import dip

    narration = Narration(np.full(22050 * 2, 10000, dtype="<i2").tobytes(), 22050, ())
    dipped = np.frombuffer(dip(narration, [(1.0, 6.0)]).pcm, "<i2")
    assert abs(dipped[22050] - 10000 * 10 ** (-6 / 20)) < 20  # the spot itself, 6 dB down
    assert abs(dipped[int(22050 * 1.04)] - 10000 * 10 ** (-6 / 20)) < 20  # within its reach
    untouched = np.r_[0 : int(22050 * 0.9), int(22050 * 1.1) : 44100]
    assert (dipped[untouched] == 10000).all()


def test_an_overshooting_encode_is_fixed_where_it_overshot_keeping_loudness(tmp_path: Path) -> None:
    from narrator.master import measure_loudness

    rate = 22050
    t = np.arange(rate * 8) / rate
    # A voice-like tone with four short loud bursts, peaking at -0.4 dBFS: no room for MP3 coding.
    loud = np.zeros(t.size, dtype=bool)
    for start in (1.0, 3.0, 5.0, 7.0):
        loud |= (t >= start) & (t < start + 0.02)
    samples = np.sin(2 * math.pi * 220 * t) * np.where(loud, 29000, 8000) + np.sin(2 * math.pi * 3100 * t) * np.where(
        loud, 2000, 600
    )
    mastered = Narration(samples.astype("<i2").tobytes(), rate, ())
    report = encode_mp3_checked(mastered, tmp_path / "a.mp3", EncodeSettings(), LoudnessSettings())
    assert report.attempts >= 2 and report.true_peak_dbtp <= -1.0
    assert encode.decoded_true_peak(tmp_path / "a.mp3") <= -1.0
    # Only the bursts were turned down: the gated loudness barely moves.
    before, after = measure_loudness(mastered.pcm, rate)[0], measure_loudness(report.narration.pcm, rate)[0]
    assert abs(before - after) < 0.5


def test_dip_keeps_its_full_depth_at_the_very_start() -> None:
    from narrator.master.loudness import dip

    narration = Narration(np.full(22050, 10000, dtype="<i2").tobytes(), 22050, ())
    dipped = np.frombuffer(dip(narration, [(0.005, 6.0)]).pcm, "<i2")
    assert abs(dipped[0] - 10000 * 10 ** (-6 / 20)) < 20


def test_a_failing_ffmpeg_is_one_line_with_its_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    long_tone = _tone(seconds=60.0)  # more than a pipeful, so ffmpeg dies with input still unwritten
    with pytest.raises(
        encode.AudioError, match=r"^ffmpeg could not encode the MP3: .*No such file or directory"
    ) as failed:
        encode.encode_mp3(long_tone, tmp_path / "missing" / "a.mp3")
    assert "\n" not in str(failed.value)
    monkeypatch.setattr(encode, "ffmpeg_exe", lambda: str(tmp_path / "no-ffmpeg"))
    with pytest.raises(encode.AudioError, match=r"^ffmpeg could not be run: "):
        encode.encode_mp3(long_tone, tmp_path / "a.mp3")
