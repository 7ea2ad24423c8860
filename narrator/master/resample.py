"""Resample 16-bit PCM with a polyphase filter (pydub's ratecv aliases audibly; ffmpeg's default rings)."""

from __future__ import annotations

from math import gcd

import numpy as np
import numpy.typing as npt


def resample_pcm(pcm: bytes, from_rate: int, to_rate: int) -> bytes:
    """Mono s16le `pcm` at `from_rate`, returned at `to_rate`."""
    if from_rate == to_rate or not pcm:
        return pcm
    from scipy.signal import resample_poly  # 0.6 s to import: only when rates differ

    g = gcd(to_rate, from_rate)
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    resampled: npt.NDArray[np.float64] = resample_poly(samples, to_rate // g, from_rate // g)
    return np.clip(np.round(resampled), -32768, 32767).astype("<i2").tobytes()
