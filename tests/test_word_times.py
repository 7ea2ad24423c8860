"""Word times: from eSpeak NG's word events, through the clip cache and stitching, onto the written words of the manifest and transcript."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from narrator import narrate
from narrator.engines import load_engine
from narrator.engines.word_times import word_times
from narrator.master.stitch import stitch
from narrator.models import Clip, Script, Segment, TimedSegment, VoiceProfile, WordTime
from narrator.publish.words import word_spans, written_words
from narrator.synthesize import ClipCache

RATE = 22050


def _bursts(spans_ms: list[tuple[int, int]], total_ms: int) -> bytes:
    """Silence with a loud tone in each (start, end) span."""
    samples = np.zeros(total_ms * RATE // 1000, dtype=np.float64)
    for start, end in spans_ms:
        t = np.arange(start * RATE // 1000, end * RATE // 1000)
        samples[t] = 8000 * np.sin(2 * np.pi * 220 * t / RATE)
    return samples.astype("<i2").tobytes()


def _sample(ms: int) -> int:
    return ms * RATE // 1000


def test_word_starts_come_from_events_and_ends_from_the_audio() -> None:
    pcm = _bursts([(100, 300), (400, 650), (700, 900)], 1000)
    # eSpeak reports words a little before their sound, sometimes on the space before them, sometimes twice.
    events = [(0, _sample(90)), (5, _sample(390)), (11, _sample(690)), (13, _sample(750))]
    words = word_times("alpha beta gamma", events, pcm, RATE)
    assert [(w.offset, w.length) for w in words] == [(0, 5), (6, 4), (11, 5)]
    assert [(w.start_ms, w.end_ms) for w in words] == [(100, 300), (400, 650), (700, 900)]


def test_a_word_without_an_event_gets_no_time() -> None:
    pcm = _bursts([(0, 200), (300, 500)], 600)
    words = word_times("one — two", [(0, 0), (6, _sample(300))], pcm, RATE)
    assert [(w.offset, w.start_ms, w.end_ms) for w in words] == [(0, 0, 200), (6, 300, 500)]


def _timed(text: str, spoken: str, times: list[tuple[int, int] | None]) -> TimedSegment:
    """A timed segment whose spoken words carry the given times, in order (None: the engine timed nothing there)."""
    offsets = [i for i, c in enumerate(spoken) if c != " " and (i == 0 or spoken[i - 1] == " ")]
    lengths = [len(w) for w in spoken.split()]
    words = tuple(WordTime(o, n, *t) for o, n, t in zip(offsets, lengths, times, strict=False) if t is not None)
    segment = Segment(text, spoken, 0, 0, 0, "end", 0)
    return TimedSegment(segment, words[0].start_ms, words[-1].end_ms, words)


def test_written_words_get_the_times_of_their_spoken_forms() -> None:
    text = "Costs rose $1.2 billion on Nov. 23."
    spoken = "Costs rose one point two billion dollars on November twenty-third."
    times = [
        (0, 100),
        (110, 200),
        (210, 300),
        (310, 400),
        (410, 500),
        (510, 600),
        (610, 700),
        (710, 800),
        (810, 900),
        (910, 1000),
    ]
    words = written_words(_timed(text, spoken, times))
    assert [(text[w.offset : w.offset + w.length], w.start_ms, w.end_ms) for w in words] == [
        ("Costs", 0, 100),
        ("rose", 110, 200),
        ("$1.2", 210, 500),  # one group: "one point two", never split by characters
        ("billion", 510, 600),  # "dollars" has no written word of its own
        ("on", 710, 800),
        ("Nov.", 810, 900),
        ("23.", 910, 1000),
    ]


def test_word_spans_give_back_the_whole_text() -> None:
    timed = _timed(
        "A 7-2 vote — final.",
        "A seven to two vote — final.",
        [(0, 50), (60, 100), (110, 150), (160, 200), (210, 260), None, (300, 400)],
    )
    spans = word_spans(timed)
    assert " ".join(text for text, _, _ in spans) == "A 7-2 vote — final."
    assert spans[1] == ("7-2", 60, 200)
    assert spans[2] == ("vote —", 210, 260)  # the unspoken dash stays with the word before it


def test_no_engine_word_times_means_no_written_word_times() -> None:
    segment = Segment("Hello there.", "Hello there.", 0, 0, 0, "end", 0)
    assert written_words(TimedSegment(segment, 0, 500)) is None
    assert word_spans(TimedSegment(segment, 0, 500)) == [("Hello there.", 0, 500)]


def test_espeak_reports_every_word_at_its_sound() -> None:
    engine = load_engine("pyttsx3", parallel=1)
    assert engine.word_timing
    text = "Residents of Besançon will pay ninety-six euros more a year, the café owner said."  # offsets count characters, not bytes
    try:
        clip = engine.synthesize(text, VoiceProfile("default", "pyttsx3", extra={"word_gap_ms": 20}))
    finally:
        engine.close()
    assert [text[w.offset : w.offset + w.length] for w in clip.words] == text.split()
    samples = np.abs(np.frombuffer(clip.pcm, dtype="<i2").astype(np.int32))
    for word, following in zip(clip.words, clip.words[1:], strict=False):
        assert word.start_ms < word.end_ms <= following.start_ms
    for word in clip.words:
        onset = samples[word.start_ms * clip.sample_rate // 1000 :][: clip.sample_rate // 100]
        assert onset.max() > 64  # sound where the word is said to start: measured, not estimated
    assert clip.words[-1].end_ms <= clip.duration_ms


def test_the_clip_cache_keeps_word_times_inside_a_valid_wav(tmp_path: Path) -> None:
    import soundfile

    cache = ClipCache(tmp_path)
    timed_clip = Clip(_bursts([(10, 90)], 100), RATE, words=(WordTime(0, 5, 10, 90), WordTime(6, 3, 91, 99)))
    cache.put("a" * 64, timed_clip)
    cache.put("b" * 64, Clip(timed_clip.pcm, RATE))
    assert cache.get("a" * 64, words=True) == timed_clip
    assert cache.get("b" * 64) == Clip(timed_clip.pcm, RATE)
    assert cache.get("b" * 64, words=True) is None  # cached before word timing: synthesize again
    samples, rate = soundfile.read(str(cache.folder / "aa" / f"{'a' * 64}.wav"), dtype="int16")
    assert rate == RATE and samples.tobytes() == timed_clip.pcm  # other WAV readers skip the words chunk
    assert cache.clear() == 2


def test_stitching_moves_word_times_with_the_trimmed_clip() -> None:
    segments = tuple(Segment(t, t, 0, 0, i, "sentence", 300) for i, t in enumerate(["First one.", "Second one."]))
    clips = [
        Clip(_bursts([(200, 400), (450, 700)], 900), RATE, words=(WordTime(0, 6, 200, 400), WordTime(6, 4, 450, 700))),
        Clip(_bursts([(100, 300)], 400), RATE, words=(WordTime(0, 7, 100, 300),)),
    ]
    narration = stitch(Script("T", "en", segments), clips)
    first, second = narration.segments
    # 200 ms of leading silence trimmed to the 10 ms margin: every time moves 190 ms earlier.
    assert [(w.start_ms, w.end_ms) for w in first.words] == [(10, 210), (260, 510)]
    assert [(w.start_ms - second.start_ms, w.end_ms - second.start_ms) for w in second.words] == [(10, 210)]
    assert first.shifted(1000).words[0] == WordTime(0, 6, 1010, 1210)


def test_an_espeak_narration_records_words_in_the_manifest_and_transcript(
    tmp_path: Path, sample_article: Path, tone_profile: Path
) -> None:
    narrate(sample_article, tmp_path / "story.mp3")
    manifest = json.loads((tmp_path / "story.manifest.json").read_text(encoding="utf-8"))
    for segment in manifest["segments"]:
        words = segment["words"]
        assert words and [w["start_ms"] for w in words] == sorted(w["start_ms"] for w in words)
        assert all(segment["start_ms"] <= w["start_ms"] <= w["end_ms"] <= segment["end_ms"] for w in words)
        assert all(segment["text"][w["offset"] :].startswith(w["text"]) for w in words)
    transcript = json.loads((tmp_path / "story.transcript.json").read_text(encoding="utf-8"))
    bodies = " ".join(s["body"] for s in transcript["segments"])
    assert bodies == " ".join(s["text"] for s in manifest["segments"])  # word segments, the whole text
    assert len(transcript["segments"]) > 2 * len(manifest["segments"])

    narrate(sample_article, tmp_path / "tone.mp3", voice=tone_profile)
    tone = json.loads((tmp_path / "tone.manifest.json").read_text(encoding="utf-8"))
    assert all("words" not in s for s in tone["segments"])  # the tone engine times no words: none are made up
    sentences = json.loads((tmp_path / "tone.transcript.json").read_text(encoding="utf-8"))["segments"]
    assert len(sentences) == len({s["sentence"] for s in tone["segments"]})
