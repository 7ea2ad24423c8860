"""ID3v2.3 tags: metadata, transcript (USLT, SYLT), chapters (CHAP, CTOC), cover (APIC) and the AI disclosure."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    SYLT,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    TSSE,
    TXXX,
    USLT,
    CTOCFlags,
    PictureType,
)

# The one frame serializer mutagen has; used to write chapters in time order.
from mutagen.id3._tags import save_frame

from ..models import Chapter
from .cover import CoverImage, check_cover

AI_DISCLOSURE = "This audio is created with AI assistance."
IPTC_BASE = "http://cv.iptc.org/newscodes/digitalsourcetype/"
IPTC_NEURAL = IPTC_BASE + "trainedAlgorithmicMedia"
IPTC_RULE_BASED = IPTC_BASE + "algorithmicMedia"
DISCLOSURE_DESC = "AI disclosure"
SOURCE_TYPE_DESC = "DigitalSourceType"
TOC_ID = "toc"
# Byte offsets in CHAP are "not used" when all bits are set; players seek by time.
_NO_OFFSET = 0xFFFFFFFF
_SYLT_MILLISECONDS = 2
_SYLT_LYRICS = 1

# ID3 wants ISO 639-2 codes; these cover the languages our engines speak.
_ISO639_2 = {
    "ar": "ara",
    "bg": "bul",
    "ca": "cat",
    "cs": "ces",
    "cy": "cym",
    "da": "dan",
    "de": "deu",
    "el": "ell",
    "en": "eng",
    "es": "spa",
    "et": "est",
    "fa": "fas",
    "fi": "fin",
    "fr": "fra",
    "ga": "gle",
    "he": "heb",
    "hi": "hin",
    "hr": "hrv",
    "hu": "hun",
    "id": "ind",
    "is": "isl",
    "it": "ita",
    "ja": "jpn",
    "ko": "kor",
    "lt": "lit",
    "lv": "lav",
    "nb": "nob",
    "nl": "nld",
    "no": "nor",
    "pl": "pol",
    "pt": "por",
    "ro": "ron",
    "ru": "rus",
    "sk": "slk",
    "sl": "slv",
    "sr": "srp",
    "sv": "swe",
    "sw": "swa",
    "th": "tha",
    "tr": "tur",
    "uk": "ukr",
    "vi": "vie",
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
    chapters: tuple[Chapter, ...] = ()
    """CHAP frames (with TIT2 titles) under one top-level, ordered CTOC."""
    synced_text: tuple[tuple[str, int], ...] = ()
    """SYLT: (sentence text, start in ms) in order."""
    cover: CoverImage | Path | None = None
    """APIC front cover; a path is checked with check_cover."""


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
    # Typed as ID3 so its methods are mutagen's own (untyped, admitted by mypy's untyped_calls_exclude).
    id3: ID3 = _TimeOrderedID3()
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
    if tags.synced_text:
        id3.add(synced_text_frame(tags.synced_text, lang))
    for frame in chapter_frames(tags.chapters):
        id3.add(frame)
    if tags.cover is not None:
        id3.add(cover_frame(tags.cover if isinstance(tags.cover, CoverImage) else check_cover(tags.cover)))
    id3.save(str(path), v2_version=3)


class _TimeOrderedID3(ID3):
    """An ID3 tag that writes its CHAP frames last and in the order they were added.

    mutagen sorts frames by size, which shuffles chapters; ffmpeg and many players list
    CHAP frames in file order and ignore the CTOC, so they must be written in time order.
    mutagen's methods are called through ID3, for the reason write_tags gives.
    """

    def __init__(self) -> None:
        ID3.__init__(self)

    def _write(self, config: object) -> bytes:
        """The frames' bytes: mutagen's order for all but CHAP, then the CHAP frames as added."""
        chapters = ID3.getall(self, "CHAP")
        ID3.delall(self, "CHAP")
        try:
            head: bytes = ID3._write(self, config)
        finally:
            for frame in chapters:
                ID3.add(self, frame)
        return head + b"".join(save_frame(frame, config=config) for frame in chapters)


def chapter_frames(chapters: tuple[Chapter, ...]) -> list[CTOC | CHAP]:
    """A top-level ordered CTOC listing one CHAP per chapter, each titled by a TIT2 sub-frame."""
    if not chapters:
        return []
    ids = [f"chp{n}" for n in range(len(chapters))]
    frames: list[CTOC | CHAP] = [
        CTOC(
            element_id=TOC_ID,
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=1, text="Chapters")],
        )
    ]
    for element_id, chapter in zip(ids, chapters, strict=True):
        frames.append(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                start_offset=_NO_OFFSET,
                end_offset=_NO_OFFSET,
                sub_frames=[TIT2(encoding=1, text=chapter.title)],
            )
        )
    return frames


def synced_text_frame(entries: tuple[tuple[str, int], ...], lang: str) -> SYLT:
    """Synchronised text: each sentence with its start time in milliseconds."""
    return SYLT(
        encoding=1,
        lang=lang,
        format=_SYLT_MILLISECONDS,
        type=_SYLT_LYRICS,
        desc="",
        text=[(text, int(ms)) for text, ms in entries],
    )


def cover_frame(cover: CoverImage) -> APIC:
    """The front cover picture (APIC type 3)."""
    return APIC(encoding=1, mime=cover.mime, type=PictureType.COVER_FRONT, desc="Cover", data=cover.data)
