"""Read back what a narration MP3 carries: tags, duration, disclosure, chapters, cover art."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InputError
from .master.tags import DISCLOSURE_DESC

_TEXT_FRAMES = {"TIT2": "title", "TPE1": "artist", "TALB": "album", "TDRC": "date", "TLAN": "language", "TCON": "genre", "TSSE": "encoder"}


def mp3_info(path: Path) -> dict[str, Any]:
    """Tags, stream facts, disclosure and chapters of an MP3 as plain data."""
    from mutagen import MutagenError
    from mutagen.mp3 import MP3, HeaderNotFoundError

    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        audio = MP3(str(path))
    except (HeaderNotFoundError, MutagenError) as exc:
        raise InputError(f"{path} is not an MP3 file ({exc})") from exc
    tags = audio.tags or {}
    info: dict[str, Any] = {key: str(tags[frame]) for frame, key in _TEXT_FRAMES.items() if frame in tags}
    info.update(
        duration_s=round(audio.info.length, 3),
        bitrate_kbps=audio.info.bitrate // 1000,
        sample_rate=audio.info.sample_rate,
        channels=audio.info.channels,
        bitrate_mode=str(audio.info.bitrate_mode).rsplit(".", 1)[-1],
        id3_version=".".join(map(str, audio.tags.version)) if audio.tags else None,
    )
    info["comment"] = next((str(f) for f in tags.values() if f.FrameID == "COMM"), None) if tags else None
    info["txxx"] = {f.desc: str(f) for f in tags.values() if f.FrameID == "TXXX"} if tags else {}
    transcript = next((f.text for f in tags.values() if f.FrameID == "USLT"), "") if tags else ""
    info["transcript_chars"] = len(transcript)
    info["chapters"] = _chapters(tags)
    info["cover"] = _cover(tags)
    info["ai_disclosure"] = bool(info["txxx"].get(DISCLOSURE_DESC))
    return info


def _cover(tags: Any) -> dict[str, Any] | None:
    """The front cover (else the first picture) as {type, width, height, bytes}, or None."""
    from .master.cover import jpeg_size, png_size

    pictures = [f for f in tags.values() if f.FrameID == "APIC"] if tags else []
    if not pictures:
        return None
    picture = next((p for p in pictures if p.type == 3), pictures[0])
    data = picture.data
    kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg" if data.startswith(b"\xff\xd8") else picture.mime
    size = png_size(data) if kind == "image/png" else jpeg_size(data) if kind == "image/jpeg" else None
    return {"type": kind, "width": size[0] if size else None, "height": size[1] if size else None, "bytes": len(data)}


def _chapters(tags: Any) -> list[dict[str, Any]]:
    """CHAP frames as {title, start_s, end_s}, in time order."""
    if not tags:
        return []
    chapters = []
    for frame in tags.values():
        if frame.FrameID == "CHAP":
            title = str(frame.sub_frames["TIT2"]) if "TIT2" in frame.sub_frames else frame.element_id
            chapters.append({"title": title, "start_s": frame.start_time / 1000, "end_s": frame.end_time / 1000})
    return sorted(chapters, key=lambda c: c["start_s"])
