"""Voice profiles: shipped, per-user and by path; validation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from narrator.errors import VoiceError
from narrator.voices import load_profile, profile_names, user_folder


def test_shipped_profiles_exist() -> None:
    assert {"default", "joe", "fast"} <= set(profile_names())
    default = load_profile("default")
    assert (default.engine, default.voice, default.language) == ("pyttsx3", "gmw/en-us", "en-US")
    assert load_profile("joe").engine == "piper"
    assert load_profile("fast").rate > 1.3


def test_unknown_profile_lists_close_matches() -> None:
    with pytest.raises(VoiceError, match="close matches: default"):
        load_profile("defualt")


def test_profile_from_path_resolves_relative_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('engine = "tone"\nrate = 1.2\nlexicon = "words.toml"\n', encoding="utf-8")
    profile = load_profile(str(path))
    assert profile.name == "mine" and profile.rate == 1.2
    assert profile.lexicon == tmp_path / "words.toml"


def test_user_profiles_are_found() -> None:
    user_folder().mkdir(parents=True)
    (user_folder() / "slow.toml").write_text('engine = "tone"\nrate = 0.8\n', encoding="utf-8")
    assert load_profile("slow").rate == 0.8


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("engine = ", "not valid TOML"),
        ('voice = "x"\n', "'engine' is required"),
        ('engine = "tone"\nspeed = 2\n', "unknown setting 'speed'"),
        ('engine = "tone"\nrate = 9\n', "rate = 9 is outside"),
        ('engine = "tone"\nsentence_pause_ms = "long"\n', "must be a number"),
    ],
)
def test_invalid_profiles_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VoiceError, match=message):
        load_profile(str(path))


def test_missing_profile_file(tmp_path: Path) -> None:
    with pytest.raises(VoiceError, match="not found"):
        load_profile(str(tmp_path / "nope.toml"))


def test_profiles_are_found_from_a_source_tree_without_the_voices_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m narrator` in the repository imports ./narrator: voices/ is not the narrator.voices.shipped package."""
    import sys

    monkeypatch.setitem(sys.modules, "narrator.voices.shipped", None)
    from narrator.voices import shipped_folder

    assert (shipped_folder() / "default.toml").is_file()
    assert load_profile("default").engine == "pyttsx3"


@pytest.mark.parametrize(
    ("text", "message"),
    [('engine = "tone"\nvoice = 3\n', "voice must be a string"), ('engine = "tone"\nextra = "x"\n', "[extra]")],
)
def test_profile_value_types_are_checked(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VoiceError, match=message):
        load_profile(str(path))


def test_a_lexicon_in_the_voices_folder_is_a_lexicon_not_an_invalid_voice() -> None:
    import json

    from click.testing import CliRunner

    from narrator.cli import main

    user_folder().mkdir(parents=True)
    lexicon = user_folder() / "names.toml"
    lexicon.write_text('[words]\n"Rutte" = "rutta"\n\n[acronyms]\nsay = ["NATO"]\n', encoding="utf-8")
    (user_folder() / "broken.toml").write_text("rate = 1.2\n", encoding="utf-8")
    assert "names" not in profile_names() and "broken" in profile_names()
    data = json.loads(CliRunner().invoke(main, ["voices", "--engine", "tone", "--json"]).output)
    assert data["lexicons"] == [{"name": "names", "path": str(lexicon)}]
    assert not any(p["name"] == "names" for p in data["profiles"])
    assert any(p["name"] == "broken" and p["description"].startswith("invalid") for p in data["profiles"])
    text = CliRunner().invoke(main, ["voices", "--engine", "tone"]).output
    assert "Pronunciation lexicons" in text and "names" in text.split("Pronunciation lexicons")[1]
    with pytest.raises(VoiceError, match="is a pronunciation lexicon, not a voice profile: use it with --lexicon"):
        load_profile("names")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_the_voices_folder_does_not_hang_the_listing() -> None:
    folder = user_folder()
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "pipe.toml")
    assert "default" in profile_names()  # returns: the pipe is refused, not read
