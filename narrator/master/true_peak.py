"""True peak (ITU-R BS.1770 inter-sample peaks, 4x interpolated) of PCM held in memory or streamed in chunks."""

from __future__ import annotations

import functools
import math

import numpy as np
import numpy.typing as npt

_BLOCK = 1 << 18  # samples per processing block (about 12 s at 22.05 kHz)
_TAPS = 8  # interpolation taps each side of an inter-sample point
_CANDIDATE_RATIO = 0.7  # inter-sample peaks of speech stay well within 3 dB of the samples


def measure_true_peak(pcm: bytes, rate: int) -> float:
    """True peak (dBTP) of mono s16le PCM (silence outside it); `rate` is accepted for symmetry only."""
    samples = np.frombuffer(pcm, dtype="<i2")
    return _db(max((_interval_peak(samples, lo, hi) for lo, hi in _ranges(samples.size)), default=0.0))


class TruePeakMeter:
    """True peak of a long stream of mono s16le PCM fed in chunks, in bounded memory.

    With `watch_dbfs`, it also notes every 10 ms window whose sample peak passes
    that level: where an encode came near or over the ceiling.
    """

    def __init__(self, rate: int = 44100, watch_dbfs: float | None = None) -> None:
        self.peak = 0.0
        self.tail = np.zeros(0, dtype="<i2")
        self.measured = 0  # intervals of `tail` already measured with full context
        self.rate = rate
        self.window = max(1, rate // 100)
        self.watch = None if watch_dbfs is None else 10 ** (watch_dbfs / 20) * 32768
        self.hot: list[tuple[float, float]] = []
        """(seconds, sample peak in dBFS) of each watched window over the level."""
        self._seen = 0  # samples scanned for hot windows
        self._partial = np.zeros(0, dtype="<i2")

    def add(self, pcm: bytes) -> None:
        """Measure the next chunk; intervals near its end wait for the next chunk's context."""
        fresh = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2")
        samples = np.concatenate([self.tail, fresh])
        ready = max(self.measured, samples.size - _TAPS)
        if ready > self.measured:
            self.peak = max(self.peak, _interval_peak(samples, self.measured, ready))
        keep = min(samples.size, 2 * _TAPS)
        self.tail, self.measured = samples[samples.size - keep :], keep - (samples.size - ready)
        if self.watch is not None:
            self._scan(fresh)

    def _scan(self, fresh: npt.NDArray[np.int16]) -> None:
        """Note the windows of `fresh` (after any partial one) whose sample peak passes the watch level."""
        samples = np.concatenate([self._partial, fresh])
        whole = samples.size // self.window * self.window
        peaks = np.abs(samples[:whole].astype(np.int32)).reshape(-1, self.window).max(axis=1)
        for index in np.flatnonzero(peaks > self.watch):
            seconds = (self._seen + index * self.window + self.window / 2) / self.rate
            self.hot.append((seconds, _db(float(peaks[index]) / 32768)))
        self._seen += whole
        self._partial = samples[whole:]

    def dbtp(self) -> float:
        """The true peak so far, including the last samples (silence after them)."""
        final = (
            max(self.peak, _interval_peak(self.tail, self.measured, self.tail.size)) if self.tail.size else self.peak
        )
        return _db(final)


def _interval_peak(samples: npt.NDArray[np.int16], lo: int, hi: int) -> float:
    """Largest true peak (linear) of the intervals [n, n+1] for n in [lo, hi), silence outside `samples`."""
    if hi <= lo:
        return 0.0
    body = np.abs(samples[lo : min(hi + 1, samples.size)].astype(np.float32)) / 32768
    largest = float(body.max())
    after = np.zeros(hi - lo, dtype=np.float32)
    after[: body.size - 1] = body[1 : hi - lo + 1]
    where = lo + np.flatnonzero(np.maximum(body[: hi - lo], after) > largest * _CANDIDATE_RATIO)
    return max(largest, float(_between(samples, where).max(initial=0.0)))


def _between(samples: npt.NDArray[np.int16], where: npt.NDArray[np.intp]) -> npt.NDArray[np.float32]:
    """Largest interpolated magnitude at 1/4, 2/4, 3/4 past each sample in `where` (silence outside)."""
    index = where[:, None] + np.arange(-_TAPS + 1, _TAPS + 1)
    taps = np.take(samples, index, mode="clip").astype(np.float32)
    taps[(index < 0) | (index >= samples.size)] = 0
    magnitudes: npt.NDArray[np.float32] = np.abs(taps @ _interpolator()).max(axis=1) / np.float32(32768)
    return magnitudes


def _ranges(size: int) -> list[tuple[int, int]]:
    """Consecutive [start, stop) ranges of at most _BLOCK covering `size`."""
    return [(start, min(start + _BLOCK, size)) for start in range(0, size, _BLOCK)]


@functools.cache
def _interpolator() -> npt.NDArray[np.float32]:
    """Kaiser-windowed sinc weights for the points 1/4, 2/4 and 3/4 of the way to the next sample."""
    offsets = np.arange(-_TAPS + 1, _TAPS + 1)[:, None]
    distance = np.array([0.25, 0.5, 0.75])[None, :] - offsets
    window = np.kaiser(2 * _TAPS + 1, 6.0)
    weights = np.sinc(distance) * np.interp(distance, np.arange(-_TAPS, _TAPS + 1), window)
    normalized: npt.NDArray[np.float32] = (weights / weights.sum(axis=0)).astype(np.float32)
    return normalized


def _db(amplitude: float) -> float:
    """Linear amplitude to decibels, -inf for zero."""
    return 20 * math.log10(amplitude) if amplitude > 0 else -math.inf
