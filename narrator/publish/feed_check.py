"""Lint any podcast feed against what narrator's feeds promise: RSS 2.0, iTunes, Podcasting 2.0."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from narrator.errors import FeedError
from narrator.publish.feed import CHAPTERS_TYPE, ITUNES_NS, PODCAST_NS

MAX_FEED_BYTES = 50_000_000
_IT = f"{{{ITUNES_NS}}}"
_PC = f"{{{PODCAST_NS}}}"
_DURATION = re.compile(r"\d+|(\d+:)?[0-5]?\d:[0-5]\d")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_EXPLICIT = ("true", "false", "yes", "no", "clean")


class _Unreadable(Exception):
    """The document cannot be, or must not be, parsed."""


def check_feed_file(path: Path) -> list[str]:
    """Problems found in a feed file; FeedError (one line) if it cannot be read."""
    from ..input_files import read_input

    return check_feed(read_input(path, max_bytes=MAX_FEED_BYTES, error=FeedError))


def check_feed(data: bytes) -> list[str]:
    """Problems found in a feed document; an empty list means it passes."""
    try:
        root, namespaces = _parse(data)
    except _Unreadable as exc:
        return [str(exc)]
    problems = _check_root(root, namespaces)
    channels = root.findall("channel")
    if len(channels) != 1:
        return problems + [f"expected one <channel>, found {len(channels)}"]
    problems += _check_channel(channels[0])
    items = channels[0].findall("item")
    if not items:
        problems.append("the channel has no <item>")
    for n, item in enumerate(items, 1):
        label = f"item {n} ({_text(item, 'title') or 'untitled'})"
        problems += [f"{label}: {p}" for p in _check_item(item)]
    return problems + _check_guids_unique(items)


def _parse(data: bytes) -> tuple[ET.Element, set[str]]:
    """The root element and the namespace URIs declared; refuses entities and DTDs."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    namespaces = set()
    try:
        # Entity declarations (billion laughs), external entities and DTDs are refused
        # before anything is expanded or fetched.
        events = iterparse(io.BytesIO(data), events=("start-ns",), forbid_dtd=True)
        for _event, (_prefix, uri) in events:
            namespaces.add(uri)
    except DefusedXmlException as exc:
        reason = f"DTDs and entity declarations are not allowed ({exc})"
        raise _Unreadable(f"refused: {reason}") from None
    except ET.ParseError as exc:
        raise _Unreadable(f"not well-formed XML: {exc}") from None
    return events.root, namespaces


def _check_root(root: ET.Element, namespaces: set[str]) -> list[str]:
    """The document is RSS 2.0 and declares the iTunes and Podcasting 2.0 namespaces."""
    problems = []
    if root.tag != "rss":
        problems.append(f"root element is <{root.tag}>, not <rss>")
    elif root.get("version") != "2.0":
        problems.append(f"rss version is {root.get('version')!r}, not '2.0'")
    for uri, name in ((ITUNES_NS, "iTunes"), (PODCAST_NS, "Podcasting 2.0")):
        if uri not in namespaces:
            problems.append(f"the {name} namespace {uri} is not declared")
    return problems


def _check_channel(channel: ET.Element) -> list[str]:
    """Show-level elements podcast directories require."""
    problems = [f"channel: missing <{tag}>" for tag in ("title", "link", "description", "language")
                if not _text(channel, tag)]
    image = channel.find(f"{_IT}image")
    if image is None or not _is_http_url(image.get("href", "")):
        problems.append("channel: missing <itunes:image href> (artwork URL)")
    category = channel.find(f"{_IT}category")
    if category is None or not category.get("text"):
        problems.append("channel: missing <itunes:category text>")
    if _text(channel, f"{_IT}explicit").lower() not in _EXPLICIT:
        problems.append("channel: missing or invalid <itunes:explicit> (true or false)")
    if not _UUID.fullmatch(_text(channel, f"{_PC}guid")):
        problems.append("channel: missing <podcast:guid> or it is not a UUID")
    return problems


def _check_item(item: ET.Element) -> list[str]:
    """Episode-level elements: enclosure, guid, date, duration and the Podcasting 2.0 tags."""
    problems = []
    if not _text(item, "title"):
        problems.append("missing <title>")
    problems += _check_enclosure(item.find("enclosure"))
    if not _text(item, "guid"):
        problems.append("missing <guid>")
    if not _is_rfc2822(_text(item, "pubDate")):
        problems.append(f"<pubDate> {_text(item, 'pubDate')!r} is not an RFC 2822 date")
    if not _DURATION.fullmatch(_text(item, f"{_IT}duration")):
        problems.append("missing or invalid <itunes:duration> (seconds or [HH:]MM:SS)")
    problems += _check_linked(item, "transcript", lambda kind: "/" in kind)
    problems += _check_linked(item, "chapters", lambda kind: kind == CHAPTERS_TYPE)
    if not any(t.get("purpose") == "ai-content" and (t.text or "").strip() == "true"
               for t in item.iter(f"{_PC}txt")):
        problems.append('missing <podcast:txt purpose="ai-content">true</podcast:txt>')
    return problems


def _check_enclosure(enclosure: ET.Element | None) -> list[str]:
    """The enclosure has an absolute URL, a positive byte length and a MIME type."""
    if enclosure is None:
        return ["missing <enclosure>"]
    problems = []
    if not _is_http_url(enclosure.get("url", "")):
        problems.append("enclosure url is missing or not an http(s) URL")
    length = enclosure.get("length", "")
    if not (length.isascii() and length.isdigit() and int(length) > 0):
        problems.append(f"enclosure length {length!r} is not a positive byte count")
    if "/" not in enclosure.get("type", ""):
        problems.append("enclosure type is missing or not a MIME type")
    return problems


def _check_linked(item: ET.Element, tag: str, type_ok: Callable[[str], bool]) -> list[str]:
    """At least one <podcast:TAG> with an http(s) url and an acceptable type."""
    found = item.findall(f"{_PC}{tag}")
    if not found:
        return [f"missing <podcast:{tag}>"]
    return [f"<podcast:{tag}> needs an http(s) url and a valid type"
            for element in found
            if not (_is_http_url(element.get("url", "")) and type_ok(element.get("type", "")))]


def _check_guids_unique(items: list[ET.Element]) -> list[str]:
    """Players merge or hide episodes that share a GUID."""
    seen: set[str] = set()
    problems = []
    for item in items:
        guid = _text(item, "guid")
        if guid and guid in seen:
            problems.append(f"guid {guid!r} is used by more than one item")
        seen.add(guid)
    return problems


def _text(parent: ET.Element, tag: str) -> str:
    """Stripped text of a child element, "" when absent."""
    child = parent.find(tag)
    return (child.text or "").strip() if child is not None else ""


def _is_http_url(value: str) -> bool:
    """Whether value is an absolute http(s) URL."""
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _is_rfc2822(value: str) -> bool:
    """Whether value parses as an RFC 2822 date-time."""
    try:
        return parsedate_to_datetime(value) is not None
    except (TypeError, ValueError, IndexError, OverflowError):
        return False
