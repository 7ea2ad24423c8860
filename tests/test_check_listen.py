"""The listening check end to end: real eSpeak narrations heard by the real recognizer (Whisper tiny.en)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from broken_audio import ARTICLE, broken_copy, silenced, swapped, truncated

from narrator.check import CheckOptions, check_narration, write_lexicon
from narrator.publish import manifest_path_for, read_manifest

LOOK_ONLY = CheckOptions(store=False)


def flagged(report) -> dict[int, tuple[str, ...]]:
    """Flagged segment index → its problems."""
    return {s.index: s.problems for s in report.flagged}


def test_a_clean_narration_passes_and_its_manifest_keeps_the_summary(library_narrations: dict[str, Path]) -> None:
    clean = library_narrations["clean"]
    report = check_narration(clean)
    assert report.passed, flagged(report)
    assert report.wer < 0.1 and report.recognizer == "Whisper tiny.en" and report.limits
    assert not report.spec.problems and abs(report.spec.loudness_lufs + 16) <= 1
    stored = json.loads(manifest_path_for(clean).read_text(encoding="utf-8"))["check"]
    assert read_manifest(manifest_path_for(clean)).check == stored  # the manifest reader keeps it
    assert (
        stored["passed"] is True and stored["recognizer"] == "Whisper tiny.en" and "not a certainty" in stored["note"]
    )


def test_a_segment_replaced_by_silence_is_caught(library_narrations: dict[str, Path], tmp_path: Path) -> None:
    report = check_narration(broken_copy(library_narrations["clean"], tmp_path / "silent.mp3", silenced(2)), LOOK_ONLY)
    assert not report.passed and "silent" in flagged(report)[2]
    assert report.warnings == ("the MP3 is not the one its manifest was written for",)


def test_a_segment_replaced_by_another_sentences_audio_is_caught(
    library_narrations: dict[str, Path], tmp_path: Path
) -> None:
    report = check_narration(
        broken_copy(library_narrations["clean"], tmp_path / "swapped.mp3", swapped(4, 6)), LOOK_ONLY
    )
    assert not report.passed and "sounds like #6" in flagged(report)[4]
    assert "residents" in report.sentences[4].heard.lower()


def test_a_truncated_segment_is_caught(library_narrations: dict[str, Path], tmp_path: Path) -> None:
    report = check_narration(broken_copy(library_narrations["clean"], tmp_path / "cut.mp3", truncated(3)), LOOK_ONLY)
    assert not report.passed and "truncated" in flagged(report)[3]


def test_a_name_said_wrong_is_flagged_in_each_of_its_sentences(library_narrations: dict[str, Path]) -> None:
    report = check_narration(library_narrations["no_entry"], LOOK_ONLY)
    assert not report.passed
    assert {i for i, problems in flagged(report).items() if "name misheard: rutte" in problems} == {3, 5}
    assert report.names[0].name == "rutte" and report.names[0].flagged
    assert report.misheard_words()[0][0] == "rutte"  # names first
    (suggestion,) = report.suggestions
    assert suggestion.word == "Rutte" and suggestion.respelling and suggestion.phonemes and not suggestion.tried


def test_try_keeps_the_best_heard_respelling_and_its_lexicon_fixes_the_narration(
    library_narrations: dict[str, Path], tmp_path: Path
) -> None:
    from narrator import narrate

    report = check_narration(library_narrations["no_entry"], CheckOptions(store=False, try_candidates=True))
    (suggestion,) = report.suggestions
    assert suggestion.tried and suggestion.tried_sentences == 2 and suggestion.heard_right >= 1
    lexicon = tmp_path / "suggested.toml"
    write_lexicon(lexicon, report.suggestions, "no-entry.mp3")
    # Without the shipped entry, the suggested lexicon alone (passed last, so it wins) makes the name heard right.
    fixed = narrate(str(ARTICLE), tmp_path / "fixed.mp3", lexicons=[library_narrations["undo_lexicon"], lexicon]).audio
    assert "rutte" not in {n.name for n in check_narration(fixed, LOOK_ONLY).names if n.flagged}


def test_the_mp3_is_decoded_once_into_the_samples_faster_whisper_would_give_at_each_rate(
    library_narrations: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import av
    from faster_whisper import decode_audio

    from narrator.check.recognizer import SAMPLE_RATE, decode_at
    from narrator.check.signal import RATE

    clean = library_narrations["clean"]
    opened: list[str] = []
    real_open = av.open

    def counting_open(file: str, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(av, "open", counting_open)
    check_narration(clean, LOOK_ONLY)
    assert opened == [str(clean)]  # the recognizer's samples and the level checks' come from one decode
    monkeypatch.undo()
    heard16, full = decode_at(clean, (SAMPLE_RATE, RATE))
    assert np.array_equal(heard16, decode_audio(str(clean), sampling_rate=SAMPLE_RATE))
    assert np.array_equal(full, decode_audio(str(clean), sampling_rate=RATE))
