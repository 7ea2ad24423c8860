"""Transcript and chapter sidecars: WebVTT, SRT, Podcasting 2.0 JSON chapters and transcript.

Text is the original written text of each sentence (chunks of a long sentence
are joined back), timed from the real stitched segment times, so cues never drift.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path

from ..files import write_bytes_atomic
from ..models import Chapter, Narration, Script, TimedSegment
from .words import word_spans

LINE_CHARS = 42
CUE_LINES = 2
MIN_CUE_MS = 1000
"""Shortest time a cue stays on screen: a shorter one flashes past before it can be read."""
CHAPTERS_VERSION = "1.2.0"
TRANSCRIPT_VERSION = "1.0.0"
SUFFIXES = {"vtt": ".vtt", "srt": ".srt", "chapters": ".chapters.json", "transcript": ".transcript.json"}


@dataclass(frozen=True)
class Sentence:
    """One transcript sentence with its real time span."""

    text: str
    """The original written sentence (chunks joined)."""
    start_ms: int
    """When its speech starts."""
    end_ms: int
    """When its speech ends."""
    paragraph: int
    """Paragraph index, for paragraph breaks in plain text."""
    anchors: tuple[tuple[int, int], ...]
    """(character offset, ms) points: where each chunk starts and ends in text and time."""


@dataclass(frozen=True)
class Cue:
    """One subtitle cue: at most CUE_LINES lines of at most about LINE_CHARS characters."""

    start_ms: int
    """Cue start."""
    end_ms: int
    """Cue end."""
    lines: tuple[str, ...]
    """The lines shown."""


def sentences(narration: Narration) -> tuple[Sentence, ...]:
    """The narration's sentences in order; segments sharing a sentence index are one sentence."""
    groups: list[list[TimedSegment]] = []
    for timed in narration.segments:
        if groups and groups[-1][-1].segment.sentence == timed.segment.sentence:
            groups[-1].append(timed)
        else:
            groups.append([timed])
    return tuple(_sentence(group) for group in groups if any(t.segment.text.strip() for t in group))


def cues(narration: Narration, line_chars: int = LINE_CHARS, cue_lines: int = CUE_LINES) -> tuple[Cue, ...]:
    """Subtitle cues: one per sentence, or several for a long one, timed by character position."""
    result: list[Cue] = []
    for sentence in sentences(narration):
        words = sentence.text.split()
        offsets = _word_offsets(sentence.text, words)
        for start_word, end_word in cue_spans(words, line_chars, cue_lines):
            group = words[start_word:end_word]
            start = _time_at(sentence, offsets[start_word][0])
            end = _time_at(sentence, offsets[end_word - 1][1])
            text_lines = _balanced(group, line_chars, min(cue_lines, len(_wrap(group, line_chars))))
            start = max(start, result[-1].end_ms if result else 0)
            result.append(Cue(start, max(end, start + 1), text_lines))
    return readable_cues(result, narration.duration_ms, line_chars, cue_lines)


def cue_spans(words: list[str], line_chars: int = LINE_CHARS, cue_lines: int = CUE_LINES) -> list[tuple[int, int]]:
    """(first, end) word indexes of a sentence's cues: as few as fit, of even length, so no tail is left alone."""
    lines = _wrap(words, line_chars)
    line_spans, first = [], 0
    for n in range(0, len(lines), cue_lines):
        end = first + sum(len(line) for line in lines[n : n + cue_lines])
        line_spans.append((first, end))
        first = end
    if len(line_spans) < 2:
        return line_spans
    # Split at the word ends nearest to equal shares of the characters ("…in major," / "statewide races." no more).
    ends = list(itertools.accumulate(len(w) + 1 for w in words))
    cuts = [
        min(range(1, len(words)), key=lambda i: abs(ends[i - 1] - ends[-1] * k / len(line_spans)))
        for k in range(1, len(line_spans))
    ]
    even = list(zip([0, *cuts], [*cuts, len(words)], strict=True))
    fits = all(b > a and len(_wrap(words[a:b], line_chars)) <= cue_lines for a, b in even)
    return even if fits else line_spans


