"""The settings digest that decides whether a narration is up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator import settings as settings_module
from narrator.settings import NarrationSettings
from narrator.voices import load_profile


def test_digest_is_stable_for_equal_settings() -> None:
    assert (
        NarrationSettings(voice=load_profile("default")).digest()
        == NarrationSettings(voice=load_profile("default")).digest()
    )


def test_a_change_to_the_shipped_lexicon_changes_the_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = NarrationSettings(voice=load_profile("joe"))
    before = settings.digest()
    edited = tmp_path / "default_lexicon.toml"
    edited.write_text(
        settings_module.DEFAULT_LEXICON.read_text(encoding="utf-8").replace("ɹˈuːtə", "ɹˈʌtə"), encoding="utf-8"
    )
    monkeypatch.setattr(settings_module, "DEFAULT_LEXICON", edited)
    assert settings.digest() != before


def test_a_run_lexicon_is_hashed_by_content(tmp_path: Path) -> None:
    extra = tmp_path / "words.toml"
    extra.write_text('[words]\n"Kyiv" = "keev"\n', encoding="utf-8")
    settings = NarrationSettings(voice=load_profile("default"), lexicons=(extra,))
    before = settings.digest()
    extra.write_text('[words]\n"Kyiv" = "kee iv"\n', encoding="utf-8")
    assert settings.digest() != before
