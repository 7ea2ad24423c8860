"""What the audio itself shows: silent, clipped, cut-off or mistimed segments, and loudness against the spec."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt

from ..master.encode import to_pcm16
from ..master.loudness import measure_loudness
from .score import SegmentText

RATE = 44100
"""Rate the MP3 is decoded at for its level measurements (the narration's own)."""
FRAME_MS = 10
"""Level frames."""
SILENT_FRACTION = 0.05
"""A segment with less of its time above the speech level than this is silent."""
TRUNCATED_AT = 0.7
"""Speech ending before this fraction of a segment's time: cut off."""
SHORT, LONG = 0.5, 1.8
"""Speech this much shorter or longer than the text predicts is flagged."""
MIN_LETTERS = 20
"""Segments with fewer letters are too short to predict a length for."""
LOUDNESS_TOLERANCE_LU = 1.0
"""Integrated loudness may differ from the target by this much."""
DURATION_TOLERANCE_MS = 250
"""Decoded length may differ from the manifest's by this much (encoder padding)."""


@dataclass(frozen=True)
class SegmentSound:
    """The audio of one segment."""

    speech_fraction: float
    """Share of its time above the speech level."""
    speech_start_ms: int | None
    """Where speech starts in its stretch of audio (None if silent)."""
    speech_end_ms: int | None
    """Where speech ends in its stretch of audio (None if silent)."""
    clipped_samples: int
    """Samples at digital full scale in runs of three or more."""
    predicted_ms: int | None
    """How long its text should take at this voice's speed (None for short texts)."""
    problems: tuple[str, ...]
    """Faults found: silent, clipped, truncated, too short, too long."""


@dataclass(frozen=True)
class SpecCheck:
    """The whole file against the narration's own spec."""

    loudness_lufs: float
    """Measured integrated loudness (ITU-R BS.1770)."""
    target_lufs: float | None
    """The target it was made for (None when loudness was not normalized)."""
    true_peak_dbtp: float
    """Measured true peak of the decoded MP3."""
    ceiling_dbtp: float
    """The highest true peak allowed."""
    duration_ms: int
    """Decoded length."""
    expected_ms: int
    """Length the manifest records."""
    problems: tuple[str, ...]
    """What is out of spec."""


def frame_levels(samples: npt.NDArray[np.float32], rate: int = RATE) -> npt.NDArray[np.float64]:
    """RMS level (dBFS) of each FRAME_MS frame."""
    size = rate * FRAME_MS // 1000
    count = samples.size // size
    frames = samples[: count * size].reshape(count, size).astype(np.float64)
    levels: npt.NDArray[np.float64] = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    return levels


def speech_level(levels: npt.NDArray[np.float64]) -> float:
    """The level (dBFS) above which a frame is speech: 35 dB under the loud frames, never under -60 dBFS."""
    loud = float(np.percentile(levels, 95)) if levels.size else -120.0
    return max(-60.0, loud - 35.0)


def analyse_segments(
    samples: npt.NDArray[np.float32], segments: Sequence[SegmentText], rate: int = RATE
) -> list[SegmentSound]:
    """Each segment's speech share, extent, clipping and length against its text."""
    levels = frame_levels(samples, rate)
    active = levels > speech_level(levels)
    ms_per_letter = _ms_per_letter(segments)
    bounds = _territories(segments, levels.size * FRAME_MS)
    full_scale = np.abs(samples) >= 32767 / 32768
    return [
        _analyse(segment, territory, active, full_scale, rate, ms_per_letter)
        # No segments still leaves one territory (the whole file): not a length mismatch to refuse.
        for segment, territory in zip(segments, bounds, strict=False)
    ]


def _analyse(
    segment: SegmentText,
    territory: tuple[int, int],
    active: npt.NDArray[np.bool_],
    full_scale: npt.NDArray[np.bool_],
    rate: int,
    ms_per_letter: float,
) -> SegmentSound:
    """One segment's sound and faults."""
    lo = segment.start_ms // FRAME_MS
    hi = min(active.size, max(lo + 1, segment.end_ms // FRAME_MS))  # the decoder may drop the last few ms
    fraction = float(active[lo:hi].mean()) if hi > lo else 0.0
    around = np.flatnonzero(active[territory[0] // FRAME_MS : territory[1] // FRAME_MS])
    start = int(around[0]) * FRAME_MS + territory[0] if around.size else None
    end = (int(around[-1]) + 1) * FRAME_MS + territory[0] if around.size else None
    clipped = _clipped(full_scale[segment.start_ms * rate // 1000 : segment.end_ms * rate // 1000])
    letters = sum(c.isalpha() for c in segment.spoken)
    predicted = round(letters * ms_per_letter) if letters >= MIN_LETTERS and ms_per_letter else None
    problems: list[str] = []
    length = segment.end_ms - segment.start_ms
    if fraction < SILENT_FRACTION or start is None or end is None:
        problems.append("silent")
    else:
        if length >= 1000 and end < segment.start_ms + TRUNCATED_AT * length:
            problems.append("truncated")
        elif predicted and end - start < SHORT * predicted:
            problems.append("too short")
        if predicted and end - start > LONG * predicted:
            problems.append("too long")
    if clipped:
        problems.append("clipped")
    return SegmentSound(round(fraction, 3), start, end, clipped, predicted, tuple(problems))


def _clipped(full_scale: npt.NDArray[np.bool_]) -> int:
    """Samples in runs of three or more at full scale."""
    if not full_scale.any():
        return 0
    edges = np.diff(np.concatenate([[0], full_scale.astype(np.int8), [0]]))
    runs = np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)
    return int(runs[runs >= 3].sum())


def _ms_per_letter(segments: Sequence[SegmentText]) -> float:
    """This voice's speed from the manifest's own timings: the median of its segments' ms per letter."""
    rates = [(s.end_ms - s.start_ms) / n for s in segments if (n := sum(c.isalpha() for c in s.spoken)) >= MIN_LETTERS]
    return float(np.median(rates)) if rates else 0.0


def _territories(segments: Sequence[SegmentText], duration_ms: int) -> list[tuple[int, int]]:
    """Each segment's stretch of audio: from the middle of the pause before it to the middle of the pause after it."""
    cuts = [0, *((a.end_ms + b.start_ms) // 2 for a, b in pairwise(segments)), duration_ms]
    return list(pairwise(cuts))


def check_spec(
    samples: npt.NDArray[np.float32], settings: Mapping[str, Any], expected_ms: int, rate: int = RATE
) -> SpecCheck:
    """Loudness, true peak and length of the decoded file against the settings it was made with."""
    lufs, peak = measure_loudness(to_pcm16(samples), rate)
    target = (
        float(settings["loudness_lufs"])
        if settings.get("normalize_loudness", True) and "loudness_lufs" in settings
        else None
    )
    ceiling = float(settings.get("true_peak_dbtp", -1.0))
    duration = round(samples.size / rate * 1000)
    problems = []
    if target is not None and not (math.isfinite(lufs) and abs(lufs - target) <= LOUDNESS_TOLERANCE_LU):
        problems.append(f"loudness {lufs:.1f} LUFS, target {target:g} ±{LOUDNESS_TOLERANCE_LU:g}")
    if peak > ceiling + 0.05:
        problems.append(f"true peak {peak:.2f} dBTP over {ceiling:g}")
    if abs(duration - expected_ms) > DURATION_TOLERANCE_MS:
        problems.append(f"length {duration / 1000:.1f} s, manifest says {expected_ms / 1000:.1f} s")
    return SpecCheck(round(lufs, 2), target, round(peak, 2), ceiling, duration, expected_ms, tuple(problems))
