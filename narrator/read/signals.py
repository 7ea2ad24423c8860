"""Language-independent signals that tell article prose from page chrome."""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrator.read.language import WORD, stopwords

_TERMINAL = re.compile(r"""[.!?…:;»"”’'\)\]]$""")
_SENTENCE_END = re.compile(r"""[.!?](?:["”’»\)\]]+)?(?=\s+["“‘«(\[]?[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω0-9]|$)""")
# A teaser cut mid-word or mid-sentence by the site: ends in an ellipsis.
_TRUNCATED = re.compile(r"(\w|[,;:])\s?(…|\.\.\.)$")
# Photo credits: "(Agency/Name)" or "Name/Agency" at the end, ©, or a credit word
# used as a label ("Photo:", "Credit...", "(Foto: dpa)"); prose mentioning a photo is not one.
_CREDIT_WORDS = (
    r"(photo|photos|foto|fotos|фото|φωτο|credit|credits|crédit|bild|imagen|image|illustration"
    r"|getty images|reuters|afp|ap|epa|dpa|anp|ansa|efe|shutterstock|istock|unsplash)"
)
_CREDIT = re.compile(
    r"©|\([^()]*\w/\w[^()]*\)\W*$|[^\W\d_]/[^\W\d_][\w '&-]*$"
    rf"|^{_CREDIT_WORDS}\b|\b{_CREDIT_WORDS}\s*(:|\.\.\.|…|by\b)"
    rf"|\([^()]*\b{_CREDIT_WORDS}\b[^()]*\)\W*$",
    re.IGNORECASE,
)
_UPPER_START = re.compile(r"^[\"“‘«(\[]?[^\W\d_a-zß-ÿа-яα-ω]", re.UNICODE)


@dataclass(frozen=True)
class Signals:
    """Measured features of one candidate paragraph."""

    words: int
    """Number of word tokens."""
    stop_density: float
    """Share of tokens that are stopwords of the document language."""
    sentences: int
    """Number of sentence ends found."""
    terminal: bool
    """Ends with sentence punctuation (or a closing quote)."""
    truncated: bool
    """Ends with an ellipsis right after a word: a cut-off teaser."""
    credit: bool
    """Contains photo-credit markers."""
    upper_start: bool
    """Starts with a capital letter or digit, as a sentence does."""
    title_case: float
    """Share of longer words that start with a capital."""


def measure(text: str, language: str) -> Signals:
    """Compute the signals of one paragraph of clean text."""
    tokens = WORD.findall(text)
    lowered = [t.lower() for t in tokens]
    stops = stopwords(language)
    stop_share = sum(1 for t in lowered if t in stops) / len(tokens) if tokens else 0.0
    long_words = [t for t in tokens if len(t) > 3 and not t.isdigit()]
    capitals = sum(1 for t in long_words if t[0].isupper())
    return Signals(
        words=len(tokens),
        stop_density=stop_share,
        sentences=len(_SENTENCE_END.findall(text)),
        terminal=bool(_TERMINAL.search(text)),
        truncated=bool(_TRUNCATED.search(text)),
        credit=bool(_CREDIT.search(text)),
        upper_start=bool(_UPPER_START.match(text)) or text[:1].isdigit(),
        title_case=capitals / len(long_words) if long_words else 0.0,
    )


def content_words(text: str, language: str) -> set[str]:
    """Lower-case non-stopword tokens longer than two characters."""
    stops = stopwords(language)
    return {t for t in (w.lower() for w in WORD.findall(text)) if len(t) > 2 and t not in stops}
