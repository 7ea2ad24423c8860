"""The read-along player: one self-contained, accessible HTML page beside each narration.

The page is built from the manifest alone (text, segment and word times,
chapters) and names the audio and sidecars by relative URL, so it works from
file:// and from any static host. Every value from the article or manifest
goes through Jinja2's autoescaping, and the data for the script through its
`tojson` filter, which escapes `<`, `>`, `&` and quotes: a hostile title stays
text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from narrator import __version__
from narrator.errors import OutputError
from narrator.input_files import read_input

from ..files import write_bytes_atomic
from .manifest import MANIFEST_SUFFIX, Manifest, ManifestSegment, ManifestWord, read_manifest

if TYPE_CHECKING:
    from jinja2 import Template  # jinja2 itself loads when a page is rendered

GENERATOR = "narrator"
"""First word of the page's <meta name="generator">: how narrator knows a page is its own."""
RATES = (0.75, 1, 1.25, 1.5, 1.75, 2)
DISCLOSURE = "This audio is created with AI assistance."
DOWNLOAD_LABELS = {"vtt": "Transcript (WebVTT)", "srt": "Transcript (SRT)", "transcript": "Transcript (JSON)"}


@dataclass(frozen=True)
class PlayerResult:
    """What writing a player page did."""

    path: Path
    """The page."""
    written: bool
    """False if an up-to-date page was left as it was, or a page narrator did not make was kept."""
    warning: str | None = None
    """Why the page was not written, if it was not."""


def player_path_for(manifest_path: Path) -> Path:
    """Where the player page of a narration goes: beside its manifest, story.manifest.json → story.html."""
    manifest_path = Path(manifest_path)
    return manifest_path.with_name(manifest_path.name.removesuffix(MANIFEST_SUFFIX) + ".html")


def write_player(manifest_path: Path, *, force: bool = False) -> PlayerResult:
    """Write (or refresh) the player page beside the narration a manifest describes."""
    manifest_path = Path(manifest_path)
    manifest = read_manifest(manifest_path)
    folder = manifest_path.parent
    target = player_path_for(manifest_path)  # never where the manifest's file names point: they are input
    html = player_page(manifest, available=_existing_sidecars(manifest, folder)).encode("utf-8")
    existing = read_input(target, error=OutputError) if target.exists() else None  # never waits on a named pipe
    if existing == html:
        return PlayerResult(target, written=False)
    if existing is not None and not force and not is_narrator_page(existing):
        return PlayerResult(
            target,
            written=False,
            warning=f"{target} was not made by narrator; left as it is (use --force to replace it)",
        )
    write_bytes_atomic(target, html)
    return PlayerResult(target, written=True)


def is_narrator_page(content: bytes) -> bool:
    """True if an HTML file carries narrator's generator mark."""
    return f'<meta name="generator" content="{GENERATOR} '.encode() in content[:4096]


def player_page(manifest: Manifest, *, available: dict[str, str] | None = None) -> str:
    """The player page for a narration, as HTML text; `available`: sidecars by kind (default: all in the manifest)."""
    sidecars = manifest.sidecars if available is None else available
    view = {
        "language": manifest.language or "en",
        "byline": _byline(manifest),
        "disclosure": DISCLOSURE,
        "audio_url": _url(manifest.audio),
        "duration": clock(manifest.duration_ms),
        "rates": RATES,
        "chapters": [{"title": c.title, "start_ms": c.start_ms, "at": clock(c.start_ms)} for c in manifest.chapters],
        "downloads": _downloads(manifest, sidecars),
        "blocks": transcript_blocks(manifest),
        "credit": _credit(manifest),
    }
    return template("player.html.j2").render(
        m=manifest,
        page=view,
        data=player_data(manifest),
        css=asset("base.css") + asset("player.css"),
        js=asset("player.js"),
        generator=f"{GENERATOR} {__version__}",
    )


def player_data(manifest: Manifest) -> dict[str, Any]:
    """What the page's script needs: segment and word times, in transcript order."""
    return {
        "key": manifest.guid,
        "duration": manifest.duration_ms,
        "segments": [[s.start_ms, s.end_ms, s.sentence, s.paragraph] for s in manifest.segments],
        "words": [
            None if words is None else [[w.start_ms, w.end_ms] for w in words]
            for words in map(usable_words, manifest.segments)
        ],
    }


