"""Cover art: a JPEG or PNG sized by its own header, then decoded in full to prove the header honest."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..input_files import read_input

MIN_SIDE = 1400
MAX_SIDE = 3000
MAX_BYTES = 20 * 1024 * 1024
MAX_DECODE_SIDE = 10_000  # a 60000x60000 header would ask for 10 GB of pixels
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers carry the dimensions; C4, C8 and CC are other segments.
_SOF_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_STANDALONE = {0x01, *range(0xD0, 0xD8)}


@dataclass(frozen=True)
class CoverImage:
    """A cover image ready to embed."""

    data: bytes
    """The file's bytes, unchanged."""
    mime: str
    """image/jpeg or image/png."""
    width: int
    """Width in pixels."""
    height: int
    """Height in pixels."""
    warnings: tuple[str, ...] = ()
    """What podcast directories will dislike (not square, too small or too large)."""


def check_cover(path: Path) -> CoverImage:
    """Read and check a cover image; raise InputError (one line) if it is not a JPEG or PNG."""
    path = Path(path)
    data = read_input(path, what="cover", max_bytes=MAX_BYTES)
    if data.startswith(_PNG_SIGNATURE):
        mime, size = "image/png", png_size(data)
    elif data.startswith(b"\xff\xd8"):
        mime, size = "image/jpeg", jpeg_size(data)
    else:
        raise InputError(f"cover {path.name} is not a JPEG or PNG image")
    kind = mime.split("/")[1].upper()
    if size is None or min(size) <= 0:
        raise InputError(f"cover {path.name} is a damaged {kind} (no readable size)")
    if max(size) > MAX_DECODE_SIDE:
        raise InputError(
            f"cover {path.name} says it is {size[0]}x{size[1]} px; narrator takes at most {MAX_DECODE_SIDE} px a side "
            f"(podcast directories want {MIN_SIDE} to {MAX_SIDE})"
        )
    check_decodes(data, f"cover {path.name}", kind, size)
    return CoverImage(data, mime, size[0], size[1], cover_warnings(path.name, *size))


def check_decodes(data: bytes, name: str, kind: str, size: tuple[int, int]) -> None:
    """Decode every pixel (Pillow): a header that lies about the size, over garbage or cut short, is refused."""
    from PIL import Image  # only for narrations with a cover

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            decoded = image.size
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(f"{name} is a damaged {kind} ({reason})") from None
    if decoded != size:
        raise InputError(
            f"{name} is a damaged {kind} "
            f"(its header says {size[0]}x{size[1]} px, its image is {decoded[0]}x{decoded[1]})"
        )


def cover_warnings(name: str, width: int, height: int) -> tuple[str, ...]:
    """Advice from podcast directories' artwork rules (square, 1400 to 3000 px)."""
    warnings = []
    if width != height:
        warnings.append(f"cover {name} is {width}x{height} px, not square")
    if min(width, height) < MIN_SIDE:
        warnings.append(f"cover {name} is under {MIN_SIDE} px; podcast directories want {MIN_SIDE} to {MAX_SIDE}")
    elif max(width, height) > MAX_SIDE:
        warnings.append(f"cover {name} is over {MAX_SIDE} px; podcast directories want {MIN_SIDE} to {MAX_SIDE}")
    return tuple(warnings)


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR chunk, which must come first."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a JPEG's start-of-frame segment, walking the marker segments."""
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker in _STANDALONE:
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _SOF_MARKERS:
            if position + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        if marker == 0xD9 or length < 2:
            return None
        position += 2 + length
    return None
