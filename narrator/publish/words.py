"""Word times on the written text: the engine's spoken-word times carried over to the words a reader sees.

The engine times the spoken form ("one point two billion dollars"); readers
see the written one ("$1.2 billion"). Written and spoken words are aligned
with difflib; where normalization turned a group of written words into other
spoken words, the group gets one time span: the first of its spoken words'
start to the last one's end. A written word nothing was timed for keeps no
time; no time is ever estimated from character counts.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from difflib import SequenceMatcher

from ..models import TimedSegment, WordTime
from .manifest import ManifestWord

_TOKEN = re.compile(r"\S+")
_NOT_WORD = re.compile(r"[\W_]+")


def written_words(timed: TimedSegment) -> tuple[WordTime, ...] | None:
    """Times of the words of `timed.segment.text` (offsets into it); None if the engine gave no word times."""
    if timed.words is None:
        return None
    written = [(m.start(), m.end()) for m in _TOKEN.finditer(timed.segment.text)]
    spoken_text = timed.segment.spoken
    spoken = [(m.start(), m.end()) for m in _TOKEN.finditer(spoken_text)]
    times = _spoken_token_times(spoken, timed.words)
    matcher = SequenceMatcher(None, _keys(timed.segment.text, written), _keys(spoken_text, spoken), autojunk=False)
    result: list[WordTime] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs = [((i, i + 1), (j, j + 1)) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
        elif tag == "replace":
            pairs = [((i1, i2), (j1, j2))]
        else:
            continue  # written words not spoken, or spoken words with no written form (timed with their neighbours)
        for (wa, wb), (sa, sb) in pairs:
            span = [time for time in times[sa:sb] if time is not None]
            if span:
                start, end = written[wa][0], written[wb - 1][1]
                result.append(WordTime(start, end - start, min(s for s, _ in span), max(e for _, e in span)))
    return tuple(result)


def manifest_words(timed: TimedSegment) -> tuple[ManifestWord, ...] | None:
    """The manifest's record of a segment's written words and their times; None without word timing."""
    words = written_words(timed)
    if words is None:
        return None
    text = timed.segment.text
    return tuple(ManifestWord(text[w.offset : w.offset + w.length], w.offset, w.start_ms, w.end_ms) for w in words)


def word_spans(timed: TimedSegment) -> list[tuple[str, int, int]]:
    """(text, start ms, end ms) of each timed written word; untimed words and punctuation join the word before.

    The texts joined with spaces give back the segment's text, so a word-level transcript loses nothing.
    """
    text = " ".join(timed.segment.text.split())
    words = written_words(dataclasses.replace(timed, segment=dataclasses.replace(timed.segment, text=text)))
    if not words:
        return [(text, timed.start_ms, timed.end_ms)] if text else []
    cuts = [0, *(w.offset for w in words[1:]), len(text)]
    return [(text[a:b].strip(), w.start_ms, w.end_ms) for w, a, b in zip(words, cuts[:-1], cuts[1:], strict=True)]


def _spoken_token_times(tokens: list[tuple[int, int]], words: tuple[WordTime, ...]) -> list[tuple[int, int] | None]:
    """(start, end) ms of each whitespace token of the spoken text, from the engine's word times."""
    times: list[tuple[int, int] | None] = [None] * len(tokens)
    starts = [start for start, _ in tokens]
    for word in words:
        index = bisect.bisect_right(starts, word.offset) - 1
        if 0 <= index < len(tokens) and word.offset < tokens[index][1]:
            known = times[index]
            times[index] = (
                (word.start_ms, word.end_ms)
                if known is None
                else (min(known[0], word.start_ms), max(known[1], word.end_ms))
            )
    return times


def _keys(text: str, tokens: list[tuple[int, int]]) -> list[str]:
    """Comparable form of each token: lower case, letters and digits only."""
    return [_NOT_WORD.sub("", text[start:end]).lower() for start, end in tokens]
