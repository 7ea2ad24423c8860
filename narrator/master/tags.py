"""ID3v2.3 tags: metadata, transcript, chapters and the AI disclosure."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mutagen.id3 import (
    COMM,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    TSSE,
    TXXX,
    USLT,
)

AI_DISCLOSURE = "This audio is created with AI assistance."
IPTC_BASE = "http://cv.iptc.org/newscodes/digitalsourcetype/"
IPTC_NEURAL = IPTC_BASE + "trainedAlgorithmicMedia"
IPTC_RULE_BASED = IPTC_BASE + "algorithmicMedia"
DISCLOSURE_DESC = "AI disclosure"
SOURCE_TYPE_DESC = "DigitalSourceType"

# ID3 wants ISO 639-2 codes; these cover the languages our engines speak.
_ISO639_2 = {
    "ar": "ara", "bg": "bul", "ca": "cat", "cs": "ces", "cy": "cym", "da": "dan", "de": "deu",
    "el": "ell", "en": "eng", "es": "spa", "et": "est", "fa": "fas", "fi": "fin", "fr": "fra",
    "ga": "gle", "he": "heb", "hi": "hin", "hr": "hrv", "hu": "hun", "id": "ind", "is": "isl",
    "it": "ita", "ja": "jpn", "ko": "kor", "lt": "lit", "lv": "lav", "nb": "nob", "nl": "nld",
    "no": "nor", "pl": "pol", "pt": "por", "ro": "ron", "ru": "rus", "sk": "slk", "sl": "slv",
    "sr": "srp", "sv": "swe", "sw": "swa", "th": "tha", "tr": "tur", "uk": "ukr", "vi": "vie",
    "zh": "zho",
}


@dataclass(frozen=True)
class TagSet:
    """Everything written into the MP3's ID3 tag."""

    title: str
    """TIT2."""
    artist: str | None = None
    """TPE1: the article's author."""
    album: str | None = None
    """TALB: the publication."""
    date: str | None = None
    """TDRC: ISO 8601 date."""
    language: str = "en"
    """TLAN, from a BCP 47 tag."""
    encoder: str = ""
    """TSSE: narrator and its version."""
    transcript: str = ""
    """USLT: the full text that was read."""
    neural: bool = False
    """Selects the IPTC digital source type."""
    disclosure: str = AI_DISCLOSURE
    """COMM and TXXX disclosure text."""
    extra: dict[str, str] = field(default_factory=dict)
    """Further TXXX frames by description."""


def iso639_2(language: str) -> str:
    """Three-letter ID3 language code for a BCP 47 tag ("en-US" → "eng")."""
    primary = language.split("-")[0].split("_")[0].lower()
    if len(primary) == 3:
        return primary
    return _ISO639_2.get(primary, "und")


def write_tags(path: Path, tags: TagSet) -> None:
    """Replace the MP3's ID3 tag with `tags`, saved as ID3v2.3.

    v2.3 because it is what every player reads (Windows, older iTunes and many
    car and web players ignore v2.4); mutagen stores the date as TYER/TDAT there.
    """
    id3 = ID3()
    lang = iso639_2(tags.language)
    id3.add(TIT2(encoding=1, text=tags.title))
    if tags.artist:
        id3.add(TPE1(encoding=1, text=tags.artist))
    if tags.album:
        id3.add(TALB(encoding=1, text=tags.album))
    if tags.date:
        id3.add(TDRC(encoding=1, text=tags.date))
    id3.add(TLAN(encoding=1, text=lang))
    id3.add(TCON(encoding=1, text="Speech"))
    id3.add(TSSE(encoding=1, text=tags.encoder))
    if tags.transcript:
        id3.add(USLT(encoding=1, lang=lang, desc="", text=tags.transcript))
    id3.add(COMM(encoding=1, lang=lang, desc="", text=tags.disclosure))
    id3.add(TXXX(encoding=1, desc=DISCLOSURE_DESC, text=tags.disclosure))
    id3.add(TXXX(encoding=1, desc=SOURCE_TYPE_DESC, text=IPTC_NEURAL if tags.neural else IPTC_RULE_BASED))
    for desc, value in tags.extra.items():
        id3.add(TXXX(encoding=1, desc=desc, text=value))
    id3.save(str(path), v2_version=3)
