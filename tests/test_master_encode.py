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
def test_checked_encode_is_cbr_44k_under_the_ceiling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, soxr: bool) -> None:
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
