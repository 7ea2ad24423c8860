"""Podcast feed (RSS 2.0 + iTunes + Podcasting 2.0) of the narrations in a folder."""

from __future__ import annotations

import os
import re
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.utils import format_datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

from narrator.errors import FeedError
from narrator.files import check_target_file, remove_stale_temporaries, write_bytes_atomic
from narrator.input_files import open_input
from narrator.publish.feed_check import check_feed
from narrator.publish.manifest import (
    Manifest,
    find_manifests,
    parse_timestamp,
    read_manifest,
)
from narrator.publish.namespaces import CHAPTERS_TYPE, ITUNES_NS, PODCAST_NS, PODCAST_NS_OLD
from narrator.safe_text import clean_text

ATOM_NS = "http://www.w3.org/2005/Atom"
# Fixed by the Podcasting 2.0 spec for <podcast:guid> (docs/tags/guid.md).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
# Sidecar kind → (MIME type, rel attribute) for <podcast:transcript>; VTT first, the preferred one.
TRANSCRIPT_TYPES = {
    "vtt": ("text/vtt", "captions"),
    "transcript": ("application/json", "captions"),
    "srt": ("application/x-subrip", "captions"),
}
FEED_SUFFIXES = (".xml", ".rss")
_FEED_HEAD_BYTES = 4096
_IMAGE_MAGIC = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}
# Characters XML 1.0 cannot carry at all; ElementTree would write them and break the feed.

for _prefix, _uri in (("itunes", ITUNES_NS), ("podcast", PODCAST_NS), ("podcastgh", PODCAST_NS_OLD), ("atom", ATOM_NS)):
    ET.register_namespace(_prefix, _uri)


@dataclass(frozen=True)
class Episode:
    """One narration as the feed shows it."""

    manifest: Manifest
    """The narration's manifest."""
    audio_url: str
    """Public URL of the MP3."""
    audio_bytes: int
    """Real size of the MP3 on disk."""
    published: datetime
    """Publication time shown as pubDate (article date, else creation time)."""
    created: datetime
    """When the narration was made; orders episodes published on the same day."""
    sidecar_urls: dict[str, str]
    """Public URLs of the sidecars present on disk, by kind."""


@dataclass(frozen=True)
class Channel:
    """Show-level settings of the feed."""

    title: str
    """Show title."""
    base_url: str
    """Public URL of the folder, ending in "/"."""
    feed_url: str
    """Public URL of the feed itself."""
    link: str
    """Show website."""
    description: str
    """Show description."""
    language: str
    """BCP 47 language tag."""
    image_url: str | None
    """Show artwork URL."""
    author: str | None
    """Show author."""
    owner_email: str | None
    """Owner's e-mail, for directories to verify ownership."""
    category: str
    """Apple Podcasts category."""
    explicit: bool
    """Whether the show is explicit."""
    old_namespace: bool = False
    """Also give transcripts and chapters under the namespace's old URL, for apps that know only it."""


def podcast_guid(feed_url: str) -> str:
    """The <podcast:guid> of a feed: uuid5 of its URL without scheme and trailing slashes."""
    bare = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url.strip()).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def build_feed(
    folder: Path,
    *,
    base_url: str,
    title: str,
    author: str | None = None,
    language: str | None = None,
    image: Path | str | None = None,
    description: str | None = None,
    link: str | None = None,
    category: str = "News",
    explicit: bool = False,
    owner_email: str | None = None,
    feed_url: str | None = None,
    old_namespace: bool = False,
) -> bytes:
    """The RSS feed of every narration under folder, newest first, as UTF-8 bytes."""
    folder = Path(folder)
    base = _checked_base_url(base_url)
    if not title.strip():
        raise FeedError("the feed needs a title")
    episodes = collect_episodes(folder, base)
    channel = Channel(
        title=title,
        base_url=base,
        feed_url=feed_url or base + "feed.xml",
        link=link or base,
        description=description or title,
        language=language or _main_language(episodes),
        image_url=_image_url(image, folder, base),
        author=author,
        owner_email=owner_email,
        category=category,
        explicit=explicit,
        old_namespace=old_namespace,
    )
    return serialize(channel, episodes)


