"""narrator: turn news articles into narrated, loudness-normalized, tagged MP3s."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Clip",
    "Narration",
    "NarratorError",
    "Script",
    "Section",
    "Segment",
    "VoiceProfile",
    "__version__",
    "narrate",
]

from .errors import NarratorError
from .models import Article, Clip, Narration, Script, Section, Segment, VoiceProfile

if TYPE_CHECKING:
    from .pipeline import narrate


def __getattr__(name: str) -> Any:
    """Import the pipeline lazily so `import narrator` stays fast."""
    if name == "narrate":
        from .pipeline import narrate

        return narrate
    raise AttributeError(f"module 'narrator' has no attribute {name!r}")
