"""Loudness: BS.1770 measurement, target gain and true-peak limiting, checked on real engines' MP3s."""

from __future__ import annotations

import itertools
import math
import re
import subprocess
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from narrator.engines import load_engine
from narrator.engines.tone_engine import ToneEngine
from narrator.errors import AudioError
from narrator.ffmpeg import ffmpeg_exe
from narrator.master import (
    EncodeSettings,
    LoudnessSettings,
    encode_mp3,
    encode_mp3_checked,
    master_loudness,
    measure_loudness,
    measure_true_peak,
    stitch,
    validate_loudness_target,
)
from narrator.models import Narration, Script, Segment, VoiceProfile
from narrator.voices import resolve_voice

SENTENCES = [
    "The city council approved the budget on Tuesday, after a long and heated debate.",
    "Critics said the plan would cut bus routes in the poorest neighbourhoods!",
    "What happens next?",
    "The mayor said 42 percent of residents supported the changes, citing a poll from March.",
    "Peter Piper picked a peck of pickled peppers, and the plosives test the limiter.",
]


def _script(texts: list[str], pause_ms: int = 350) -> Script:
    segments = tuple(Segment(t, t, 0, i // 2, i, "sentence", pause_ms) for i, t in enumerate(texts))
    return Script(title="t", language="en", segments=segments)


def _pcm(samples: np.ndarray) -> bytes:
    return np.clip(np.rint(samples * 32768), -32768, 32767).astype("<i2").tobytes()


def _ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness and true peak as ffmpeg's ebur128 filter measures them."""
    command = [ffmpeg_exe(), "-nostats", "-i", str(path), "-filter_complex", "ebur128=peak=true", "-f", "null", "-"]
    summary = subprocess.run(command, capture_output=True, text=True, check=True).stderr
    summary = summary[summary.rfind("Summary:") :]
    lufs = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return lufs, peak


@pytest.mark.parametrize("lufs", [-31, -16, -5, -23.5])
def test_sane_targets_are_accepted(lufs: float) -> None:
    assert validate_loudness_target(lufs) == lufs


@pytest.mark.parametrize("lufs", [-31.5, -4, 0, math.nan, math.inf])
def test_insane_targets_are_one_line_errors(lufs: float) -> None:
    with pytest.raises(AudioError, match="out of range") as info:
        validate_loudness_target(lufs)
    assert "\n" not in str(info.value)
    with pytest.raises(AudioError):
        LoudnessSettings(target_lufs=lufs)


def test_sine_reads_as_bs1770_says() -> None:
    """A 997 Hz sine at -20 dBFS peak is -23.0 LUFS (the standard's own check)."""
    rate = 48000
    t = np.arange(rate * 5) / rate
    lufs, peak = measure_loudness(_pcm(0.1 * np.sin(2 * np.pi * 997 * t)), rate)
    assert lufs == pytest.approx(-23.0, abs=0.05)
    assert peak == pytest.approx(-20.0, abs=0.05)


def test_true_peak_finds_the_peak_between_samples() -> None:
    """A quarter-rate sine sampled at +-45 degrees has samples at 0.707 of its real peak."""
    rate = 22050
    n = np.arange(rate)
    samples = 0.5 * np.sin(np.pi / 2 * n + np.pi / 4)
    assert 20 * np.log10(np.abs(samples).max()) == pytest.approx(-9.03, abs=0.05)
    assert measure_true_peak(_pcm(samples), rate) == pytest.approx(-6.02, abs=0.2)


def test_silence_and_empty_audio_measure_minus_infinity() -> None:
    assert measure_loudness(b"", 22050) == (-math.inf, -math.inf)
    assert measure_loudness(bytes(44100), 22050)[0] == -math.inf


def test_master_reaches_target_and_keeps_every_time() -> None:
    script = _script(["one two three", "four five six seven", "eight"] * 4)
    engine = ToneEngine()
    narration = stitch(
        script, [engine.synthesize(s.spoken, VoiceProfile(name="t", engine="tone")) for s in script.segments]
    )
    mastered = master_loudness(narration, LoudnessSettings(target_lufs=-19))
    lufs, peak = measure_loudness(mastered.pcm, mastered.sample_rate)
    assert lufs == pytest.approx(-19, abs=0.1)
    assert peak <= LoudnessSettings().ceiling_dbtp + 0.05
    assert len(mastered.pcm) == len(narration.pcm)
    assert mastered.segments == narration.segments


def test_skipping_and_silence_leave_audio_alone() -> None:
    narration = Narration(pcm=_pcm(0.01 * np.ones(22050)), sample_rate=22050, segments=())
    assert master_loudness(narration, LoudnessSettings(enabled=False)) is narration
    silent = Narration(pcm=bytes(44100), sample_rate=22050, segments=())
    assert master_loudness(silent).pcm == silent.pcm


def test_limiter_is_local_and_meets_the_ceiling() -> None:
    """One loud click must be limited without touching speech a second away."""
    rate = 22050
    rng = np.random.default_rng(1)
    body = rng.standard_normal(rate * 6) * 0.02
    body[rate * 3] = 0.99
    mastered = master_loudness(Narration(_pcm(body), rate, ()), LoudnessSettings())
    out = np.frombuffer(mastered.pcm, dtype="<i2") / 32768
    assert measure_true_peak(mastered.pcm, rate) <= LoudnessSettings().ceiling_dbtp + 0.05
    away = slice(rate, 2 * rate)
    ratio = out[away] / np.where(body[away] == 0, 1, body[away])
    assert np.median(ratio) == pytest.approx(np.percentile(ratio, 90), rel=0.01)  # one steady gain there


def test_memory_stays_bounded_for_long_narrations() -> None:
    """Ten minutes of audio: working memory stays a small multiple of the PCM, not of its floats."""
    rate = 22050
    rng = np.random.default_rng(2)
    syllables = np.repeat(rng.uniform(0, 1, 10 * 60 * 5) > 0.3, rate // 5)
    pcm = _pcm(rng.standard_normal(syllables.size).astype(np.float32) * 0.05 * syllables)
    tracemalloc.start()
    mastered = master_loudness(Narration(pcm, rate, ()), LoudnessSettings())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert measure_loudness(mastered.pcm, rate)[0] == pytest.approx(-16, abs=0.1)
    assert peak < 3 * len(pcm) + 64 * 2**20


def test_mp3_keeps_the_mastered_level(tmp_path: Path) -> None:
    """LAME scales its input by 0.95; encode_mp3 undoes that, so the MP3 plays as loud as the PCM."""
    rate = 22050
    t = np.arange(rate * 4) / rate
    pcm = _pcm(0.25 * np.sin(2 * np.pi * 440 * t) * (t % 1 < 0.6))
    encode_mp3(Narration(pcm, rate, ()), tmp_path / "s.mp3")
    assert _ebur128(tmp_path / "s.mp3")[0] == pytest.approx(round(measure_loudness(pcm, rate)[0], 1), abs=0.15)


@pytest.fixture(scope="module")
def real_narrations() -> dict[str, Narration]:
    """A few sentences from eSpeak (rule-based) and Piper (neural), stitched."""
    script = _script(SENTENCES)
    voices = {
        "pyttsx3": VoiceProfile(name="t", engine="pyttsx3", voice="gmw/en-us"),
        "piper": resolve_voice(VoiceProfile(name="t", engine="piper", voice="joe")),
    }
    narrations = {}
    for name, voice in voices.items():
        with load_engine(name) as engine:
            narrations[name] = stitch(script, [engine.synthesize(s.spoken, voice) for s in script.segments])
    return narrations


@pytest.mark.parametrize("engine", ["pyttsx3", "piper"])
def test_real_speech_mp3_meets_the_loudness_spec(
    real_narrations: dict[str, Narration], engine: str, tmp_path: Path
) -> None:
    narration = real_narrations[engine]
    mastered = master_loudness(narration, LoudnessSettings())
    report = encode_mp3_checked(mastered, tmp_path / "a.mp3", EncodeSettings(), LoudnessSettings())
    lufs, peak = _ebur128(tmp_path / "a.mp3")
    assert lufs == pytest.approx(-16, abs=1.0)
    assert peak <= -1.0
    assert report.true_peak_dbtp <= -1.0
    assert report.narration.segments == narration.segments


def test_other_targets_and_stereo(real_narrations: dict[str, Narration], tmp_path: Path) -> None:
    settings = LoudnessSettings(target_lufs=-19, true_peak_dbtp=-2)
    mastered = master_loudness(real_narrations["pyttsx3"], settings)
    encode_mp3_checked(mastered, tmp_path / "b.mp3", EncodeSettings(96, stereo=True), settings)
    lufs, peak = _ebur128(tmp_path / "b.mp3")
    assert lufs == pytest.approx(-19, abs=1.0)
    assert peak <= -2.0


def test_checked_encode_works_where_libsndfile_cannot_read_mp3(
    real_narrations: dict[str, Narration], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without an MP3-capable libsndfile, ffmpeg decodes for the check instead."""
    import narrator.master.encode as encode

    monkeypatch.setattr(encode, "mp3_decoder_in_process", lambda: False)
    monkeypatch.setattr(encode, "_soundfile_meter", None)  # would fail if called
    mastered = master_loudness(real_narrations["piper"])
    report = encode_mp3_checked(mastered, tmp_path / "c.mp3")
    assert report.true_peak_dbtp == pytest.approx(_ebur128(tmp_path / "c.mp3")[1], abs=0.15)
    assert report.true_peak_dbtp <= -1.0


def test_checked_encode_decodes_in_process(
    real_narrations: dict[str, Narration], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With libsndfile reading MP3 (as soundfile's wheels have it), no ffmpeg decode is run for the check."""
    import narrator.master.encode as encode

    monkeypatch.setattr(encode, "_ffmpeg_decoded_meter", None)  # would fail if called
    report = encode_mp3_checked(master_loudness(real_narrations["pyttsx3"]), tmp_path / "e.mp3")
    assert report.true_peak_dbtp == pytest.approx(_ebur128(tmp_path / "e.mp3")[1], abs=0.15)
    assert report.true_peak_dbtp <= -1.0


@pytest.mark.parametrize("stereo", [False, True])
def test_both_decoders_meter_the_same_peak_and_hot_windows(
    real_narrations: dict[str, Narration], tmp_path: Path, stereo: bool
) -> None:
    """libsndfile's mpg123 and ffmpeg decode our MP3 alike, sample for sample in time (encoder delay trimmed)."""
    import narrator.master.encode as encode

    assert encode.mp3_decoder_in_process()
    path = tmp_path / "d.mp3"
    encode_mp3(master_loudness(real_narrations["pyttsx3"]), path, EncodeSettings(stereo=stereo))
    ours = encode._soundfile_meter(path, -8.0, 44100)
    ffmpegs = encode._ffmpeg_decoded_meter(path, -8.0, 44100)
    # The decoders round a sample differently now and then (by one 16-bit step), so a window
    # right at the watch level may be in one list only.
    assert len(ours.hot) > 100
    theirs = dict(ffmpegs.hot)
    shared = [(seconds, level) for seconds, level in ours.hot if seconds in theirs]
    assert len(shared) >= 0.99 * max(len(ours.hot), len(theirs))
    assert all(level == pytest.approx(theirs[seconds], abs=0.01) for seconds, level in shared)
    assert ours.dbtp() == pytest.approx(ffmpegs.dbtp(), abs=0.01)


def _iir_reference(sos: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Direct-form biquads in plain Python: slow, but obviously the K-weighting's definition."""
    y = x.astype(np.float64)
    for b0, b1, b2, _a0, a1, a2 in sos:
        out, x1, x2, y1, y2 = np.empty_like(y), 0.0, 0.0, 0.0, 0.0
        for n, xn in enumerate(y):
            yn = b0 * xn + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            out[n], x2, x1, y2, y1 = yn, x1, xn, y1, yn
        y = out
    return y


@pytest.mark.parametrize("rate", [22050, 48000])
def test_fft_k_weighting_matches_the_iir_filter_across_blocks(rate: int) -> None:
    from narrator.master.loudness import _k_weighting, _k_weighting_response, _OverlapAddFilter

    x = np.random.default_rng(3).standard_normal(rate // 2).astype(np.float32) * 0.3
    expected = _iir_reference(_k_weighting(rate), x)
    k_weighted = _OverlapAddFilter(_k_weighting_response(rate))
    # Blocks of awkward sizes, shorter and longer than the filter, carry its ringing over.
    bounds = [0, 7, 1000, 1001, 9000, 40000, x.size]
    got = np.concatenate([k_weighted(x[a:b]) for a, b in itertools.pairwise(bounds)])
    assert np.max(np.abs(got - expected)) < 1e-5


def test_a_peak_at_the_very_start_is_limited_too() -> None:
    """The limiter looks ahead 5 ms; a peak in the first 5 ms must not slip through."""
    from narrator.master.loudness import master_pcm

    signal = np.sin(np.arange(22050 * 3) * 0.05) * 1000
    signal[0] = signal[22050] = 30000
    _lufs, peak = measure_loudness(master_pcm(signal.astype("<i2").tobytes(), 22050, LoudnessSettings()), 22050)
    assert peak <= LoudnessSettings().ceiling_dbtp + 0.05


def test_mastering_needs_no_scipy() -> None:
    """Loudness runs on numpy alone: importing scipy.signal would cost more than the filtering."""
    code = (
        "import sys, numpy as np\n"
        "from narrator.master.loudness import LoudnessSettings, master_pcm, measure_loudness\n"
        "signal = np.sin(np.arange(22050 * 3) * 0.05) * 1000\n"
        "signal[::22050] = 30000  # clicks far above the quiet tone: the limiter must work\n"
        "lufs, peak = measure_loudness(master_pcm(signal.astype('<i2').tobytes(), 22050, LoudnessSettings()), 22050)\n"
        "assert abs(lufs + 16) < 0.1 and peak <= -2.4, (lufs, peak)\n"
        "print('SCIPY', [m for m in sys.modules if m.startswith('scipy')])\n"
    )
    out = subprocess.run([__import__("sys").executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "SCIPY []" in out


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 18, 33])
def test_running_max_is_the_sliding_window_maximum(size: int) -> None:
    from narrator.master.loudness import _running_max

    values = np.random.default_rng(size).random(300).astype(np.float32)
    expected = np.lib.stride_tricks.sliding_window_view(values, size).max(axis=1)
    assert np.array_equal(_running_max(values, size), expected)