def write_feed(folder: Path, *, output: Path, base_url: str, force: bool = False, **options: Any) -> FeedResult:
    """Build the feed (options as for build_feed), check it as `feed --check` would, and write it atomically to output.

    The target is checked before any work (an .xml or .rss file in a writable
    folder, not a file a narration lists, not someone else's file unless
    `force`); a feed with errors is refused, its warnings are returned.
    """
    output = Path(output)
    check_feed_target(Path(folder), output, force=force)
    remove_stale_temporaries(output.parent)
    # A feed written into the served folder is published beside the audio.
    options.setdefault("feed_url", _checked_base_url(base_url) + quote(output.name))
    data = build_feed(folder, base_url=base_url, **options)
    errors, warnings = feed_problems(data)
    if errors:
        more = f" (and {len(errors) - 1} more; see narrator feed --check --policy narrator)" if len(errors) > 1 else ""
        raise FeedError(
            f"not writing {output}: the feed would fail narrator feed --check --policy narrator: {errors[0]}{more}"
        )
    write_bytes_atomic(output, data)
    return FeedResult(output, tuple(warnings))


@dataclass(frozen=True)
class FeedResult:
    """What write_feed wrote."""

    path: Path
    """The feed file."""
    warnings: tuple[str, ...] = ()
    """What `feed --check` warns about in it (recommendations, not errors)."""


def check_feed_target(folder: Path, output: Path, *, force: bool = False) -> None:
    """Fail before any work unless `output` may take a feed: .xml/.rss, writable, not a narration's, ours or `force`."""
    check_target_file(output, FEED_SUFFIXES, "feed")
    if not os.path.lexists(output):
        return
    if output.is_symlink() or not output.is_file():
        raise FeedError(f"{output} already exists and is not a feed narrator wrote; use --force to replace it")
    real = os.path.realpath(output)
    for path in find_manifests(folder) if folder.is_dir() else ():
        try:
            manifest = read_manifest(path)
        except FeedError:
            continue
        if (
            any(os.path.realpath(path.parent / name) == real for name in (manifest.audio, *manifest.sidecars.values()))
            or os.path.realpath(path) == real
        ):
            raise FeedError(f"{output} belongs to the narration {manifest.audio}; a feed never replaces it")
    if not force and not _is_narrator_feed(output):
        raise FeedError(f"{output} already exists and is not a feed narrator wrote; use --force to replace it")


def _is_narrator_feed(path: Path) -> bool:
    """True if the file is an RSS feed narrator generated."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(_FEED_HEAD_BYTES)
    except OSError:
        return False
    return head.lstrip().startswith(b"<?xml") and b"<rss" in head and b"<generator>narrator</generator>" in head


def feed_problems(data: bytes) -> tuple[list[str], list[str]]:
    """(errors, warnings) of `feed --check --policy narrator` on a feed document."""
    report = check_feed(data, policy="narrator")
    return list(report.errors), list(report.warnings)


def collect_episodes(folder: Path, base_url: str) -> list[Episode]:
    """Every narration under folder as an episode, newest first."""
    manifests = [(path, _read_inside(path, folder)) for path in find_manifests(folder)]
    # A first narration still being written has a pending manifest and no audio yet.
    manifests = [(path, m) for path, m in manifests if m.audio_bytes or m.input_sha256]
    if not manifests:
        raise FeedError(f"no narrations found in {folder} (no *.manifest.json files)")
    paths = [path for path, _ in manifests]
    episodes = [_episode(path, manifest, folder, base_url) for path, manifest in manifests]
    _check_unique_guids(episodes, paths)
    return sorted(episodes, key=lambda e: (e.published, e.created, e.manifest.guid), reverse=True)


def _read_inside(path: Path, folder: Path) -> Manifest:
    """A manifest file of the folder (not a symbolic link to one outside it)."""
    _check_real_file(folder, path, path)
    return read_manifest(path)


def _episode(path: Path, manifest: Manifest, folder: Path, base_url: str) -> Episode:
    """The episode described by one manifest file."""
    audio = _inside(folder, path.parent, manifest.audio, path)
    _check_real_file(folder, folder / audio, path)
    try:
        size = (folder / audio).stat().st_size
    except OSError:
        raise FeedError(f"{path}: audio file {manifest.audio} is missing") from None
    if size == 0:
        raise FeedError(f"{path}: audio file {manifest.audio} is empty")
    sidecars = {}
    for kind, name in manifest.sidecars.items():
        rel = _inside(folder, path.parent, name, path)
        if (folder / rel).is_file():
            _check_real_file(folder, folder / rel, path)
            sidecars[kind] = _url(base_url, rel)
    created = parse_timestamp(manifest.created)
    # Fixed at the first narration and kept by every re-narration, so apps never see a re-run as new.
    first = parse_timestamp(manifest.published) if manifest.published else created
    return Episode(manifest, _url(base_url, audio), size, _published(manifest, first), created, sidecars)


def _inside(folder: Path, where: Path, name: str, manifest: Path) -> PurePosixPath:
    """The folder-relative path of a file a manifest names; refuses escapes."""
    rel = PurePosixPath(where.relative_to(folder).as_posix()) / name
    if rel.is_absolute() or ".." in rel.parts or "\\" in name:
        raise FeedError(f"{manifest}: file {name!r} is outside the feed folder")
    return rel


def _check_real_file(folder: Path, path: Path, manifest: Path) -> None:
    """Refuse a file the feed would publish that is, through a symbolic link, outside the feed folder."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
    except ValueError:
        raise FeedError(f"{manifest}: {path.name} is a symbolic link to a file outside the feed folder") from None


