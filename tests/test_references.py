"""Reference markers: found in one place, removed by the read stage, never spoken by the script stage."""

from __future__ import annotations

import pytest
from timing import best_time

from narrator.read import read_str
from narrator.references import marker_end, marker_spans, strip_references
from narrator.script import normalize, split_sentences


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        ("The bridge opened in 1932.[7] Traffic grew.", "The bridge opened in 1932. Traffic grew."),
        ("It was a record year.[3][14] Sales doubled.", "It was a record year. Sales doubled."),
        ("The figure is contested.[clarification needed]", "The figure is contested."),
        ("Some say it was older.[by whom?] Others agree.", "Some say it was older. Others agree."),
        ("The harbour froze[b] that winter.", "The harbour froze that winter."),
        ("It was rebuilt.[note 4] Then it burned.", "It was rebuilt. Then it burned."),
        ("The dam held.[9]: 112–114 Engineers cheered.", "The dam held. Engineers cheered."),
        ("Rainfall doubled.⁴ Farmers were relieved.", "Rainfall doubled. Farmers were relieved."),
        ("The harvest failed¹² that year.", "The harvest failed that year."),
        ("Rainfall doubled.14 Farmers were relieved.", "Rainfall doubled. Farmers were relieved."),
    ],
)
def test_markers_are_removed(written: str, clean: str) -> None:
    assert strip_references(written) == clean


@pytest.mark.parametrize(
    "text",
    [
        "The field covers 40 km² of land.",  # an exponent after a unit
        "Energy is E = mc² in that frame.",  # after a variable
        "About 10⁶ cells grew.",  # after a number
        "He said she “want[s] more time” now.",  # an editor's letter completing a word
        "“[The] council is wrong,” he said.",  # an editor's word opening a quotation
        "The paper is cited as [12] in the review.",  # a reference the sentence names
        "The index [2, 3] is stored.",  # spaced: part of the text
        "Read Fig. 3 and p.12 first.",
    ],
)
def test_text_that_is_not_a_marker_stays(text: str) -> None:
    assert strip_references(text) == text


def test_marker_end_follows_a_run() -> None:
    text = "They won.[2][c] Fans cheered."
    assert marker_end(text, text.index("[")) == text.index(" Fans")
    assert marker_end(text, 0) == 0


def test_splitter_keeps_markers_on_the_sentence_they_close() -> None:
    assert split_sentences("The canal opened.[citation needed] Ships queued for days.") == [
        "The canal opened.[citation needed]",
        "Ships queued for days.",
    ]
    assert split_sentences("Output rose by a third.⁷ Exports followed.") == [
        "Output rose by a third.⁷",
        "Exports followed.",
    ]
    assert split_sentences("The mayor resigned.[a][5] An election was called.") == [
        "The mayor resigned.[a][5]",
        "An election was called.",
    ]


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("The strike ended in 1926.[31]", "The strike ended in nineteen twenty-six."),
        ("The claim is unproven.[citation needed]", "The claim is unproven."),
        ("Wages rose 4%.[2][3]", "Wages rose four percent."),
        ("Snow fell for a week.²", "Snow fell for a week."),
        ("The river[c] flooded in 2011.", "The river flooded in twenty eleven."),
    ],
)
def test_markers_are_never_spoken(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_read_stage_removes_markers_from_the_article() -> None:
    text = (
        "# The lighthouse\n\nThe lighthouse was built in 1871.[4] It still works.[citation needed]\n\n"
        "Keepers left in 1990.³ A robot took over.\n"
    )
    article = read_str(text, content_type="text/markdown")
    assert list(article.paragraphs) == [
        "The lighthouse was built in 1871. It still works.",
        "Keepers left in 1990. A robot took over.",
    ]


def test_finding_markers_is_linear() -> None:
    small, large = "word.[1] " * 500, "word.[1] " * 5_000
    assert len(marker_spans(large)) == 5_000
    small_time = best_time(lambda: marker_spans(small))
    assert best_time(lambda: marker_spans(large)) < max(small_time, 0.002) * 40
