"""Run the listening check on a narration: transcribe, compare, measure, suggest, and record the summary."""

from __future__ import annotations

import functools
import json
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..files import write_bytes_atomic
from ..input_files import check_input_file
from ..publish.manifest import Manifest, manifest_path_for, read_manifest, sha256_file
from . import DEFAULT_MAX_WER, DEFAULT_SENTENCE_WER
from . import recognizer as rec
from .report import LISTEN_NAME, CheckReport, NameResult, SentenceResult, Suggestion
from .score import SegmentScore, SegmentText, score_segments, sounds_like_other
from .signal import RATE, SegmentSound, analyse_segments, check_spec
from .suggest import suggestions_for
from .trial import try_candidates
from .words import names_in, normalized

TRY_SENTENCES = 3
"""Sentences re-synthesized per candidate with `--try`."""


@dataclass(frozen=True)
class CheckOptions:
    """How strict the check is and what it may do besides listening."""

    model: str = rec.DEFAULT_MODEL
    """Recognizer model (see recognizer.MODELS)."""
    max_wer: float = DEFAULT_MAX_WER
    """The whole narration's word error rate allowed."""
    sentence_wer: float = DEFAULT_SENTENCE_WER
    """A sentence's word error rate above which it is flagged."""
    store: bool = True
    """Record the summary in the manifest."""
    try_candidates: bool = False
    """Re-synthesize the sentences of misheard names with candidate respellings and keep the best heard."""
    threads: int | None = None
    """Recognizer threads (default: all cores)."""


@functools.cache
def recognizer_for(model: str, threads: int | None = None) -> rec.Recognizer:
    """One loaded recognizer per model in this process (a batch checks many items)."""
    return rec.Recognizer(model, threads=threads)


def check_narration(audio: str | Path, options: CheckOptions = CheckOptions()) -> CheckReport:
    """Listen to a narration narrator made (its manifest beside it) and report what a listener might mishear."""
    started = time.perf_counter()
    audio = Path(audio)
    manifest, manifest_path = _manifest_of(audio)
    warnings = (
        []
        if not manifest.audio_sha256 or sha256_file(audio) == manifest.audio_sha256
        else ["the MP3 is not the one its manifest was written for"]
    )
    segments = [SegmentText(s.text, s.spoken, s.start_ms, s.end_ms) for s in manifest.segments]
    recognizer = recognizer_for(options.model, options.threads)
    heard16, full = rec.decode_at(audio, (rec.SAMPLE_RATE, RATE))  # one decode, resampled for each use
    windows = rec.windows_for([(s.start_ms / 1000, s.end_ms / 1000) for s in segments], heard16.size / rec.SAMPLE_RATE)
    scores = score_segments(segments, recognizer.transcribe(heard16, windows))
    sounds = analyse_segments(full, segments)
    spec = check_spec(full, manifest.settings, manifest.duration_ms)
    names = name_results(segments, scores)
    flagged_names = {n.name for n in names if n.flagged}
    misheard_names = {n.name for n in names if n.misheard}
    sentences = tuple(
        _sentence(s, sc, so, segments, flagged_names, misheard_names, options)
        for s, sc, so in zip(segments, scores, sounds, strict=True)
    )
    suggestions = _suggestions(names, segments, scores, manifest, recognizer, options)
    report = CheckReport(
        str(audio),
        recognizer.name,
        rec.KNOWN_LIMITS,
        sum(s.words for s in scores),
        sum(s.errors for s in scores),
        options.max_wer,
        options.sentence_wer,
        sentences,
        names,
        spec,
        time.perf_counter() - started,
        tuple(suggestions),
        tuple(warnings),
    )
    if options.store:
        store_summary(manifest_path, report)
    return report


