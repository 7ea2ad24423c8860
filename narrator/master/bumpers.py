"""Intro and outro audio (a jingle, a station ident): decoded, matched in loudness and joined."""

from __future__ import annotations

import dataclasses
import math
import subprocess
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import AudioError
from ..ffmpeg import ffmpeg_exe
from ..input_files import check_input_file
from ..models import Chapter, Clip, Narration, SpilledPcm
from .loudness import (
    DEFAULT_LOUDNESS,
    MAX_TARGET_LUFS,
    MIN_TARGET_LUFS,
    LoudnessSettings,
    master_pcm,
    measure_loudness,
)
from .spill import PcmSpill, pcm_blocks

GAP_MS = 600
FADE_MS = 5
MAX_BUMPER_S = 600


def add_bumpers(
    narration: Narration,
    intro: Path | None,
    outro: Path | None,
    loudness: LoudnessSettings | None = DEFAULT_LOUDNESS,
    gap_ms: int = GAP_MS,
) -> Narration:
    """Load the intro and outro files (either may be None) and join them; None loudness keeps default peaks."""
    rate = narration.sample_rate
    return join_bumpers(
        narration,
        load_bumper(intro, rate, "intro") if intro is not None else None,
        load_bumper(outro, rate, "outro") if outro is not None else None,
        loudness or LoudnessSettings(),
        gap_ms,
    )


def check_bumper(path: Path, role: str = "bumper") -> None:
    """Raise AudioError (one line) unless `path` is an audio file ffmpeg can decode."""
    load_bumper(path, 8000, role)


def load_bumper(path: Path, rate: int, role: str = "bumper") -> Clip:
    """The file's audio as a mono s16le Clip at `rate`, decoded by ffmpeg (MP3, WAV and more)."""
    path = Path(path)
    check_input_file(path, what=role, error=AudioError)  # ffmpeg would wait on a named pipe forever
    command = [
        ffmpeg_exe(), "-nostdin", "-v", "error", "-i", str(path), "-map", "0:a:0", "-t", str(MAX_BUMPER_S),
        "-ac", "1", "-ar", str(rate), "-f", "s16le", "pipe:1",
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, check=False)
    except OSError as exc:
        raise AudioError(f"ffmpeg could not be run: {exc.strerror or exc}") from exc
    pcm = result.stdout[: len(result.stdout) - len(result.stdout) % 2]
    if result.returncode != 0 or len(pcm) < 2 * rate // 100:
        raise AudioError(f"{role} {path.name} is not an audio file ffmpeg can decode")
    return Clip(pcm, rate)


def join_bumpers(
    narration: Narration,
    intro: Clip | None = None,
    outro: Clip | None = None,
    loudness: LoudnessSettings = DEFAULT_LOUDNESS,
    gap_ms: int = GAP_MS,
) -> Narration:
    """Intro, gap, narration, gap, outro: bumpers at the narration's loudness, every time shifted."""
    rate = narration.sample_rate
    level = _matching_level(narration)
    parts: list[bytes | SpilledPcm] = []
    shift = 0
    if intro is not None:
        lead = _bumper_pcm(intro, rate, level, loudness)
        # Pad the gap so the shift is a whole number of milliseconds and no time rounds differently.
        lead += bytes(2 * (_whole_ms_samples(len(lead) // 2 + _samples(gap_ms, rate), rate) - len(lead) // 2))
        parts.append(lead)
        shift = round(len(lead) // 2 * 1000 / rate)
    parts.append(narration.pcm)
    if outro is not None:
        parts.append(bytes(2 * _samples(gap_ms, rate)) + _bumper_pcm(outro, rate, level, loudness))
    joined = dataclasses.replace(narration, pcm=_joined(parts))
    return dataclasses.replace(
        joined,
        segments=tuple(t.shifted(shift) for t in narration.segments),
        chapters=_shifted_chapters(narration.chapters, shift, joined.duration_ms),
    )


def _bumper_pcm(clip: Clip, rate: int, level: float | None, loudness: LoudnessSettings) -> bytes:
    """The bumper at the narration's rate and loudness, faded at both ends."""
    if clip.sample_rate != rate:
        raise AudioError(
            f"bumper at {clip.sample_rate} Hz for a {rate} Hz narration; load it with load_bumper(path, {rate})"
        )
    pcm = clip.pcm
    if level is not None:
        pcm = master_pcm(pcm, rate, dataclasses.replace(loudness, target_lufs=level, enabled=True))
    return _faded(pcm, rate)


def _joined(parts: Sequence[bytes | SpilledPcm]) -> bytes | SpilledPcm:
    """The parts one after another: bytes if all are in memory, else a new spill copied block by block."""
    in_memory = [part for part in parts if isinstance(part, bytes)]
    if len(in_memory) == len(parts):
        return b"".join(in_memory)
    spill = PcmSpill()
    for part in parts:
        for block in pcm_blocks(part):
            spill.write(block)
    return spill


def _matching_level(narration: Narration) -> float | None:
    """The narration's loudness as a valid target, or None if it cannot be measured."""
    lufs, _ = measure_loudness(narration.pcm, narration.sample_rate)
    if not math.isfinite(lufs):
        return None
    return min(max(lufs, MIN_TARGET_LUFS), MAX_TARGET_LUFS)


def _shifted_chapters(chapters: tuple[Chapter, ...], shift: int, duration: int) -> tuple[Chapter, ...]:
    """Chapters moved by `shift`, stretched so they still cover the whole audio."""
    if not chapters:
        return ()
    moved = [Chapter(c.title, c.start_ms + shift, c.end_ms + shift) for c in chapters]
    moved[0] = dataclasses.replace(moved[0], start_ms=0)
    moved[-1] = dataclasses.replace(moved[-1], end_ms=duration)
    return tuple(moved)


def _faded(pcm: bytes, rate: int) -> bytes:
    """Short linear fades so a bumper that starts or stops abruptly does not click."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    n = min(_samples(FADE_MS, rate), samples.size // 2)
    if n:
        ramp = np.linspace(0.0, 1.0, n, endpoint=False, dtype=np.float32)
        samples[:n] *= ramp
        samples[-n:] *= ramp[::-1]
    return np.rint(samples).astype("<i2").tobytes()


def _whole_ms_samples(samples: int, rate: int) -> int:
    """The smallest sample count >= `samples` that is a whole number of milliseconds."""
    step = rate // math.gcd(rate, 1000)
    return -(-samples // step) * step


def _samples(ms: int, rate: int) -> int:
    """Milliseconds to a whole number of samples."""
    return round(ms * rate / 1000)
