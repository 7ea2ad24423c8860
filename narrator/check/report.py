"""The check's findings: per sentence, per name, for the whole file; as text, JSON and a manifest summary."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .signal import SpecCheck

LISTEN_NAME = "name to listen to: "
"""Prefix of a problem that asks for a listen but does not fail the check."""
WORST = 5
"""Sentences shown in a summary (the manifest's, a failed batch item's)."""


@dataclass(frozen=True)
class SentenceResult:
    """One segment as heard."""

    index: int
    """Its position in the manifest."""
    start_ms: int
    """Where it starts in the audio."""
    text: str
    """What it should say."""
    heard: str
    """What the recognizer wrote."""
    wer: float
    """Its word error rate (name sound-alikes forgiven)."""
    misheard: tuple[tuple[str, str], ...]
    """(said, heard) stretches that differ; "" for nothing."""
    problems: tuple[str, ...]
    """Why it is flagged; empty when it is fine."""


@dataclass(frozen=True)
class NameResult:
    """How one name of the article was heard."""

    name: str
    """The name, normalized."""
    occurrences: int
    """How often it is said."""
    misheard: int
    """How often it was heard as something else."""
    heard_as: tuple[str, ...]
    """What it was heard as, most frequent first."""
    sentences: tuple[int, ...]
    """Segments where it was misheard."""

    @property
    def flagged(self) -> bool:
        """Misheard more than once, and at least half the times it is said (once may be the recognizer's slip)."""
        return self.misheard >= 2 and 2 * self.misheard >= self.occurrences


@dataclass(frozen=True)
class Suggestion:
    """A proposed lexicon entry for a misheard name."""

    word: str
    """The name as written in the article."""
    respelling: str
    """What to have the engine say instead."""
    phonemes: str
    """The respelling in IPA, for engines that read phonemes."""
    tried: bool = False
    """True if it was synthesized and heard (`--try`)."""
    heard_as: str = ""
    """What the recognizer heard for it, when tried."""
    heard_right: int = 0
    """Of the tried sentences, how many had the name heard right."""
    tried_sentences: int = 0
    """How many sentences were tried."""


@dataclass(frozen=True)
class CheckReport:
    """Everything the listening check found in one narration."""

    audio: str
    """The MP3 checked."""
    recognizer: str
    """The recognizer that listened."""
    limits: tuple[str, ...]
    """What that recognizer is known to get wrong."""
    words: int
    """Reference words."""
    errors: int
    """Word errors, name sound-alikes forgiven."""
    max_wer: float
    """The whole file's word error rate allowed."""
    sentence_wer: float
    """A sentence's word error rate above which it is flagged."""
    sentences: tuple[SentenceResult, ...]
    """Every segment, in order."""
    names: tuple[NameResult, ...]
    """The article's names, the misheard first."""
    spec: SpecCheck
    """Loudness, true peak and length against the spec."""
    seconds: float
    """How long the check took."""
    suggestions: tuple[Suggestion, ...] = ()
    """Lexicon entries proposed for misheard names."""
    warnings: tuple[str, ...] = field(default=())
    """Anything else to know (e.g. a stale manifest)."""

    @property
    def wer(self) -> float:
        """Word error rate of the whole narration."""
        return self.errors / max(1, self.words)

    @property
    def flagged(self) -> list[SentenceResult]:
        """Sentences with a problem, worst first."""
        return sorted(
            (s for s in self.sentences if s.problems), key=lambda s: (-len(s.problems) - 2 * _audio_fault(s), -s.wer)
        )

    @property
    def failures(self) -> list[SentenceResult]:
        """Flagged sentences that fail the check: all but those flagged only for ordinary words misheard.

        A small recognizer mishears ordinary words of synthetic speech often enough that
        one such sentence is a place to listen, not a fault (the whole file's WER bounds
        them); so is a name misheard once, or in under half its uses. Silence, cuts,
        another sentence's audio, timing and names misheard again and again fail.
        """
        return [s for s in self.flagged if any(p != "misheard" and not p.startswith(LISTEN_NAME) for p in s.problems)]

    @property
    def passed(self) -> bool:
        """True when no sentence fails, the WER is within bounds and the file meets its spec."""
        return not self.failures and self.wer <= self.max_wer and not self.spec.problems

    @property
    def duration_ms(self) -> int:
        """Length of the audio."""
        return self.spec.duration_ms

    @property
    def real_time_factor(self) -> float:
        """Check time over audio time."""
        return self.seconds / max(0.001, self.duration_ms / 1000)

    def misheard_words(self) -> list[tuple[str, str, int]]:
        """(said, heard, count) of every differing stretch, names first, then the most frequent."""
        names = {n.name for n in self.names}
        pairs = Counter((said, heard) for s in self.sentences for said, heard in s.misheard)
        return sorted(
            ((s, h, c) for (s, h), c in pairs.items()), key=lambda p: (not (names & set(p[0].split())), -p[2], p[0])
        )

    def summary(self) -> dict[str, Any]:
        """The short form kept in the manifest and shown for a batch item."""
        return {
            "passed": self.passed,
            "wer": round(self.wer, 4),
            "max_wer": self.max_wer,
            "recognizer": self.recognizer,
            "flagged": [
                {
                    "sentence": s.index,
                    "wer": round(s.wer, 3),
                    "problems": list(s.problems),
                    "text": s.text,
                    "heard": s.heard,
                }
                for s in self.flagged[:WORST]
            ],
            "flagged_count": len(self.flagged),
            "failed_count": len(self.failures),
            "misheard_names": [n.name for n in self.names if n.flagged],
            "loudness_lufs": self.spec.loudness_lufs,
            "true_peak_dbtp": self.spec.true_peak_dbtp,
            "spec_problems": list(self.spec.problems),
            "note": "an automatic recognizer's opinion, not a certainty",
        }

    def to_json(self) -> dict[str, Any]:
        """Everything, JSON-ready."""
        data = dataclasses.asdict(self)
        data.update(wer=round(self.wer, 4), passed=self.passed, real_time_factor=round(self.real_time_factor, 3))
        data["flagged"] = [s.index for s in self.flagged]
        data["misheard_words"] = [{"said": s, "heard": h, "count": c} for s, h, c in self.misheard_words()]
        return data


def _audio_fault(sentence: SentenceResult) -> bool:
    """True if the audio itself is at fault (not only what was heard)."""
    return any(p in ("silent", "truncated", "clipped", "nothing heard") for p in sentence.problems)


def format_report(report: CheckReport, *, pairs: int = 12) -> str:
    """The report as text for a terminal."""
    verdict = "PASS" if report.passed else "CHECK"
    lines = [
        f"{verdict} {report.audio}: WER {100 * report.wer:.1f}% over {report.words} words "
        f"(allowed {100 * report.max_wer:.0f}%), "
        f"{len(report.failures)} of {len(report.sentences)} sentences failed, {len(report.flagged)} to listen to",
        f"heard by {report.recognizer} in {report.seconds:.1f} s "
        f"({report.real_time_factor:.2f}x the audio's length); it can be wrong:",
        *(f"  - {limit}" for limit in report.limits),
    ]
    spec = report.spec
    target = f"target {spec.target_lufs:g}" if spec.target_lufs is not None else "not normalized"
    lines.append(
        f"loudness {spec.loudness_lufs:.1f} LUFS ({target}), "
        f"true peak {spec.true_peak_dbtp:.1f} dBTP (max {spec.ceiling_dbtp:g}), {spec.duration_ms / 1000:.1f} s"
    )
    lines += [f"  ! {problem}" for problem in spec.problems]
    if report.flagged:
        lines.append("sentences to listen to:")
        for s in report.flagged:
            minutes, seconds = divmod(s.start_ms / 1000, 60)
            lines.append(
                f"  #{s.index} at {int(minutes)}:{seconds:04.1f} [{', '.join(s.problems)}] WER {100 * s.wer:.0f}%"
            )
            lines.append(f"     said:  {s.text}")
            lines.append(f"     heard: {s.heard or '(nothing)'}")
    misheard = [n for n in report.names if n.misheard]
    if misheard:
        lines.append(
            "names heard otherwise: "
            + "; ".join(f"{n.name} {n.misheard}/{n.occurrences} ({', '.join(n.heard_as[:3])})" for n in misheard)
        )
    words = report.misheard_words()[:pairs]
    if words:
        lines.append("most misheard: " + "; ".join(f"{c} x {s or '∅'} → {h or '∅'}" for s, h, c in words))
    for suggestion in report.suggestions:
        tried = (
            f", heard right in {suggestion.heard_right}/{suggestion.tried_sentences} tried sentences"
            f" as {suggestion.heard_as!r}"
            if suggestion.tried
            else " (untried)"
        )
        lines.append(f"suggest: {suggestion.word} = {suggestion.respelling!r} [[{suggestion.phonemes}]]{tried}")
    lines += [f"warning: {w}" for w in report.warnings]
    return "\n".join(lines)
