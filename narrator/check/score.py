"""What was heard in each segment, compared word by word with what it should say."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from .recognizer import HeardWord
from .words import names_in, normalized, sounds_alike


class AlignmentChunk(Protocol):
    """One chunk of a jiwer word alignment: the same, substituted, inserted or deleted words."""

    type: str
    ref_start_idx: int
    ref_end_idx: int
    hyp_start_idx: int
    hyp_end_idx: int


@dataclass(frozen=True)
class SegmentText:
    """One segment of the manifest: what it says and where."""

    text: str
    """The original written sentence (the reference a listener should understand)."""
    spoken: str
    """What the engine was given to say."""
    start_ms: int
    """Where its speech starts."""
    end_ms: int
    """Where its speech ends."""


@dataclass(frozen=True)
class Misheard:
    """One stretch of a sentence heard differently."""

    said: str
    """The reference words (empty for words heard that were not said)."""
    heard: str
    """The recognized words (empty for words not heard at all)."""
    name: bool
    """True if a name of the article is among the words said."""


@dataclass(frozen=True)
class SegmentScore:
    """How one segment was heard."""

    index: int
    """Its position in the manifest."""
    heard: str
    """The recognizer's words, as written."""
    words: int
    """Reference words (normalized)."""
    errors: int
    """Substituted, deleted and inserted words, name sound-alikes forgiven."""
    misheard: tuple[Misheard, ...]
    """Each differing stretch."""
    trailing_missing: int
    """Reference words at the very end not heard at all (a cut-off sentence)."""
    sound_alikes: tuple[tuple[str, str], ...] = ()
    """(name, heard spelling) pairs accepted as the name written by ear."""

    @property
    def wer(self) -> float:
        """Word error rate of this segment."""
        return self.errors / max(1, self.words)


def assign_words(words: Sequence[HeardWord], segments: Sequence[SegmentText]) -> list[list[HeardWord]]:
    """Heard words per segment: each goes to the segment its time overlaps most, else the nearest."""
    result: list[list[HeardWord]] = [[] for _ in segments]
    if not segments:
        return result
    for word in words:
        start, end = word.start_s * 1000, max(word.end_s, word.start_s + 0.01) * 1000

        def closeness(i: int, start: float = start, end: float = end) -> float:
            segment = segments[i]
            overlap = min(end, segment.end_ms) - max(start, segment.start_ms)
            return overlap if overlap > 0 else -min(abs(start - segment.end_ms), abs(end - segment.start_ms))

        result[max(range(len(segments)), key=closeness)].append(word)
    return result


def respellings(text: str, spoken: str) -> dict[str, str]:
    """Normalized written word → the word the engine was given instead (a lexicon respelling), one for one."""
    written, said = text.split(), spoken.split()
    found: dict[str, str] = {}
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=written, b=said, autojunk=False).get_opcodes():
        if op == "replace" and a2 - a1 == 1 and b2 - b1 == 1 and "[[" not in said[b1]:
            key = normalized(written[a1])
            if len(key) == 1:
                found[key[0]] = said[b1]
    return found


def score_segment(index: int, segment: SegmentText, heard: Sequence[HeardWord], names: set[str]) -> SegmentScore:
    """Compare what was heard in one segment with its text; a name heard as a sound-alike spelling counts as right."""
    import jiwer  # the check extra's

    heard_text = "".join(w.text for w in heard).strip()
    reference, hypothesis = normalized(segment.text), normalized(heard_text)
    if not reference:
        return SegmentScore(index, heard_text, 0, len(hypothesis), (), 0)
    if not hypothesis:
        return SegmentScore(
            index,
            heard_text,
            len(reference),
            len(reference),
            (Misheard(" ".join(reference), "", bool(names & set(reference))),),
            len(reference),
        )
    respelled = respellings(segment.text, segment.spoken)
    alignment = jiwer.process_words(" ".join(reference), " ".join(hypothesis)).alignments[0]
    errors, misheard, alikes = 0, [], []
    for said, got in _differing_stretches(alignment, reference, hypothesis):
        if len(said) == 1 and len(got) > 1 and _heard_as_name(said[0], "".join(got), names, respelled):
            alikes.append((said[0], " ".join(got)))  # a name heard in pieces: "Ruth t"
            continue
        if len(said) == len(got):
            kept = [(s, h) for s, h in zip(said, got, strict=True) if not _heard_as_name(s, h, names, respelled)]
            alikes += [(s, h) for s, h in zip(said, got, strict=True) if (s, h) not in kept]
            if not kept:
                continue
            said, got = [s for s, _ in kept], [h for _, h in kept]
        errors += max(len(said), len(got))
        misheard.append(Misheard(" ".join(said), " ".join(got), bool(names & set(said))))
    last = alignment[-1]
    trailing = (
        last.ref_end_idx - last.ref_start_idx if last.type == "delete" and last.ref_end_idx == len(reference) else 0
    )
    return SegmentScore(index, heard_text, len(reference), errors, tuple(misheard), trailing, tuple(alikes))


