"""Sidecars: WebVTT and SRT cues, Podcasting 2.0 JSON chapters and transcript, written atomically."""

from __future__ import annotations

import html
import itertools
import json
import re
from pathlib import Path

import pytest
import webvtt

from narrator.engines.tone_engine import ToneEngine
from narrator.master import make_chapters, stitch
from narrator.models import Narration, Script, Segment, VoiceProfile
from narrator.publish.sidecars import (
    LINE_CHARS,
    cues,
    sentences,
    sylt_entries,
    to_json_chapters,
    to_json_transcript,
    to_srt,
    to_vtt,
    transcript_text,
    write_sidecars,
)

TONE = VoiceProfile(name="t", engine="tone")
LONG_A = "The council, which met for eleven hours on Tuesday in a packed and noisy chamber,"
LONG_B = "approved a budget that cuts 12 bus routes & raises fares <by> 5% from 1 March."


def _seconds(stamp: str) -> float:
    """HH:MM:SS.mmm in seconds (webvtt-py's *_in_seconds drop the milliseconds)."""
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


@pytest.fixture
def narrated() -> tuple[Narration, Script]:
    segments = (
        Segment("Budget passes.", "Budget passes.", 0, 0, 0, "paragraph", 600),
        Segment(LONG_A, LONG_A, 1, 1, 1, "chunk", 150),  # one sentence spoken in two chunks
        Segment(LONG_B, LONG_B.replace("5%", "five percent"), 1, 1, 1, "sentence", 300),
        Segment("Critics objected.", "Critics objected.", 1, 1, 2, "end", 0),
    )
    script = Script("Budget", "en", segments, headings=(None, "The vote"))
    engine = ToneEngine()
    narration = stitch(script, [engine.synthesize(s.spoken, TONE) for s in segments])
    return Narration(
        narration.pcm, narration.sample_rate, narration.segments, make_chapters(narration, script, "Budget")
    ), script


def test_chunks_of_a_sentence_form_one_transcript_sentence(narrated: tuple[Narration, Script]) -> None:
    narration, _ = narrated
    found = sentences(narration)
    assert [s.text for s in found] == ["Budget passes.", f"{LONG_A} {LONG_B}", "Critics objected."]
    assert found[1].start_ms == narration.segments[1].start_ms and found[1].end_ms == narration.segments[2].end_ms
    assert sylt_entries(narration)[1] == (f"{LONG_A} {LONG_B}", narration.segments[1].start_ms)
    assert transcript_text(narration) == f"Budget passes.\n\n{LONG_A} {LONG_B} Critics objected."


def test_vtt_parses_with_short_lines_and_times_inside_the_audio(
    narrated: tuple[Narration, Script], tmp_path: Path
) -> None:
    narration, _ = narrated
    path = tmp_path / "a.vtt"
    path.write_text(to_vtt(narration), encoding="utf-8")
    parsed = list(webvtt.read(str(path)))
    assert len(parsed) >= 4  # the long sentence spreads over several cues
    previous_end = 0.0
    for caption in parsed:
        start, end = _seconds(caption.start), _seconds(caption.end)
        assert previous_end <= start < end <= narration.duration_ms / 1000
        previous_end = end
        lines = html.unescape(caption.text).splitlines()
        assert 1 <= len(lines) <= 2 and all(len(line) <= LINE_CHARS for line in lines)
    assert "&amp;" in path.read_text() and "&lt;by&gt;" in path.read_text()
    spoken_words = " ".join(c.raw_text.replace("\n", " ") for c in parsed)
    assert "5%" in spoken_words and "five percent" not in spoken_words  # the written text, not the spoken form


