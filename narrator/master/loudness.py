"""Loudness: ITU-R BS.1770-4 measurement, gain to a target and a look-ahead true-peak limiter.

One blockwise pass over the PCM (in memory, or spilled to a file and read
block by block) records, per ~1 ms frame, the K-weighted energy and the peak;
beyond those frame arrays, memory is one block of work. The gain search then runs on those frames alone
(loudness is predicted exactly enough from frame energies times the limiter's
gain), and one last pass applies gain and limiter. Inter-sample peaks are
interpolated (4x, windowed sinc) only where a sample comes within 3 dB of the
ceiling. Together that is what makes this cheaper than ffmpeg's loudnorm.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import overload

import numpy as np
import numpy.typing as npt

from ..errors import AudioError
from ..models import Narration, SpilledPcm
from .spill import PcmSpill, Samples
from .true_peak import _BLOCK, _CANDIDATE_RATIO, _TAPS, _between, _db

Floats = npt.NDArray[np.float32]
"""Float32 samples, per-frame peaks or gain reductions (dB)."""
Doubles = npt.NDArray[np.float64]
"""Float64 energies and filter coefficients."""

MIN_TARGET_LUFS = -31.0
MAX_TARGET_LUFS = -5.0
_ABSOLUTE_GATE_LUFS = -70.0
_RELATIVE_GATE_LU = -10.0
_MAX_GAIN_DB = 40.0  # never lift near-silence into audible noise
_TOLERANCE_LU = 0.02
_PASSES = 8
_REFINE_STEP_DB = 3.0  # how far above the unlimited gain true peaks are measured at first
_MAKEUP_DB = 6.0  # most gain beyond the unlimited one spent on making up for the limiter
_ENVELOPE_CHUNK = 1 << 17  # frames of limiter envelope made at a time (about 2 minutes)
_STEPS_PER_CHUNK = 1 << 12  # 100 ms steps per chunk when predicting loudness (about 7 minutes)


@dataclass(frozen=True)
class LoudnessSettings:
    """Loudness target, true-peak ceiling and limiter timing."""

    target_lufs: float = -16.0
    """Integrated loudness target (ITU-R BS.1770, gated)."""
    true_peak_dbtp: float = -1.0
    """Highest true peak allowed in the published file."""
    margin_db: float = 1.5
    """Headroom for the overshoot MP3 coding adds (encode_mp3_checked corrects any excess)."""
    enabled: bool = True
    """False leaves the audio as the engine made it."""
    lookahead_ms: float = 5.0
    """Limiter attack: how early the gain starts to fall before a peak."""
    hold_ms: float = 10.0
    """How long the gain stays down after a peak, so pitch periods don't pump."""
    release_db_per_s: float = 120.0
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


DEFAULT_LOUDNESS = LoudnessSettings()
"""-16 LUFS under a -1 dBTP ceiling."""


