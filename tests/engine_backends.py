"""Backends for worker tests, imported inside the worker process through PYTHONPATH."""

from __future__ import annotations

import os
import signal

from narrator.errors import VoiceError


class CrashingBackend:
    """Dies with SIGSEGV on synthesis, as clashing native libraries do."""

    def synthesize(self, text, voice):
        os.kill(os.getpid(), signal.SIGSEGV)

    def voices(self):
        print("this print must not reach the parent's stdout")
        return []

    def check_voice(self, voice):
        raise VoiceError(f"no voice {voice.voice!r}")


class BrokenBackend:
    """Fails while starting."""

    def __init__(self) -> None:
        raise RuntimeError("native library missing")


class SleepyBackend:
    """Takes 0.1 s per word and says which process spoke; records warm-ups."""

    def __init__(self) -> None:
        self.warmed: list[str] = []

    def synthesize(self, text, voice):
        import time

        time.sleep(0.1 * len(text.split()))
        return os.getpid(), text, tuple(self.warmed)

    def check_voice(self, voice):
        self.warmed.append(voice.voice)
        if voice.voice == "bad":
            raise VoiceError("no voice 'bad'")
