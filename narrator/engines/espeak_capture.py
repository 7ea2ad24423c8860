"""Capture eSpeak NG audio through pyttsx3's own binding, without the driver's save_to_file.

pyttsx3 2.99's eSpeak driver queues property changes behind its run loop (under
load a clip can come out at the previous rate), joins audio with `+=`
(quadratic), hard-codes 22050 Hz, polls with sleeps and prints "Audio saved
to ...". Here properties are set at once, samples are collected in a list by
our own synthesis callback, and `espeak_Synchronize` waits for the end.
"""

from __future__ import annotations

import ctypes

from ..models import Clip


class EspeakCapture:
    """Synthesize with the eSpeak NG library that pyttsx3 initialized in this process."""

    def __init__(self) -> None:
        from pyttsx3.drivers import _espeak

        self._espeak = _espeak
        self._chunks: list[bytes] = []
        # Keep a reference: ctypes callbacks are freed with their Python object.
        self._callback = _espeak.t_espeak_callback(self._on_audio)
        _espeak.cSetSynthCallback(self._callback)
        self.sample_rate = self._sample_rate()

    def apply(self, properties: dict[str, object]) -> None:
        """Set driver properties (voice, rate, pitch, volume) immediately, not queued."""
        from pyttsx3.drivers.espeak import EspeakDriver

        for name, value in properties.items():
            EspeakDriver.setProperty(name, value)

    def speak(self, text: str) -> Clip:
        """All samples eSpeak makes for `text`."""
        self._chunks = []
        status = self._espeak.Synth(text.encode("utf-8"), flags=self._espeak.ENDPAUSE | self._espeak.CHARS_UTF8)
        self._espeak.Synchronize()
        if status != 0:
            return Clip(b"", self.sample_rate)
        return Clip(b"".join(self._chunks), self.sample_rate)

    def _on_audio(self, wav: ctypes.Array, count: int, _events: object) -> int:
        """eSpeak's synthesis callback: keep the samples, continue (0)."""
        if count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    def _sample_rate(self) -> int:
        """The rate eSpeak NG synthesizes at (22050 Hz for its own voices, not for MBROLA ones)."""
        get_rate = getattr(self._espeak.dll, "espeak_ng_GetSampleRate", None)
        if get_rate is None:
            return 22050  # classic eSpeak has no query; its voices are 22050 Hz
        get_rate.restype = ctypes.c_int
        return int(get_rate())
