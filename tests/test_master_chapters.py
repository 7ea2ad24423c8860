"""Chapters: one per heading, or at paragraph breaks every few minutes; contiguous and real-timed."""

from __future__ import annotations

import itertools

from narrator.engines.tone_engine import ToneEngine
from narrator.master import make_chapters, stitch
from narrator.master.chapters import MAX_CHAPTER_MS, MIN_CHAPTER_MS, shorten
from narrator.models import Narration, Script, Segment, TimedSegment, VoiceProfile

TONE = VoiceProfile(name="t", engine="tone")


def _narrate(sections: list[list[str]], headings: tuple[str | None, ...]) -> tuple[Narration, Script]:
    segments, sentence = [], 0
    for section, texts in enumerate(sections):
        for n, text in enumerate(texts):
            boundary = "section" if n == len(texts) - 1 else "sentence"
            segments.append(Segment(text, text, section, section, sentence, boundary, 400))
            sentence += 1
    script = Script(title="Budget", language="en", segments=tuple(segments), headings=headings)
    engine = ToneEngine()
    return stitch(script, [engine.synthesize(s.spoken, TONE) for s in script.segments]), script


def _assert_contiguous(chapters: tuple, duration: int) -> None:
    assert chapters[0].start_ms == 0
    assert chapters[-1].end_ms == duration
    for before, after in itertools.pairwise(chapters):
        assert before.end_ms == after.start_ms
        assert before.start_ms < before.end_ms


def test_one_chapter_per_heading_and_the_opening_is_named_after_the_title() -> None:
    narration, script = _narrate([["Intro text.", "More."], ["Costs rose."], ["Votes."]], (None, "Costs", "The vote"))
    chapters = make_chapters(narration, script, "Budget")
    assert [c.title for c in chapters] == ["Budget", "Costs", "The vote"]
    assert chapters[1].start_ms == narration.segments[2].start_ms
    assert chapters[2].start_ms == narration.segments[3].start_ms
    _assert_contiguous(chapters, narration.duration_ms)


def test_a_headed_first_section_names_the_first_chapter() -> None:
    narration, script = _narrate([["A."], ["B."], ["C."]], ("Start", None, "End"))
    chapters = make_chapters(narration, script, "Budget")
    assert [c.title for c in chapters] == ["Start", "End"]  # the untitled section stays in "Start"
    _assert_contiguous(chapters, narration.duration_ms)


def test_short_text_without_headings_is_one_chapter() -> None:
    narration, script = _narrate([["One.", "Two."]], ())
    assert make_chapters(narration, script, "Budget") == (make_chapters(narration, script, "Budget")[0],)
    assert make_chapters(narration, script, "Budget")[0].end_ms == narration.duration_ms


def test_long_text_without_headings_breaks_at_paragraphs_every_few_minutes() -> None:
    rate = 1000  # the audio itself does not matter here, only its length
    segments, position = [], 0
    for n in range(200):  # 200 paragraphs of 6 s plus a pause: about 21 minutes
        segment = Segment(f"Paragraph {n} begins here.", "x", 0, n, n, "paragraph", 400)
        segments.append(TimedSegment(segment, position, position + 6000))
        position += 6400
    narration = Narration(pcm=bytes(2 * position), sample_rate=rate, segments=tuple(segments))
    chapters = make_chapters(narration, Script("Long", "en", ()), "Long read")
    _assert_contiguous(chapters, narration.duration_ms)
    assert len(chapters) >= 4
    starts = {t.start_ms for t in segments}
    assert all(c.start_ms in starts for c in chapters)
    assert all(MIN_CHAPTER_MS <= c.end_ms - c.start_ms <= MAX_CHAPTER_MS for c in chapters)
    assert chapters[0].title == "Long read" and chapters[1].title.startswith("Paragraph")


def test_titles_are_shortened_at_word_boundaries() -> None:
    assert shorten("word " * 30, 20) == "word word word word…"
    assert shorten("short") == "short"


def test_empty_narration_has_no_chapters() -> None:
    assert make_chapters(Narration(b"", 22050, ()), Script("t", "en", ()), "t") == ()
