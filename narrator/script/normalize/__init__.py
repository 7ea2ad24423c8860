"""normalize(): the spoken form of one sentence, in words an engine reads correctly.

Rules run in a fixed order, most specific first, each one linear in the text length:
reference markers dropped → lexicon → web addresses → minus signs → money → dates → times →
phone numbers → abbreviations → number tokens tagged by context and verbalized (context.py) →
fractions, ranges, percentages, ordinals → measures → Roman numerals → acronyms and
codes → plain numbers → symbols. Sentence punctuation is kept for the engine's prosody.
"""

from __future__ import annotations

from ...references import strip_references
from ..lexicon import Lexicon, load_lexicon
from . import abbreviations, acronyms, context, dates, electronic, measures, money, numerics, roman, symbols, times

__all__ = ["normalize"]


def normalize(text: str, lexicon: Lexicon | None = None, language: str = "en") -> str:
    """The spoken form of one sentence; a sentence with nothing to normalize comes back unchanged."""
    if not text or not text.strip():
        return text
    lang = (language or "en").split("-")[0].lower()
    if lexicon is None:
        lexicon = load_lexicon()
    # Footnote and citation markers are for readers' eyes; a listener hears none of them.
    spoken = symbols.strip_unspeakable(strip_references(text))
    spoken = lexicon.apply(spoken)
    if lang != "en":
        # Only language-neutral rules: numbers in the language's own words, nothing English.
        return symbols.tidy(numerics.apply_late(spoken, lang))
    spoken = electronic.apply(spoken, lang)
    spoken = numerics.apply_signs(spoken)
    spoken = money.apply(spoken, lang)
    spoken = dates.apply(spoken, lang)
    spoken = times.apply(spoken, lang)
    spoken = electronic.apply_numbers(spoken, lang)
    spoken = abbreviations.apply(spoken, lang)
    spoken = context.apply(spoken, lang)
    spoken = measures.apply_fractions(spoken, lang)
    spoken = numerics.apply_early(spoken, lang)
    spoken = measures.apply(spoken, lang)
    spoken = roman.apply(spoken, lang)
    spoken = acronyms.apply(spoken, lexicon.spell, lexicon.say)
    spoken = numerics.apply_late(spoken, lang)
    return symbols.apply(spoken, lang)
