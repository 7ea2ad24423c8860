"""Choosing a voice: ENGINE:VOICE on the command line, --rate, the article's language, licences, what is recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3

from narrator.cli import main
from narrator.engines import load_engine
from narrator.engines.piper_engine import PiperEngine
from narrator.errors import EngineError
from narrator.models import VoiceProfile
from narrator.voices import load_profile, voice_for_article, voice_language

SPANISH = "El Congreso aprueba el presupuesto\n\nEl Congreso aprobó el martes el presupuesto de la ciudad.\n"


def test_engine_and_voice_make_a_profile_without_a_file() -> None:
    kokoro = load_profile("kokoro:bf_emma")
    assert (kokoro.engine, kokoro.voice, kokoro.language) == ("kokoro", "bf_emma", "en-GB")
    espeak = load_profile("espeak:en-gb")
    assert (espeak.engine, espeak.voice, espeak.language) == ("pyttsx3", "en-gb", "en-GB")
    with pytest.raises(EngineError, match="unknown engine 'kokor'"):
        load_profile("kokor:af_heart")


def test_espeak_language_voice_narrates(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text("Council backs the budget\n\nThe council approved the budget.\n", encoding="utf-8")
    target = tmp_path / "story.mp3"
    result = CliRunner().invoke(main, ["narrate", str(source), "-o", str(target), "--voice", "espeak:en-gb"])
    assert result.exit_code == 0, result.output
    manifest = json.loads(target.with_suffix(".manifest.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == {"engine": "pyttsx3", "model": "", "voice": "en-gb"}
    assert ID3(target)["TXXX:TTS voice"].text[0] == "en-gb"


def test_rate_option_overrides_the_profile(tmp_path: Path, tone_profile: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text("Title\n\nOne sentence here.\n", encoding="utf-8")
    target = tmp_path / "story.mp3"
    result = CliRunner().invoke(
        main, ["narrate", str(source), "-o", str(target), "--voice", str(tone_profile), "--rate", "1.5"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(target.with_suffix(".manifest.json").read_text(encoding="utf-8"))["voice"]["rate"] == 1.5
    bad = CliRunner().invoke(main, ["narrate", str(source), "--voice", str(tone_profile), "--rate", "9"])
    assert bad.exit_code != 0 and "--rate" in bad.output


def test_an_article_in_another_language_gets_the_engines_voice_for_it() -> None:
    news = load_profile("news")
    with load_engine("kokoro", parallel=1) as kokoro:
        chosen, warnings = voice_for_article(news, "es", kokoro)
        same, none = voice_for_article(news, "en-GB", kokoro)
    assert chosen.voice.startswith(("ef_", "em_")) and chosen.language == "es"
    assert chosen.disclosure.startswith("Este audio") and "ef_" in warnings[0]
    assert same is news and none == []


def test_no_voice_for_the_language_is_a_warning_not_silence(tmp_path: Path) -> None:
    joe = VoiceProfile(name="joe", engine="piper", voice="joe")
    with load_engine("piper", parallel=1) as piper:
        chosen, warnings = voice_for_article(joe, "es", piper)
    assert chosen is joe and "has no es voice" in warnings[0]


def test_spanish_article_is_read_by_a_spanish_kokoro_voice(tmp_path: Path) -> None:
    source = tmp_path / "es.txt"
    source.write_text(SPANISH, encoding="utf-8")
    target = tmp_path / "es.mp3"
    result = CliRunner().invoke(
        main, ["narrate", str(source), "-o", str(target), "--voice", "news", "--language", "es"]
    )
    assert result.exit_code == 0, result.output
    assert "warning: the article is in 'es'" in result.output
    manifest = json.loads(target.with_suffix(".manifest.json").read_text(encoding="utf-8"))
    assert manifest["engine"]["voice"].startswith(("ef_", "em_"))
    assert manifest["segments"][0]["spoken"].startswith("Este audio")


def test_voices_shows_language_licence_and_commercial_use() -> None:
    result = CliRunner().invoke(main, ["voices", "--json"])
    assert result.exit_code == 0, result.output
    profiles = {p["name"]: p for p in json.loads(result.output)["profiles"]}
    assert profiles["news"]["commercial_use"] == "yes" and "Apache-2.0" in profiles["news"]["licence"]
    assert (
        "lessac" in profiles["joe"]["licence"] and "does not allow commercial use" in profiles["joe"]["commercial_use"]
    )
    assert {profiles[n]["language"] for n in ("kokoro-heart", "kokoro-michael", "kokoro-emma", "kokoro-george")} == {
        "en-US",
        "en-GB",
    }
    text = CliRunner().invoke(main, ["voices", "--engine", "kokoro"])
    assert "commercial use: yes" in text.output and "bf_emma" in text.output


def test_piper_voice_language_comes_from_the_model_not_the_short_name() -> None:
    assert voice_language(PiperEngine, "joe") == "en-US"  # the generic reader took "joe" for a language tag
    assert voice_language(PiperEngine, "no-such-model") is None