def _manifest_of(audio: Path) -> tuple[Manifest, Path]:
    """The manifest narrator wrote beside `audio`, or InputError."""
    check_input_file(audio)  # a named pipe or device: refused with its reason, never waited on
    path = manifest_path_for(audio)
    if not path.exists():
        raise InputError(
            f"{audio.name} has no manifest beside it ({path.name}): the check needs the one narrator wrote"
        )
    manifest = read_manifest(path)
    if not manifest.segments:
        raise InputError(f"manifest {path.name} lists no segments to check")
    return manifest, path


def _sentence(
    segment: SegmentText,
    score: SegmentScore,
    sound: SegmentSound,
    segments: Sequence[SegmentText],
    names: set[str],
    all_names: set[str],
    options: CheckOptions,
) -> SentenceResult:
    """One segment's result: what was heard and every reason to listen to it (`names`: names misheard repeatedly)."""
    problems = list(sound.problems)
    if not score.heard and score.words and "silent" not in problems:
        problems.append("nothing heard")  # sound, but no words in it
    elif (
        "silent" not in problems
        and "truncated" not in problems
        and max(2, score.words // 4) <= score.trailing_missing < score.words
    ):
        problems.append("truncated")  # the last words were never heard
    other = sounds_like_other(score, segments)
    if other is not None:
        problems.append(f"sounds like #{other}")
    if score.wer > options.sentence_wer and score.errors >= 2:  # one slip in a short line is noise
        problems.append("misheard")
    if score.heard:  # nothing heard at all says more than every name missed
        misheard = sorted({name for m in score.misheard for name in all_names & set(m.said.split())})
        problems += [f"name misheard: {name}" if name in names else f"{LISTEN_NAME}{name}" for name in misheard]
    return SentenceResult(
        score.index,
        segment.start_ms,
        segment.text,
        score.heard,
        round(score.wer, 4),
        tuple((m.said, m.heard) for m in score.misheard),
        tuple(dict.fromkeys(problems)),
    )


def name_results(segments: Sequence[SegmentText], scores: Sequence[SegmentScore]) -> tuple[NameResult, ...]:
    """Every name said, how often, and how often and as what it was misheard; the misheard first."""
    names = names_in(s.text for s in segments)
    said = Counter(word for s in segments for word in normalized(s.text) if word in names)
    heard_as: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, list[int]] = defaultdict(list)
    for score in scores:
        for m in score.misheard:
            for name in names & set(m.said.split()):
                heard_as[name][m.heard or "(nothing)"] += 1
                where[name].append(score.index)
    results = [
        NameResult(
            name,
            count,
            sum(heard_as[name].values()),
            tuple(h for h, _ in heard_as[name].most_common()),
            tuple(where[name]),
        )
        for name, count in said.items()
    ]
    return tuple(sorted(results, key=lambda n: (-n.misheard, n.name)))


def _suggestions(
    names: Sequence[NameResult],
    segments: Sequence[SegmentText],
    scores: Sequence[SegmentScore],
    manifest: Manifest,
    recognizer: rec.Recognizer,
    options: CheckOptions,
) -> list[Suggestion]:
    """Lexicon entries for names misheard more than once; tried out with `options.try_candidates`."""
    repeated = [n for n in names if n.flagged]
    written = {name.name: _written_form(name.name, segments) for name in repeated}
    if not options.try_candidates:
        return suggestions_for([n.name for n in repeated], written)
    return [
        try_candidates(written[n.name], [segments[i] for i in n.sentences[:TRY_SENTENCES]], manifest, recognizer)
        for n in repeated
    ]


def _written_form(name: str, segments: Sequence[SegmentText]) -> str:
    """How the article writes a normalized name ("rutte" → "Rutte")."""
    for segment in segments:
        for token in segment.text.replace("’", "'").split():
            word = token.strip(".,;:!?\"'()[]").removesuffix("'s")
            if word.lower() == name:
                return word
    return name


def store_summary(manifest_path: Path, report: CheckReport) -> None:
    """Record the report's summary under "check" in the manifest, every other key kept (rewritten atomically)."""
    data = json.loads(manifest_path.read_text(encoding="utf-8"))  # read_manifest validated it already
    data["check"] = report.summary()
    write_bytes_atomic(manifest_path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
