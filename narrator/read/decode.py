"""Bytes to text: binary detection, BOMs, declared charsets, sensible fallbacks."""

from __future__ import annotations

import codecs
import re

from narrator.errors import InputError

# Magic numbers of common binary and compressed formats people feed by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"fLaC", "a FLAC file"),
    (b"RIFF", "a RIFF (WAV/WebP/AVI) file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def _binary_kind(data: bytes) -> str | None:
    """Name the binary format of data, or None when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            # "MZ"/"ID3"/"BZh" are also plausible text starts; require a NUL nearby.
            if len(magic) <= 3 and magic not in (b"\x1f\x8b", b"\xff\xd8\xff") and b"\x00" not in data[:512]:
                continue
            return kind
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 byte order when every other byte is NUL, as in ASCII-range UTF-16."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.7 * half and even < 0.1 * half:
        return "utf-16-le"
    if even > 0.7 * half and odd < 0.1 * half:
        return "utf-16-be"
    return None


def _lookup(name: str | None) -> str | None:
    """Python codec name for a declared charset, or None when unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # Browsers read latin-1 and ascii declarations as windows-1252 (WHATWG).
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """Charset named by a Content-Type header, an XML declaration or an HTML meta tag."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and _lookup(match.group(1)):
            return _lookup(match.group(1))
    head = data[:8192]
    declared = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _lookup(declared.group(1).decode("ascii")) if declared else None


_MAX_CHAOS = 0.1  # charset_normalizer's "mess" ratio: above it, the decoded text is not prose
_MIN_COHERENCE = 0.2  # its language fit: below it, no language was recognized


def _fallback_decode(data: bytes, source: str) -> str:
    """Decode non-UTF-8 bytes in a legacy encoding that reads as a language, or refuse them.

    Windows-1252 wins when it reads about as well as the best guess. A guess that
    recognizes no language (invalid UTF-8 read as Cyrillic, say) is not taken: a
    few stray bytes in ASCII text are dropped, and more is an error.
    """
    from charset_normalizer import from_bytes  # only for input that is not UTF-8

    sample = data[:200_000]
    best = from_bytes(sample).best()
    western = from_bytes(sample, cp_isolation=["cp1252"]).best()
    # On short texts the detector cannot tell Western codepages apart; cp1252 is the common one.
    if western is not None and western.chaos <= _MAX_CHAOS and (best is None or western.chaos <= best.chaos + 0.05):
        return data.decode("cp1252", errors="replace")
    if best is not None and best.encoding and best.chaos <= _MAX_CHAOS and best.coherence >= _MIN_COHERENCE:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    if sum(byte >= 0x80 for byte in sample) <= 0.05 * len(sample):
        return data.decode("ascii", errors="ignore")
    raise InputError(f"{source} is not UTF-8 text, and no other encoding reads it as a language; save it as UTF-8")


def _is_mostly_utf8(data: bytes) -> bool:
    """True when bytes hold valid UTF-8 multi-byte characters among invalid ones (damaged UTF-8, not legacy)."""
    text = data[:200_000].decode("utf-8", errors="replace")
    valid = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return valid > 0 and valid >= text.count("\ufffd") / 4


def _looks_binary_text(text: str) -> bool:
    """True when decoded text is mostly control characters, i.e. not prose."""
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    return "\x00" in sample or controls > 0.05 * len(sample)


def decode_bytes(data: bytes, *, source: str = "input", content_type: str | None = None) -> str:
    """Decode raw input to text, refusing binary data with a clear InputError."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"{source} starts with a {codec} byte-order mark but is not valid {codec}") from exc
            if _looks_binary_text(text):
                raise InputError(f"{source} looks like binary data, not text")
            return text
    kind = _binary_kind(data)
    if kind:
        raise InputError(f"{source} looks like binary data ({kind}), not text")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    text = _decode_text(data, content_type, source)
    if _looks_binary_text(text):
        raise InputError(f"{source} looks like binary data, not text")
    return text


def _decode_text(data: bytes, content_type: str | None, source: str) -> str:
    """Decode with the declared charset, else UTF-8 (damaged bytes dropped later), else a detected fallback."""
    declared = declared_charset(data, content_type)
    if declared and declared not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if declared == "utf-8":
            # A wrong UTF-8 declaration is common; mostly-valid UTF-8 keeps its text.
            text = data.decode("utf-8", errors="replace")
            if text.count("\ufffd") < 0.01 * len(text):
                return text
        if _is_mostly_utf8(data):
            # U+FFFD marks each invalid byte; clean_text removes them before anything is read.
            return data.decode("utf-8", errors="replace")
        return _fallback_decode(data, source)
