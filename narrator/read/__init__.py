"""Read stage: turn a file, URL, standard input or bytes into a clean Article."""

from __future__ import annotations

from narrator.read.reader import Loaded, article_to_json, load_source, read_article, read_bytes, read_str

__all__ = ["Loaded", "article_to_json", "load_source", "read_article", "read_bytes", "read_str"]
