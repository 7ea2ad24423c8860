"""Sanity checks on what an engine returned."""

from __future__ import annotations

from ..models import Clip

# A slow news reader says about 15 characters a second; even at triple speed a
# real utterance lasts at least this fraction of the expected time.
_CHARS_PER_SECOND = 15.0
_MIN_FRACTION = 0.2
_SILENCE_PEAK = 64


def check_clip(clip: Clip, text: str, rate: float = 1.0) -> str:
    """Return what is wrong with a clip for `text` ("" if it is plausible)."""
    if not clip.pcm:
        return "no audio written"
    spoken_chars = sum(ch.isalnum() for ch in text)
    expected_ms = spoken_chars / _CHARS_PER_SECOND / max(rate, 0.1) * 1000
    if clip.duration_ms < min(_MIN_FRACTION * expected_ms, 2000):
        return f"{clip.duration_ms:.0f} ms of audio is too short for {spoken_chars} letters"
    if spoken_chars and _peak(clip.pcm) < _SILENCE_PEAK:
        return "the audio is silent"
    return ""


def _peak(pcm: bytes) -> int:
    """Largest absolute sample value."""
    import numpy as np

    samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2")
    return int(np.abs(samples.astype(np.int32)).max()) if samples.size else 0
