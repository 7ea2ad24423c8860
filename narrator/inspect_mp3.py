"""Read back what a narration MP3 carries: tags, duration, disclosure, chapters, cover art."""

from __future__ import annotations

import mmap
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO, Protocol, cast

from mutagen import MutagenError
from mutagen.mp3 import MP3, HeaderNotFoundError

from .errors import InputError
from .input_files import open_input
from .master.cover import jpeg_size, png_size
from .master.tags import DISCLOSURE_DESC
from .safe_text import clean_text

_TEXT_FRAMES = {
    "TIT2": "title",
    "TPE1": "artist",
    "TALB": "album",
    "TDRC": "date",
    "TLAN": "language",
    "TCON": "genre",
    "TSSE": "encoder",
}


class _StreamInfo(Protocol):
    """What mutagen's MPEGInfo tells of the audio stream."""

    length: float
    bitrate: int
    sample_rate: int
    channels: int
    bitrate_mode: object


def mp3_info(path: Path) -> dict[str, Any]:
    """Tags, stream facts, disclosure and chapters of an MP3 as plain data; a truncated MP3 is an error."""
    with open_input(path) as stream:
        try:
            audio = MP3(stream)
        except (HeaderNotFoundError, MutagenError, EOFError, struct.error, ValueError) as exc:
            reason = " ".join(str(exc).split()) or "its tags or first audio frame are cut short or damaged"
            raise InputError(f"{path} is not a readable MP3 file ({reason})") from None
        counted = counted_seconds(stream, audio.tags.size if audio.tags else 0)
    # mutagen declares `info` as None on its base class and leaves MPEGInfo's fields unannotated.
    stream_info = cast(_StreamInfo, audio.info)
    if counted is not None and counted < stream_info.length * 0.98 - 0.5:
        raise InputError(
            f"{path} is truncated: it holds {counted:.1f} s of audio, its header announces {stream_info.length:.1f} s"
        )
    tags: Mapping[str, Any] = audio.tags or {}
    info: dict[str, Any] = {key: _shown(tags[frame]) for frame, key in _TEXT_FRAMES.items() if frame in tags}
    info.update(
        duration_s=round(stream_info.length, 3),
        bitrate_kbps=stream_info.bitrate // 1000,
        sample_rate=stream_info.sample_rate,
        channels=stream_info.channels,
        bitrate_mode=str(stream_info.bitrate_mode).rsplit(".", 1)[-1],
        id3_version=".".join(map(str, audio.tags.version)) if audio.tags else None,
    )
    info["comment"] = next((_shown(f) for f in tags.values() if f.FrameID == "COMM"), None) if tags else None
    info["txxx"] = {_shown(f.desc): _shown(f) for f in tags.values() if f.FrameID == "TXXX"} if tags else {}
    transcript = next((f.text for f in tags.values() if f.FrameID == "USLT"), "") if tags else ""
    info["transcript_chars"] = len(transcript)
    info["chapters"] = _chapters(tags)
    info["cover"] = _cover(tags)
    info["ai_disclosure"] = bool(info["txxx"].get(DISCLOSURE_DESC))
    return info


def _shown(value: object) -> str:
    """A tag value as it may be shown: someone else's MP3 can carry terminal escapes."""
    return clean_text(str(value), one_line=True)


def _cover(tags: Any) -> dict[str, Any] | None:
    """The front cover (else the first picture) as {type, width, height, bytes}, or None."""
    pictures = [f for f in tags.values() if f.FrameID == "APIC"] if tags else []
    if not pictures:
        return None
    picture = next((p for p in pictures if p.type == 3), pictures[0])
    data = picture.data
    kind = (
        "image/png" if data.startswith(b"\x89PNG") else "image/jpeg" if data.startswith(b"\xff\xd8") else picture.mime
    )
    size = png_size(data) if kind == "image/png" else jpeg_size(data) if kind == "image/jpeg" else None
    return {"type": kind, "width": size[0] if size else None, "height": size[1] if size else None, "bytes": len(data)}


def _chapters(tags: Any) -> list[dict[str, Any]]:
    """CHAP frames as {title, start_s, end_s}, in time order."""
    if not tags:
        return []
    chapters = []
    for frame in tags.values():
        if frame.FrameID == "CHAP":
            title = _shown(frame.sub_frames.get("TIT2", frame.element_id))
            chapters.append({"title": title, "start_s": frame.start_time / 1000, "end_s": frame.end_time / 1000})
    return sorted(chapters, key=lambda c: c["start_s"])


# MPEG audio Layer III: kbps by bitrate index and Hz by sample-rate index, per version (1, 2, 2.5).
_L3_KBPS = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {1: (44100, 48000, 32000), 2: (22050, 24000, 16000), 2.5: (11025, 12000, 8000)}
_VERSIONS = {3: 1, 2: 2, 0: 2.5}


def counted_seconds(stream: BinaryIO, start: int) -> float | None:
    """Seconds of audio in the Layer III frames actually present from `start`, or None if not Layer III.

    A Xing/Info header states the whole file's length, and a truncated file keeps it;
    walking the frames counts what is really there.
    """
    with mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data:
        position = data.find(b"\xff", start)
        samples, rate = 0, 0
        while 0 <= position <= len(data) - 4:
            frame = _frame(data[position : position + 4])
            if frame is None:  # junk or a tag between frames: find the next frame, as decoders do
                position = data.find(b"\xff", position + 1)
                continue
            length, frame_samples, rate = frame
            if position + length > len(data):
                break  # a frame cut short is not audio
            samples += frame_samples
            position += length
    return samples / rate if rate else None


def _frame(header: bytes) -> tuple[int, int, int] | None:
    """(bytes, samples, sample rate) of the Layer III frame with this 4-byte header, or None."""
    if header[0] != 0xFF or header[1] & 0xE0 != 0xE0 or (header[1] >> 1) & 3 != 1:
        return None
    version = _VERSIONS.get((header[1] >> 3) & 3)
    bitrate_index, rate_index, padding = header[2] >> 4, (header[2] >> 2) & 3, (header[2] >> 1) & 1
    if version is None or bitrate_index in (0, 15) or rate_index == 3:
        return None
    kbps = _L3_KBPS[1 if version == 1 else 2][bitrate_index]
    rate = _RATES[version][rate_index]
    per_frame = 1152 if version == 1 else 576
    return per_frame // 8 * kbps * 1000 // rate + padding, per_frame, rate
