"""A deterministic test engine: a tone whose length follows the text, padded with silence."""

from __future__ import annotations

import math

from ..models import Clip, VoiceProfile
from .base import Engine, EngineVoice

SAMPLE_RATE = 22050
MS_PER_CHARACTER = 40
PADDING_MS = 100
_FREQUENCY_HZ = 220.0
_AMPLITUDE = 8000


def tone_duration_ms(text: str) -> int:
    """Length of the tone (without padding) the engine makes for `text`."""
    return max(200, MS_PER_CHARACTER * len(text))


class ToneEngine(Engine):
    """Speaks every segment as a sine tone: exact, instant, and needs no native library."""

    name = "tone"
    neural = False
    listed = False  # a test engine: `narrator voices` lists it only when asked for by name

    def synthesize(self, text: str, voice: VoiceProfile) -> Clip:
        """A tone of tone_duration_ms(text) between PADDING_MS of silence on each side."""
        import numpy as np

        tone_samples = tone_duration_ms(text) * SAMPLE_RATE // 1000
        pad = np.zeros(PADDING_MS * SAMPLE_RATE // 1000, dtype="<i2")
        t = np.arange(tone_samples) / SAMPLE_RATE
        tone = (np.sin(2 * math.pi * _FREQUENCY_HZ * t) * _AMPLITUDE * voice.volume).astype("<i2")
        return Clip(np.concatenate([pad, tone, pad]).tobytes(), SAMPLE_RATE)

    def voices(self) -> list[EngineVoice]:
        """One voice."""
        return [EngineVoice(id="sine", name="Sine tone", languages=("en",))]
