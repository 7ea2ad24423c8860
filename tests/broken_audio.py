"""Deliberately broken copies of a real narration, for the listening check's tests."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile

from narrator.master import EncodeSettings
from narrator.master.encode import encode_mp3
from narrator.models import Narration
from narrator.publish import manifest_path_for

Edit = Callable[[np.ndarray, list[dict], int], None]


def segments_of(mp3: Path) -> list[dict]:
    """The manifest segments of a narration."""
    return json.loads(manifest_path_for(mp3).read_text(encoding="utf-8"))["segments"]


def broken_copy(mp3: Path, target: Path, edit: Edit) -> Path:
    """`mp3` decoded, edited in place by `edit(samples, segments, rate)`, encoded to `target` with the same manifest beside it."""
    samples, rate = soundfile.read(str(mp3), dtype="int16")
    samples = samples.copy()
    edit(samples, segments_of(mp3), rate)
    encode_mp3(Narration(samples.astype("<i2").tobytes(), rate, ()), target, EncodeSettings(sample_rate=rate))
    shutil.copy(manifest_path_for(mp3), manifest_path_for(target))
    return target


def span(segment: dict, rate: int) -> slice:
    """The samples of one segment's speech."""
    return slice(segment["start_ms"] * rate // 1000, segment["end_ms"] * rate // 1000)


def silenced(index: int) -> Edit:
    """An edit that replaces segment `index` with silence."""

    def edit(samples: np.ndarray, segments: list[dict], rate: int) -> None:
        samples[span(segments[index], rate)] = 0

    return edit


def swapped(index: int, other: int) -> Edit:
    """An edit that replaces segment `index` with segment `other`'s audio (cut or padded with silence to fit)."""

    def edit(samples: np.ndarray, segments: list[dict], rate: int) -> None:
        place, source = span(segments[index], rate), span(segments[other], rate)
        audio = samples[source].copy()
        room = place.stop - place.start
        samples[place] = 0
        samples[place.start : place.start + min(room, audio.size)] = audio[:room]

    return edit


def truncated(index: int, kept: float = 0.45) -> Edit:
    """An edit that keeps only the first `kept` of segment `index` and silences the rest."""

    def edit(samples: np.ndarray, segments: list[dict], rate: int) -> None:
        place = span(segments[index], rate)
        samples[place.start + round((place.stop - place.start) * kept) : place.stop] = 0

    return edit


ARTICLE = Path(__file__).resolve().parent / "fixtures" / "check" / "library.md"
"""A short article with a name (Rutte) in two sentences, for narrations the recognizer hears."""


def narrate_library(folder: Path) -> dict[str, Path]:
    """ARTICLE narrated into `folder` with eSpeak (profile "default"): "clean" with the shipped lexicon, "no_entry" with its Rutte entry undone (by "undo_lexicon")."""
    from narrator import narrate

    undo = folder / "no-rutte.toml"
    undo.write_text('[words]\n"Rutte" = "Rutte"\n', encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NARRATOR_CACHE_DIR", str(folder / "cache"))
        return {
            "clean": narrate(str(ARTICLE), folder / "clean.mp3").audio,
            "no_entry": narrate(str(ARTICLE), folder / "no-entry.mp3", lexicons=[undo]).audio,
            "undo_lexicon": undo,
        }
