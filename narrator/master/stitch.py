"""Stitch clips into one narration: trim engine silence, exact pauses, short fades."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..models import Clip, Narration, Script, TimedSegment

# Engine padding quieter than this (about -54 dBFS) counts as silence.
_SILENCE_THRESHOLD = 64
# Keep a little of the natural onset and decay around speech.
_KEEP_MARGIN_MS = 10
FADE_MS = 5


def stitch(script: Script, clips: Sequence[Clip]) -> Narration:
    """Join one clip per segment with each segment's pause after it, in linear time.

    pydub's `a + b` copies the whole narration on every join, quadratic in the
    number of segments; here every part is collected once and joined once.
    """
    if len(clips) != len(script.segments):
        raise ValueError(f"{len(clips)} clips for {len(script.segments)} segments")
    rate = narration_rate(clips)
    parts: list[np.ndarray] = []
    timed: list[TimedSegment] = []
    position = 0  # in samples
    for segment, clip in zip(script.segments, clips):
        speech = _fade(trim_silence(_resampled(clip, rate), rate), rate)
        start_ms = _ms(position, rate)
        parts.append(speech)
        position += speech.size
        timed.append(TimedSegment(segment, start_ms, _ms(position, rate)))
        pause = np.zeros(_samples(segment.pause_ms, rate), dtype=np.int16)
        parts.append(pause)
        position += pause.size
    pcm = np.concatenate(parts).astype("<i2").tobytes() if parts else b""
    return Narration(pcm=pcm, sample_rate=rate, segments=tuple(timed))


def narration_rate(clips: Sequence[Clip]) -> int:
    """The highest clip rate, so no clip loses bandwidth."""
    return max((clip.sample_rate for clip in clips), default=22050)


def trim_silence(samples: np.ndarray, rate: int) -> np.ndarray:
    """Drop leading and trailing silence, keeping a short margin around the speech."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > _SILENCE_THRESHOLD)
    if loud.size == 0:
        return samples[:0]
    margin = _samples(_KEEP_MARGIN_MS, rate)
    return samples[max(0, loud[0] - margin) : min(samples.size, loud[-1] + 1 + margin)]


def _fade(samples: np.ndarray, rate: int) -> np.ndarray:
    """Short linear fade in and out so joins never click."""
    n = min(_samples(FADE_MS, rate), samples.size // 2)
    if n == 0:
        return samples
    out = samples.astype(np.float32)
    ramp = np.linspace(0.0, 1.0, n, endpoint=False, dtype=np.float32)
    out[:n] *= ramp
    out[-n:] *= ramp[::-1]
    return np.round(out).astype(np.int16)


def _resampled(clip: Clip, rate: int) -> np.ndarray:
    """The clip's samples at `rate`."""
    samples = np.frombuffer(clip.pcm, dtype="<i2")
    if clip.sample_rate == rate or samples.size == 0:
        return samples
    from math import gcd

    from scipy.signal import resample_poly

    g = gcd(rate, clip.sample_rate)
    out = resample_poly(samples.astype(np.float32), rate // g, clip.sample_rate // g)
    return np.clip(np.round(out), -32768, 32767).astype(np.int16)


def _samples(ms: int, rate: int) -> int:
    """Milliseconds to a whole number of samples."""
    return round(ms * rate / 1000)


def _ms(samples: int, rate: int) -> int:
    """Samples to whole milliseconds."""
    return round(samples * 1000 / rate)
