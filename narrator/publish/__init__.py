"""Publishing narrations: manifests, the podcast feed and its checker (imported lazily)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Name → submodule; loaded on first use so `import narrator.publish` stays cheap.
_EXPORTS = {
    "Manifest": "manifest",
    "ManifestChapter": "manifest",
    "ManifestSegment": "manifest",
    "ManifestWord": "manifest",
    "find_manifests": "manifest",
    "manifest_path_for": "manifest",
    "read_manifest": "manifest",
    "sha256_file": "manifest",
    "stable_guid": "manifest",
    "utc_timestamp": "manifest",
    "write_bytes_atomic": "files",
    "write_manifest": "manifest",
    "build_feed": "feed",
    "podcast_guid": "feed",
    "write_feed": "feed",
    "check_feed": "feed_check",
    "check_feed_file": "feed_check",
    "player_page": "player",
    "write_player": "player",
    "embed_snippet": "site",
    "site_page": "site",
    "write_site": "site",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from narrator.publish.feed import build_feed, podcast_guid, write_feed
    from narrator.publish.feed_check import check_feed, check_feed_file
    from narrator.publish.files import write_bytes_atomic
    from narrator.publish.manifest import (
        Manifest,
        ManifestChapter,
        ManifestSegment,
        ManifestWord,
        find_manifests,
        manifest_path_for,
        read_manifest,
        sha256_file,
        stable_guid,
        utc_timestamp,
        write_manifest,
    )
    from narrator.publish.player import player_page, write_player
    from narrator.publish.site import embed_snippet, site_page, write_site


def __getattr__(name: str) -> Any:
    """Import the submodule that defines name on first access."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """Public names, for tab completion."""
    return sorted(set(globals()) | set(__all__))
