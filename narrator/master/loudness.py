"""Loudness: ITU-R BS.1770-4 measurement, gain to a target and a look-ahead true-peak limiter.

Everything runs in blocks over a zero-copy view of the PCM, so memory stays
bounded by the narration itself plus one block of work, however long it is.
Inter-sample peaks are interpolated (4x, windowed sinc) only where a sample
comes within 6 dB of the ceiling: speech crosses that in a few percent of its
samples, which is what makes this cheaper than ffmpeg's loudnorm.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from ..errors import AudioError
from ..models import Narration

MIN_TARGET_LUFS = -31.0
MAX_TARGET_LUFS = -5.0
_BLOCK = 1 << 18  # samples per processing block (about 12 s at 22.05 kHz)
_TAPS = 8  # interpolation taps each side of an inter-sample point
_CANDIDATE_RATIO = 0.5  # only samples within 6 dB of the ceiling can overshoot it
_ABSOLUTE_GATE_LUFS = -70.0
_RELATIVE_GATE_LU = -10.0
_MAX_GAIN_DB = 40.0  # never lift near-silence into audible noise
_TOLERANCE_LU = 0.1
_PASSES = 3


@dataclass(frozen=True)
class LoudnessSettings:
    """Loudness target, true-peak ceiling and limiter timing."""

    target_lufs: float = -16.0
    """Integrated loudness target (ITU-R BS.1770, gated)."""
    true_peak_dbtp: float = -1.0
    """Highest true peak allowed in the published file."""
    margin_db: float = 0.5
    """Extra headroom for the overshoot that MP3 encoding and resampling add."""
    enabled: bool = True
    """False leaves the audio as the engine made it."""
    lookahead_ms: float = 5.0
    """Limiter attack: how early the gain starts to fall before a peak."""
    hold_ms: float = 10.0
    """How long the gain stays down after a peak, so pitch periods don't pump."""
    release_db_per_s: float = 40.0
    """How fast the gain recovers after the hold."""

    def __post_init__(self) -> None:
        validate_loudness_target(self.target_lufs)
        if not -20.0 <= self.true_peak_dbtp <= 0.0:
            raise AudioError(f"true peak {self.true_peak_dbtp} dBTP is out of range; use -20 to 0")

    @property
    def ceiling_dbtp(self) -> float:
        """The level the limiter holds peaks to."""
        return self.true_peak_dbtp - self.margin_db


def validate_loudness_target(lufs: float) -> float:
    """Return `lufs` if it is a sane integrated loudness target, else raise AudioError."""
    if not isinstance(lufs, (int, float)) or not math.isfinite(lufs) or not MIN_TARGET_LUFS <= lufs <= MAX_TARGET_LUFS:
        raise AudioError(f"loudness target {lufs} LUFS is out of range; use {MIN_TARGET_LUFS:g} to {MAX_TARGET_LUFS:g}")
    return float(lufs)