def _published(manifest: Manifest, created: datetime) -> datetime:
    """The article's date at midnight UTC, else when the episode was first published."""
    try:
        day = date.fromisoformat((manifest.date or "")[:10])
    except ValueError:
        return created
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def _check_unique_guids(episodes: list[Episode], paths: list[Path]) -> None:
    """Two episodes with one GUID would be merged or hidden by players."""
    seen: dict[str, Path] = {}
    for episode, path in zip(episodes, paths, strict=True):
        first = seen.setdefault(episode.manifest.guid, path)
        if first != path:
            raise FeedError(f"{first} and {path} have the same guid {episode.manifest.guid}")


def _main_language(episodes: list[Episode]) -> str:
    """The language most episodes are in."""
    return Counter(e.manifest.language for e in episodes).most_common(1)[0][0]


def _checked_base_url(base_url: str) -> str:
    """The base URL, validated as http(s) and ending in "/"."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedError(f"base URL must start with http:// or https://, got {base_url!r}")
    if parts.query or parts.fragment or re.search(r"\s", base_url.strip()):
        raise FeedError(f"base URL must not contain spaces, a query or a fragment: {base_url!r}")
    base = base_url.strip()
    return base if base.endswith("/") else base + "/"


def _url(base_url: str, rel: PurePosixPath) -> str:
    """Public URL of a folder-relative file."""
    return base_url + quote(rel.as_posix(), safe="/")


def _image_url(image: Path | str | None, folder: Path, base_url: str) -> str | None:
    """Artwork URL: a given http(s) URL, or the URL of a JPEG/PNG inside the folder."""
    if image is None:
        return None
    if isinstance(image, str) and re.match(r"https?://", image):
        return image
    path = Path(image)
    if not path.is_absolute() and not path.exists() and (folder / path).exists():
        path = folder / path
    try:
        rel = PurePosixPath(path.resolve().relative_to(folder.resolve()).as_posix())
    except ValueError:
        raise FeedError(f"image {image} must be inside {folder} (copy it there) or a URL") from None
    with open_input(path, what="image", error=FeedError) as stream:
        head = stream.read(8)
    if not any(head.startswith(magic) for magic in _IMAGE_MAGIC):
        raise FeedError(f"image {image} is not a JPEG or PNG file")
    return _url(base_url, rel)


def serialize(channel: Channel, episodes: list[Episode]) -> bytes:
    """The feed document for a channel and its episodes."""
    rss = ET.Element("rss", {"version": "2.0"})
    element = _channel_element(ET.SubElement(rss, "channel"), channel, episodes)
    for episode in episodes:
        _item_element(ET.SubElement(element, "item"), episode, channel)
    ET.indent(rss)
    # A raw carriage return in text would be read back as a line feed; ElementTree escapes it only in attributes.
    body = ET.tostring(rss, encoding="unicode").replace("\r", "&#13;")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def _channel_element(parent: ET.Element, channel: Channel, episodes: list[Episode]) -> ET.Element:
    """Fill <channel> with the show's metadata."""
    _add(parent, "title", channel.title)
    _add(parent, "link", channel.link)
    _add(parent, "description", channel.description)
    _add(parent, "language", channel.language)
    _add(parent, "generator", "narrator")
    # Newest episode time, not "now": the same narrations give the same bytes.
    _add(parent, "lastBuildDate", format_datetime(episodes[0].published, usegmt=True))
    _add(parent, f"{{{ATOM_NS}}}link", None, {"href": channel.feed_url, "rel": "self", "type": "application/rss+xml"})
    if channel.image_url:
        image = _add(parent, "image")
        _add(image, "url", channel.image_url)
        _add(image, "title", channel.title)
        _add(image, "link", channel.link)
        _add(parent, f"{{{ITUNES_NS}}}image", None, {"href": channel.image_url})
    _add(parent, f"{{{ITUNES_NS}}}category", None, {"text": channel.category})
    _add(parent, f"{{{ITUNES_NS}}}explicit", _yes(channel.explicit))
    _add(parent, f"{{{ITUNES_NS}}}type", "episodic")
    if channel.author:
        _add(parent, f"{{{ITUNES_NS}}}author", channel.author)
    if channel.owner_email:
        owner = _add(parent, f"{{{ITUNES_NS}}}owner")
        _add(owner, f"{{{ITUNES_NS}}}name", channel.author or channel.title)
        _add(owner, f"{{{ITUNES_NS}}}email", channel.owner_email)
    _add(parent, f"{{{PODCAST_NS}}}guid", podcast_guid(channel.feed_url))
    locked = {"owner": channel.owner_email} if channel.owner_email else {}
    _add(parent, f"{{{PODCAST_NS}}}locked", "no", locked)
    return parent


