"""make_script: Article → Script with spoken forms, positions and pauses."""

from __future__ import annotations

from narrator.models import Article, Section, VoiceProfile
from narrator.script import load_lexicon, make_script

PROFILE = VoiceProfile(
    name="test", engine="tone", sentence_pause_ms=300, paragraph_pause_ms=700, section_pause_ms=1100, chunk_pause_ms=120
)
ARTICLE = Article(
    title="Rutte meets the U.S. President-elect",
    byline="Jane Doe",
    sections=(
        Section(None, ("Mr. Rutte arrived on Nov. 23. He met the FBI chief.", "It cost $5.5 billion.")),
        Section("Reaction", ("Critics were unhappy.",)),
    ),
)


def test_front_matter_then_body() -> None:
    script = make_script(ARTICLE, PROFILE, disclosure="This audio is created with AI assistance.")
    texts = [s.text for s in script.segments]
    assert texts == [
        "This audio is created with AI assistance.",
        "Rutte meets the U.S. President-elect",
        "By Jane Doe.",
        "Mr. Rutte arrived on Nov. 23.",
        "He met the FBI chief.",
        "It cost $5.5 billion.",
        "Reaction",
        "Critics were unhappy.",
    ]
    assert [s.paragraph for s in script.segments] == [0, 1, 2, 3, 3, 4, 5, 6]
    assert [s.sentence for s in script.segments] == list(range(8))
    assert [s.section for s in script.segments] == [0, 0, 0, 0, 0, 0, 1, 1]


def test_boundaries_and_pauses() -> None:
    script = make_script(ARTICLE, PROFILE, disclosure="Made with AI.")
    assert [s.boundary for s in script.segments] == [
        "paragraph",
        "paragraph",
        "paragraph",
        "sentence",
        "paragraph",
        "section",
        "paragraph",
        "end",
    ]
    assert [s.pause_ms for s in script.segments] == [700, 700, 700, 300, 700, 1100, 700, 0]


def test_spoken_forms() -> None:
    script = make_script(ARTICLE, PROFILE)
    spoken = {s.text: s.spoken for s in script.segments}
    assert spoken["Mr. Rutte arrived on Nov. 23."] == "Mister Ruht-tuh arrived on November twenty-third."
    assert spoken["It cost $5.5 billion."] == "It cost five point five billion dollars."
    assert spoken["Critics were unhappy."] == "Critics were unhappy."


def test_no_disclosure_no_byline() -> None:
    article = Article(title="Title", sections=(Section(None, ("One. Two.",)),))
    script = make_script(article, PROFILE)
    assert [s.text for s in script.segments] == ["Title", "One.", "Two."]
    assert script.segments[0].section == 0 and script.segments[0].boundary == "paragraph"
    assert script.title == "Title" and script.language == "en"


def test_headings_one_per_section() -> None:
    script = make_script(ARTICLE, PROFILE)
    assert script.headings == (None, "Reaction")


def test_long_sentence_chunks_share_sentence_index() -> None:
    clause = "the council debated the city budget for many long hours without a single break"
    sentence = f"After the vote, {clause}; {clause}, and {clause}, while {clause}."
    article = Article(title="T", sections=(Section(None, (sentence, "Short one.")),))
    script = make_script(article, PROFILE)
    chunks = [s for s in script.segments if s.sentence == 1]
    assert len(chunks) > 1
    assert all(len(c.text) <= 250 for c in chunks)
    assert " ".join(c.text for c in chunks) == sentence
    assert [c.boundary for c in chunks] == ["chunk"] * (len(chunks) - 1) + ["paragraph"]
    assert chunks[0].pause_ms == 120


def test_custom_lexicon(tmp_path) -> None:
    path = tmp_path / "lex.toml"
    path.write_text('[words]\n"Critics" = "kritiks"\n', encoding="utf-8")
    script = make_script(ARTICLE, PROFILE, lexicon=load_lexicon([path]))
    assert script.segments[-1].spoken == "Kritiks were unhappy."


def test_empty_paragraphs_are_skipped() -> None:
    article = Article(title="T", sections=(Section(None, ("", "  ", "Body.")), Section("Empty", ())))
    script = make_script(article, PROFILE)
    assert [s.text for s in script.segments] == ["T", "Body."]
    assert script.segments[-1].boundary == "end"
    assert script.headings == (None, "Empty")


def test_byline_with_by_is_not_doubled() -> None:
    article = Article(title="T", byline="By Jane Doe", sections=(Section(None, ("Body.",)),))
    assert make_script(article, PROFILE).segments[1].text == "By Jane Doe."


def test_title_cut_from_the_first_sentence_is_not_said_twice() -> None:
    body = "NATO Secretary General Mark Rutte met with U.S. President-elect Donald Trump in Florida on Nov. 23."
    article = Article(
        title="NATO Secretary General Mark Rutte met with U.S. President-elect…", sections=(Section(None, (body,)),)
    )
    assert [s.text for s in make_script(article, PROFILE).segments] == [body]


def test_a_ten_thousand_character_word_is_shown_short_and_not_spoken() -> None:
    blob = "x" * 10_000
    article = Article("Title", (Section(None, (f"The code was {blob} and more.", blob)),))
    script = make_script(article, PROFILE)
    spoken = " ".join(s.spoken for s in script.segments)
    assert "xxx" not in spoken and "The code was and more." in spoken
    assert [s.text for s in script.segments if "xxx" in s.text] == [f"The code was {'x' * 24}… and more."]
    assert len(" ".join(s.text for s in script.segments)) < 200
