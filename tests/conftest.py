"""Shared fixtures: every test gets its own cache and config folders."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the clip cache and the per-user config folder at temporary folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NARRATOR_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))


@pytest.fixture
def sample_article() -> Path:
    """The news-style sample article shipped in samples/."""
    return SAMPLES / "city-budget.md"


@pytest.fixture
def tone_profile(tmp_path: Path) -> Path:
    """A voice profile file using the deterministic tone engine."""
    path = tmp_path / "tone.toml"
    path.write_text(
        'engine = "tone"\nsentence_pause_ms = 300\nparagraph_pause_ms = 700\nsection_pause_ms = 1100\nchunk_pause_ms = 120\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="session")
def library_narrations(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A short article narrated with eSpeak, with and without the lexicon's Rutte entry (for the listening check)."""
    from broken_audio import narrate_library

    return narrate_library(tmp_path_factory.mktemp("narrations"))
