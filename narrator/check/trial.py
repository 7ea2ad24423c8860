"""`--try`: say a misheard name's sentences again with each candidate respelling, and keep the one heard best."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..engines.pool import EnginePool
from ..master.resample import resample_pcm
from ..models import Clip, VoiceProfile
from ..publish.manifest import Manifest
from .phonemes import ipa
from .recognizer import SAMPLE_RATE, Recognizer
from .report import Suggestion
from .score import SegmentText, assign_words, score_segment
from .suggest import candidate_respellings
from .words import normalized

GAP_S = 1.0
"""Silence between the tried sentences, so each is heard on its own."""


def profile_from_manifest(voice: Mapping[str, Any]) -> VoiceProfile:
    """The voice profile a narration was made with, from its manifest."""
    fields = {f.name for f in dataclasses.fields(VoiceProfile)}
    values = {k: v for k, v in voice.items() if k in fields}
    if values.get("lexicon"):
        values["lexicon"] = Path(values["lexicon"])
    return VoiceProfile(**values)


def with_name_said_as(segment: SegmentText, name: str, replacement: str) -> str:
    """The segment's spoken text with every word written as `name` said as `replacement` instead."""
    written, spoken = segment.text.split(), segment.spoken.split()
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=written, b=spoken, autojunk=False).get_opcodes():
        if op in ("equal", "replace") and a2 - a1 == b2 - b1:
            for a, b in zip(range(a1, a2), range(b1, b2), strict=True):
                if name in normalized(re.sub(r"['’]s\b", "", written[a])):
                    core = re.sub(r"^\W+|(?:['’]s)?[^\w\]]+$", "", spoken[b]) or spoken[b]
                    spoken[b] = spoken[b].replace(core, replacement, 1)
    return " ".join(spoken)


def try_candidates(
    word: str, sentences: Sequence[SegmentText], manifest: Manifest, recognizer: Recognizer
) -> Suggestion:
    """Say `sentences` with each candidate respelling of `word` (IPA for engines that read it); the best heard wins."""
    profile = profile_from_manifest(manifest.voice)
    candidates = candidate_respellings(word)
    phonemes = ipa(candidates)
    name = normalized(word)[0]
    best: tuple[int, int, Suggestion] | None = None
    with EnginePool(parallel=1) as pool:
        engine = pool.get(profile.engine, voice=profile)
        for respelling, ipa_text in zip(candidates, phonemes, strict=True):
            said = f"[[{ipa_text}]]" if engine.accepts_phonemes and ipa_text else respelling
            clips = engine.synthesize_many([with_name_said_as(s, name, said) for s in sentences], profile)
            right, errors, heard = _hear(clips, sentences, name, respelling, recognizer)
            suggestion = Suggestion(word, respelling, ipa_text, True, heard, right, len(sentences))
            if best is None or (right, -errors) > (best[0], best[1]):
                best = (right, -errors, suggestion)
    assert best is not None
    return best[2]


def _hear(
    clips: Sequence[Clip], sentences: Sequence[SegmentText], name: str, respelling: str, recognizer: Recognizer
) -> tuple[int, int, str]:
    """(sentences with the name heard right, word errors, what the name was heard as) for the clips of `sentences`."""
    audio: list[npt.NDArray[np.float32]] = []
    placed: list[SegmentText] = []
    at = 0.0
    gap = np.zeros(round(GAP_S * SAMPLE_RATE), np.float32)
    for clip, sentence in zip(clips, sentences, strict=True):
        pcm = resample_pcm(clip.pcm, clip.sample_rate, SAMPLE_RATE)
        samples = np.frombuffer(pcm, "<i2").astype(np.float32) / np.float32(32768)
        audio += [gap, samples]
        start = at + GAP_S
        at = start + samples.size / SAMPLE_RATE
        placed.append(dataclasses.replace(sentence, start_ms=round(start * 1000), end_ms=round(at * 1000)))
    audio.append(gap)
    samples = np.concatenate(audio)
    words = recognizer.transcribe(samples, [(0.0, samples.size / SAMPLE_RATE)])
    right, errors, alike, missed_as = 0, 0, [], []
    for sentence, sentence_words in zip(placed, assign_words(words, placed), strict=True):
        spoken = dataclasses.replace(sentence, spoken=with_name_said_as(sentence, name, respelling))
        score = score_segment(0, spoken, sentence_words, {name})
        missed = [m for m in score.misheard if name in m.said.split()]
        right += not missed
        errors += score.errors
        alike += [h for s, h in score.sound_alikes if s == name]
        missed_as += [m.heard for m in missed]
    heard = alike or missed_as  # what it was heard as when right, else when wrong
    return right, errors, max(heard, key=heard.count) if heard else ""
