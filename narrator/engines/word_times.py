"""Word times from an engine's word events: one per word of the text, ends found in the audio itself.

An engine such as eSpeak NG reports where each word starts (a character
position in the text and a sample position in the audio) but not where it
ends. A word's end is taken from the audio: the last sound before the next
word starts. Nothing is spread evenly over characters.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

import numpy as np

from ..models import WordTime

# Quieter than this (dBFS, per 1 ms frame) counts as silence between words; as loud as
# stitching's threshold, so a word never ends inside what stitching keeps as speech.
SILENCE_DBFS = -54.0
_WORD = re.compile(r"\S+")


def word_times(text: str, events: Iterable[tuple[int, int]], pcm: bytes, sample_rate: int) -> tuple[WordTime, ...]:
    """WordTimes for `text` from (character offset, sample index) word events over its audio `pcm`."""
    tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    starts = [start for start, _ in tokens]
    first_sample: dict[int, int] = {}
    for offset, sample in events:
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0 or offset >= tokens[index][1]:
            index += 1  # an event on the space before a word belongs to that word
        if 0 <= index < len(tokens):
            first_sample[index] = min(sample, first_sample.get(index, sample))
    timed = sorted(first_sample.items(), key=lambda item: (item[1], item[0]))
    loud = _loud_frames(pcm, sample_rate)
    words = []
    for position, (index, sample) in enumerate(timed):
        start_ms = round(sample * 1000 / sample_rate)
        limit_ms = round(timed[position + 1][1] * 1000 / sample_rate) if position + 1 < len(timed) else len(loud)
        end_ms = _last_sound_before(loud, start_ms, limit_ms)
        start_ms = _first_sound_from(loud, start_ms, end_ms)
        start, end = tokens[index]
        words.append(WordTime(start, end - start, start_ms, end_ms))
    return tuple(words)


def _loud_frames(pcm: bytes, sample_rate: int) -> np.ndarray:
    """For each whole millisecond of audio: is it louder than SILENCE_DBFS?"""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    whole_ms = samples.size * 1000 // sample_rate
    if whole_ms == 0:
        return np.zeros(0, dtype=bool)
    edges = np.arange(whole_ms + 1) * sample_rate // 1000  # exact millisecond edges, whatever the rate
    energy = np.add.reduceat(samples[: edges[-1]] ** 2, edges[:-1])
    rms = np.sqrt(energy / np.diff(edges))
    return rms > 32768 * 10 ** (SILENCE_DBFS / 20)


def _first_sound_from(loud: np.ndarray, start_ms: int, end_ms: int) -> int:
    """The first loud millisecond in [start_ms, end_ms), else start_ms (the engine reports a word before its onset)."""
    found = np.flatnonzero(loud[start_ms:end_ms])
    return start_ms + int(found[0]) if found.size else start_ms


def _last_sound_before(loud: np.ndarray, start_ms: int, limit_ms: int) -> int:
    """The end of the last loud millisecond in [start_ms, limit_ms); start_ms + 1 if none."""
    window = loud[start_ms:limit_ms]
    found = np.flatnonzero(window)
    return start_ms + int(found[-1]) + 1 if found.size else min(start_ms + 1, max(limit_ms, start_ms + 1))
