"""Stopword lists (from jusText) and a stopword-based language guess."""

from __future__ import annotations

import re
from functools import lru_cache

# jusText stoplist name for each BCP 47 tag we guess between; common news languages.
STOPLISTS: dict[str, str] = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "nb": "Norwegian_Bokmal",
    "fi": "Finnish", "pl": "Polish", "cs": "Czech", "sk": "Slovak", "ru": "Russian",
    "uk": "Ukrainian", "tr": "Turkish", "hu": "Hungarian", "ro": "Romanian", "el": "Greek",
    "id": "Indonesian", "ca": "Catalan", "hr": "Croatian", "bg": "Bulgarian",
}

WORD = re.compile(r"\w+")


@lru_cache(maxsize=None)
def stopwords(language: str) -> frozenset[str]:
    """Lower-case stopwords for a BCP 47 tag (primary subtag), empty when unknown."""
    name = STOPLISTS.get(language.split("-")[0].lower())
    if not name:
        return frozenset()
    try:
        import justext

        return frozenset(w.lower() for w in justext.get_stoplist(name))
    except (ImportError, ValueError):
        return frozenset()


def guess_language(text: str, default: str = "en") -> str:
    """Guess the language of text as the stoplist covering most of its words."""
    words = [w.lower() for w in WORD.findall(text[:20000])]
    if len(words) < 5:
        return default
    best, best_share = default, 0.0
    for tag in STOPLISTS:
        share = sum(1 for w in words if w in stopwords(tag)) / len(words)
        if share > best_share + 1e-9:
            best, best_share = tag, share
    return best if best_share >= 0.15 else default
