"""Lint any podcast feed: errors break apps or directories, warnings are Apple's and Podcasting 2.0's advice.

An optional policy adds a producer's own rules on top (``policy="narrator"``: the AI
disclosure, ``podcast:guid``, transcripts and chapters on every episode); its findings
count as errors, since a feed that asks for a policy wants to fail without it.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from narrator.errors import FeedError
from narrator.input_files import read_input
from narrator.publish.namespaces import CHAPTERS_TYPE, ITUNES_NS, PODCAST_NS, PODCAST_NS_OLD

MAX_FEED_BYTES = 50_000_000
POLICIES = ("narrator",)
"""Named opt-in policies check_feed knows."""
_IT = f"{{{ITUNES_NS}}}"
_PC = f"{{{PODCAST_NS}}}"
# Seconds (optionally with a fraction), or [H:]M:SS; apps accept minutes over 59 ("75:30").
_DURATION = re.compile(r"\d+(\.\d+)?|(\d+:)?\d+:[0-5]\d(\.\d+)?")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_EXPLICIT = ("true", "false", "yes", "no", "clean", "explicit")


@dataclass(frozen=True)
class FeedReport:
    """What check_feed found, by level."""

    errors: tuple[str, ...] = ()
    """What breaks podcast apps or directories (or the chosen policy)."""
    warnings: tuple[str, ...] = ()
    """Recommendations (Apple Podcasts, Podcasting 2.0) a feed works without."""

    @property
    def ok(self) -> bool:
        """True when there is no error."""
        return not self.errors

    def passes(self, *, strict: bool = False) -> bool:
        """No errors, and with strict no warnings either."""
        return self.ok and not (strict and self.warnings)


class _Findings:
    """Collects errors and warnings while a feed is walked."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def report(self) -> FeedReport:
        """The findings as a FeedReport."""
        return FeedReport(tuple(self.errors), tuple(self.warnings))


class _Unreadable(Exception):
    """The document cannot be, or must not be, parsed."""


def check_feed_file(path: Path, *, policy: str | None = None) -> FeedReport:
    """check_feed of a file; FeedError (one line) if it cannot be read (a pipe or device: refused with its reason)."""
    return check_feed(read_input(path, max_bytes=MAX_FEED_BYTES, error=FeedError), policy=policy)


def check_feed(data: bytes | str, *, policy: str | None = None) -> FeedReport:
    """Errors and warnings of a feed document; `policy` ("narrator") adds that policy's rules as errors."""
    if policy is not None and policy not in POLICIES:
        raise FeedError(f"unknown feed policy {policy!r} (known: {', '.join(POLICIES)})")
    found = _Findings()
    try:
        root, namespaces = _parse(data)
    except _Unreadable as exc:
        return FeedReport(errors=(str(exc),))
    if root.tag != "rss":
        found.errors.append(f"root element is <{root.tag}>, not <rss>: podcast apps read RSS 2.0")
        return found.report()
    if root.get("version") != "2.0":
        found.warnings.append(f"rss version is {root.get('version')!r}, not '2.0'")
    channels = root.findall("channel")
    if len(channels) != 1:
        found.errors.append(f"expected one <channel>, found {len(channels)}")
        return found.report()
    _check_namespaces(namespaces, found)
    channel = channels[0]
    _check_channel(channel, found)
    items = channel.findall("item")
    if not items:
        found.warnings.append("the channel has no <item>: directories list no episodes")
    for n, item in enumerate(items, 1):
        _check_item(item, f"item {n} ({_text(item, 'title') or 'untitled'})", found)
    _check_guids_unique(items, found)
    if policy == "narrator":
        _check_narrator_policy(channel, items, namespaces, found)
    return found.report()