def test_long_sentence_cues_are_timed_within_its_real_span(narrated: tuple[Narration, Script]) -> None:
    narration, _ = narrated
    sentence = sentences(narration)[1]
    inside = [c for c in cues(narration) if sentence.start_ms <= c.start_ms < sentence.end_ms]
    assert len(inside) >= 2
    assert inside[0].start_ms == sentence.start_ms and inside[-1].end_ms == sentence.end_ms
    # The second chunk's first word starts with the second chunk's audio.
    first_of_b = next(
        c for c in inside if c.lines[0].startswith(LONG_B.split()[0]) or LONG_B.split()[0] in c.lines[0].split()
    )
    assert first_of_b.start_ms >= narration.segments[1].start_ms


def test_srt_is_well_formed(narrated: tuple[Narration, Script]) -> None:
    narration, _ = narrated
    blocks = to_srt(narration).strip().split("\n\n")
    stamp = r"\d\d:\d\d:\d\d,\d\d\d"
    for number, block in enumerate(blocks, start=1):
        lines = block.split("\n")
        assert lines[0] == str(number)
        assert re.fullmatch(f"{stamp} --> {stamp}", lines[1])
        assert 1 <= len(lines[2:]) <= 2


def test_json_sidecars(narrated: tuple[Narration, Script]) -> None:
    narration, _ = narrated
    chapters = json.loads(to_json_chapters(narration.chapters, "Budget"))
    assert chapters["version"] == "1.2.0"
    assert [(c["startTime"], c["title"]) for c in chapters["chapters"]] == [
        (0, "Budget"),
        (narration.segments[1].start_ms / 1000, "The vote"),
    ]
    transcript = json.loads(to_json_transcript(narration))
    assert transcript["version"] == "1.0.0"
    assert next(s["body"] for s in transcript["segments"]) == "Budget passes."
    assert all(s["startTime"] < s["endTime"] for s in transcript["segments"])


def test_write_sidecars_beside_the_mp3(narrated: tuple[Narration, Script], tmp_path: Path) -> None:
    narration, script = narrated
    mp3 = tmp_path / "budget.mp3"
    paths = write_sidecars(narration, script, narration.chapters, mp3)
    assert {k: p.name for k, p in paths.items()} == {
        "vtt": "budget.vtt",
        "srt": "budget.srt",
        "chapters": "budget.chapters.json",
        "transcript": "budget.transcript.json",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths.values())  # no temp files left
    assert paths["vtt"].read_text(encoding="utf-8") == to_vtt(narration)


def _narration_of(texts: list[str], pause_ms: int) -> Narration:
    """A tone narration of one-sentence paragraphs with `pause_ms` after each."""
    segments = tuple(
        Segment(t, t, 0, n, n, "paragraph" if n < len(texts) - 1 else "end", pause_ms) for n, t in enumerate(texts)
    )
    engine = ToneEngine()
    return stitch(Script("t", "en", segments), [engine.synthesize(s.spoken, TONE) for s in segments])


def test_no_cue_flashes_by_in_under_a_second() -> None:
    """Short sentences ("Streets.") hold through their pause, or join a neighbour with room."""
    texts = [
        "The council met on Tuesday to vote on the budget.",
        "Streets.",
        "and rail.",
        "Then the meeting closed after eleven hours.",
    ]
    for pause in (0, 300, 900):
        made = cues(_narration_of(texts, pause))
        assert all(c.end_ms - c.start_ms >= 1000 for c in made), (pause, made)
        assert all(a.end_ms <= b.start_ms for a, b in itertools.pairwise(made))
        words = " ".join(w for c in made for line in c.lines for w in line.split())
        assert words == " ".join(texts) and all(len(line) <= LINE_CHARS for c in made for line in c.lines)


def test_a_sentence_split_over_cues_leaves_no_short_tail() -> None:
    sentence = "Americans have gone to the polls four times this month to vote in major, statewide races."
    made = cues(_narration_of([sentence], 0))
    assert len(made) == 2 and all(c.end_ms - c.start_ms >= 1000 for c in made)
    lengths = [len(" ".join(c.lines)) for c in made]
    assert max(lengths) - min(lengths) <= 12, made
