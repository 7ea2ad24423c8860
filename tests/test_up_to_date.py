"""Two guarantees of the pipeline, each on its own.

Bad settings fail before any synthesis; an up-to-date rerun does nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import narrator
import narrator.pipeline
from narrator.engines.pool import EnginePool
from narrator.errors import NarratorError

ARTICLE = "# A Headline\n\nThe council met on Monday. It voted 5-4.\n\nA second paragraph follows here.\n"


@pytest.fixture
def engine_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every engine start and synthesis the pipeline asks for, recorded (and still done)."""
    calls: list[str] = []
    get, synthesize = EnginePool.get, narrator.pipeline.synthesize_script

    def recording_get(self: EnginePool, *args: object, **kwargs: object) -> object:
        calls.append(f"engine {args[0]}")
        return get(self, *args, **kwargs)  # type: ignore[arg-type]  # passed through as given

    def recording_synthesize(*args: object, **kwargs: object) -> object:
        calls.append("synthesize")
        return synthesize(*args, **kwargs)  # type: ignore[arg-type]  # passed through as given

    monkeypatch.setattr(EnginePool, "get", recording_get)
    monkeypatch.setattr(narrator.pipeline, "synthesize_script", recording_synthesize)
    yield calls


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _clips() -> list[Path]:
    return [p for p in Path(os.environ["NARRATOR_CACHE_DIR"]).rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("cover", "cover"),
        ("intro", "intro"),
        ("outro", "outro"),
        ("loudness", "-40"),
        ("bitrate", "bitrate"),
        ("voice", "close matches"),
        ("output", "is a file, not a folder"),
    ],
)
def test_a_bad_setting_fails_before_any_engine_call(
    setting: str, message: str, source: Path, tmp_path: Path, tone_profile: Path, engine_calls: list[str]
) -> None:
    (tmp_path / "not-image.jpg").write_text("just text")
    (tmp_path / "not-audio.mp3").write_text("just text")
    (tmp_path / "blocker").write_text("a file")
    settings = {"voice": tone_profile}
    output = tmp_path / "out.mp3"
    bad: dict[str, object] = {
        "cover": {"cover": tmp_path / "not-image.jpg"},
        "intro": {"intro": tmp_path / "not-audio.mp3"},
        "outro": {"outro": tmp_path / "not-audio.mp3"},
        "loudness": {"loudness_lufs": -40.0},
        "bitrate": {"bitrate_kbps": 65},
        "voice": {"voice": "defualt"},
        "output": {},
    }[setting]
    if setting == "output":
        output = tmp_path / "blocker" / "out.mp3"
    with pytest.raises(NarratorError, match=message):
        narrator.narrate(
            source,
            output,
            settings=narrator.settings_from_options(**{**settings, **bad}),  # type: ignore[arg-type]
        )
    assert engine_calls == [] and _clips() == []
    assert not (tmp_path / "out.mp3").exists()


def test_a_good_narration_is_seen_by_the_recorder(
    source: Path, tmp_path: Path, tone_profile: Path, engine_calls: list[str]
) -> None:
    # The recorder above must see real work, or its empty list proves nothing.
    narrator.narrate(source, tmp_path / "out.mp3", voice=tone_profile)
    assert "synthesize" in engine_calls and _clips()


def test_an_up_to_date_rerun_neither_synthesizes_nor_rewrites(
    source: Path, tmp_path: Path, tone_profile: Path, engine_calls: list[str]
) -> None:
    target = tmp_path / "out" / "a.mp3"
    first = narrator.narrate(source, target, voice=tone_profile)
    assert not first.skipped and "synthesize" in engine_calls
    before = target.stat()
    engine_calls.clear()
    second = narrator.narrate(source, target, voice=tone_profile)
    after = target.stat()
    assert second.skipped and second.audio == target
    assert engine_calls == []
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)
    assert (second.duration_ms, second.segments, second.title) == (first.duration_ms, first.segments, first.title)