def _item_element(item: ET.Element, episode: Episode, channel: Channel) -> None:
    """Fill one <item> with an episode."""
    m = episode.manifest
    _add(item, "title", m.title)
    _add(item, "description", m.description or m.title)
    if re.match(r"https?://", m.source):
        _add(item, "link", m.source)
    _add(item, "guid", m.guid, {"isPermaLink": "false"})
    _add(item, "pubDate", format_datetime(episode.published, usegmt=True))
    _add(item, "enclosure", None, {"url": episode.audio_url, "length": str(episode.audio_bytes), "type": m.mime_type})
    _add(item, f"{{{ITUNES_NS}}}title", m.title)
    if m.author or m.publication:
        _add(item, f"{{{ITUNES_NS}}}author", m.author or m.publication)
    _add(item, f"{{{ITUNES_NS}}}duration", str(round(m.duration_ms / 1000)))
    _add(item, f"{{{ITUNES_NS}}}explicit", _yes(channel.explicit))
    _add(item, f"{{{ITUNES_NS}}}episodeType", "full")
    namespaces = (PODCAST_NS, PODCAST_NS_OLD) if channel.old_namespace else (PODCAST_NS,)
    for namespace in namespaces:
        for kind, (mime, rel) in TRANSCRIPT_TYPES.items():
            if kind in episode.sidecar_urls:
                _add(
                    item,
                    f"{{{namespace}}}transcript",
                    None,
                    {"url": episode.sidecar_urls[kind], "type": mime, "language": m.language, "rel": rel},
                )
        if "chapters" in episode.sidecar_urls:
            _add(
                item, f"{{{namespace}}}chapters", None, {"url": episode.sidecar_urls["chapters"], "type": CHAPTERS_TYPE}
            )
    _add(item, f"{{{PODCAST_NS}}}txt", "true", {"purpose": "ai-content"})


def _add(parent: ET.Element, tag: str, text: str | None = None, attrs: dict[str, str] | None = None) -> ET.Element:
    """Append a child element with XML-safe text and attributes."""
    child = ET.SubElement(parent, tag, {k: _xml_safe(v) for k, v in (attrs or {}).items()})
    if text is not None:
        child.text = _xml_safe(text)
    return child


def _xml_safe(text: str) -> str:
    """Text without the characters XML 1.0 forbids (nor other controls); carriage returns kept."""
    return clean_text(text, keep_cr=True)


def _yes(flag: bool) -> str:
    """An iTunes boolean."""
    return "true" if flag else "false"