def _differing_stretches(
    alignment: Sequence[AlignmentChunk], reference: list[str], hypothesis: list[str]
) -> list[tuple[list[str], list[str]]]:
    """(said, heard) words of each run of neighbouring differing alignment chunks."""
    stretches: list[tuple[list[str], list[str]]] = []
    joined = False
    for chunk in alignment:
        if chunk.type == "equal":
            joined = False
            continue
        said, got = (
            reference[chunk.ref_start_idx : chunk.ref_end_idx],
            hypothesis[chunk.hyp_start_idx : chunk.hyp_end_idx],
        )
        if joined:
            stretches[-1][0].extend(said)
            stretches[-1][1].extend(got)
        else:
            stretches.append((list(said), list(got)))
        joined = True
    return stretches


def _heard_as_name(said: str, heard: str, names: set[str], respelled: Mapping[str, str]) -> bool:
    """True if `said` is a name and `heard` sounds like it as written or as the lexicon respelled it."""
    if said not in names:
        return False
    return sounds_alike(heard, said) or (said in respelled and sounds_alike(heard, respelled[said]))


def score_segments(segments: Sequence[SegmentText], words: Sequence[HeardWord]) -> list[SegmentScore]:
    """Every segment's score, from the words heard over the whole narration."""
    names = names_in(s.text for s in segments)
    heard = assign_words(words, segments)
    scores = [score_segment(i, s, h, names) for i, (s, h) in enumerate(zip(segments, heard, strict=True))]
    for i in range(len(segments) - 1):
        # Word times blur at a pause: a word may land on the wrong side of it.
        for moved in (_move_first_back, _move_last_on):
            left, right = moved(heard[i], heard[i + 1])
            if left is None or right is None:
                continue
            trial = score_segment(i, segments[i], left, names), score_segment(i + 1, segments[i + 1], right, names)
            if trial[0].errors + trial[1].errors < scores[i].errors + scores[i + 1].errors:
                heard[i], heard[i + 1] = left, right
                scores[i], scores[i + 1] = trial
    return scores


def _move_first_back(
    left: list[HeardWord], right: list[HeardWord]
) -> tuple[list[HeardWord] | None, list[HeardWord] | None]:
    """The first word of the right segment moved to the left one."""
    return (left + right[:1], right[1:]) if right else (None, None)


def _move_last_on(
    left: list[HeardWord], right: list[HeardWord]
) -> tuple[list[HeardWord] | None, list[HeardWord] | None]:
    """The last word of the left segment moved to the right one."""
    return (left[:-1], left[-1:] + right) if left else (None, None)


def sounds_like_other(score: SegmentScore, segments: Sequence[SegmentText]) -> int | None:
    """The index of another segment whose text matches what was heard far better than its own, if any."""
    import jiwer  # the check extra's

    heard = normalized(score.heard)
    if not heard or score.wer < 0.5:
        return None
    best, best_wer = None, score.wer / 2
    for i, segment in enumerate(segments):
        reference = normalized(segment.text)
        if i == score.index or not reference:
            continue
        wer = jiwer.wer(" ".join(reference), " ".join(heard))
        if wer < min(best_wer, 0.5):
            best, best_wer = i, wer
    return best
