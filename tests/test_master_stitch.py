"""Stitching: trimmed engine silence, exact pauses, times that never drift."""

from __future__ import annotations

import numpy as np
import pytest

from narrator.engines.tone_engine import SAMPLE_RATE, ToneEngine, tone_duration_ms
from narrator.master.stitch import SILENCE_DBFS, leading_silence_ms, stitch, trim_silence
from narrator.models import Clip, Script, Segment, VoiceProfile

TONE = VoiceProfile(name="t", engine="tone")


def _script(texts_and_pauses: list[tuple[str, int]]) -> Script:
    segments = tuple(
        Segment(text=t, spoken=t, section=0, paragraph=0, sentence=i, boundary="sentence", pause_ms=p)
        for i, (t, p) in enumerate(texts_and_pauses)
    )
    return Script(title="t", language="en", segments=segments)


def test_pauses_and_times_are_exact_to_the_millisecond() -> None:
    script = _script([("one two", 300), ("three four five", 700), ("six", 0)])
    engine = ToneEngine()
    narration = stitch(script, [engine.synthesize(s.spoken, TONE) for s in script.segments])
    margin = 10  # stitch keeps 10 ms around speech
    expected_start = 0
    for timed in narration.segments:
        speech = tone_duration_ms(timed.segment.spoken) + 2 * margin
        assert timed.start_ms == expected_start
        assert timed.end_ms - timed.start_ms == pytest.approx(speech, abs=1)
        expected_start = timed.end_ms + timed.segment.pause_ms
    assert narration.duration_ms == pytest.approx(expected_start, abs=1)


def test_trim_silence_keeps_a_margin() -> None:
    from narrator.ffmpeg import pydub_audio_segment

    samples = np.concatenate([np.zeros(2205), np.full(2205, 5000), np.zeros(2205)]).astype("<i2")
    audio = pydub_audio_segment()(data=samples.tobytes(), sample_width=2, frame_rate=SAMPLE_RATE, channels=1)
    assert len(trim_silence(audio)) == 100 + 2 * 10  # ms of speech plus both margins


@pytest.mark.parametrize("seed", range(12))
def test_leading_silence_matches_a_scan_1_ms_at_a_time(seed: int) -> None:
    from pydub.silence import detect_leading_silence

    from narrator.ffmpeg import pydub_audio_segment

    # Faint noise, then short onsets just over the threshold, at random places and levels.
    rng = np.random.default_rng(seed)
    samples = rng.normal(0, 10, 22050).astype(np.float32)
    for start in rng.integers(0, 22000, 3):
        samples[start : start + rng.integers(5, 40)] = rng.choice([-1, 1]) * rng.uniform(60, 400)
    audio = pydub_audio_segment()(data=samples.astype("<i2").tobytes(), sample_width=2, frame_rate=22050, channels=1)
    assert leading_silence_ms(audio) == detect_leading_silence(audio, silence_threshold=SILENCE_DBFS, chunk_size=1)


def test_joins_are_faded() -> None:
    loud = Clip((np.full(4410, 20000, dtype="<i2")).tobytes(), SAMPLE_RATE)
    narration = stitch(_script([("a", 100), ("b", 0)]), [loud, loud])
    samples = np.frombuffer(narration.pcm, dtype="<i2")
    assert abs(int(samples[0])) < 100 and abs(int(samples[-1])) < 2000


def test_mixed_sample_rates_are_resampled() -> None:
    a = Clip(np.full(22050, 8000, dtype="<i2").tobytes(), 22050)
    b = Clip(np.full(16000, 8000, dtype="<i2").tobytes(), 16000)
    narration = stitch(_script([("a", 0), ("b", 0)]), [a, b])
    assert narration.sample_rate == 22050
    assert narration.duration_ms == pytest.approx(2000, abs=2)


def test_many_segments_stitch_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 segments must not copy the whole narration per join (pydub's a + b)."""
    from narrator.ffmpeg import pydub_audio_segment

    def quadratic_join(*_: object) -> None:
        raise AssertionError("pydub's + copies the whole narration on every join")

    monkeypatch.setattr(pydub_audio_segment(), "__add__", quadratic_join)
    clip = Clip(np.full(2205, 8000, dtype="<i2").tobytes(), SAMPLE_RATE)
    script = _script([(str(i), 50) for i in range(2000)])
    narration = stitch(script, [clip] * 2000)
    assert len(narration.segments) == 2000
    assert narration.segments[-1].start_ms > narration.segments[0].start_ms


def test_clip_count_must_match() -> None:
    with pytest.raises(ValueError, match="1 clips for 2 segments"):
        stitch(_script([("a", 0), ("b", 0)]), [Clip(b"\x00\x01", SAMPLE_RATE)])
