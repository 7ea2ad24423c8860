"""The clip cache: reuse, damage tolerance, and identity."""

from __future__ import annotations

from pathlib import Path

from narrator.engines.tone_engine import ToneEngine
from narrator.models import Script, Segment, VoiceProfile
from narrator.synthesize import ClipCache, synthesize_script

TONE = VoiceProfile(name="t", engine="tone")


class CountingEngine(ToneEngine):
    """A tone engine that counts its calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def synthesize(self, text, voice):  # noqa: ANN001, ANN201
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
        def check_voice(self, voice):  # noqa: ANN001, ANN201
            raise AssertionError("the engine was started")

    engine = Unavailable()
    clips = synthesize_script(_script("two", "one"), TONE, engine, cache=cache)
    assert len(clips) == 2 and engine.calls == []