def measure_loudness(pcm: bytes, rate: int) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of mono s16le PCM; -inf when silent."""
    samples = np.frombuffer(pcm, dtype="<i2")
    meter = _LoudnessMeter(rate)
    peak = 0.0
    largest = float(np.abs(samples.astype(np.int32)).max(initial=0)) / 32768.0 if samples.size else 0.0
    for start, stop in _blocks(samples.size):
        block = _float_block(samples, start, stop)
        meter.add(block[_TAPS:-_TAPS])
        peak = max(peak, _true_peak(block, largest * _CANDIDATE_RATIO))
    return meter.integrated(), _db(peak)


def master_loudness(narration: Narration, settings: LoudnessSettings = LoudnessSettings()) -> Narration:
    """The narration at the target loudness with true peaks limited; timings unchanged."""
    if not settings.enabled:
        return narration
    return dataclasses.replace(narration, pcm=master_pcm(narration.pcm, narration.sample_rate, settings))


def master_pcm(pcm: bytes, rate: int, settings: LoudnessSettings) -> bytes:
    """Mono s16le PCM brought to `settings.target_lufs` under the true-peak ceiling."""
    samples = np.frombuffer(pcm, dtype="<i2")
    lufs = _integrated(samples, rate)
    if not math.isfinite(lufs):
        return pcm  # silence or too short to gate: nothing to measure against
    gain_db = min(settings.target_lufs - lufs, _MAX_GAIN_DB)
    out = np.empty_like(samples)
    for _ in range(_PASSES):
        reached = _limit_into(out, samples, rate, gain_db, settings)
        if abs(reached - settings.target_lufs) <= _TOLERANCE_LU or gain_db >= _MAX_GAIN_DB:
            break
        # The limiter took some loudness away: ask for that much more and limit again.
        gain_db = min(gain_db + settings.target_lufs - reached, _MAX_GAIN_DB)
    return out.tobytes()


def _limit_into(out: np.ndarray, samples: np.ndarray, rate: int, gain_db: float, settings: LoudnessSettings) -> float:
    """Write samples x gain, limited, into `out`; return the result's integrated loudness."""
    gain = 10 ** (gain_db / 20)
    ceiling = 10 ** (settings.ceiling_dbtp / 20)
    frame = max(1, rate // 1000)
    required = _required_reduction(samples, gain, ceiling, frame)
    envelope = _gain_envelope(required, frame, rate, settings)
    meter = _LoudnessMeter(rate)
    for start, stop in _blocks(samples.size):
        block = samples[start:stop].astype(np.float32) * np.float32(gain / 32768.0)
        _apply_envelope(block, envelope, start, frame)
        meter.add(block)
        out[start:stop] = np.clip(np.rint(block * 32768.0), -32768, 32767)
    return meter.integrated()


def _required_reduction(samples: np.ndarray, gain: float, ceiling: float, frame: int) -> np.ndarray:
    """Per frame, the gain reduction (dB) that brings every true peak in it to the ceiling."""
    required = np.zeros(-(-samples.size // frame) + 1, dtype=np.float32)
    for start, stop in _blocks(samples.size):
        block = _float_block(samples, start, stop) * np.float32(gain)
        peaks, where = _peaks_over(block, ceiling * _CANDIDATE_RATIO)
        over = peaks > ceiling
        if over.any():
            frames = (where[over] + start) // frame
            np.maximum.at(required, frames, (20 * np.log10(peaks[over] / ceiling)).astype(np.float32))
    return required


def _gain_envelope(required: np.ndarray, frame: int, rate: int, settings: LoudnessSettings) -> np.ndarray:
    """Smoothed per-frame gain reduction (dB) that is at least `required` in and beside each frame.

    Attack: the look-ahead window and a triangular smoothing of the same length
    reach the full reduction exactly at the peak; release: a constant dB rate
    after the hold, computed with a running maximum instead of a Python loop.
    """
    if not required.any():
        return required
    from scipy.ndimage import maximum_filter1d

    ahead = max(1, round(settings.lookahead_ms * rate / 1000 / frame))
    hold = max(1, round(settings.hold_ms * rate / 1000 / frame))
    # Window [f - hold - 1, f + ahead + 1]: the neighbours used by interpolation are covered too.
    size = ahead + hold + 3
    held = maximum_filter1d(required, size=size, origin=hold + 1 - size // 2, mode="constant")
    step = settings.release_db_per_s * frame / rate
    ramp = np.arange(held.size, dtype=np.float64) * step
    released = np.maximum.accumulate(held + ramp) - ramp
    half = ahead // 2 + 1
    triangle = np.convolve(np.ones(half), np.ones(half))[: ahead + 1]
    smoothed = np.convolve(released, triangle / triangle.sum())[: released.size]
    return np.maximum(smoothed, 0).astype(np.float32)


def _apply_envelope(block: np.ndarray, envelope: np.ndarray, start: int, frame: int) -> None:
    """Multiply the block in place by the envelope's gain, interpolated between frame centres."""
    first = start // frame
    last = (start + block.size - 1) // frame + 2
    frames = envelope[first:last]
    if not frames.any():
        return
    active = np.repeat(np.convolve(frames > 0, np.ones(3), mode="same") > 0, frame)
    offset = start - first * frame
    active = np.flatnonzero(active[offset : offset + block.size])
    position = (active + offset + 0.5) / frame - 0.5
    reduction = np.interp(position, np.arange(frames.size), frames)
    block[active] *= np.power(np.float32(10), -reduction.astype(np.float32) / 20)


def _peaks_over(block: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """True peak of each interval [n, n+1] of the block's middle that may exceed `threshold`."""
    body = np.abs(block)
    near = np.maximum(body[_TAPS:-_TAPS], body[_TAPS + 1 : body.size - _TAPS + 1])
    where = np.flatnonzero(near > threshold)
    if where.size == 0:
        return np.zeros(0, dtype=np.float32), where
    taps = block[(where + _TAPS)[:, None] + np.arange(-_TAPS + 1, _TAPS + 1)]
    between = np.abs(taps @ _interpolator()).max(axis=1)
    return np.maximum(near[where], between), where


def _true_peak(block: np.ndarray, threshold: float) -> float:
    """Largest true peak in the block's middle, as a linear amplitude."""
    peaks, _ = _peaks_over(block, threshold)
    return float(peaks.max(initial=0.0))


_INTERPOLATOR: np.ndarray | None = None


def _interpolator() -> np.ndarray:
    """Kaiser-windowed sinc weights for the points 1/4, 2/4 and 3/4 between two samples."""
    global _INTERPOLATOR
    if _INTERPOLATOR is None:
        offsets = np.arange(-_TAPS + 1, _TAPS + 1)[:, None]
        distance = np.array([0.25, 0.5, 0.75])[None, :] - offsets
        window = np.kaiser(2 * _TAPS + 1, 6.0)
        weights = np.sinc(distance) * np.interp(distance, np.arange(-_TAPS, _TAPS + 1), window)
        _INTERPOLATOR = (weights / weights.sum(axis=0)).astype(np.float32)
    return _INTERPOLATOR


class _LoudnessMeter:
    """Gated integrated loudness of mono audio fed block by block (BS.1770-4)."""

    def __init__(self, rate: int) -> None:
        self.sos = _k_weighting(rate)
        self.state = np.zeros((self.sos.shape[0], 2))
        self.step = max(1, round(rate / 10))  # 100 ms: gating blocks overlap by 75 %
        self.partial = np.zeros(0)
        self.energies: list[np.ndarray] = []

    def add(self, block: np.ndarray) -> None:
        """Feed the next samples (floats, full scale 1.0)."""
        from scipy.signal import sosfilt

        weighted, self.state = sosfilt(self.sos, block.astype(np.float64), zi=self.state)
        squares = np.concatenate([self.partial, weighted * weighted])
        whole = squares.size - squares.size % self.step
        self.energies.append(squares[:whole].reshape(-1, self.step).mean(axis=1))
        self.partial = squares[whole:]

    def integrated(self) -> float:
        """Gated integrated loudness in LUFS, -inf if nothing passes the gates."""
        quarters = np.concatenate(self.energies) if self.energies else np.zeros(0)
        if quarters.size < 4:
            return -math.inf
        blocks = np.lib.stride_tricks.sliding_window_view(quarters, 4).mean(axis=1)
        loud = blocks[_lufs(blocks) > _ABSOLUTE_GATE_LUFS]
        if loud.size == 0:
            return -math.inf
        gated = loud[_lufs(loud) > _lufs(loud.mean()) + _RELATIVE_GATE_LU]
        return float(_lufs(gated.mean()))


def _k_weighting(rate: int) -> np.ndarray:
    """BS.1770 K-weighting (high shelf then RLB high-pass) as second-order sections at `rate`."""
    # Analog prototype parameters as published with libebur128, valid at any sample rate.
    k = math.tan(math.pi * 1681.974450955533 / rate)
    q = 0.7071752369554196
    vh = 10 ** (3.999843853973347 / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = [(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
             1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
    k = math.tan(math.pi * 38.13547087602444 / rate)
    q = 0.5003270373238773
    a0 = 1 + k / q + k * k
    highpass = [1.0, -2.0, 1.0, 1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
    return np.array([shelf, highpass])


def _integrated(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness of an int16 view, in blocks."""
    meter = _LoudnessMeter(rate)
    for start, stop in _blocks(samples.size):
        meter.add(samples[start:stop].astype(np.float32) / np.float32(32768))
    return meter.integrated()


def _blocks(size: int) -> list[tuple[int, int]]:
    """Consecutive [start, stop) ranges covering `size` samples."""
    return [(start, min(start + _BLOCK, size)) for start in range(0, size, _BLOCK)]


def _float_block(samples: np.ndarray, start: int, stop: int) -> np.ndarray:
    """samples[start:stop] as floats (full scale 1.0) with _TAPS of context (zeros outside) each side."""
    lo, hi = max(0, start - _TAPS), min(samples.size, stop + _TAPS)
    block = np.zeros(stop - start + 2 * _TAPS, dtype=np.float32)
    block[lo - start + _TAPS : hi - start + _TAPS] = samples[lo:hi]
    return block / np.float32(32768)


def _lufs(mean_square: np.ndarray | float) -> np.ndarray:
    """Loudness of a mean square (mono, channel weight 1)."""
    with np.errstate(divide="ignore"):
        return -0.691 + 10 * np.log10(mean_square)


def _db(amplitude: float) -> float:
    """Linear amplitude to decibels, -inf for zero."""
    return 20 * math.log10(amplitude) if amplitude > 0 else -math.inf
