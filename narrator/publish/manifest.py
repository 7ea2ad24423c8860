"""The JSON manifest written beside each narration."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from narrator import __version__
from narrator.errors import FeedError
from narrator.files import write_bytes_atomic
from narrator.input_files import read_input

_T = TypeVar("_T")
MANIFEST_VERSION = 1
MANIFEST_SUFFIX = ".manifest.json"


@dataclass(frozen=True)
class ManifestWord:
    """One written word (or a group normalization spoke as one) and when it is heard."""

    text: str
    """The word as written, punctuation included."""
    offset: int
    """Character offset of the word in its segment's text."""
    start_ms: int
    """When it starts."""
    end_ms: int
    """When it ends."""


@dataclass(frozen=True)
class ManifestSegment:
    """One spoken segment and where it sits in the audio."""

    text: str
    """The original written sentence or chunk."""
    spoken: str
    """What the engine was given to say."""
    start_ms: int
    """Where its speech starts."""
    end_ms: int
    """Where its speech ends."""
    section: int
    """Index of its section."""
    paragraph: int
    """Index of its paragraph across the article."""
    sentence: int
    """Index of its sentence across the article."""
    words: tuple[ManifestWord, ...] | None = None
    """Word times where the engine reported them; None for sentence timing only."""


@dataclass(frozen=True)
class ManifestChapter:
    """One navigable chapter of the audio."""

    title: str
    """Chapter title shown by players."""
    start_ms: int
    """Start time."""
    end_ms: int
    """End time."""


@dataclass(frozen=True)
class Manifest:
    """Everything known about one narration: its audio, source, settings and timing."""

    audio: str
    """The MP3's file name, relative to the manifest's folder."""
    audio_bytes: int
    """Size of the MP3 in bytes when it was written."""
    duration_ms: int
    """Length of the audio."""
    title: str
    """Title of the narrated article."""
    guid: str
    """Stable episode id (see stable_guid)."""
    created: str
    """When the narration was made, ISO 8601 UTC ("2026-11-28T01:40:00Z")."""
    published: str = ""
    """When this episode was first published (its first narration), ISO 8601 UTC; kept by every re-narration."""
    source_id: str = ""
    """Hash of the source's identity (URL, file's real path, or standard input's content): whose output this is."""
    audio_sha256: str = ""
    """SHA-256 of the MP3, hex."""
    mime_type: str = "audio/mpeg"
    """MIME type of the audio."""
    author: str | None = None
    """Author(s) of the article."""
    publication: str | None = None
    """Site or publication name."""
    date: str | None = None
    """Article publication date, ISO 8601 (YYYY-MM-DD), when known."""
    language: str = "en"
    """BCP 47 language tag."""
    description: str = ""
    """First paragraph or a summary, for feeds and players."""
    source: str = ""
    """Where the article came from: a path or URL."""
    input_sha256: str = ""
    """SHA-256 of the input text, to tell whether a rerun is needed."""
    settings_sha256: str = ""
    """SHA-256 of the settings, to tell whether a rerun is needed."""
    settings: dict[str, Any] = field(default_factory=dict)
    """The settings the narration was made with."""
    voice: dict[str, Any] = field(default_factory=dict)
    """The voice profile used: name, engine and its options."""
    engine: dict[str, str] = field(default_factory=dict)
    """What spoke: engine, model and voice, as the engine describes them."""
    sidecars: dict[str, str] = field(default_factory=dict)
    """Sidecar file names by kind: vtt, srt, chapters, transcript."""
    segments: tuple[ManifestSegment, ...] = ()
    """Every spoken segment with its timing."""
    chapters: tuple[ManifestChapter, ...] = ()
    """Chapters with their timing."""
    check: dict[str, Any] | None = None
    """Summary of the last listening check (`narrator check`), if any."""
    manifest_version: int = MANIFEST_VERSION
    """Version of this manifest format."""
    narrator_version: str = __version__
    """Version of narrator that wrote the manifest."""


