"""Engine registry, worker isolation, and the real pyttsx3 and Piper engines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from narrator.engines import engine_names, load_engine
from narrator.engines.base import IsolatedEngine
from narrator.engines.checks import check_clip
from narrator.engines.piper_engine import PiperEngine
from narrator.engines.worker import Worker
from narrator.errors import EngineError, VoiceError
from narrator.models import Clip, VoiceProfile
from narrator.voices import resolve_voice

ESPEAK = VoiceProfile(name="t", engine="pyttsx3", voice="gmw/en-us")
JOE = resolve_voice(VoiceProfile(name="j", engine="piper", voice="joe"))  # its model file found, as load_profile does
SENTENCE = "The Senate voted fifty-two to forty-eight on Tuesday."


def test_builtin_engines_register_through_entry_points() -> None:
    assert {"pyttsx3", "piper", "tone"} <= set(engine_names())


def test_unknown_engine_suggests_close_names() -> None:
    with pytest.raises(EngineError, match="did you mean piper"):
        load_engine("pipre")


def test_pyttsx3_speaks_a_plausible_clip() -> None:
    with load_engine("pyttsx3") as engine:
        clip = engine.synthesize(SENTENCE, ESPEAK)
    assert clip.sample_rate == 22050
    assert 1500 < clip.duration_ms < 8000
    assert check_clip(clip, SENTENCE) == ""


def test_pyttsx3_rate_changes_duration() -> None:
    fast = VoiceProfile(name="f", engine="pyttsx3", voice="gmw/en-us", rate=2.0)
    with load_engine("pyttsx3") as engine:
        normal = engine.synthesize(SENTENCE, ESPEAK).duration_ms
        quick = engine.synthesize(SENTENCE, fast).duration_ms
    assert quick < normal * 0.7


ESPEAK_BOTH_MODES = """
import ctypes, sys
from narrator.engines.espeak_library import ensure_espeak_library
ensure_espeak_library()
import pyttsx3
pyttsx3.init("espeak")
from narrator.engines.espeak_capture import EspeakCapture
capture = EspeakCapture()
synchronous = capture.synchronous
direct = capture.speak(sys.argv[1]).pcm
capture._espeak.dll.espeak_ng_InitializeOutput(0, 0, None)  # back to pyttsx3's retrieval mode
capture.synchronous = False
threaded = capture.speak(sys.argv[1]).pcm
# eSpeak varies a clip's length by a few samples from call to call, in either mode.
print(synchronous, len(direct) > 20000, abs(len(direct) - len(threaded)) < len(threaded) // 50)
"""


def test_espeak_synthesizes_synchronously_with_the_same_length_of_audio() -> None:
    # In a process of its own: eSpeak must not share the test process with Piper.
    result = subprocess.run(
        [sys.executable, "-c", ESPEAK_BOTH_MODES, SENTENCE], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "True", "True"]


def test_pyttsx3_word_gap_lengthens_only_the_profile_that_asks() -> None:
    gapped = VoiceProfile(name="g", engine="pyttsx3", voice="gmw/en-us", extra={"word_gap_ms": 50})
    with load_engine("pyttsx3") as engine:
        plain = engine.synthesize(SENTENCE, ESPEAK).duration_ms
        spaced = engine.synthesize(SENTENCE, gapped).duration_ms
        plain_again = engine.synthesize(SENTENCE, ESPEAK).duration_ms
    # Eight gaps of 50 ms between the sentence's nine words.
    assert 250 < spaced - plain < 650
    assert abs(plain_again - plain) < 50
    assert engine.cache_identity(gapped) != engine.cache_identity(ESPEAK)


@pytest.mark.parametrize("value", ["wide", -10, True, 5000])
def test_pyttsx3_bad_word_gap_is_a_voice_error(value: object) -> None:
    from narrator.engines.pyttsx3_engine import word_gap_units

    with pytest.raises(VoiceError, match="word_gap_ms must be a number of milliseconds"):
        word_gap_units(VoiceProfile(name="g", engine="pyttsx3", extra={"word_gap_ms": value}))


def test_pyttsx3_unknown_voice_lists_close_matches() -> None:
    with load_engine("pyttsx3") as engine, pytest.raises(VoiceError, match="gmw/en-us"):
        engine.check_voice(VoiceProfile(name="x", engine="pyttsx3", voice="gmw/en-uss"))


def test_pyttsx3_lists_system_voices() -> None:
    with load_engine("pyttsx3") as engine:
        ids = {v.id for v in engine.voices()}
    assert "gmw/en-us" in ids


def test_piper_joe_speaks() -> None:
    with load_engine("piper") as engine:
        clip = engine.synthesize(SENTENCE, JOE)
    assert clip.sample_rate == 22050
    assert 1500 < clip.duration_ms < 8000


def test_piper_reads_ipa_blocks_as_phonemes() -> None:
    """[[IPA]] is spoken, not skipped: the lexicon's phonemes reach the neural voice."""
    with load_engine("piper") as engine:
        assert engine.accepts_phonemes
        plain = engine.synthesize("Mark spoke.", JOE)
        with_name = engine.synthesize("Mark [[ɹˈuːtə]] spoke.", JOE)
    assert with_name.duration_ms > plain.duration_ms + 150


def test_both_engines_in_one_process_do_not_crash() -> None:
    """Loading pyttsx3's eSpeak and Piper's in one process segfaults; workers keep them apart."""
    with load_engine("pyttsx3") as espeak, load_engine("piper") as piper:
        first = espeak.synthesize(SENTENCE, ESPEAK)
        second = piper.synthesize(SENTENCE, JOE)
        third = espeak.synthesize("And back to eSpeak.", ESPEAK)
    assert min(first.duration_ms, second.duration_ms, third.duration_ms) > 500


def test_corrupt_piper_model_is_one_line(tmp_path: Path) -> None:
    model = tmp_path / "broken.onnx"
    model.write_bytes(b"not a model")
    (tmp_path / "broken.onnx.json").write_text('{"audio": {"sample_rate": 22050}}')
    with load_engine("piper") as engine, pytest.raises(VoiceError, match="cannot be loaded") as info:
        engine.check_voice(resolve_voice(VoiceProfile(name="b", engine="piper", voice=str(model))))
    assert "\n" not in str(info.value)


def test_unknown_piper_voice(tmp_path: Path) -> None:
    # Model search is narrator.voices': the profile fails to resolve, before any engine starts.
    with pytest.raises(VoiceError, match="unknown Piper voice 'jose'; close matches: joe"):
        resolve_voice(VoiceProfile(name="b", engine="piper", voice="jose"))


def test_an_unresolved_piper_profile_is_a_one_line_error() -> None:
    """Engines get model files as data: a profile that never went through narrator.voices is refused, not searched."""
    with load_engine("piper") as engine, pytest.raises(VoiceError, match="has no model file") as info:
        engine.check_voice(VoiceProfile(name="b", engine="piper", voice="joe"))
    assert "\n" not in str(info.value)


@pytest.fixture
def test_backends(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the worker import tests/engine_backends.py."""
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent))


@pytest.mark.usefixtures("test_backends")
def test_worker_crash_becomes_engine_error_and_worker_restarts(capfd: pytest.CaptureFixture[str]) -> None:
    worker = Worker("engine_backends:CrashingBackend", "crashy")
    with pytest.raises(EngineError, match=r"died \(signal 11 \(SIGSEGV\)\)"):
        worker.call("synthesize", "hi", ESPEAK)
    assert worker.call("voices") == []  # a fresh worker was started
    with pytest.raises(VoiceError, match="no voice"):
        worker.call("check_voice", ESPEAK)
    worker.close()
    assert "must not reach" not in capfd.readouterr().out


@pytest.mark.usefixtures("test_backends")
def test_worker_start_failure_is_reported() -> None:
    worker = Worker("engine_backends:BrokenBackend", "broken")
    with pytest.raises(EngineError, match="native library missing"):
        worker.call("voices")


def test_an_engine_process_that_cannot_be_started_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    worker = Worker("narrator.engines.tone_engine:ToneEngine", "tone")
    with pytest.raises(EngineError, match=r"^cannot start the tone engine process \(No such file or directory\)$"):
        worker.call("voices")


def test_an_engine_process_that_dies_importing_prints_no_traceback(capfd: pytest.CaptureFixture[str]) -> None:
    worker = Worker("no_such_module_anywhere:Backend", "missing")
    with pytest.raises(EngineError, match="No module named"):
        worker.call("voices")
    worker.close()
    assert "Traceback" not in capfd.readouterr().err


def test_an_engine_process_loads_its_module_once_and_warns_of_nothing(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NARRATOR_DEBUG", "1")  # the worker's standard error reaches ours
    worker = Worker("narrator.engines.tone_engine:ToneEngine", "tone")
    assert [voice.id for voice in worker.call("voices")] == ["sine"]
    worker.close()
    # `python -m narrator.engines.worker` ran the module a second time as __main__, after
    # narrator.engines had imported it: a RuntimeWarning on every engine start.
    assert capfd.readouterr().err == ""


class SleepyEngine(IsolatedEngine):
    """Workers running tests/engine_backends.py's SleepyBackend."""

    name = "sleepy"
    backend = "engine_backends:SleepyBackend"

    def voices(self) -> list:
        return []


@pytest.mark.usefixtures("test_backends")
def test_free_workers_take_the_next_segment_longest_first() -> None:
    long_text = "one two three four five six seven"
    texts = ["a", "b", long_text, "c", "d", "e", "f"]
    with SleepyEngine(parallel=2) as engine:
        results = engine.synthesize_many(texts, ESPEAK)
    assert [text for _, text, _ in results] == texts  # in order, whoever spoke them
    speakers = {pid for pid, text, _ in results if text == long_text}
    # The long segment goes first; the other worker reads all six short ones meanwhile.
    assert [text for pid, text, _ in results if pid in speakers] == [long_text]


@pytest.mark.usefixtures("test_backends")
def test_prepare_loads_the_voice_on_every_worker_and_its_error_does_not_leak() -> None:
    with SleepyEngine(parallel=2) as engine:
        engine.prepare(VoiceProfile(name="v", engine="sleepy", voice="warm"))
        results = engine.synthesize_many(["x", "y", "z"], ESPEAK)
        assert {warmed for _, _, warmed in results} == {("warm",)}
        assert len({pid for pid, _, _ in results}) == 2
        engine.prepare(VoiceProfile(name="v", engine="sleepy", voice="bad"))
        assert engine.synthesize("w", ESPEAK)[2] == ("warm", "bad")  # the failed warm-up was only a warm-up
        with pytest.raises(VoiceError, match="no voice 'bad'"):
            engine.check_voice(VoiceProfile(name="v", engine="sleepy", voice="bad"))


def test_check_clip_flags_empty_short_and_silent_audio() -> None:
    assert check_clip(Clip(b"", 22050), SENTENCE) == "no audio written"
    assert "too short" in check_clip(Clip(b"\x10\x20" * 100, 22050), SENTENCE)
    assert check_clip(Clip(b"\x00\x00" * 22050 * 3, 22050), SENTENCE) == "the audio is silent"


def test_tone_engine_is_exact() -> None:
    from narrator.engines.tone_engine import PADDING_MS, tone_duration_ms

    with load_engine("tone") as engine:
        clip = engine.synthesize("abcdefghij", VoiceProfile(name="t", engine="tone"))
    assert clip.duration_ms == pytest.approx(tone_duration_ms("abcdefghij") + 2 * PADDING_MS, abs=0.1)


def test_parallel_workers_return_clips_in_order() -> None:
    texts = [
        "One.",
        "One two three four.",
        "One two three four five six seven eight.",
        "Yes.",
        "One two three four five six seven eight nine ten eleven twelve.",
    ]
    with load_engine("pyttsx3", parallel=2) as engine:
        clips = engine.synthesize_many(texts, ESPEAK)
        alone = [engine.synthesize(text, ESPEAK) for text in texts]
    # eSpeak's output varies slightly between calls; the order shows in the lengths.
    assert [c.duration_ms for c in clips] == pytest.approx([c.duration_ms for c in alone], rel=0.1)
    assert clips[4].duration_ms > clips[2].duration_ms > clips[1].duration_ms > clips[3].duration_ms


@pytest.mark.parametrize(("parallel", "cores", "threads"), [(1, 1, 1), (2, 2, 1), (1, 2, 2), (2, 4, 2), (4, 2, 1)])
def test_engine_workers_split_the_cores_they_are_given(parallel: int, cores: int, threads: int) -> None:
    # A batch item worker hands its engine its share of the cores; more native threads than cores only spin.
    engine = PiperEngine(parallel=parallel, cores=cores)
    assert [worker._threads for worker in engine._workers] == [threads] * parallel