def readable_cues(
    cues: list[Cue], duration_ms: int, line_chars: int = LINE_CHARS, cue_lines: int = CUE_LINES
) -> tuple[Cue, ...]:
    """Cues that each last MIN_CUE_MS: held through the pause after them, else joined to a neighbour that has room."""
    result: list[Cue] = []
    for n, cue in enumerate(cues):
        limit = cues[n + 1].start_ms if n + 1 < len(cues) else max(duration_ms, cue.end_ms)
        cue = Cue(cue.start_ms, max(cue.end_ms, min(cue.start_ms + MIN_CUE_MS, limit)), cue.lines)
        if result and _too_short(result[-1]) and _fits(result[-1], cue, line_chars, cue_lines):
            cue = _joined(result.pop(), cue, line_chars, cue_lines)  # a short cue joins the next
        elif result and _too_short(cue) and _fits(result[-1], cue, line_chars, cue_lines):
            cue = _joined(result.pop(), cue, line_chars, cue_lines)  # or the one before
        result.append(cue)
    return tuple(result)


def _too_short(cue: Cue) -> bool:
    """True for a cue on screen for less than MIN_CUE_MS."""
    return cue.end_ms - cue.start_ms < MIN_CUE_MS


def _fits(first: Cue, second: Cue, line_chars: int, cue_lines: int) -> bool:
    """True when both cues' words wrap onto one cue's lines."""
    return len(_wrap(" ".join((*first.lines, *second.lines)).split(), line_chars)) <= cue_lines


def _joined(first: Cue, second: Cue, line_chars: int, cue_lines: int) -> Cue:
    """One cue showing two consecutive cues' words for both their times."""
    words = " ".join((*first.lines, *second.lines)).split()
    count = len(_wrap(words, line_chars))
    return Cue(first.start_ms, second.end_ms, _balanced(words, line_chars, min(count, cue_lines)))


def to_vtt(narration: Narration) -> str:
    """A WebVTT transcript."""
    blocks = ["WEBVTT\n"]
    for cue in cues(narration):
        text = "\n".join(_vtt_escape(line) for line in cue.lines)
        blocks.append(f"{_timestamp(cue.start_ms, '.')} --> {_timestamp(cue.end_ms, '.')}\n{text}\n")
    return "\n".join(blocks)


def to_srt(narration: Narration) -> str:
    """An SRT transcript."""
    blocks = []
    for number, cue in enumerate(cues(narration), start=1):
        text = "\n".join(cue.lines)
        blocks.append(f"{number}\n{_timestamp(cue.start_ms, ',')} --> {_timestamp(cue.end_ms, ',')}\n{text}\n")
    return "\n".join(blocks)


def to_json_transcript(narration: Narration) -> str:
    """A Podcasting 2.0 JSON transcript: one segment per word where the engine timed words, else per sentence."""
    if any(t.words is not None for t in narration.segments):
        spans = [span for timed in narration.segments for span in word_spans(timed)]
    else:
        spans = [(s.text, s.start_ms, s.end_ms) for s in sentences(narration)]
    segments = [{"startTime": start / 1000, "endTime": end / 1000, "body": text} for text, start, end in spans]
    return json.dumps({"version": TRANSCRIPT_VERSION, "segments": segments}, ensure_ascii=False, indent=1) + "\n"


