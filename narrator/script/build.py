"""Article → Script: sentences, chunks, spoken forms and pauses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import NoArticleError
from ..models import Article, Boundary, Script, Segment, VoiceProfile
from .chunks import split_chunks
from .lexicon import Lexicon, load_lexicon
from .normalize import normalize
from .sentences import split_sentences

MAX_CHUNK_CHARS = 250
# A run of more characters without a space (a hash, a pasted blob, a 10,000-letter "word")
# is not a word: spelled out it took minutes. It is shown shortened and not spoken.
MAX_WORD_CHARS = 64
_SHOWN_CHARS = 24
_LONG_RUN = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
_BY = re.compile(r"^by\s+", re.IGNORECASE)  # a credit pasted with its "By" gets it only once


@dataclass(frozen=True)
class _Unit:
    """One chunk before pauses are known: where it sits and what ends it."""

    text: str
    """The original words of the chunk."""
    section: int
    """Section index."""
    paragraph: int
    """Paragraph index across the article."""
    sentence: int
    """Sentence index across the article."""
    last_in_sentence: bool
    """True for the sentence's last chunk."""
    last_in_paragraph: bool
    """True for the paragraph's last chunk."""
    unspoken: tuple[str, ...] = ()
    """Shortened over-long runs in the text, left out of the spoken form."""


def make_script(
    article: Article,
    profile: VoiceProfile,
    *,
    lexicon: Lexicon | None = None,
    disclosure: str | None = None,
    phonemes: bool = False,
) -> Script:
    """The segments to speak: disclosure, title, byline, then the body with pauses.

    With `phonemes` (an engine that reads IPA), words with a [phonemes] lexicon
    entry are spoken from their [[IPA]] instead of a respelling.
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    if phonemes:
        lexicon = lexicon.for_phonemes()
    language = article.language or "en"
    paragraphs = _paragraphs(article, disclosure)
    units = _units(paragraphs)
    segments = []
    for i, unit in enumerate(units):
        boundary = _boundary(unit, units[i + 1] if i + 1 < len(units) else None)
        said = _without(unit.text, unit.unspoken)
        if not said.strip():
            continue  # nothing in it can be spoken
        segments.append(
            Segment(
                text=unit.text,
                spoken=normalize(said, lexicon, language),
                section=unit.section,
                paragraph=unit.paragraph,
                sentence=unit.sentence,
                boundary=boundary,
                pause_ms=_pause(boundary, profile),
            )
        )
    if not segments:
        raise NoArticleError("the article has no sentence that can be spoken")
    headings = tuple(s.heading for s in article.sections) or (None,)
    return Script(title=article.title, language=language, segments=tuple(segments), headings=headings)


def _paragraphs(article: Article, disclosure: str | None) -> list[tuple[int, list[str]]]:
    """(section index, sentences) of each paragraph in speaking order, front matter first."""
    front = [disclosure, None if _title_opens_body(article) else article.title]
    if article.byline and article.byline.strip():
        front.append(f"By {_BY.sub('', article.byline.strip()).rstrip('.')}.")
    # A headline or credit is one unit even when it holds an abbreviation or a question.
    paragraphs = [(0, [" ".join(t.split())]) for t in front if t and t.strip()]
    for index, section in enumerate(article.sections):
        heading = " ".join((section.heading or "").split())
        if heading and heading != article.title and any(p.strip() for p in section.paragraphs):
            # Subheadings are read: they are how a listener knows the story has moved on.
            paragraphs.append((index, [heading]))
        paragraphs.extend((index, split_sentences(p)) for p in section.paragraphs if p.strip())
    return [(section, sentences) for section, sentences in paragraphs if sentences]


def _title_opens_body(article: Article) -> bool:
    """True when the title was cut from the first sentence (no headline found): don't say it twice."""
    body = article.paragraphs
    if article.title_guessed:
        return True
    title = article.title.rstrip("…").rstrip(".").strip()
    return bool(body) and bool(title) and " ".join(body[0].split()).startswith(" ".join(title.split()))


def _units(paragraphs: list[tuple[int, list[str]]]) -> list[_Unit]:
    """Every chunk of every sentence, numbered across the article."""
    units: list[_Unit] = []
    sentence_index = 0
    for paragraph_index, (section, sentences) in enumerate(paragraphs):
        for s_pos, sentence in enumerate(sentences):
            sentence, unspoken = _shorten_long_runs(sentence)
            chunks = split_chunks(sentence, MAX_CHUNK_CHARS)
            for c_pos, chunk in enumerate(chunks):
                units.append(
                    _Unit(
                        chunk,
                        section,
                        paragraph_index,
                        sentence_index,
                        last_in_sentence=c_pos == len(chunks) - 1,
                        last_in_paragraph=c_pos == len(chunks) - 1 and s_pos == len(sentences) - 1,
                        unspoken=tuple(run for run in unspoken if run in chunk),
                    )
                )
            sentence_index += 1
    return units


def _shorten_long_runs(sentence: str) -> tuple[str, list[str]]:
    """The sentence with each over-long run cut to its start and "…", and those shortened runs."""
    shortened: list[str] = []

    def cut(match: re.Match[str]) -> str:
        shortened.append(match.group(0)[:_SHOWN_CHARS] + "…")
        return shortened[-1]

    return _LONG_RUN.sub(cut, sentence), shortened


def _without(text: str, runs: tuple[str, ...]) -> str:
    """Text with the given runs taken out."""
    for run in runs:
        text = text.replace(run, " ")
    return " ".join(text.split()) if runs else text


def _boundary(unit: _Unit, following: _Unit | None) -> Boundary:
    """What separates this unit from the next one."""
    if following is None:
        return "end"
    if not unit.last_in_sentence:
        return "chunk"
    if following.section != unit.section:
        return "section"
    return "paragraph" if unit.last_in_paragraph else "sentence"


def _pause(boundary: Boundary, profile: VoiceProfile) -> int:
    """Silence after a segment with this boundary."""
    return {
        "chunk": profile.chunk_pause_ms,
        "sentence": profile.sentence_pause_ms,
        "paragraph": profile.paragraph_pause_ms,
        "section": profile.section_pause_ms,
        "end": 0,
    }[boundary]
