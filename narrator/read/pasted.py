"""Classify lines of pasted page text as article body or page chrome.

Signals, not phrase lists: length, stopword density, sentence shape,
repetition, truncation and credits score each line; the body is the one
contiguous run with the highest total score (chrome clusters around it),
and chrome left inside that run is dropped afterwards.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from narrator.read.byline import parse_byline
from narrator.read.signals import Signals, measure

BULLET = re.compile(r"^([-*•·‣▪–]|\d{1,3}[.)])\s+")
"""A list item marker at the start of a line."""
SHORT_WORDS = 8
"""Lines with fewer words than this are judged by shape, not by prose signals."""
LONG_WORDS = 25
"""Lines without a sentence end count as prose only from this many words."""


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
    if not sig.terminal and sig.words < LONG_WORDS:
        return -1.0  # headlines, link lists and labels end without a full stop
    if sig.words < SHORT_WORDS:
        sentence_like = sig.terminal and sig.upper_start and (sig.stop_density or 0.2) > 0.15
        return -0.2 if sentence_like else -1.0
    return _prose_quality(sig) * min(sig.words, 80) / 8


def _is_chrome_shape(sig: Signals) -> bool:
    """True when one line's own shape marks it as chrome."""
    if sig.truncated or sig.label_link or sig.self_repeat or sig.dateline or sig.promo or sig.fragment:
        return True
    if sig.credit and sig.words < 45:
        return True
    return sig.social and sig.words < 40


def _chrome_flags(lines: list[Line], signals: list[Signals]) -> list[bool]:
    """Flag lines that strong signals mark as chrome: shapes, repeats and their neighbours."""
    counts = Counter(line.text.lower() for line in lines)
    flags = [
        _is_chrome_shape(sig) or (counts[line.text.lower()] > 1 and sig.words < 40)
        for line, sig in zip(lines, signals, strict=True)
    ]
    for i in range(len(lines) - 1):
        nxt, sig = signals[i + 1], signals[i]
        # The headline of a cut-off teaser sits just above it in the same block.
        if nxt.truncated and lines[i + 1].block == lines[i].block and sig.words < 25:
            flags[i] = True
        # A caption sits just above its photo credit, unless the credit heads a caption below it.
        below = signals[i + 2] if i + 2 < len(signals) else None
        caption_below = below is not None and below.credit
        credit_line = nxt.credit and nxt.words <= 12 and not nxt.terminal and nxt.title_case >= 0.5
        if credit_line and sig.words < 60 and not caption_below:
            flags[i] = True
    return flags


COMMENT_BARRIER = -15.0
"""Score of a comment header: no body run crosses into a comment thread."""


def _comment_headers(signals: list[Signals]) -> list[int]:
    """Indexes of datelines right under a short name line: the header of each reader comment."""
    headers = [
        i
        for i in range(1, len(signals))
        if signals[i].dateline and signals[i - 1].words <= 5 and not signals[i - 1].terminal
    ]
    # One such pair is an article's own byline and date; a series is a comment thread.
    return headers if len(headers) >= 3 else []


_COPYRIGHT = re.compile(r"©|\bcopyright\b.*\b(19|20)\d\d\b|\(c\)\s*(19|20)\d\d", re.IGNORECASE)


def _after_footer(lines: list[Line], scores: list[float]) -> list[float]:
    """Weaken everything after a page's closing copyright line: overlays, cookie and consent text."""
    last = len(lines)
    for i in range(len(lines) - 1, len(lines) // 2, -1):
        text = lines[i].text
        if len(text.split()) <= 25 and _COPYRIGHT.search(text) and not text.endswith(("?", "!")):
            last = i
            break
    return scores[:last] + [min(score, 0.0) - 1.0 for score in scores[last:]]


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
    raw = [
        (-3.0 if sig.dateline else -1.5) if flag else _line_score(sig) for sig, flag in zip(signals, flags, strict=True)
    ]
    judged = [Judged(*item) for item in zip(lines, signals, raw, flags, strict=True)]
    for i, item in enumerate(judged):
        # Lists are body text in short lines: neutral, so the body run can pass through them.
        if BULLET.match(item.line.text) and not item.chrome:
            raw[i] = 0.0
        for n in list_items(judged, i):
            raw[n] = raw[i] = 0.0
    scores = _after_footer(lines, _streak_penalties(raw))
    for i in _comment_headers(signals):
        scores[i] = COMMENT_BARRIER
    return [
        Judged(line, sig, score, flag) for line, sig, score, flag in zip(lines, signals, scores, flags, strict=True)
    ]


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
    # Inside the body a sentence may end in a colon that introduces what follows.
    ends_sentence = sig.terminal or (judged.line.text.endswith(":") and sig.words >= 5 and sig.upper_start)
    if not ends_sentence and sig.words < LONG_WORDS:
        return False
    if sig.words >= SHORT_WORDS:
        return _prose_quality(sig) > -0.5
    return ends_sentence and sig.upper_start and sig.words >= 2


def list_items(judged: list[Judged], intro: int, limit: int = 80) -> range:
    """The items of a list that the line at intro opens with a colon (empty when none)."""
    if intro >= len(judged) or not judged[intro].line.text.endswith(":") or judged[intro].signals.words < 3:
        return range(intro + 1, intro + 1)
    stop = intro + 1
    while stop < min(len(judged), intro + 1 + limit):
        item = judged[stop]
        # Items are short; a full prose paragraph or chrome ends the list.
        if item.chrome or not 1 <= item.signals.words <= 25 or (item.signals.terminal and item.signals.words >= 12):
            break
        stop += 1
    # A list has at least two items; one stray line after a colon is not one.
    return range(intro + 1, stop) if stop - intro > 2 else range(intro + 1, intro + 1)


def extend_head(judged: list[Judged], start: int) -> int:
    """Grow the run back over weak sentence-shaped lines and lists that open the article."""
    while start > 0:
        prior = judged[start - 1]
        sig = prior.signals
        if (
            (not prior.chrome and sig.terminal and sig.upper_start and sig.words >= 3)
            or (prior.line.text.endswith(":") and list_items(judged, start - 1))
            or (BULLET.match(prior.line.text) and not prior.chrome)
        ):
            start -= 1
        else:
            break
    return start


HEADER_REACH = 6
"""How far into the run a byline or dateline still counts as the article header."""


def skip_header(judged: list[Judged], start: int, end: int) -> int:
    """Start the body after a byline or dateline near the run's start: deks sit above them."""
    header_end = start
    for i in range(start, min(end - 2, start + HEADER_REACH)):
        text = judged[i].line.text
        if judged[i].signals.dateline or parse_byline(text):
            header_end = i + 1
    return header_end


def extend_tail(judged: list[Judged], end: int) -> int:
    """Grow the run over the weak but sentence-shaped lines that finish an article."""
    while end < len(judged):
        sig = judged[end].signals
        if (not judged[end].chrome and sig.terminal and sig.upper_start and sig.words >= 3) or (
            end + 1 < len(judged) and is_heading(judged[end]) and extend_tail(judged, end + 1) > end + 1
        ):
            end += 1
        else:
            break
    return end
