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
    from narrator.publish.feed import build_feed as build_feed
    from narrator.publish.feed import podcast_guid as podcast_guid
    from narrator.publish.feed import write_feed as write_feed
    from narrator.publish.feed_check import check_feed as check_feed
    from narrator.publish.feed_check import check_feed_file as check_feed_file
    from narrator.publish.manifest import Manifest as Manifest
    from narrator.publish.manifest import ManifestChapter as ManifestChapter
    from narrator.publish.manifest import ManifestSegment as ManifestSegment
    from narrator.publish.manifest import ManifestWord as ManifestWord
    from narrator.publish.manifest import find_manifests as find_manifests
    from narrator.publish.manifest import manifest_path_for as manifest_path_for
    from narrator.publish.manifest import read_manifest as read_manifest
    from narrator.publish.manifest import sha256_file as sha256_file
    from narrator.publish.manifest import stable_guid as stable_guid
    from narrator.publish.manifest import utc_timestamp as utc_timestamp
    from narrator.publish.manifest import write_manifest as write_manifest
    from narrator.publish.player import player_page as player_page
    from narrator.publish.player import write_player as write_player
    from narrator.publish.site import embed_snippet as embed_snippet
    from narrator.publish.site import site_page as site_page
    from narrator.publish.site import write_site as write_site


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