def _parse(data: bytes | str) -> tuple[ET.Element, set[str]]:
    """The root element (old Podcasting 2.0 URL read as the current one) and the namespace URIs declared."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    namespaces: set[str] = set()
    root: ET.Element | None = None
    try:
        # Entity declarations (billion laughs) and external entities are refused before
        # anything is expanded or fetched; a bare DOCTYPE (old RSS feeds carry one) is read,
        # never fetched.
        for event, found in iterparse(io.BytesIO(data), events=("start-ns", "start"), forbid_dtd=False):
            if event == "start-ns":
                namespaces.add(found[1])
            elif root is None:
                root = found
    except DefusedXmlException as exc:
        raise _Unreadable(f"refused: entity declarations are not allowed ({exc})") from None
    except ET.ParseError as exc:
        raise _Unreadable(f"not well-formed XML: {exc}") from None  # the message names the line
    if root is None:
        raise _Unreadable("not well-formed XML: no element found")
    _canonical_tags(root, _aliases(namespaces))
    return root, namespaces


def _aliases(namespaces: set[str]) -> dict[str, str]:
    """Declared URIs that mean the iTunes or Podcasting 2.0 namespace, mapped to its canonical URI."""
    aliases = {}
    for uri in namespaces:
        if uri.rstrip("/").lower() == PODCAST_NS_OLD.lower():
            aliases[uri] = PODCAST_NS  # the spec: clients must treat the old URL as identical
        elif uri.lower() == ITUNES_NS.lower() and uri != ITUNES_NS:
            aliases[uri] = ITUNES_NS  # "DTDs/Podcast-1.0.dtd": Apple reads it, many feeds use it
    return aliases


def _canonical_tags(root: ET.Element, aliases: dict[str, str]) -> None:
    """Rename elements in an alias namespace to the canonical one, in place."""
    if not aliases:
        return
    for element in root.iter():
        if element.tag.startswith("{"):
            uri, _, local = element.tag[1:].partition("}")
            if uri in aliases:
                element.tag = f"{{{aliases[uri]}}}{local}"


def _check_namespaces(namespaces: set[str], found: _Findings) -> None:
    """Warn about a missing iTunes namespace and the old Podcasting 2.0 URL."""
    if not any(uri.lower() == ITUNES_NS.lower() for uri in namespaces):
        found.warnings.append(f"the iTunes namespace {ITUNES_NS} is not declared: Apple Podcasts wants its tags")
    if any(uri.rstrip("/").lower() == PODCAST_NS_OLD.lower() for uri in namespaces) and PODCAST_NS not in namespaces:
        found.warnings.append(
            f"the Podcasting 2.0 namespace is declared by its old URL; the current one is {PODCAST_NS}"
        )


def _check_channel(channel: ET.Element, found: _Findings) -> None:
    """Show-level elements: a title is needed; the rest is Apple's and Podcasting 2.0's advice."""
    if not _text(channel, "title"):
        found.errors.append("channel: missing <title>")
    for tag in ("lastBuildDate", "pubDate"):
        _check_date(channel, tag, "channel", found)
    for tag in ("link", "description", "language"):
        if not _text(channel, tag):
            found.warnings.append(f"channel: missing <{tag}>")
    image = channel.find(f"{_IT}image")
    if image is None or not _is_http_url(image.get("href", "")):
        found.warnings.append("channel: missing <itunes:image href> (artwork URL; Apple requires it)")
    category = channel.find(f"{_IT}category")
    if category is None or not category.get("text"):
        found.warnings.append("channel: missing <itunes:category text> (Apple requires it)")
    explicit = channel.find(f"{_IT}explicit")
    if explicit is None or (explicit.text or "").strip().lower() not in _EXPLICIT:
        found.warnings.append("channel: missing or invalid <itunes:explicit> (true or false; Apple requires it)")
    guid = channel.find(f"{_PC}guid")
    if guid is None:
        found.warnings.append("channel: no <podcast:guid> (Podcasting 2.0 recommends one)")
    elif not _UUID.fullmatch((guid.text or "").strip()):
        found.warnings.append("channel: <podcast:guid> is not a UUID")


def _check_item(item: ET.Element, label: str, found: _Findings) -> None:
    """Episode-level elements: title, enclosure, dates and durations; links and GUIDs as advice."""
    if not _text(item, "title"):
        found.errors.append(f"{label}: missing <title>")
    _check_enclosure(item.find("enclosure"), label, found)
    _check_date(item, "pubDate", label, found)
    if not _text(item, "pubDate"):
        found.warnings.append(f"{label}: no <pubDate>: apps cannot order or date the episode")
    if not _text(item, "guid"):
        found.warnings.append(f"{label}: no <guid>: apps fall back to the enclosure URL to tell episodes apart")
    duration = _text(item, f"{_IT}duration")
    if duration and not _DURATION.fullmatch(duration):
        found.errors.append(f"{label}: <itunes:duration> {duration!r} is not seconds or [HH:]MM:SS")
    for tag, wanted in (("transcript", "a MIME type"), ("chapters", CHAPTERS_TYPE)):
        for element in item.findall(f"{_PC}{tag}"):
            kind = element.get("type", "")
            if not _is_http_url(element.get("url", "")):
                found.warnings.append(f"{label}: <podcast:{tag}> has no http(s) url; apps skip it")
            elif kind != wanted if tag == "chapters" else "/" not in kind:
                found.warnings.append(f"{label}: <podcast:{tag}> type {kind!r} is not {wanted}")


def _check_enclosure(enclosure: ET.Element | None, label: str, found: _Findings) -> None:
    """An enclosure with an absolute URL is needed; a numeric length and a MIME type are expected."""
    if enclosure is None:
        found.errors.append(f"{label}: missing <enclosure>: apps have nothing to play")
        return
    if not _is_http_url(enclosure.get("url", "")):
        found.errors.append(f"{label}: enclosure url {enclosure.get('url', '')!r} is not an http(s) URL")
    length = enclosure.get("length")
    if length is not None and length.strip() and not (length.strip().isascii() and length.strip().isdigit()):
        found.errors.append(f"{label}: enclosure length {length!r} is not a byte count")
    elif length is None or not length.strip() or int(length) == 0:
        found.warnings.append(f"{label}: enclosure length {length or ''!r} should be the file's size in bytes")
    kind = enclosure.get("type")
    if kind is None or not kind.strip():
        found.warnings.append(f"{label}: enclosure has no type (a MIME type such as audio/mpeg)")
    elif not re.fullmatch(r"[\w.+-]+/[\w.+-]+(\s*;.*)?", kind.strip()):
        found.errors.append(f"{label}: enclosure type {kind!r} is not a MIME type")


def _check_date(parent: ET.Element, tag: str, label: str, found: _Findings) -> None:
    """A date element, when it has text, must parse as RFC 2822 (an empty one is as good as none)."""
    value = _text(parent, tag)
    if value and not _is_rfc2822(value):
        found.errors.append(f"{label}: <{tag}> {value!r} is not an RFC 2822 date")


def _check_guids_unique(items: list[ET.Element], found: _Findings) -> None:
    """Players merge or hide episodes that share a GUID."""
    seen: set[str] = set()
    for item in items:
        guid = _text(item, "guid")
        if guid and guid in seen:
            found.warnings.append(f"guid {guid!r} is used by more than one item: apps show only one of them")
        seen.add(guid)


def _check_narrator_policy(
    channel: ET.Element, items: list[ET.Element], namespaces: set[str], found: _Findings
) -> None:
    """narrator's policy: current namespace URL, podcast:guid, and AI disclosure, transcript and chapters per item."""
    rule = "narrator policy:"
    if PODCAST_NS not in namespaces:
        found.errors.append(f"{rule} the Podcasting 2.0 namespace {PODCAST_NS} is not declared")
    if not _UUID.fullmatch(_text(channel, f"{_PC}guid")):
        found.errors.append(f"{rule} channel: missing <podcast:guid> or it is not a UUID")
    for n, item in enumerate(items, 1):
        label = f"{rule} item {n} ({_text(item, 'title') or 'untitled'})"
        if not any(
            t.get("purpose") == "ai-content" and (t.text or "").strip() == "true" for t in item.iter(f"{_PC}txt")
        ):
            found.errors.append(f'{label}: missing <podcast:txt purpose="ai-content">true</podcast:txt>')
        for tag in ("transcript", "chapters"):
            if item.find(f"{_PC}{tag}") is None:
                found.errors.append(f"{label}: missing <podcast:{tag}>")


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
