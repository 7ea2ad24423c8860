"""The contract every speech engine implements."""

from __future__ import annotations

import os
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from .. import environment
from ..models import Clip, VoiceProfile
from .worker import Worker, finish


@dataclass(frozen=True)
class EngineVoice:
    """A voice an engine offers."""

    id: str
    """Identifier to put in a profile's `voice` field."""
    name: str
    """Human-readable name."""
    languages: tuple[str, ...] = ()
    """Language tags the voice speaks."""
    gender: str | None = None
    """Gender as the engine reports it, if any."""
    licence: str = ""
    """Licence of the voice (model and data), as its publisher states it."""
    commercial_use: str = ""
    """Whether a publisher may use it commercially: "yes", "no", or what to check."""


class Engine(ABC):
    """A text-to-speech engine: text and a voice profile in, PCM out."""

    name: ClassVar[str]
    """Registered engine name (the entry-point name)."""
    neural: ClassVar[bool] = False
    """True for trained (neural) voices; selects the IPTC source type."""
    word_timing: ClassVar[bool] = False
    """True if its clips carry word times (Clip.words) measured during synthesis."""
    accepts_phonemes: ClassVar[bool] = False
    """True if `[[IPA]]` blocks in the text are read as phonemes (lexicon [phonemes] entries then reach the engine)."""
    licence: ClassVar[str] = ""
    """Licence of the engine's voices, for `narrator voices` (a voice may state its own)."""
    commercial_use: ClassVar[str] = ""
    """May a publisher use the voices commercially: "yes", "no", or what to check."""
    default_voice: ClassVar[str] = ""
    """The voice a profile without `voice` gets ("" lets the engine's backend choose)."""
    model_suffix: ClassVar[str] = ""
    """Suffix of the model files narrator.voices finds for this engine in voice folders ("" if it uses none)."""
    listed: ClassVar[bool] = True
    """False for engines `narrator voices` leaves out of its engine list unless asked by name (test engines)."""

    @abstractmethod
    def synthesize(self, text: str, voice: VoiceProfile) -> Clip:
        """Speak one segment of text."""

    @abstractmethod
    def voices(self) -> list[EngineVoice]:
        """List the voices this engine offers."""

    def synthesize_many(self, texts: Sequence[str], voice: VoiceProfile) -> list[Clip]:
        """Speak several segments, in order; engines that can, do it in parallel."""
        return [self.synthesize(text, voice) for text in texts]

    def check_voice(self, voice: VoiceProfile) -> None:
        """Raise VoiceError if the profile's voice cannot be used; the default accepts all."""
        return None

    @classmethod
    def voice_language(cls, voice: str) -> str | None:
        """The BCP 47 language a voice id speaks, without starting the engine; the default reads "gmw/en-gb"."""
        tag = voice.rsplit("/", 1)[-1].replace("_", "-")
        match = re.fullmatch(r"([a-z]{2,3})(?:-([a-z]{2}|\d{3}))?(?:-.*)?", tag, re.IGNORECASE)
        if not match:
            return None
        return match.group(1).lower() + (f"-{match.group(2).upper()}" if match.group(2) else "")

    @classmethod
    def bundled_models(cls) -> dict[str, Path]:
        """Model files installed with the engine's extra, by every name they answer to; the default has none."""
        return {}

    @classmethod
    def missing_model_hint(cls, name: str) -> str | None:
        """Why a model the engine knows by name is absent (e.g. an extra to install), or None if it is unknown."""
        return None

    def cache_identity(self, voice: VoiceProfile) -> str:
        """A string that changes whenever this engine would speak differently."""
        return f"{self.name}:{voice.voice}"

    def describe(self, voice: VoiceProfile) -> dict[str, str]:
        """Engine, model and voice of a profile, for the manifest and the MP3's TXXX frames."""
        return {"engine": self.name, "model": "", "voice": voice.voice}

    def prepare(self, voice: VoiceProfile | None = None) -> None:
        """Start loading (the voice too, if given) in the background, if the engine can; the default does nothing."""
        return None

    def close(self) -> None:
        """Release native resources; the default has none."""
        return None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class IsolatedEngine(Engine):
    """An engine whose backend runs in worker processes of its own.

    One worker answers voice queries; `synthesize_many` spreads segments over
    up to `parallel` workers, which share the machine's cores between them.
    """

    backend: ClassVar[str]
    """"module:Class" of the in-process backend, which has the same methods."""

    def __init__(self, parallel: int | None = None, cores: int | None = None) -> None:
        self.parallel = max(1, parallel or default_parallelism())
        # Each worker's native thread pools get its share of the cores this engine may use
        # (a batch item's share, in a batch): more threads than cores only spin.
        threads = max(1, (cores or os.cpu_count() or 1) // self.parallel)
        self._workers = [Worker(self.backend, self.name, threads=threads) for _ in range(self.parallel)]
        self._worker = self._workers[0]

    def synthesize_many(self, texts: Sequence[str], voice: VoiceProfile) -> list[Clip]:
        """Speak segments on all workers at once; results come back in order."""
        if self.parallel == 1 or len(texts) < 2:
            return [self.synthesize(text, voice) for text in texts]
        # Each thread drives one worker process and takes the next segment when its
        # worker is free; longest first, so no worker is left with a long one at the end.
        queue = iter(sorted(range(len(texts)), key=lambda i: -len(texts[i])))
        lock = threading.Lock()
        failed = threading.Event()  # one error ends the narration: the other workers stop taking segments
        clips: list[Clip | None] = [None] * len(texts)

        def run(worker_index: int) -> None:
            while not failed.is_set():
                with lock:
                    index = next(queue, None)
                if index is None:
                    return
                try:
                    clips[index] = self._workers[worker_index].call("synthesize", texts[index], voice)
                except BaseException:
                    failed.set()
                    raise

        with ThreadPoolExecutor(self.parallel) as threads:
            for future in [threads.submit(run, i) for i in range(self.parallel)]:
                future.result()
        return [clip for clip in clips if clip is not None]

    def synthesize(self, text: str, voice: VoiceProfile) -> Clip:
        """Speak one segment in the worker process."""
        clip: Clip = self._worker.call("synthesize", text, voice)
        return clip

    def voices(self) -> list[EngineVoice]:
        """List the worker backend's voices."""
        voices: list[EngineVoice] = self._worker.call("voices")
        return voices

    def check_voice(self, voice: VoiceProfile) -> None:
        """Let the worker backend validate the voice."""
        self._worker.call("check_voice", voice)

    def prepare(self, voice: VoiceProfile | None = None) -> None:
        """Spawn the workers now and have each load `voice`, while the caller reads and scripts the article."""
        for worker in self._workers:
            worker.spawn()
            if voice is not None:
                worker.post("check_voice", voice)  # a bad voice fails again, synchronously, before synthesis

    def close(self) -> None:
        """Stop the worker processes: all told at once, then waited for."""
        for process in [worker.stop() for worker in self._workers]:
            finish(process)


def default_parallelism() -> int:
    """Engine workers per engine: $NARRATOR_ENGINE_WORKERS, else one per core, at most two."""
    return environment.engine_workers() or min(2, os.cpu_count() or 1)
