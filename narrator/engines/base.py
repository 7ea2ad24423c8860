"""The contract every speech engine implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from ..models import Clip, VoiceProfile


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


class Engine(ABC):
    """A text-to-speech engine: text and a voice profile in, PCM out."""

    name: ClassVar[str]
    """Registered engine name (the entry-point name)."""
    neural: ClassVar[bool] = False
    """True for trained (neural) voices; selects the IPTC source type."""
    accepts_phonemes: ClassVar[bool] = False
    """True if `[[phonemes]]` blocks in the text are honoured."""

    @abstractmethod
    def synthesize(self, text: str, voice: VoiceProfile) -> Clip:
        """Speak one segment of text."""

    @abstractmethod
    def voices(self) -> list[EngineVoice]:
        """List the voices this engine offers."""

    def check_voice(self, voice: VoiceProfile) -> None:
        """Raise VoiceError if the profile's voice cannot be used; the default accepts all."""

    def cache_identity(self, voice: VoiceProfile) -> str:
        """A string that changes whenever this engine would speak differently."""
        return f"{self.name}:{voice.voice}"

    def close(self) -> None:
        """Release native resources; the default has none."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class IsolatedEngine(Engine):
    """An engine whose backend runs in a worker process of its own."""

    backend: ClassVar[str]
    """"module:Class" of the in-process backend, which has the same methods."""

    def __init__(self) -> None:
        from .worker import Worker

        self._worker = Worker(self.backend, self.name)

    def synthesize(self, text: str, voice: VoiceProfile) -> Clip:
        """Speak one segment in the worker process."""
        return self._worker.call("synthesize", text, voice)

    def voices(self) -> list[EngineVoice]:
        """List the worker backend's voices."""
        return self._worker.call("voices")

    def check_voice(self, voice: VoiceProfile) -> None:
        """Let the worker backend validate the voice."""
        self._worker.call("check_voice", voice)

    def close(self) -> None:
        """Stop the worker process."""
        self._worker.close()