# Key order of the JSON file: identity first, bulky lists last, as a human reads it.
_KEY_ORDER = (
    "manifest_version",
    "narrator_version",
    "audio",
    "audio_bytes",
    "audio_sha256",
    "duration_ms",
    "mime_type",
    "title",
    "author",
    "publication",
    "date",
    "language",
    "description",
    "source",
    "source_id",
    "guid",
    "created",
    "published",
    "input_sha256",
    "settings_sha256",
    "settings",
    "voice",
    "engine",
    "sidecars",
    "segments",
    "chapters",
    "check",
)
_REQUIRED_STR = ("audio", "title", "guid", "created")
_REQUIRED_INT = ("audio_bytes", "duration_ms")
_OPTIONAL_STR = (
    "audio_sha256",
    "mime_type",
    "language",
    "description",
    "source",
    "source_id",
    "published",
    "input_sha256",
    "settings_sha256",
    "narrator_version",
)
_NULLABLE_STR = ("author", "publication", "date")
_SEGMENT_INTS = ("start_ms", "end_ms", "section", "paragraph", "sentence")


def manifest_to_dict(manifest: Manifest) -> dict[str, Any]:
    """The manifest as plain JSON-ready data, keys in file order."""
    values = {name: getattr(manifest, name) for name in _KEY_ORDER}
    values["segments"] = [_segment_to_dict(s) for s in manifest.segments]
    values["chapters"] = [vars(c).copy() for c in manifest.chapters]
    if manifest.check is None:
        del values["check"]
    return values


def _segment_to_dict(segment: ManifestSegment) -> dict[str, Any]:
    """One segment as JSON data; "words" only where the engine timed words."""
    data = vars(segment).copy()
    if segment.words is None:
        del data["words"]
    else:
        data["words"] = [vars(w).copy() for w in segment.words]
    return data


def write_manifest(manifest: Manifest, path: Path) -> None:
    """Write the manifest as UTF-8 JSON, atomically."""
    text = json.dumps(manifest_to_dict(manifest), ensure_ascii=False, indent=2)
    write_bytes_atomic(path, (text + "\n").encode("utf-8"))


def read_manifest(path: Path) -> Manifest:
    """Read and validate a manifest; FeedError names the file and the problem."""
    try:
        data = json.loads(read_input(path, what="manifest", error=FeedError).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"manifest {path} is not valid JSON: {exc}") from exc
    try:
        return manifest_from_dict(data)
    except ValueError as exc:
        raise FeedError(f"manifest {path} is invalid: {exc}") from exc


def manifest_from_dict(data: Any) -> Manifest:
    """Build a Manifest from parsed JSON; ValueError says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("top level is not a JSON object")
    version = data.get("manifest_version")
    if version != MANIFEST_VERSION:
        raise ValueError(f"unsupported manifest_version {version!r} (expected {MANIFEST_VERSION})")
    values: dict[str, Any] = {}
    for key in _REQUIRED_STR:
        values[key] = _required_str(data, key)
    for key in _REQUIRED_INT:
        values[key] = _count(data.get(key), key)
    for key in _OPTIONAL_STR:
        if key in data:
            values[key] = _typed(data[key], str, key)
    for key in _NULLABLE_STR:
        if data.get(key) is not None:
            values[key] = _typed(data[key], str, key)
    for key in ("settings", "voice", "engine", "sidecars"):
        values[key] = _typed(data.get(key, {}), dict, key)
    if data.get("check") is not None:
        values["check"] = _typed(data["check"], dict, "check")
    if not all(isinstance(v, str) for v in values["sidecars"].values()):
        raise ValueError("sidecars must map kinds to file names")
    _check_timestamp(values["created"], "created")
    if values.get("published"):
        _check_timestamp(values["published"], "published")
    values["segments"] = tuple(_segment(s, n) for n, s in enumerate(_list(data, "segments")))
    values["chapters"] = tuple(_chapter(c, n) for n, c in enumerate(_list(data, "chapters")))
    return Manifest(**values)


def _required_str(data: dict[str, Any], key: str) -> str:
    """A string field that must be present and non-empty."""
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"missing or empty field {key!r}")
    return value


def _typed(value: object, kind: type[_T], key: str) -> _T:
    """Return value if it is of the expected JSON type."""
    if not isinstance(value, kind):
        raise ValueError(f"field {key!r} must be a {kind.__name__}")
    return value


def _count(value: Any, key: str) -> int:
    """A non-negative integer field (JSON booleans are not numbers here)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"field {key!r} must be a non-negative integer")
    return value


