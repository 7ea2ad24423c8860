"""Language-independent signals that tell article prose from page chrome."""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrator.read.dates import find_date
from narrator.read.language import WORD, count_words, stopwords

# A sentence end, possibly inside closing quotes or brackets; "(Opens in new window)" is none.
_TERMINAL = re.compile(r"""[.!?…。！？](?:["”’»\)\]」』）']+)?$""")
_SENTENCE_END = re.compile(r"""[.!?](?:["”’»\)\]]+)?(?=\s+["“‘«(\[]?[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω0-9]|$)|[。！？]""")
# A teaser cut mid-word or mid-sentence by the site: ends in an ellipsis.
_TRUNCATED = re.compile(r"(\w|[,;:])(…|\.\.\.)$")
# Photo credits: "(Agency/Name)" or "Name/Agency" at the end, ©, or a credit word
# used as a label ("Photo:", "Credit...", "(Foto: dpa)"); prose mentioning a photo is not one.
_CREDIT_WORDS = (
    r"(photo|photos|foto|fotos|фото|φωτο|credit|credits|crédit|bild|imagen|image|illustration"
    r"|getty images|reuters|afp|ap|epa|dpa|anp|ansa|efe|shutterstock|istock|unsplash)"
)
_CREDIT = re.compile(
    r"©|\([^()]*\w/\w[^()]*\)\W*$|[^\W\d_]/[^\W\d_][\w '&-]*$"
    rf"|\b{_CREDIT_WORDS}\s*(:|\.\.\.|…|by\b)"
    rf"|\([^()]*\b{_CREDIT_WORDS}\b[^()]*\)\W*$",
    re.IGNORECASE,
)
# Global services named together in "follow us" and share lines, in any language.
_SOCIAL = re.compile(
    r"\b(facebook|twitter|instagram|youtube|linkedin|whatsapp|tiktok|pinterest|telegram|reddit|snapchat"
    r"|threads|bluesky|mastodon)\b",
    re.I,
)
# "Label: Headline" link lines ("Read more: ...", "Lesen Sie auch: ...") have no sentence end.
_LABEL = re.compile(r"^[^\W\d_](?:[^\W\d_]|[' -]){2,24}:\s*\S")  # not interview "Q:"/"A:"
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|uhr|h)?\b|\b\d{1,2}\s*[ap]\.?m\b", re.I)
# Short credit lines under photos: an agency or credit word, or an upper-case organisation.
_SHORT_CREDIT = re.compile(
    r"\b(ap|afp|reuters|getty|images|photos?|courtesy|via|foto|fotos|bild|ansa|efe|epa|dpa"
    r"|associated press|shutterstock|istock|pool)\b",
    re.IGNORECASE,
)
_UPPER_ORGANISATION = re.compile(r",\s*[A-Z]{2,}(?:\s+[A-Z]{2,})+$")
_CAPTION_LABEL = re.compile(r"^(image|photo|picture|video|bild|foto)\s+(caption|credit|source|quelle)\b", re.I)
# A call to listen, watch or follow elsewhere ("Listen to Newsbeat live at 12:45 - or listen back here."):
# an imperative opening and a pointer to another place or time, in one short line.
_PROMO = re.compile(
    r"^(?:listen|watch|follow|subscribe|sign up|download|stream|tune in|catch up|join us|find out more|click|tap)\b"
    r".*\b(?:here|live|app|podcasts?|newsletter|sounds|iplayer|online|on demand|channel"
    r"|on (?:twitter|x|facebook|instagram|youtube|tiktok))\b",
    re.I,
)
_UPPER_START = re.compile(r"^[\"“‘«(\[]?[^\W\d_a-zß-ÿа-яα-ω]", re.UNICODE)


@dataclass(frozen=True)
class Signals:
    """Measured features of one candidate paragraph."""

    words: int
    """Number of word tokens."""
    stop_density: float | None
    """Share of tokens that are stopwords of the document language; None without a stoplist."""
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
    dateline: bool
    """A short line carrying a date or time: a timestamp, not prose."""
    social: bool
    """Names two or more social networks (follow/share lines)."""
    label_link: bool
    """Shaped "Label: Headline" with no sentence end: a link teaser."""
    self_repeat: bool
    """The same words twice in a row, as when a link's title and text are both copied."""
    promo: bool = False
    """A short call to listen, watch, follow or subscribe somewhere else."""
    fragment: bool = False
    """One or two words and a full stop, no function word or a lower-case start: caption debris ("Streets.")."""


def measure(text: str, language: str) -> Signals:
    """Compute the signals of one paragraph of clean text."""
    tokens = WORD.findall(text)
    lowered = [t.lower() for t in tokens]
    stops = stopwords(language)
    stop_share: float | None = None
    if stops:
        stop_share = sum(1 for t in lowered if t in stops) / len(tokens) if tokens else 0.0
    long_words = [t for t in tokens if len(t) > 3 and not t.isdigit()]
    capitals = sum(1 for t in long_words if t[0].isupper())
    return Signals(
        words=count_words(text),
        stop_density=stop_share,
        sentences=len(_SENTENCE_END.findall(text)),
        terminal=bool(_TERMINAL.search(text)),
        truncated=bool(_TRUNCATED.search(text)),
        credit=_is_credit(text, len(tokens)),
        upper_start=bool(_UPPER_START.match(text)) or text[:1].isdigit(),
        title_case=capitals / len(long_words) if long_words else 0.0,
        dateline=_is_dateline(text, len(tokens)),
        social=len({m.lower() for m in _SOCIAL.findall(text)}) >= 2,
        label_link=bool(_LABEL.match(text)) and not _TERMINAL.search(text) and len(tokens) <= 25,
        self_repeat=_is_self_repeat(lowered),
        promo=len(tokens) <= 30 and bool(_PROMO.match(text)),
        fragment=_is_fragment(text, lowered, stops),
    )


def _is_credit(text: str, words: int) -> bool:
    """True for photo credits and captions labelled as such."""
    if _CREDIT.search(text) or _CAPTION_LABEL.match(text):
        return True
    if words > 8 or _TERMINAL.search(text) or text.endswith(":"):
        return False
    return bool(_SHORT_CREDIT.search(text) or _UPPER_ORGANISATION.search(text))


def _is_dateline(text: str, words: int) -> bool:
    """True for a short line whose point is a date or time ("Published 10:48, Nov 19, 2019")."""
    if words > 16:
        return False
    has_date = find_date(text) is not None
    return has_date and (words <= 12 or bool(_TIME.search(text))) and not text.endswith(("!", "?"))


def _is_fragment(text: str, lowered: list[str], stops: frozenset[str] | set[str]) -> bool:
    """True for one or two words ending a sentence with no function word or a lower-case start: caption debris."""
    if not 0 < len(lowered) <= 2 or not text.endswith(".") or not text[:1].isalpha():
        return False  # list items ("1. Peel.") and labels are judged elsewhere
    return text[:1].islower() or (bool(stops) and not any(t in stops for t in lowered))


def _is_self_repeat(tokens: list[str]) -> bool:
    """True when the token list is one phrase written twice."""
    half = len(tokens) // 2
    return 4 <= len(tokens) <= 60 and len(tokens) % 2 == 0 and tokens[:half] == tokens[half:]


def content_words(text: str, language: str) -> set[str]:
    """Lower-case non-stopword tokens longer than two characters."""
    stops = stopwords(language)
    return {t for t in (w.lower() for w in WORD.findall(text)) if len(t) > 2 and t not in stops}
