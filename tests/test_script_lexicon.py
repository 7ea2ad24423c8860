"""Pronunciation lexicons: format, matching, merging and errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from narrator.errors import LexiconError
from narrator.script import load_lexicon, normalize
from narrator.script.lexicon import DEFAULT_LEXICON


def write(tmp_path: Path, text: str, name: str = "lexicon.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_default_lexicon_ships_and_loads() -> None:
    assert DEFAULT_LEXICON.is_file()
    lexicon = load_lexicon()
    assert "FBI" in lexicon.spell and "NATO" in lexicon.say
    assert lexicon.words


def test_without_default(tmp_path: Path) -> None:
    lexicon = load_lexicon([write(tmp_path, '[words]\n"Rutte" = "rutta"\n')], include_default=False)
    assert lexicon.words == {"Rutte": "rutta"}
    assert not lexicon.spell


def test_words_respect_boundaries_and_case(tmp_path: Path) -> None:
    lexicon = load_lexicon([write(tmp_path, '[words]\n"Rutte" = "rutta"\n"kyiv" = "keev"\n')], include_default=False)
    assert lexicon.apply("Rutte met Ruttes in Kyiv and KYIV.") == "Rutta met Ruttes in Keev and Keev."
    assert lexicon.apply("rutte") == "rutte"  # a capitalized key matches that spelling only


def test_abbreviation_key_keeps_sentence_end(tmp_path: Path) -> None:
    lexicon = load_lexicon([write(tmp_path, '[words]\n"approx." = "approximately"\n')], include_default=False)
    assert lexicon.apply("It is approx. ten.") == "It is approximately ten."
    assert lexicon.apply("It is ten approx.") == "It is ten approximately."


def test_patterns(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[patterns]]\nmatch = "\\\\bA(\\\\d+)\\\\b"\nsay = "Airbus \\\\1"\n'
        '[[patterns]]\nmatch = "ukrenergo"\nsay = "ukr energo"\nignore_case = true\n',
    )
    lexicon = load_lexicon([path], include_default=False)
    assert lexicon.apply("The A380 of Ukrenergo.") == "The Airbus 380 of ukr energo."


def test_acronym_lists_change_reading(tmp_path: Path) -> None:
    path = write(tmp_path, '[acronyms]\nspell = ["NATO"]\nsay = ["ZQX"]\n')
    lexicon = load_lexicon([path])
    assert normalize("NATO and ZQX.", lexicon) == "N.A.T.O. and Zqx."


def test_later_files_win(tmp_path: Path) -> None:
    profile = write(tmp_path, '[words]\n"Rutte" = "rootuh"\n', "profile.toml")
    run = write(tmp_path, '[words]\n"Rutte" = "ruttah"\n', "run.toml")
    assert load_lexicon([profile, run]).apply("Rutte") == "Ruttah"
    assert load_lexicon([run, profile]).apply("Rutte") == "Rootuh"


def test_lexicon_used_by_normalize(tmp_path: Path) -> None:
    lexicon = load_lexicon([write(tmp_path, '[words]\n"Zaluzhnyi" = "zaloozhny"\n')])
    assert normalize("Gen. Zaluzhnyi spoke.", lexicon) == "General Zaloozhny spoke."


def test_phonemes_are_kept(tmp_path: Path) -> None:
    lexicon = load_lexicon([write(tmp_path, '[phonemes]\n"Rutte" = "ˈrʏtə"\n')], include_default=False)
    assert lexicon.phonemes == {"Rutte": "ˈrʏtə"}


def test_phonemes_replace_respellings_only_for_engines_that_read_them(tmp_path: Path) -> None:
    from narrator.models import Article, Section, VoiceProfile
    from narrator.script import make_script

    run = write(tmp_path, '[words]\n"zaluzhnyi" = "zaloozhny"\n[phonemes]\n"zorkiv" = "zˈɔrkɪf"\n')
    article = Article(title="T", sections=(Section(None, ("Mark Rutte met Zaluzhnyi in Zorkiv and zorkiv.",)),))
    profile = VoiceProfile(name="p", engine="piper")
    lexicon = load_lexicon([run])
    respelled = make_script(article, profile, lexicon=lexicon).segments[-1].spoken
    ipa = make_script(article, profile, lexicon=lexicon, phonemes=True).segments[-1].spoken
    assert respelled == "Mark Ruht-tuh met Zaloozhny in Zorkiv and zorkiv."
    # Default "Rutte" and the run's lowercase (any-case) "zorkiv" have IPA; "zaluzhnyi" has none.
    assert ipa == "Mark [[ɹˈuːtə]] met Zaloozhny in [[zˈɔrkɪf]] and [[zˈɔrkɪf]]."


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('[words]\n"Rutte" = ""\n', "Rutte"),
        ('[words]\n"Rutte" = 5\n', "Rutte"),
        ('[[patterns]]\nmatch = "(unclosed"\nsay = "x"\n', "(unclosed"),
        ('[[patterns]]\nmatch = "a"\n', "entry 1"),
        ('[[patterns]]\nmatch = "a(b)"\nsay = "\\\\2"\n', "a(b)"),
        ('[[patterns]]\nmatch = "x*"\nsay = "y"\n', "x*"),
        ('[wrods]\n"a" = "b"\n', "wrods"),
        ("[acronyms]\nspell = [1]\n", "1"),
        ("[words\n", "not valid TOML"),
    ],
)
def test_invalid_file_names_the_entry(tmp_path: Path, text: str, names: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(LexiconError) as error:
        load_lexicon([path])
    assert names in str(error.value) and str(path) in str(error.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon([tmp_path / "absent.toml"])


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(b'[words]\n"\xff" = "x"\n')
    with pytest.raises(LexiconError):
        load_lexicon([path])


def test_ipa_keeps_the_full_stop_and_never_fails_on_odd_case_forms(tmp_path: Path) -> None:
    lexicon = load_lexicon(
        [write(tmp_path, '[phonemes]\n"istanbul" = "ɪstænbˈʊl"\n"etc." = "ɛtˈsɛtərə"\n')], include_default=False
    )
    assert (
        lexicon.for_phonemes().apply("İstanbul and Istanbul, pears etc.")
        == "İstanbul and [[ɪstænbˈʊl]], pears [[ɛtˈsɛtərə]]."
    )


def test_a_runaway_pattern_is_refused_when_loaded(tmp_path: Path) -> None:
    path = tmp_path / "runaway.toml"
    path.write_text('[[patterns]]\nmatch = "(a|aa)+$"\nsay = "x"\n', encoding="utf-8")
    with pytest.raises(
        LexiconError, match=r"entry 1 \(\"\(a\|aa\)\+\$\"\): takes too long on a short text \(catastrophic backtracking"
    ):
        load_lexicon([path])


def test_a_pattern_that_runs_away_on_the_text_stops_with_an_error(tmp_path: Path) -> None:
    path = tmp_path / "runaway.toml"
    path.write_text('[[patterns]]\nmatch = "(q|qq)+$"\nsay = "x"\n', encoding="utf-8")
    lexicon = load_lexicon([path])  # no probe holds a q
    started = time.monotonic()
    with pytest.raises(LexiconError, match=r"took over 0\.5 s on one sentence"):
        lexicon.apply("q" * 60 + "!")
    assert time.monotonic() - started < 20  # unbounded, this takes hours
