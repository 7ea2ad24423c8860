"""A site page for a folder of narrations: every episode, newest first, with its player, and an embed snippet."""

from __future__ import annotations

import html
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit

from narrator import __version__
from narrator.errors import FeedError, OutputError
from narrator.input_files import read_input

from ..files import write_bytes_atomic
from .feed import Episode, collect_episodes
from .manifest import manifest_path_for, read_manifest
from .player import DISCLOSURE, DOWNLOAD_LABELS, GENERATOR, asset, clock, is_narrator_page, player_path_for, template

DEFAULT_TITLE = "Narrations"
EMBED_HEIGHT_PX = 640


def site_page(folder: Path, *, title: str = DEFAULT_TITLE, feed_url: str | None = None) -> str:
    """The index page of the narrations under `folder`, as HTML; links are relative to the folder."""
    folder = Path(folder)
    episodes = collect_episodes(folder, "")  # an empty base URL gives folder-relative links
    if feed_url is None and (folder / "feed.xml").is_file():
        feed_url = "feed.xml"
    languages = [e.manifest.language for e in episodes]
    return template("site.html.j2").render(
        title=title,
        language=max(set(languages), key=languages.count),
        feed_url=feed_url,
        disclosure=DISCLOSURE,
        episodes=[_episode_view(folder, e) for e in episodes],
        css=asset("base.css") + asset("site.css"),
        generator=f"{GENERATOR} {__version__}",
        version=__version__,
    )


def write_site(
    folder: Path,
    *,
    output: Path | None = None,
    title: str = DEFAULT_TITLE,
    feed_url: str | None = None,
    force: bool = False,
) -> Path:
    """Write the site page (default FOLDER/index.html) atomically; a page not narrator's is kept unless `force`."""
    output = Path(output) if output is not None else Path(folder) / "index.html"
    page = site_page(folder, title=title, feed_url=feed_url).encode("utf-8")
    if output.exists() and not force:
        ours = is_narrator_page(read_input(output, error=OutputError))  # a named pipe there is refused, not waited on
        if not ours:
            raise OutputError(f"{output} exists and was not made by narrator; use --force to replace it")
    write_bytes_atomic(output, page)
    return output


def embed_snippet(audio: Path, base_url: str, *, height: int = EMBED_HEIGHT_PX) -> str:
    """An <iframe> that embeds the player page of narration `audio` (its MP3, manifest or page) served at `base_url`."""
    audio = Path(audio)
    is_manifest = audio.name.endswith(".manifest.json")
    manifest_path = audio if is_manifest else manifest_path_for(audio.with_suffix(".mp3"))
    manifest = read_manifest(manifest_path)
    page = player_path_for(manifest_path)
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedError(f"base URL must start with http:// or https://, got {base_url!r}")
    src = urljoin(base_url if base_url.endswith("/") else base_url + "/", quote(page.name))
    title = html.escape(f"Listen: {manifest.title}", quote=True)
    return (
        f'<iframe src="{html.escape(src, quote=True)}" title="{title}" width="100%" height="{int(height)}" '
        f'style="border:0;max-width:48rem" loading="lazy"></iframe>'
    )


def _episode_view(folder: Path, episode: Episode) -> dict[str, object]:
    """What the site page shows of one episode."""
    manifest = episode.manifest
    page = PurePosixPath(unquote(episode.audio_url)).with_suffix(".html")
    return {
        "title": manifest.title,
        "author": manifest.author,
        "date": episode.published.date().isoformat(),
        "duration": clock(manifest.duration_ms),
        "description": manifest.description,
        "audio_url": episode.audio_url,
        "player_url": quote(str(page), safe="/") if (folder / page).is_file() else None,
        "transcripts": [
            (label, episode.sidecar_urls[kind])
            for kind, label in DOWNLOAD_LABELS.items()
            if kind in episode.sidecar_urls
        ],
    }
