"""The check's audio side: silent, cut-off, clipped and mistimed segments, and the file against its spec."""

from __future__ import annotations

import numpy as np

from narrator.check.score import SegmentText
from narrator.check.signal import RATE, analyse_segments, check_spec

SETTINGS = {"loudness_lufs": -16.0, "normalize_loudness": True, "true_peak_dbtp": -1.0}


def speechlike(seconds: float, level: float = 0.2, seed: int = 0) -> np.ndarray:
    """Noise shaped into 4 Hz syllables: loud and quiet stretches, as speech is."""
    t = np.arange(round(seconds * RATE)) / RATE
    noise = np.random.default_rng(seed).standard_normal(t.size)
    return (level * noise * (0.55 + 0.45 * np.sin(2 * np.pi * 4 * t))).astype(np.float32)


def narration(lengths: list[float], pause: float = 0.5) -> tuple[np.ndarray, list[SegmentText]]:
    """Segments of speech-like sound with pauses, and their manifest entries (13 letters per second of text)."""
    parts, segments, at = [], [], 0.0
    for n, seconds in enumerate(lengths):
        parts += [speechlike(seconds, seed=n), np.zeros(round(pause * RATE), np.float32)]
        text = "word " * round(seconds * 13 / 4)
        segments.append(SegmentText(text, text, round(at * 1000), round((at + seconds) * 1000)))
        at += seconds + pause
    return np.concatenate(parts), segments


def test_a_clean_narration_has_no_faults() -> None:
    samples, segments = narration([2.0, 3.0, 2.5, 3.0])
    assert [s.problems for s in analyse_segments(samples, segments)] == [(), (), (), ()]


def test_silent_truncated_and_clipped_segments_are_found() -> None:
    samples, segments = narration([2.0, 3.0, 2.5, 3.0])
    cut = lambda s: slice(s.start_ms * RATE // 1000, s.end_ms * RATE // 1000)  # noqa: E731
    samples[cut(segments[1])] = 0
    place = cut(segments[2])
    samples[place.start + (place.stop - place.start) // 2 : place.stop] = 0
    samples[cut(segments[3])][1000:1400] = 1.0
    problems = [s.problems for s in analyse_segments(samples, segments)]
    assert problems[0] == () and problems[1] == ("silent",) and "truncated" in problems[2] and "clipped" in problems[3]


def test_speech_far_longer_or_shorter_than_the_text_predicts_is_flagged() -> None:
    samples, segments = narration([2.0, 6.0, 2.0, 2.0, 2.0])
    retext = lambda s, text: SegmentText(text, text, s.start_ms, s.end_ms)  # noqa: E731
    segments[1] = retext(segments[1], "word " * 7)  # 28 letters, said over 6 s: three times too long
    segments[3] = retext(segments[3], "word " * 30)  # 120 letters, said in 2 s: far too short
    segments[4] = retext(segments[4], "x " * 3)  # too few letters to predict a length
    sounds = analyse_segments(samples, segments)
    assert sounds[1].problems == ("too long",) and sounds[3].problems == ("too short",)
    assert sounds[4].predicted_ms is None and sounds[4].problems == ()
    assert sounds[0].problems == sounds[2].problems == ()


def test_spec_compares_loudness_true_peak_and_length_with_the_settings() -> None:
    samples, _ = narration([3.0, 3.0])
    quiet = check_spec(samples * 0.05, SETTINGS, round(samples.size / RATE * 1000))
    assert quiet.problems and quiet.problems[0].startswith("loudness")
    hot = check_spec(np.clip(samples * 8, -1, 1), SETTINGS, 1000)
    assert any(p.startswith("true peak") for p in hot.problems) and any(p.startswith("length") for p in hot.problems)
    unnormalized = check_spec(
        samples * 0.05, {**SETTINGS, "normalize_loudness": False}, round(samples.size / RATE * 1000)
    )
    assert unnormalized.target_lufs is None and unnormalized.problems == ()