def _list(data: dict[str, Any], key: str) -> list[Any]:
    """An optional list field."""
    return _typed(data.get(key, []), list, key)


def _segment(item: Any, n: int) -> ManifestSegment:
    """One entry of "segments"."""
    where = f"segments[{n}]"
    item = _typed(item, dict, where)
    texts = {k: _typed(item.get(k), str, f"{where}.{k}") for k in ("text", "spoken")}
    ints = {k: _count(item.get(k), f"{where}.{k}") for k in _SEGMENT_INTS}
    words = None
    if item.get("words") is not None:
        words = tuple(
            _word(w, f"{where}.words[{i}]") for i, w in enumerate(_typed(item["words"], list, f"{where}.words"))
        )
    return ManifestSegment(
        texts["text"],
        texts["spoken"],
        ints["start_ms"],
        ints["end_ms"],
        ints["section"],
        ints["paragraph"],
        ints["sentence"],
        words=words,
    )


def _word(item: Any, where: str) -> ManifestWord:
    """One entry of a segment's "words"."""
    item = _typed(item, dict, where)
    return ManifestWord(
        text=_typed(item.get("text"), str, f"{where}.text"),
        **{k: _count(item.get(k), f"{where}.{k}") for k in ("offset", "start_ms", "end_ms")},
    )


def _chapter(item: Any, n: int) -> ManifestChapter:
    """One entry of "chapters"."""
    where = f"chapters[{n}]"
    item = _typed(item, dict, where)
    return ManifestChapter(
        title=_typed(item.get("title"), str, f"{where}.title"),
        start_ms=_count(item.get("start_ms"), f"{where}.start_ms"),
        end_ms=_count(item.get("end_ms"), f"{where}.end_ms"),
    )


def _check_timestamp(value: str, key: str) -> None:
    """Reject a timestamp field that is not ISO 8601."""
    try:
        parse_timestamp(value)
    except ValueError:
        raise ValueError(f"field {key!r} is not an ISO 8601 timestamp: {value!r}") from None


def parse_timestamp(value: str) -> datetime:
    """Parse an ISO 8601 timestamp; one without a zone is taken as UTC."""
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def utc_timestamp(moment: datetime | None = None) -> str:
    """A "created" value: ISO 8601 UTC to the second, e.g. 2026-11-28T01:40:00Z."""
    moment = (moment or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def find_manifests(folder: Path) -> list[Path]:
    """Every *.manifest.json under folder, recursively, in sorted order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FeedError(f"not a folder: {folder}")
    return sorted(p for p in folder.rglob(f"*{MANIFEST_SUFFIX}") if p.is_file())


def manifest_path_for(audio: Path) -> Path:
    """Where the manifest of an MP3 lives: slug.mp3 → slug.manifest.json."""
    return audio.with_name(audio.stem + MANIFEST_SUFFIX)


def stable_guid(source: str, title: str) -> str:
    """A GUID from the source URL or path, or the title for pasted text (narrations now store one: claims.Claim)."""
    # A rerun of the same article must keep its GUID, or players show it twice.
    key = source.strip() if source.strip() not in ("", "-") else f"title:{title.strip()}"
    return str(uuid.uuid5(uuid.NAMESPACE_URL, key))


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
