"""Classify lines of pasted page text as article body or page chrome.

Signals, not phrase lists: length, stopword density, sentence shape,
repetition, truncation and credits score each line; the body is the one
contiguous run with the highest total score (chrome clusters around it),
and chrome left inside that run is dropped afterwards.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from narrator.read.signals import Signals, measure

SHORT_WORDS = 8
"""Lines with fewer words than this are judged by shape, not by prose signals."""


@dataclass(frozen=True)
class Line:
    """One candidate paragraph of pasted text with its layout position."""

    text: str
    """Clean text of the paragraph."""
    block: int
    """Index of the blank-line separated block it came from."""
    index: int
    """Position inside its block."""
    block_size: int
    """Number of lines in its block."""


@dataclass(frozen=True)
class Judged:
    """A line with its signals, score and hard boilerplate flag."""

    line: Line
    """The line judged."""
    signals: Signals
    """Its measured features."""
    score: float
    """Positive for body-like, negative for chrome-like, scaled by length."""
    chrome: bool
    """True when a strong signal says this is never body text."""


def _prose_quality(sig: Signals) -> float:
    """-1..+2: how much a line reads like running prose."""
    if sig.stop_density is None:  # no stoplist for this language: shape alone decides
        quality = 0.3 if sig.words >= 2 * SHORT_WORDS else 0.0
    else:
        quality = max(-1.0, min(1.0, (sig.stop_density - 0.22) / 0.12))
    quality += 0.5 if sig.terminal else -0.6
    quality += 0.3 if sig.sentences >= 2 else 0.0
    quality += 0.0 if sig.upper_start else -0.4
    return quality


def _line_score(sig: Signals) -> float:
    """Score one line: long prose strongly positive, short fragments mildly negative."""
    if sig.words < SHORT_WORDS:
        sentence_like = sig.terminal and sig.upper_start and (sig.stop_density or 0.2) > 0.15
        return -0.2 if sentence_like else -1.0
    return _prose_quality(sig) * min(sig.words, 80) / 8


def _is_chrome_shape(sig: Signals) -> bool:
    """True when one line's own shape marks it as chrome."""
    if sig.truncated or sig.label_link or sig.self_repeat or sig.dateline:
        return True
    if sig.credit and sig.words < 45:
        return True
    return (sig.contact or sig.social) and sig.words < 40


def _chrome_flags(lines: list[Line], signals: list[Signals]) -> list[bool]:
    """Flag lines that strong signals mark as chrome: shapes, repeats and their neighbours."""
    counts = Counter(line.text.lower() for line in lines)
    flags = [
        _is_chrome_shape(sig) or counts[line.text.lower()] > 1 and sig.words < 40
        for line, sig in zip(lines, signals)
    ]
    for i in range(len(lines) - 1):
        nxt, sig = signals[i + 1], signals[i]
        # The headline of a cut-off teaser sits just above it in the same block.
        if nxt.truncated and lines[i + 1].block == lines[i].block and sig.words < 25:
            flags[i] = True
        # A caption sits just above its photo credit.
        if nxt.credit and nxt.words <= 12 and not nxt.terminal and sig.words < 60:
            flags[i] = True
    return flags


def _streak_penalties(scores: list[float]) -> list[float]:
    """Make long stretches of non-prose costlier: chrome clusters, body text rarely pauses long."""
    out, streak = [], 0
    for score in scores:
        streak = streak + 1 if score < 0 else 0
        out.append(score * (1 + 0.25 * min(max(streak - 1, 0), 8)) if score < 0 else score)
    return out


def judge(lines: list[Line], language: str) -> list[Judged]:
    """Measure and score every line."""
    signals = [measure(line.text, language) for line in lines]
    flags = _chrome_flags(lines, signals)
    # Chrome costs a flat amount: it is removed anyway, the score only shapes the run.
    raw = [(-3.0 if sig.dateline else -1.5) if flag else _line_score(sig) for sig, flag in zip(signals, flags)]
    scores = _streak_penalties(raw)
    return [Judged(*item) for item in zip(lines, signals, scores, flags)]


def best_run(scores: list[float]) -> tuple[int, int]:
    """Start and end (exclusive) of the contiguous run with the largest score sum."""
    best, best_span = float("-inf"), (0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def is_heading(judged: Judged) -> bool:
    """True when a short line inside the body reads like a subheading."""
    sig = judged.signals
    return (
        not judged.chrome
        and 2 <= sig.words <= 14
        and sig.upper_start
        and not judged.line.text.endswith((".", ",", ";", ":"))
    )


def keeps_as_body(judged: Judged) -> bool:
    """True when a line inside the body run is body text, not leftover chrome."""
    sig = judged.signals
    if judged.chrome:
        return False
    if sig.words >= SHORT_WORDS:
        return _prose_quality(sig) > -0.5
    return sig.terminal and sig.upper_start and sig.words >= 2
