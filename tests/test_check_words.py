"""The check's text side: normalization, names, sound-alikes, word assignment, scoring and suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrator.check.recognizer import HeardWord, windows_for
from narrator.check.report import Suggestion
from narrator.check.score import SegmentText, assign_words, respellings, score_segment, score_segments
from narrator.check.suggest import candidate_respellings, write_lexicon
from narrator.check.words import names_in, normalized, sounds_alike
from narrator.errors import OutputError
from narrator.script import load_lexicon


def heard(text: str, start: float, step: float = 0.3) -> list[HeardWord]:
    """Words as the recognizer gives them: a leading space, consecutive times from `start`."""
    return [HeardWord(" " + word, start + i * step, start + (i + 1) * step) for i, word in enumerate(text.split())]


def test_written_and_heard_forms_normalize_alike() -> None:
    assert normalized("On Nov. 23, the U.S. spent 2% of GDP.") == normalized("On November 23rd the US spent 2 % of GDP")
    assert normalized("more than fifty thousand books") == normalized("more than 50,000 books")


def test_names_are_capitalized_words_not_at_a_sentence_start() -> None:
    names = names_in(
        ["NATO chief Mark Rutte met Trump's team.", 'Rutte left, saying "The talks went well."', "Over the years."]
    )
    assert {"rutte", "mark", "trump"} <= names
    assert "nato" not in names and "left" not in names and "the" not in names


@pytest.mark.parametrize(
    ("heard_as", "alike"),
    [("Ruta", True), ("Rutta", True), ("Roode", True), ("Rutt", False), ("right", False), ("Ratao", False)],
)
def test_a_name_heard_by_ear_is_a_sound_alike_a_lost_syllable_is_not(heard_as: str, alike: bool) -> None:
    assert sounds_alike(heard_as.lower(), "rutte") is alike


def test_score_forgives_a_name_sound_alike_and_counts_other_errors() -> None:
    segment = SegmentText("Mark Rutte met the press on Monday.", "Mark Ruht-tuh met the press on Monday.", 0, 3000)
    good = score_segment(0, segment, heard("Mark Ruta met the press on Monday.", 0), {"mark", "rutte", "monday"})
    assert good.errors == 0 and good.sound_alikes == (("rutte", "ruta"),)
    bad = score_segment(0, segment, heard("Mark right met the dress", 0), {"mark", "rutte", "monday"})
    assert bad.errors == 4 and bad.trailing_missing == 2
    assert next((m.said, m.heard, m.name) for m in bad.misheard) == ("rutte", "right", True)


def test_a_respelling_is_read_from_the_spoken_text() -> None:
    assert respellings("Mark Rutte met Trump.", "Mark Ruht-tuh met Trump.") == {"rutte": "Ruht-tuh"}
    assert respellings("Mark Rutte met Trump.", "Mark [[ɹˈuːtə]] met Trump.") == {}


def test_words_go_to_the_segment_their_time_overlaps_and_slips_at_a_pause_are_moved_back() -> None:
    segments = [
        SegmentText("One two three.", "One two three.", 0, 1000),
        SegmentText("Four five six.", "Four five six.", 1500, 2500),
    ]
    words = [*heard("one two", 0.0), HeardWord(" three.", 0.95, 1.6), *heard("four five six", 1.6)]
    assert [len(w) for w in assign_words(words, segments)] == [2, 4]
    assert [s.errors for s in score_segments(segments, words)] == [0, 0]


def test_windows_hold_whole_segments_and_cut_in_the_pauses() -> None:
    spans = [(i * 10.0, i * 10.0 + 8.0) for i in range(7)]  # 8 s sentences, 2 s pauses
    windows = windows_for(spans, 75.0, longest=28.0)
    assert windows[0] == (0.0, 19.0) and windows[-1][1] == 69.0  # an outro after the last sentence is not heard
    assert all(b - a <= 28.0 for a, b in windows)
    assert all(not (s < cut < e) for a, b in windows for cut in (a, b) for s, e in spans)


def test_candidate_respellings_split_syllables_and_say_a_final_e() -> None:
    assert candidate_respellings("Rutte")[0] == "Ruht-tuh"
    assert all(c != "Rutte" for c in candidate_respellings("Rutte"))


def test_suggestions_are_a_lexicon_narrator_reads_and_a_foreign_file_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "suggested.toml"
    write_lexicon(target, [Suggestion("Rutte", "Ruht-tuh", "ɹˈʌttʌ")], "story.mp3")
    lexicon = load_lexicon([target], include_default=False)
    assert lexicon.words == {"Rutte": "Ruht-tuh"} and lexicon.phonemes == {"Rutte": "ɹˈʌttʌ"}
    write_lexicon(target, [Suggestion("Kyiv", "keev", "")], "story.mp3")  # its own file: replaced
    assert load_lexicon([target], include_default=False).words == {"Kyiv": "keev"}
    mine = tmp_path / "mine.toml"
    mine.write_text('[words]\n"Xi" = "shee"\n', encoding="utf-8")
    with pytest.raises(OutputError, match="not written by narrator check"):
        write_lexicon(mine, [Suggestion("Rutte", "Ruht-tuh", "")], "story.mp3")
    assert mine.read_text(encoding="utf-8") == '[words]\n"Xi" = "shee"\n'
