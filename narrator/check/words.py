"""Words to compare: one normalization for what was written and what was heard, names, and sound-alikes."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from .recognizer import RecognizerError

MONTHS = {
    m[:3].lower(): m
    for m in [
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
}
MONTH_ABBREVIATION = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.", re.IGNORECASE)
INITIALISM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
POSSESSIVE = re.compile(r"['’]s\b")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_VOWELS = re.compile(r"[aeiouy]+")
_VOWEL_SOUNDS = {"oo": "u", "ee": "i", "ea": "i", "y": "i"}
"""English spellings of one vowel sound: "Roode" starts like "Rutte", "Keev" like "Kiev"."""


@functools.cache
def whisper_normalizer() -> Callable[[str], str]:
    """Whisper's English text normalizer (numbers, spellings, punctuation, case)."""
    try:
        from whisper_normalizer.english import EnglishTextNormalizer  # an optional extra's
    except ImportError:
        raise RecognizerError('the check needs whisper-normalizer: pip install "narrator[check]"') from None
    normalizer: Callable[[str], str] = EnglishTextNormalizer()
    return normalizer


def normalized(text: str) -> list[str]:
    """Words to compare: abbreviations spelled out, Whisper-normalized, ordinal suffixes dropped."""
    text = MONTH_ABBREVIATION.sub(lambda match: MONTHS[match.group(1)[:3].lower()], text)
    text = text.replace("%", " percent")  # Whisper writes "2 %", which its normalizer would drop
    text = INITIALISM.sub(lambda match: match.group(0).replace(".", ""), text)
    return ORDINAL.sub(r"\1", whisper_normalizer()(text)).split()


def names_in(texts: Iterable[str]) -> set[str]:
    """Normalized names of the article: words capitalized but not at a sentence start, and never in lower case."""
    capitalized: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        tokens = _TOKEN.findall(POSSESSIVE.sub("", text))
        for position, token in enumerate(tokens):
            # An all-capital token is an acronym, which the normalizer and lexicon handle.
            if position > 0 and token[:1].isupper() and not token.isupper():
                capitalized.add(token)
            elif token.islower():
                lower.add(token)
    # "The" after a quotation mark is not a name: the article writes "the" too.
    return {word for token in capitalized if token.lower() not in lower for word in normalized(token)}


def sound_key(word: str) -> tuple[str, int, str]:
    """(consonant skeleton, syllables, first vowel) of a spelling, to tell a name heard under another spelling.

    Whisper writes a name it does not know as it sounds ("Rutte" said well is heard
    "Ruta" or "Rutta"); said badly it loses a syllable ("Rutt") or turns into a
    word ("right"). The skeleton is Metaphone's; syllables are vowel groups.
    """
    import jellyfish  # the check extra's

    letters = "".join(c for c in word.lower() if c.isalpha())
    groups = _VOWELS.findall(re.sub(r"(?<=[aeiou])h", "", letters))  # "Ruht-tuh": the h only marks the vowel
    first = groups[0] if groups else ""
    return jellyfish.metaphone(letters), len(groups), _VOWEL_SOUNDS.get(first[:2], first[:1])


def sounds_alike(heard: str, said: str) -> bool:
    """True if `heard` is plausibly `said` written by ear: same consonants, syllables and first vowel."""
    return heard == said or sound_key(heard) == sound_key(said)
