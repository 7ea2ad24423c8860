"""narrator: turn news articles into narrated, loudness-normalized, tagged MP3s."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .errors import (
    AudioError,
    EngineError,
    FeedError,
    FetchError,
    InputError,
    LexiconError,
    NarratorError,
    NoArticleError,
    OutputError,
    SettingError,
    VoiceError,
)
from .models import Article, Clip, Narration, Script, Section, Segment, VoiceProfile

# Name → module, loaded on first use: `import narrator` and `narrator --help` must stay fast,
# and the calls below pull in the whole pipeline (numpy, trafilatura, the engines' registry).
_LAZY = {
    "narrate": "api",
    "narrate_batch": "api",
    "write_feed": "api",
    "clean": "api",
    "split": "api",
    "normalize": "api",
    "build_script": "api",
    "read_lines": "api",
    "NarrationSettings": "settings",
    "settings_from_options": "options",
    "NarrationResult": "publish.output_set",
    "ArticleOverrides": "metadata",
    "BatchItem": "batch.items",
    "BatchSummary": "batch.run",
    "ItemResult": "batch.results",
    "FeedResult": "publish.feed",
    "CheckOptions": "check.run",
    "check_narration": "check.run",
}

__all__ = [
    "Article",
    "ArticleOverrides",
    "AudioError",
    "BatchItem",
    "BatchSummary",
    "CheckOptions",
    "Clip",
    "EngineError",
    "FeedError",
    "FeedResult",
    "FetchError",
    "InputError",
    "ItemResult",
    "LexiconError",
    "Narration",
    "NarrationResult",
    "NarrationSettings",
    "NarratorError",
    "NoArticleError",
    "OutputError",
    "Script",
    "Section",
    "Segment",
    "SettingError",
    "VoiceError",
    "VoiceProfile",
    "__version__",
    "build_script",
    "check_narration",
    "clean",
    "narrate",
    "narrate_batch",
    "normalize",
    "read_lines",
    "settings_from_options",
    "split",
    "write_feed",
]

if TYPE_CHECKING:
    from .api import build_script, clean, narrate, narrate_batch, normalize, read_lines, split, write_feed
    from .batch.items import BatchItem
    from .batch.results import ItemResult
    from .batch.run import BatchSummary
    from .check.run import CheckOptions, check_narration
    from .metadata import ArticleOverrides
    from .options import settings_from_options
    from .publish.feed import FeedResult
    from .publish.output_set import NarrationResult
    from .settings import NarrationSettings


def __getattr__(name: str) -> Any:
    """Import the public API's heavier parts on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'narrator' has no attribute {name!r}")
    value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value  # once: the next look-up is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