def transcript_blocks(manifest: Manifest) -> list[dict[str, Any]]:
    """Paragraphs of segments in reading order; a section's opening heading is marked as a heading."""
    chapter_titles = {" ".join(c.title.split()) for c in manifest.chapters}
    blocks: list[dict[str, Any]] = []
    previous: ManifestSegment | None = None
    for index, segment in enumerate(manifest.segments):
        rendered = {"index": index, "pieces": _pieces(segment)}
        if previous is not None and segment.paragraph == previous.paragraph:
            blocks[-1]["segments"].append(rendered)
        else:
            opens_section = previous is None or segment.section != previous.section
            blocks.append(
                {
                    "segments": [rendered],
                    "heading": opens_section and " ".join(segment.text.split()) in chapter_titles,
                    "paragraph": segment.paragraph,
                }
            )
        previous = segment
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        # A heading is one line followed by its own section's text.
        block["heading"] = block["heading"] and len(block["segments"]) == 1 and following is not None
    return blocks


def clock(ms: int) -> str:
    """m:ss, or h:mm:ss from an hour on."""
    hours, rest = divmod(max(0, round(ms / 1000)), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def usable_words(segment: ManifestSegment) -> list[ManifestWord] | None:
    """The segment's timed words if they are in order, apart, and where they say they are in its text; else None."""
    if not segment.words:
        return None
    position = 0
    for word in segment.words:
        # A manifest is input too: words that do not fit the text would shift every highlight after them.
        if (
            word.offset < position
            or not word.text
            or segment.text[word.offset : word.offset + len(word.text)] != word.text
        ):
            return None
        position = word.offset + len(word.text)
    return list(segment.words)


def _pieces(segment: ManifestSegment) -> list[tuple[str, bool]]:
    """The segment's text cut into (text, is a timed word) pieces."""
    text = segment.text
    words = usable_words(segment)
    if words is None:
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    position = 0
    for word in words:
        if word.offset > position:
            pieces.append((text[position : word.offset], False))
        pieces.append((word.text, True))
        position = word.offset + len(word.text)
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def _byline(manifest: Manifest) -> list[dict[str, str | None]]:
    """Author, publication, date and length, as shown under the title."""
    parts: list[dict[str, str | None]] = []
    if manifest.author:
        parts.append({"text": f"By {manifest.author}", "datetime": None})
    if manifest.publication:
        parts.append({"text": manifest.publication, "datetime": None})
    if manifest.date:
        parts.append({"text": manifest.date, "datetime": manifest.date})
    parts.append({"text": f"{clock(manifest.duration_ms)} listen", "datetime": None})
    return parts


def _downloads(manifest: Manifest, sidecars: dict[str, str]) -> list[dict[str, str]]:
    """Download links: the MP3, then each transcript present."""
    links = [{"url": _url(manifest.audio), "label": f"Audio (MP3, {manifest.audio_bytes / 1_000_000:.1f} MB)"}]
    links += [
        {"url": _url(sidecars[kind]), "label": label} for kind, label in DOWNLOAD_LABELS.items() if kind in sidecars
    ]
    return links


def _credit(manifest: Manifest) -> str:
    """Who and what made the audio."""
    voice = manifest.voice or {}
    name, engine = voice.get("name"), voice.get("engine")
    described = f"the {name} voice ({engine})" if name and engine else "a synthetic voice"
    return f"Narrated by narrator {manifest.narrator_version} with {described}."


def _existing_sidecars(manifest: Manifest, folder: Path) -> dict[str, str]:
    """The manifest's sidecars that are on disk."""
    return {kind: name for kind, name in manifest.sidecars.items() if (folder / name).is_file()}


def _url(name: str) -> str:
    """A relative URL for a file name (spaces, '#', '?' and the like quoted)."""
    return quote(name, safe="/")


@cache
def asset(name: str) -> Any:
    """A CSS or JavaScript file shipped in narrator/publish/data, as trusted markup."""
    from markupsafe import Markup

    return Markup((files("narrator.publish") / "data" / name).read_text(encoding="utf-8"))


@cache
def template(name: str) -> Template:
    """A Jinja2 template from narrator/publish/data, with HTML autoescaping on."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("narrator.publish", "data"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(name)
