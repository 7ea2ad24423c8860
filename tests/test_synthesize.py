"""The clip cache: reuse, damage tolerance, and identity."""

from __future__ import annotations

import hashlib
import wave
from pathlib import Path

from narrator.engines.tone_engine import ToneEngine
from narrator.models import Clip, Script, Segment, VoiceProfile, WordTime
from narrator.synthesize import ClipCache, synthesize_script

TONE = VoiceProfile(name="t", engine="tone")


class CountingEngine(ToneEngine):
    """A tone engine that counts its calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def synthesize(self, text, voice):
        self.calls.append(text)
        return super().synthesize(text, voice)


def _script(*texts: str) -> Script:
    segments = tuple(Segment(t, t, 0, 0, i, "sentence", 100) for i, t in enumerate(texts))
    return Script("t", "en", segments)


def test_cached_segments_are_not_resynthesized(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    engine = CountingEngine()
    first = synthesize_script(_script("one", "two"), TONE, engine, cache=cache)
    engine.calls.clear()
    second = synthesize_script(_script("one", "changed", "two"), TONE, engine, cache=cache)
    assert engine.calls == ["changed"]
    assert second[0] == first[0] and second[2] == first[1]


def test_damaged_cache_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    engine = CountingEngine()
    synthesize_script(_script("one"), TONE, engine, cache=cache)
    for entry in (tmp_path / "clips").rglob("*.wav"):
        entry.write_bytes(b"RIFF garbage")
    engine.calls.clear()
    synthesize_script(_script("one"), TONE, engine, cache=cache)
    assert engine.calls == ["one"]


def test_voice_settings_are_part_of_the_key(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    engine = CountingEngine()
    synthesize_script(_script("one"), TONE, engine, cache=cache)
    louder = VoiceProfile(name="t", engine="tone", voice="other")
    engine.calls.clear()
    synthesize_script(_script("one"), louder, engine, cache=cache)
    assert engine.calls == ["one"]


def test_fully_cached_script_never_touches_the_engine(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    synthesize_script(_script("one", "two"), TONE, CountingEngine(), cache=cache)

    class Unavailable(CountingEngine):
        def check_voice(self, voice):
            raise AssertionError("the engine was started")

    engine = Unavailable()
    clips = synthesize_script(_script("two", "one"), TONE, engine, cache=cache)
    assert len(clips) == 2 and engine.calls == []


def _cache_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in (folder / "clips").rglob("*.wav"))


def test_the_cache_cap_holds_while_clips_are_stored(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NARRATOR_CACHE_MAX_MB", "1")
    cache = ClipCache(tmp_path)
    engine = CountingEngine()
    clip = engine.synthesize("a sentence of some length to give the clip a size", TONE)
    largest = 0
    for number in range(60):  # like one long batch item after another, never ending
        cache.put(ClipCache.key("tone:x", str(number)), clip)
        largest = max(largest, _cache_bytes(tmp_path))
    assert 60 * len(clip.pcm) > 3 * 1024**2  # without pruning the cache would hold over 3 MiB
    assert largest <= 1024**2 + (1 << 20)  # the cap, plus at most one pruning step


def test_a_narration_leaves_the_cache_within_its_cap(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NARRATOR_CACHE_MAX_MB", "0.05")
    cache = ClipCache(tmp_path)
    synthesize_script(_script(*(f"sentence number {n}" for n in range(20))), TONE, CountingEngine(), cache=cache)
    assert 0 < _cache_bytes(tmp_path) <= 0.05 * 1024**2


def test_a_fully_cached_rerun_reads_each_clips_audio_once(tmp_path: Path, monkeypatch) -> None:
    cache = ClipCache(tmp_path)
    synthesize_script(_script("one", "two", "three"), TONE, CountingEngine(), cache=cache)
    reads: list[int] = []
    real_readframes = wave.Wave_read.readframes

    def counting_readframes(self: wave.Wave_read, frames: int) -> bytes:
        reads.append(frames)
        return real_readframes(self, frames)

    monkeypatch.setattr(wave.Wave_read, "readframes", counting_readframes)
    clips = synthesize_script(_script("one", "two", "three"), TONE, CountingEngine(), cache=cache)
    assert reads == []  # finding the clips cached read none of their audio
    assert [clip.duration_ms > 0 for clip in clips] == [True] * 3 and len(reads) == 3


def test_has_agrees_with_get_on_damaged_entries_and_missing_word_times(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    timed = Clip(b"\x01\x02" * 500, 22050, words=(WordTime(0, 3, 0, 20),))
    cache.put("a" * 64, timed)
    whole = (cache.folder / "aa" / f"{'a' * 64}.wav").read_bytes()
    audio_at = whole.index(b"data") + 8
    words_at = whole.index(b"nrtw")
    entries = {
        "whole": (whole, True, True),
        "without words": (whole[:words_at], True, False),
        "words cut short": (whole[:-3], True, False),
        "words damaged": (whole[: words_at + 8] + b"x" * (len(whole) - words_at - 8), True, False),
        "audio cut short": (whole[: audio_at + 1], True, False),
        "no audio left": (whole[:audio_at], False, False),
        "no frames": (whole[: audio_at - 4] + b"\x00\x00\x00\x00", False, False),
        "header cut short": (whole[:30], False, False),
        "garbage": (b"RIFF garbage", False, False),
    }
    for name, (data, readable, with_words) in entries.items():
        key = hashlib.sha256(name.encode()).hexdigest()
        cache._path(key).parent.mkdir(parents=True, exist_ok=True)
        cache._path(key).write_bytes(data)
        for words, expected in ((False, readable), (True, with_words)):
            assert cache.has(key, words=words) is expected, (name, words)
            assert (cache.get(key, words=words) is not None) is expected, (name, words)
    assert not cache.has("f" * 64)
