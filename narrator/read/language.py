"""Stopword lists (from jusText) and a stopword-based language guess."""

from __future__ import annotations

import math
import re
from functools import cache

# jusText stoplist name for each BCP 47 tag we guess between; common news languages.
STOPLISTS: dict[str, str] = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "sv": "Swedish",
    "da": "Danish",
    "nb": "Norwegian_Bokmal",
    "fi": "Finnish",
    "pl": "Polish",
    "cs": "Czech",
    "sk": "Slovak",
    "ru": "Russian",
    "uk": "Ukrainian",
    "tr": "Turkish",
    "hu": "Hungarian",
    "ro": "Romanian",
    "el": "Greek",
    "id": "Indonesian",
    "ca": "Catalan",
    "hr": "Croatian",
    "bg": "Bulgarian",
}

WORD = re.compile(r"\w+")
MIN_WORDS_TO_GUESS = 25
CLEAR_WIN = 1.3
# Scripts that name their language outright (checked before stoplists), with their letter ranges.
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("ja", "\u3040-\u30ff"),
    ("ko", "\uac00-\ud7af"),
    ("zh", "\u4e00-\u9fff"),
    ("ar", "\u0600-\u06ff"),
    ("he", "\u0590-\u05ff"),
    ("th", "\u0e00-\u0e7f"),
    ("hi", "\u0900-\u097f"),
)
_CJK = re.compile("[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def count_words(text: str) -> int:
    """Words in text; runs of CJK characters, written without spaces, count one per two characters."""
    if not _CJK.search(text):
        return len(WORD.findall(text))
    total = 0
    for token in WORD.findall(text):
        cjk = len(_CJK.findall(token))
        total += max(1, cjk // 2 + (len(token) - cjk > 0)) if cjk else 1
    return total


def _script_language(text: str) -> str | None:
    """The language implied by a dominant non-Latin script, or None."""
    letters = sum(1 for c in text if c.isalpha()) or 1
    for tag, letters_range in _SCRIPTS:
        share = len(re.findall(f"[{letters_range}]", text)) / letters
        # Japanese mixes kana with Han characters; a little kana is decisive.
        if share > (0.05 if tag == "ja" else 0.3):
            return tag
    return None


@cache
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
    """Guess the language of text from its script, else the stoplist its words fit best."""
    script = _script_language(text[:20000])
    if script:
        return script
    words = [w.lower() for w in WORD.findall(text[:20000])]
    if len(words) < MIN_WORDS_TO_GUESS:
        return default  # a few words match many stoplists by chance
    best, best_score = default, 0.0
    for tag in STOPLISTS:
        stops = stopwords(tag)
        # Long stoplists (thousands of words, some foreign) match more by chance: damp them.
        score = sum(1 for w in words if w in stops) / len(words) / math.log(len(stops) or 2)
        if score > best_score + 1e-9:
            best, best_score = tag, score
    if best == default or best_score < 0.02:
        return default
    default_stops = stopwords(default)
    default_score = sum(1 for w in words if w in default_stops) / len(words) / math.log(len(default_stops) or 2)
    # Switch away from the default language only when another clearly fits better.
    return best if best_score > default_score * CLEAR_WIN else default
