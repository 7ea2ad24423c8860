"""Capture eSpeak NG audio through pyttsx3's own binding, without the driver's save_to_file.

pyttsx3 2.99's eSpeak driver queues property changes behind its run loop (under
load a clip can come out at the previous rate), joins audio with `+=`
(quadratic), hard-codes 22050 Hz, polls with sleeps and prints "Audio saved
to ...". Here properties are set at once, samples are collected in a list by
our own synthesis callback, and eSpeak NG is switched to synchronous output.

pyttsx3 starts eSpeak in retrieval mode, where a background thread synthesizes
and `espeak_Synchronize` polls it with sleeps: held to one core, 40 sentences
took 0.84 s of wall time for 0.28 s of CPU. In synchronous mode `espeak_Synth`
synthesizes in the calling thread and returns when done: 0.24 s for 0.24 s.
"""

from __future__ import annotations

import ctypes
from typing import Any

from ..models import Clip
from .word_times import word_times

# From espeak-ng/espeak_ng.h: espeak_ng_OUTPUT_MODE and espeak_ng_STATUS.
_ENOUTPUT_MODE_SYNCHRONOUS = 0x0001
_ENS_OK = 0
# espeakWORDGAP from speak_lib.h (pyttsx3's binding names 7 EMPHASIS): extra pause between words.
_WORD_GAP = 7
# espeak_EVENT_TYPE from speak_lib.h.
_EVENT_LIST_TERMINATED = 0
_EVENT_WORD = 1


class EspeakCapture:
    """Synthesize with the eSpeak NG library that pyttsx3 initialized in this process."""

    def __init__(self) -> None:
        from pyttsx3.drivers import _espeak

        self._espeak = _espeak
        self._chunks: list[bytes] = []
        self._word_events: list[tuple[int, int]] = []
        # Keep a reference: ctypes callbacks are freed with their Python object.
        self._callback = _espeak.t_espeak_callback(self._on_audio)
        _espeak.cSetSynthCallback(self._callback)
        self.synchronous = self._switch_to_synchronous_output()
        self.sample_rate = self._sample_rate()

    def apply(self, properties: dict[str, object], *, word_gap: int = 0) -> None:
        """Set driver properties (voice, rate, pitch, volume) and the word gap (10 ms units) at once, not queued."""
        from pyttsx3.drivers.espeak import EspeakDriver

        for name, value in properties.items():
            EspeakDriver.setProperty(name, value)
        self._espeak.SetParameter(_WORD_GAP, word_gap, 0)

    def speak(self, text: str) -> Clip:
        """All samples eSpeak makes for `text`, with the times of its words."""
        self._chunks = []
        self._word_events = []
        status = self._espeak.Synth(text.encode("utf-8"), flags=self._espeak.ENDPAUSE | self._espeak.CHARS_UTF8)
        if not self.synchronous:
            self._espeak.Synchronize()
        if status != 0:
            return Clip(b"", self.sample_rate)
        pcm = b"".join(self._chunks)
        return Clip(pcm, self.sample_rate, words=word_times(text, self._word_events, pcm, self.sample_rate))

    def _on_audio(self, wav: ctypes.Array[ctypes.c_short], count: int, events: Any) -> int:
        """eSpeak's synthesis callback: keep the samples and word events, continue (0)."""
        if count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        index = 0
        while events and events[index].type != _EVENT_LIST_TERMINATED:
            event = events[index]
            if event.type == _EVENT_WORD:
                # text_position counts characters of the UTF-8 text from 1; sample counts from this message's start.
                self._word_events.append((event.text_position - 1, event.sample))
            index += 1
        return 0

    def _switch_to_synchronous_output(self) -> bool:
        """Make espeak_Synth synthesize in this thread and return when done; False where it can't (classic eSpeak)."""
        initialize_output = getattr(self._espeak.dll, "espeak_ng_InitializeOutput", None)
        if initialize_output is None:
            return False
        initialize_output.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p]
        initialize_output.restype = ctypes.c_int
        status: int = initialize_output(_ENOUTPUT_MODE_SYNCHRONOUS, 0, None)
        return status == _ENS_OK

    def _sample_rate(self) -> int:
        """The rate eSpeak NG synthesizes at (22050 Hz for its own voices, not for MBROLA ones)."""
        get_rate = getattr(self._espeak.dll, "espeak_ng_GetSampleRate", None)
        if get_rate is None:
            return 22050  # classic eSpeak has no query; its voices are 22050 Hz
        get_rate.restype = ctypes.c_int
        return int(get_rate())