def to_json_chapters(chapters: tuple[Chapter, ...], title: str | None = None) -> str:
    """A Podcasting 2.0 JSON chapters file (application/json+chapters)."""
    data: dict[str, object] = {"version": CHAPTERS_VERSION}
    if title:
        data["title"] = title
    data["chapters"] = [
        {"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title} for c in chapters
    ]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def sylt_entries(narration: Narration) -> tuple[tuple[str, int], ...]:
    """(sentence, start ms) pairs for the MP3's SYLT frame."""
    return tuple((s.text, s.start_ms) for s in sentences(narration))


def transcript_text(narration: Narration) -> str:
    """The full transcript as plain text, a blank line between paragraphs (for USLT)."""
    paragraphs: list[list[str]] = []
    last = None
    for sentence in sentences(narration):
        if sentence.paragraph != last or not paragraphs:
            paragraphs.append([])
            last = sentence.paragraph
        paragraphs[-1].append(sentence.text)
    return "\n\n".join(" ".join(p) for p in paragraphs)


def write_sidecars(
    narration: Narration, script: Script, chapters: tuple[Chapter, ...], mp3_path: Path
) -> dict[str, Path]:
    """Write <stem>.vtt, .srt, .chapters.json and .transcript.json beside the MP3, each atomically."""
    mp3_path = Path(mp3_path)
    contents = {
        "vtt": to_vtt(narration),
        "srt": to_srt(narration),
        "chapters": to_json_chapters(chapters, script.title),
        "transcript": to_json_transcript(narration),
    }
    paths = {}
    for kind, text in contents.items():
        path = sidecar_path(mp3_path, kind)
        write_bytes_atomic(path, text.encode("utf-8"))
        paths[kind] = path
    return paths


def sidecar_path(mp3_path: Path, kind: str) -> Path:
    """Where the sidecar of `kind` (vtt, srt, chapters, transcript) for an MP3 goes."""
    return mp3_path.with_name(mp3_path.stem + SUFFIXES[kind])


def _sentence(group: list[TimedSegment]) -> Sentence:
    """Join the chunks of one sentence, remembering where each chunk sits in text and time."""
    parts: list[str] = []
    anchors: list[tuple[int, int]] = []
    offset = 0
    for timed in group:
        text = " ".join(timed.segment.text.split())
        if not text:
            continue
        if parts:
            offset += 1  # the joining space
        anchors += [(offset, timed.start_ms), (offset + len(text), timed.end_ms)]
        parts.append(text)
        offset += len(text)
    return Sentence(" ".join(parts), group[0].start_ms, group[-1].end_ms, group[0].segment.paragraph, tuple(anchors))


def _time_at(sentence: Sentence, offset: int) -> int:
    """When the character at `offset` is spoken: linear in characters within each chunk's real span."""
    import numpy as np  # here, not at the top: the up-to-date check reads sidecar names without loading numpy

    chars, times = zip(*sentence.anchors, strict=True)
    return round(float(np.interp(offset, chars, times)))


def _word_offsets(text: str, words: list[str]) -> list[tuple[int, int]]:
    """(start, end) character offsets of each word in `text`."""
    offsets, position = [], 0
    for word in words:
        start = text.index(word, position)
        position = start + len(word)
        offsets.append((start, position))
    return offsets


def _wrap(words: list[str], width: int) -> list[list[str]]:
    """Greedy word wrap; a word longer than `width` gets a line of its own."""
    lines: list[list[str]] = []
    length = 0
    for word in words:
        if lines and length + 1 + len(word) <= width:
            lines[-1].append(word)
            length += 1 + len(word)
        else:
            lines.append([word])
            length = len(word)
    return lines


def _balanced(words: list[str], width: int, count: int) -> tuple[str, ...]:
    """The words on `count` (1 or 2) lines, split where the longer line is shortest."""
    if count < 2 or len(words) < 2:
        return (" ".join(words),)
    best = min(range(1, len(words)), key=lambda k: max(len(" ".join(words[:k])), len(" ".join(words[k:]))))
    return (" ".join(words[:best]), " ".join(words[best:]))


def _timestamp(ms: int, separator: str) -> str:
    """HH:MM:SS.mmm (VTT) or HH:MM:SS,mmm (SRT)."""
    hours, rest = divmod(max(0, ms), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def _vtt_escape(text: str) -> str:
    """Escape the characters WebVTT cue text reserves."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
