"""The XML namespaces and media types a podcast feed uses, shared by the feed writer and the feed checker."""

from __future__ import annotations

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
# The namespace's first URL; the spec makes clients treat it as identical, and some
# (gPodder's podcastparser) know only this one.
PODCAST_NS_OLD = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
CHAPTERS_TYPE = "application/json+chapters"