def measure_loudness(pcm: bytes | SpilledPcm, rate: int) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of mono s16le PCM (in memory or spilled); -inf when silent."""
    samples = Samples(pcm)
    if samples.size == 0:
        return -math.inf, -math.inf
    analysis = _analyse(samples, rate)
    _refine_peaks(samples, analysis, float(analysis.peak.max()) * _CANDIDATE_RATIO)
    return analysis.loudness(0.0), _db(float(analysis.peak.max(initial=0.0)))


def dip(
    narration: Narration, spots: list[tuple[float, float]], reach_ms: float = 45.0, ramp_ms: float = 5.0
) -> Narration:
    """The narration turned down by each spot's dB within `reach_ms` of its time (short ramps); elsewhere unchanged."""
    if not spots:
        return narration
    samples = Samples(narration.pcm)
    frame, _ = _framing(narration.sample_rate)
    frames_per_ms = narration.sample_rate / 1000 / frame
    ramp = max(1, round(ramp_ms * frames_per_ms))
    reach = round(reach_ms * frames_per_ms) + ramp
    reduction = np.zeros(-(-samples.size // frame) + 1, dtype=np.float32)
    for seconds, db in spots:
        centre = round(seconds * 1000 * frames_per_ms)
        low, high = max(0, centre - reach), min(reduction.size, centre + reach + 1)
        reduction[low:high] = np.maximum(reduction[low:high], db)
    return dataclasses.replace(narration, pcm=_apply(samples, 0.0, _moving_average(reduction, ramp), frame))


def _moving_average(values: Floats, ramp: int) -> Floats:
    """Each value averaged over 2 * `ramp` values around it, edges repeated, in chunks (float32 out)."""
    # Edge padding: a spot at the very start or end keeps its full depth there.
    kernel = np.ones(2 * ramp) / (2 * ramp)
    out = np.empty(values.size, dtype=np.float32)
    for first in range(0, values.size, _ENVELOPE_CHUNK):
        stop = min(first + _ENVELOPE_CHUNK, values.size)
        padded = np.take(values, np.clip(np.arange(first - ramp, stop + ramp - 1), 0, values.size - 1))
        out[first:stop] = np.convolve(padded, kernel, mode="valid")
    return out


def master_loudness(narration: Narration, settings: LoudnessSettings = DEFAULT_LOUDNESS) -> Narration:
    """The narration at the target loudness with true peaks limited; timings unchanged."""
    if not settings.enabled:
        return narration
    return dataclasses.replace(narration, pcm=master_pcm(narration.pcm, narration.sample_rate, settings))


@overload
def master_pcm(pcm: bytes, rate: int, settings: LoudnessSettings) -> bytes: ...
@overload
def master_pcm(pcm: SpilledPcm, rate: int, settings: LoudnessSettings) -> SpilledPcm: ...
def master_pcm(pcm: bytes | SpilledPcm, rate: int, settings: LoudnessSettings) -> bytes | SpilledPcm:
    """Mono s16le PCM brought to `settings.target_lufs` under the true-peak ceiling (spilled PCM gives a new spill)."""
    samples = Samples(pcm)
    if samples.size == 0:
        return pcm
    analysis = _analyse(samples, rate)
    lufs = analysis.loudness(0.0)
    if not math.isfinite(lufs):
        return pcm  # silence, or too short to gate: nothing to measure against
    gain_db, done_above = settings.target_lufs - lufs, math.inf
    while True:
        # True peaks matter only where a sample comes near the ceiling at the gains tried;
        # refine a little beyond, and further only if the search went further.
        refined_to = min(gain_db + _REFINE_STEP_DB, _MAX_GAIN_DB)
        threshold = 10 ** ((settings.ceiling_dbtp - refined_to) / 20) * _CANDIDATE_RATIO
        _refine_peaks(samples, analysis, threshold, done_above)
        done_above = threshold
        gain_db, envelope = _solve_gain(analysis, settings, rate)
        if refined_to >= _MAX_GAIN_DB or gain_db <= refined_to:
            break
        del envelope  # the last search's envelope is not needed by the next one
    return _apply(samples, gain_db, envelope, analysis.frame)


@dataclass(frozen=True)
class _Analysis:
    """Per-frame (about 1 ms) facts about a signal, enough to predict any gain's result."""

    frame: int
    """Samples per frame; a whole number of frames makes 100 ms."""
    per_step: int
    """Frames per 100 ms gating step."""
    energy: Doubles
    """K-weighted sum of squares in each frame."""
    peak: Floats
    """True peak in each frame (intervals starting in it), linear; sample peak where not needed."""

    def loudness(self, gain_db: float, reduction_db: Floats | None = None) -> float:
        """Integrated loudness after a gain and an optional per-frame gain reduction."""
        steps = self.energy.size // self.per_step
        chunk = self.per_step * _STEPS_PER_CHUNK  # whole steps at a time: the same sums, bounded temporaries
        quarters = np.empty(steps, dtype=np.float64)
        for first in range(0, steps * self.per_step, chunk):
            stop = min(first + chunk, steps * self.per_step)
            energy = self.energy[first:stop] * 10 ** (gain_db / 10)
            if reduction_db is not None:
                energy = energy * np.power(10.0, -reduction_db[first:stop] / 10)
            quarters[first // self.per_step : stop // self.per_step] = energy.reshape(-1, self.per_step).sum(axis=1) / (
                self.frame * self.per_step
            )
        return _gated(quarters)


def _analyse(samples: Samples, rate: int) -> _Analysis:
    """K-weighted energy and sample peak of every frame, in one blockwise pass."""
    frame, per_step = _framing(rate)
    frames = -(-samples.size // frame)
    energy = np.zeros(frames, dtype=np.float64)
    peak = np.zeros(frames, dtype=np.float32)
    k_weighted = _OverlapAddFilter(_k_weighting_response(rate))
    block_size = frame * (_BLOCK // frame)
    for start in range(0, samples.size, block_size):
        block = np.zeros(-(-min(block_size, samples.size - start) // frame) * frame, dtype=np.float32)
        count = min(block_size, samples.size - start)
        block[:count] = samples.read(start, count)
        block *= np.float32(1 / 32768)
        first = start // frame
        peak[first : first + block.size // frame] = np.abs(block).reshape(-1, frame).max(axis=1)
        block[:count] = k_weighted(block[:count])
        energy[first : first + block.size // frame] = np.square(block).reshape(-1, frame).sum(axis=1, dtype=np.float64)
    return _Analysis(frame, per_step, energy, peak)


class _OverlapAddFilter:
    """An FIR filter applied by FFT overlap-add, block after block, continuing across blocks."""

    def __init__(self, taps: Doubles) -> None:
        self.taps = taps.size
        self.size = 1 << max(15, math.ceil(math.log2(4 * taps.size)))  # FFT length
        self.hop = self.size - taps.size + 1
        self.response = np.fft.rfft(taps.astype(np.float32), self.size)
        self.carry = np.zeros(taps.size - 1, dtype=np.float32)  # the previous block's ringing

    def __call__(self, block: Floats) -> Floats:
        """The next `block` of float32 input, filtered."""
        out = np.empty_like(block)
        for start in range(0, block.size, self.hop):
            part = block[start : start + self.hop]
            filtered = np.fft.irfft(np.fft.rfft(part, self.size) * self.response, self.size)[
                : part.size + self.taps - 1
            ]
            filtered[: self.taps - 1] += self.carry
            out[start : start + part.size] = filtered[: part.size]
            self.carry = filtered[part.size :].copy()
        return out


@functools.cache
def _k_weighting_response(rate: int, floor: float = 1e-10) -> Doubles:
    """Impulse response of the K-weighting at `rate`, cut where it has decayed below `floor` of its peak.

    Filtering with it by FFT matches the IIR filter to about 1e-7 and spares
    importing scipy.signal (0.6 s, more than whole narrations spend filtering).
    """
    size = 1 << 16  # the IIR tail beyond this many samples is far below float precision
    delay = np.exp(-1j * np.pi * np.arange(size // 2 + 1) / (size // 2))  # z^-1 on the rfft grid
    response = np.ones(size // 2 + 1, dtype=complex)
    for b0, b1, b2, a0, a1, a2 in _k_weighting(rate):
        response *= (b0 + b1 * delay + b2 * delay**2) / (a0 + a1 * delay + a2 * delay**2)
    taps: Doubles = np.fft.irfft(response, size)
    return taps[: np.flatnonzero(np.abs(taps) > floor * np.abs(taps).max())[-1] + 1]


def _refine_peaks(samples: Samples, analysis: _Analysis, threshold: float, done_above: float = math.inf) -> None:
    """Raise each frame's peak to its true (inter-sample) peak where a sample exceeds `threshold`.

    Frames already above `done_above` were refined by an earlier call and are skipped.
    Frames are taken one processing block at a time, read with the interpolator's context.
    """
    frame = analysis.frame
    per_block = _BLOCK // frame
    for first in range(0, analysis.peak.size, per_block):
        peaks = analysis.peak[first : first + per_block]
        chunk = first + np.flatnonzero((peaks > threshold) & (peaks <= done_above))
        if chunk.size == 0:
            continue
        starts = ((chunk * frame)[:, None] + np.arange(frame)).ravel()
        starts = starts[starts < samples.size]
        if starts.size == 0:
            continue
        # Context of _TAPS + 1 either side: indices outside `local` are outside the signal too.
        local, offset = samples.around(int(starts[0]), int(starts[-1]) + 1, _TAPS + 1)
        here = np.abs(local[starts - offset].astype(np.float32))
        after = np.abs(local[np.minimum(starts + 1, samples.size - 1) - offset].astype(np.float32))
        where = starts[np.maximum(here, after) > threshold * 32768]
        if where.size:
            np.maximum.at(analysis.peak, where // frame, _between(local, where - offset))


def _solve_gain(analysis: _Analysis, settings: LoudnessSettings, rate: int) -> tuple[float, Floats]:
    """The gain (dB) and limiter envelope whose result meets the target (regula falsi, Illinois).

    Loudness rises with gain only while the limiter works lightly, so the
    search stays inside a bracket no wider than _MAKEUP_DB above the unlimited gain.
    """
    target = settings.target_lufs

    def attempt(gain_db: float) -> tuple[float, Floats]:
        def required(first: int, stop: int) -> Floats:
            peak_db = 20 * np.log10(np.maximum(analysis.peak[first:stop], 1e-9))
            return np.maximum(peak_db + gain_db - settings.ceiling_dbtp, 0).astype(np.float32)

        envelope = _gain_envelope(required, analysis.peak.size, analysis.frame, rate, settings)
        return analysis.loudness(gain_db, envelope) - target, envelope

    low = min(target - analysis.loudness(0.0), _MAX_GAIN_DB)
    low_error, low_envelope = attempt(low)
    if low_error >= -_TOLERANCE_LU or low >= _MAX_GAIN_DB:
        return low, low_envelope
    high = min(low + _MAKEUP_DB, _MAX_GAIN_DB)
    del low_envelope  # one envelope alive at a time: each is 4 bytes per frame of the whole narration
    high_error, high_envelope = attempt(high)
    if high_error <= 0:
        return high, high_envelope  # the limiter cannot give more; settle for the loudest
    del high_envelope
    gain, side = low, 0
    envelope: Floats | None = None
    for _ in range(_PASSES):
        gain = high - high_error * (high - low) / (high_error - low_error)
        envelope = None  # one envelope alive at a time
        error, envelope = attempt(gain)
        if abs(error) <= _TOLERANCE_LU:
            break
        if error < 0:
            low, low_error = gain, error
            high_error = high_error / 2 if side == -1 else high_error
            side = -1
        else:
            high, high_error = gain, error
            low_error = low_error / 2 if side == 1 else low_error
            side = 1
    assert envelope is not None  # _PASSES > 0: the loop made one
    return gain, envelope


def _apply(samples: Samples, gain_db: float, envelope: Floats, frame: int) -> bytes | PcmSpill:
    """samples x gain x limiter envelope, rounded back to int16, block by block (spilled if the input was)."""
    out = samples.output_like()
    gain = np.float32(10 ** (gain_db / 20))
    for start in range(0, samples.size, _BLOCK):
        block = samples.read(start, _BLOCK).astype(np.float32) * gain
        _apply_envelope(block, envelope, start, frame)
        out.write(np.clip(np.rint(block), -32768, 32767).astype("<i2"))
    return out.result()


def _gain_envelope(
    required: Callable[[int, int], Floats], frames: int, frame: int, rate: int, settings: LoudnessSettings
) -> Floats:
    """Smoothed per-frame gain reduction (dB), at least `required(first, stop)` in and beside each frame.

    Attack: a look-ahead window and a triangular smoothing of the same length
    reach the full reduction exactly at the peak. Release: a constant dB rate
    after the hold, computed with a running maximum instead of a Python loop.
    Made _ENVELOPE_CHUNK frames at a time, carrying the release and the
    smoothing's history across, so its temporaries stay small at any length.
    """
    ahead = max(1, round(settings.lookahead_ms * rate / 1000 / frame))
    hold = max(1, round(settings.hold_ms * rate / 1000 / frame))
    # Window [f - hold - 1, f + ahead + 1]: also covers the neighbours that interpolation uses.
    size = ahead + hold + 3
    step = settings.release_db_per_s * frame / rate
    half = ahead // 2 + 1
    triangle = np.convolve(np.ones(half), np.ones(half))[: ahead + 1]
    envelope = np.zeros(frames, dtype=np.float32)
    history = np.zeros(ahead)  # the last `ahead` released values before this chunk
    active = False  # once a chunk needed limiting, every later one is made (its release carries on)
    for first in range(0, frames, _ENVELOPE_CHUNK):
        stop = min(first + _ENVELOPE_CHUNK, frames)
        low, high = first - hold - 1, stop + ahead + 1
        padded = np.concatenate(
            [
                np.zeros(max(0, -low), np.float32),
                required(max(0, low), min(frames, high)),
                np.zeros(max(0, high - frames), np.float32),
            ]
        )
        if not active and not padded.any():
            continue  # nothing to limit yet, and nothing released into this chunk
        held = _running_max(padded, size)
        ramp = np.arange(held.size, dtype=np.float64) * step
        released = np.maximum.accumulate(held + ramp)
        if active:
            released = np.maximum(released, history[-1] - step)  # the previous chunk's release goes on
        released -= ramp
        # Before the first frame the reduction counts as already in force, so a peak
        # within the look-ahead of the start is held down fully too.
        lead = np.full(ahead, released[0]) if first == 0 else history
        active = True
        smoothed = np.convolve(np.concatenate([lead, released]), triangle / triangle.sum())[
            ahead : ahead + released.size
        ]
        envelope[first:stop] = np.maximum(smoothed, 0)
        history = np.concatenate([lead, released])[-ahead:]
    return envelope


def _running_max(values: Floats, size: int) -> Floats:
    """out[i] = max(values[i : i + size]), by doubling spans: log2(size) passes instead of `size`."""
    out, width = values, 1
    while width * 2 <= size:
        out = np.maximum(out[:-width], out[width:])  # out[i] now covers 2 * width values
        width *= 2
    rest = size - width  # smaller than width: two overlapping spans cover the window
    return np.maximum(out[: out.size - rest], out[rest:]) if rest else out


def _apply_envelope(block: Floats, envelope: Floats, start: int, frame: int) -> None:
    """Multiply the block in place by the envelope's gain, interpolated between frame centres."""
    first = start // frame
    frames = envelope[first : (start + block.size - 1) // frame + 2]
    if not frames.any():
        return
    near = np.repeat(np.convolve(frames > 0, np.ones(3), mode="same") > 0, frame)
    offset = start - first * frame
    active = np.flatnonzero(near[offset : offset + block.size])
    position = (active + offset + 0.5) / frame - 0.5
    reduction = np.interp(position, np.arange(frames.size), frames).astype(np.float32)
    block[active] *= np.power(np.float32(10), reduction / np.float32(-20))


def _gated(quarters: Doubles) -> float:
    """BS.1770-4 gated loudness from 100 ms mean squares (400 ms blocks, 75 % overlap)."""
    if quarters.size < 4:
        return -math.inf
    cumulative = np.concatenate([[0.0], np.cumsum(quarters)])
    blocks = (cumulative[4:] - cumulative[:-4]) / 4
    loud = blocks[_lufs(blocks) > _ABSOLUTE_GATE_LUFS]
    if loud.size == 0:
        return -math.inf
    gated = loud[_lufs(loud) > _lufs(loud.mean()) + _RELATIVE_GATE_LU]
    return float(_lufs(gated.mean()))


@functools.cache
def _framing(rate: int) -> tuple[int, int]:
    """Samples per frame (the divisor of a 100 ms step nearest 1 ms) and frames per step."""
    step = max(1, round(rate / 10))
    frame = min((d for d in range(1, step + 1) if step % d == 0), key=lambda d: abs(d - rate / 1000))
    return frame, step // frame


def _k_weighting(rate: int) -> Doubles:
    """BS.1770 K-weighting (high shelf then RLB high-pass) as second-order sections at `rate`."""
    # Analog prototype parameters as published with libebur128, valid at any sample rate.
    k = math.tan(math.pi * 1681.974450955533 / rate)
    q = 0.7071752369554196
    vh = 10 ** (3.999843853973347 / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = [
        (vh + vb * k / q + k * k) / a0,
        2 * (k * k - vh) / a0,
        (vh - vb * k / q + k * k) / a0,
        1.0,
        2 * (k * k - 1) / a0,
        (1 - k / q + k * k) / a0,
    ]
    k = math.tan(math.pi * 38.13547087602444 / rate)
    q = 0.5003270373238773
    a0 = 1 + k / q + k * k
    highpass = [1.0, -2.0, 1.0, 1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
    return np.array([shelf, highpass])


def _lufs(mean_square: Doubles | float) -> Doubles:
    """Loudness of a mean square (mono, channel weight 1)."""
    with np.errstate(divide="ignore"):
        return -0.691 + 10 * np.log10(mean_square)
