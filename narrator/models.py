"""Typed data passed between pipeline stages: Article → Script → Clip → Narration."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:  # numpy is not loaded for `import narrator`
    import numpy as np
    import numpy.typing as npt

Boundary = Literal["chunk", "sentence", "paragraph", "section", "end"]
ExtraValue = str | int | float | bool
"""A value in a voice profile's [extra] table."""


@dataclass(frozen=True)
class Section:
    """A run of paragraphs under one optional heading."""

    heading: str | None
    """The section heading as written, or None for untitled text."""
    paragraphs: tuple[str, ...]
    """Body paragraphs, each one string of clean text."""


@dataclass(frozen=True)
class Article:
    """Everything a listener should hear from one source, and nothing else."""

    title: str
    """Headline; never empty."""
    sections: tuple[Section, ...]
    """Body sections in reading order."""
    byline: str | None = None
    """Author(s) as credited, without a leading "By"."""
    publication: str | None = None
    """Site or publication name."""
    date: str | None = None
    """Publication date, ISO 8601 (YYYY-MM-DD) when known."""
    language: str = "en"
    """BCP 47 language tag."""
    source: str = ""
    """Where the article came from: a path, a URL or "-"."""
    title_guessed: bool = False
    """True when the page had no headline and the title was made from the first sentence."""

    @property
    def paragraphs(self) -> list[str]:
        """All body paragraphs in order, across sections."""
        return [p for s in self.sections for p in s.paragraphs]


@dataclass(frozen=True)
class Segment:
    """One unit the engine speaks: a sentence, or a chunk of a long one."""

    text: str
    """The original written text (for transcripts)."""
    spoken: str
    """What the engine is given to say."""
    section: int
    """Index of the section this segment belongs to."""
    paragraph: int
    """Index of the paragraph across the whole article."""
    sentence: int
    """Index of the sentence across the whole article; chunks share it."""
    boundary: Boundary
    """What follows this segment: which pause applies."""
    pause_ms: int
    """Silence after this segment, in milliseconds."""


@dataclass(frozen=True)
class Script:
    """The ordered segments of a narration, ready for synthesis."""

    title: str
    """Title of the narrated article."""
    language: str
    """BCP 47 language tag."""
    segments: tuple[Segment, ...]
    """Segments in speaking order."""
    headings: tuple[str | None, ...] = ()
    """Heading of each section, by section index."""


@dataclass(frozen=True)
class WordTime:
    """When one word of a text is heard, as the engine reported it (never estimated)."""

    offset: int
    """Character offset of the word in its text."""
    length: int
    """Length of the word in characters."""
    start_ms: int
    """When the word starts."""
    end_ms: int
    """When the word ends (before any silence after it)."""


@dataclass(frozen=True)
class Clip:
    """Synthesized audio of one segment: mono signed 16-bit little-endian PCM."""

    pcm: bytes
    """Raw samples."""
    sample_rate: int
    """Samples per second."""
    words: tuple[WordTime, ...] | None = None
    """Word times within the clip (offsets into the spoken text); None if the engine reports none."""

    @property
    def duration_ms(self) -> float:
        """Length in milliseconds."""
        return len(self.pcm) / 2 / self.sample_rate * 1000


@dataclass(frozen=True)
class TimedSegment:
    """A segment with its place in the final audio."""

    segment: Segment
    """The segment spoken."""
    start_ms: int
    """Where its speech starts in the narration."""
    end_ms: int
    """Where its speech ends (before the pause)."""
    words: tuple[WordTime, ...] | None = None
    """Word times in the narration (offsets into `segment.spoken`); None without word timing."""

    def shifted(self, ms: int) -> TimedSegment:
        """The same segment `ms` later in the audio, its words too."""
        words = (
            None
            if self.words is None
            else tuple(WordTime(w.offset, w.length, w.start_ms + ms, w.end_ms + ms) for w in self.words)
        )
        return TimedSegment(self.segment, self.start_ms + ms, self.end_ms + ms, words)


@dataclass(frozen=True)
class Chapter:
    """A navigable part of the narration."""

    title: str
    """Chapter title shown by players."""
    start_ms: int
    """Start time."""
    end_ms: int
    """End time."""


@dataclass(frozen=True)
class VoiceProfile:
    """How to speak: engine, voice, speed and pauses (voices/*.toml)."""

    name: str
    """Profile name, e.g. "default"."""
    engine: str
    """Engine name as registered in the narrator.engines entry-point group."""
    voice: str = ""
    """Engine voice id, or a model path for model-based engines."""
    language: str = "en-US"
    """BCP 47 language tag of the voice."""
    rate: float = 1.0
    """Speaking speed relative to the engine's normal speed."""
    pitch: float = 1.0
    """Pitch relative to the engine's normal pitch."""
    volume: float = 1.0
    """Engine output volume, 0..1."""
    sentence_pause_ms: int = 350
    """Silence after a sentence."""
    paragraph_pause_ms: int = 750
    """Silence after a paragraph."""
    section_pause_ms: int = 1200
    """Silence after a section."""
    chunk_pause_ms: int = 150
    """Silence between chunks of one long sentence."""
    lexicon: Path | None = None
    """Extra pronunciation lexicon for this voice."""
    disclosure: str = "This audio is created with AI assistance."
    """Spoken disclosure at the start of the narration."""
    path: Path | None = None
    """File the profile was loaded from."""
    model: Path | None = None
    """The model file narrator.voices found for `voice`, for engines that speak from model files (Piper)."""
    description: str = field(default="", compare=False)
    """One line for `narrator voices`; does not change how it sounds."""
    extra: dict[str, ExtraValue] = field(default_factory=dict, hash=False, compare=False)
    """Engine-specific settings."""


class SpilledPcm(Protocol):
    """Mono signed 16-bit PCM kept in a temporary file instead of memory (the master stage's PcmSpill)."""

    def __len__(self) -> int:
        """Size in bytes, as len() of the bytes it stands for."""
        ...

    def read(self, start: int, count: int) -> npt.NDArray[np.int16]:
        """Samples [start, start + count), fewer at the end."""
        ...

    def blocks(self, size: int) -> Iterator[bytes]:
        """The PCM as bytes, `size` samples at a time."""
        ...


@dataclass(frozen=True)
class Narration:
    """The stitched narration with every segment's time."""

    pcm: bytes | SpilledPcm
    """Mono signed 16-bit PCM of the whole narration, in memory or (for bounded memory) spilled to a file."""
    sample_rate: int
    """Samples per second."""
    segments: tuple[TimedSegment, ...]
    """Every spoken segment with its start and end."""
    chapters: tuple[Chapter, ...] = ()
    """Navigable chapters."""

    @property
    def duration_ms(self) -> int:
        """Length in milliseconds."""
        return round(len(self.pcm) / 2 / self.sample_rate * 1000)
