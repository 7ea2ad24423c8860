"""The one settings hash (NarrationSettings.digest, through pipeline.settings_digest) and the one settings builder."""

from __future__ import annotations

import dataclasses
import math
import wave
from collections.abc import Callable
from pathlib import Path

import pytest
from images import png_bytes

from narrator import settings as settings_module
from narrator.errors import SettingError, VoiceError
from narrator.metadata import ArticleOverrides
from narrator.options import settings_from_options
from narrator.pipeline import narrate_source, settings_digest
from narrator.settings import NarrationSettings
from narrator.voices import load_profile

ARTICLE = "# A Headline\n\nThe council met on Monday. It voted 5-4.\n\nA second paragraph follows here.\n"


def _digest(settings: NarrationSettings) -> str:
    return settings_digest(settings, ArticleOverrides())


def test_digest_is_stable_for_equal_settings() -> None:
    assert _digest(NarrationSettings(voice=load_profile("default"))) == _digest(
        NarrationSettings(voice=load_profile("default"))
    )


def test_a_change_to_the_shipped_lexicon_changes_the_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = NarrationSettings(voice=load_profile("joe"))
    before = _digest(settings)
    edited = tmp_path / "default_lexicon.toml"
    edited.write_text(
        settings_module.DEFAULT_LEXICON.read_text(encoding="utf-8").replace("ɹˈuːtə", "ɹˈʌtə"), encoding="utf-8"
    )
    monkeypatch.setattr(settings_module, "DEFAULT_LEXICON", edited)
    assert _digest(settings) != before


def test_a_run_lexicon_is_hashed_by_content(tmp_path: Path) -> None:
    extra = tmp_path / "words.toml"
    extra.write_text('[words]\n"Kyiv" = "keev"\n', encoding="utf-8")
    settings = NarrationSettings(voice=load_profile("default"), lexicons=(extra,))
    before = _digest(settings)
    extra.write_text('[words]\n"Kyiv" = "kee iv"\n', encoding="utf-8")
    assert _digest(settings) != before


def test_metadata_overrides_change_the_digest() -> None:
    settings = NarrationSettings(voice=load_profile("default"))
    assert settings_digest(settings, ArticleOverrides(title="Another")) != _digest(settings)


def _wav(path: Path) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(22050)
        frames = (int(8000 * math.sin(2 * math.pi * 440 * n / 22050)) for n in range(22050 // 2))
        out.writeframes(b"".join(f.to_bytes(2, "little", signed=True) for f in frames))
    return path


# Every field of NarrationSettings, and a change to it. Each must re-narrate, except `player`:
# the player page is rebuilt from the manifest and never changes the audio.
Change = Callable[[NarrationSettings, Path], NarrationSettings]
CHANGES: dict[str, Change] = {
    "voice": lambda s, tmp: s.with_voice(dataclasses.replace(s.voice, chunk_pause_ms=s.voice.chunk_pause_ms + 50)),
    "lexicons": lambda s, tmp: settings_from_options(s, lexicons=[_lexicon(tmp)]),
    "spoken_disclosure": lambda s, tmp: settings_from_options(s, spoken_disclosure=False),
    "normalize_loudness": lambda s, tmp: settings_from_options(s, normalize_loudness=False),
    "loudness_lufs": lambda s, tmp: settings_from_options(s, loudness_lufs=-18.0),
    "true_peak_dbtp": lambda s, tmp: dataclasses.replace(s, true_peak_dbtp=-2.0),
    "bitrate_kbps": lambda s, tmp: settings_from_options(s, bitrate_kbps=96),
    "stereo": lambda s, tmp: settings_from_options(s, stereo=True),
    "cover": lambda s, tmp: settings_from_options(s, cover=_png(tmp)),
    "intro": lambda s, tmp: settings_from_options(s, intro=_wav(tmp / "intro.wav")),
    "outro": lambda s, tmp: settings_from_options(s, outro=_wav(tmp / "outro.wav")),
    "pauses": lambda s, tmp: settings_from_options(s, sentence_pause_ms=900),
    "as_is": lambda s, tmp: settings_from_options(s, as_is=True),
    "player": lambda s, tmp: settings_from_options(s, player=False),
}


def _lexicon(tmp: Path) -> Path:
    path = tmp / "words.toml"
    path.write_text('[words]\n"council" = "kownsil"\n', encoding="utf-8")
    return path


def _png(tmp: Path) -> Path:
    path = tmp / "cover.png"
    path.write_bytes(png_bytes(1400, 1400))
    return path


def test_every_setting_is_classified() -> None:
    assert set(CHANGES) == {field.name for field in dataclasses.fields(NarrationSettings)}


@pytest.mark.parametrize("field", sorted(CHANGES))
def test_changing_a_setting_re_narrates_unless_it_is_the_player(field: str, tmp_path: Path, tone_profile: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "out" / "a.mp3"
    base = settings_from_options(voice=tone_profile)
    changed = CHANGES[field](base, tmp_path)
    assert changed != base
    assert not narrate_source(str(source), target, base).skipped
    assert narrate_source(str(source), target, base).skipped  # the same settings: up to date
    again = narrate_source(str(source), target, changed)
    assert again.skipped is (field == "player"), field


def test_from_options_builds_what_the_command_line_gives(tone_profile: Path, tmp_path: Path) -> None:
    settings = settings_from_options(
        voice=tone_profile, rate=1.5, sentence_pause_ms=400, loudness_lufs=-18, bitrate_kbps=96, player=False
    )
    assert settings.voice.rate == 1.5 and settings.voice.sentence_pause_ms == 400
    assert settings.pauses == (("sentence_pause_ms", 400), ("rate", 1.5))
    assert (settings.loudness_lufs, settings.bitrate_kbps, settings.player) == (-18.0, 96, False)
    # The overrides follow the voice: another profile keeps the run's rate and pauses.
    other = settings.with_voice(load_profile("default"))
    assert other.voice.name != settings.voice.name and other.voice.rate == 1.5
    assert settings_from_options(settings, spoken_disclosure=False).bitrate_kbps == 96  # base kept


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"loudness_lufs": "loud"}, "loudness_lufs must be a number, got 'loud'"),
        ({"bitrate_kbps": 64.5}, "bitrate_kbps must be a whole number"),
        ({"stereo": "yes"}, "stereo must be True or False"),
        ({"rate": 9.0}, "rate must be between 0.25 and 4"),
        ({"sentence_pause_ms": -1}, "sentence_pause_ms must be between 0 and 10000"),
        ({"lexicons": "words.toml"}, "lexicons must be a list of file names"),
        ({"cover": 3}, "cover must be a file name"),
        ({"voice": 3}, "voice must be a profile name"),
    ],
)
def test_a_bad_value_is_a_setting_error_in_one_line(options: dict[str, object], message: str) -> None:
    with pytest.raises(SettingError) as raised:
        settings_from_options(**options)  # type: ignore[arg-type]  # wrong types on purpose
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_an_unknown_voice_is_a_voice_error() -> None:
    with pytest.raises(VoiceError):
        settings_from_options(voice="defualt")
