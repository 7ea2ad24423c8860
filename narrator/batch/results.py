"""What became of one batch item, shared by local and cluster runs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal

from ..check import CheckOptions, check_narration
from ..publish.output_set import NarrationResult
from ..safe_text import clean_text
from .items import BatchItem

Status = Literal["done", "skipped", "failed"]


@dataclass(frozen=True)
class ItemResult:
    """How one item went."""

    label: str
    """The item's name in the batch."""
    status: Status
    """done, skipped (up to date) or failed."""
    output: str | None = None
    """The MP3 written or found, if any."""
    error: str | None = None
    """One-line reason for a failure."""
    duration_ms: int = 0
    """Length of the narration."""
    seconds: float = 0.0
    """Time the item took."""
    check: dict[str, Any] | None = None
    """The listening check's summary (batch --check)."""
    warnings: tuple[str, ...] = ()
    """Things the producer should know about this item (e.g. a guessed title)."""

    def __post_init__(self) -> None:
        # Labels and errors name user paths and rows, which can hold line breaks and terminal escapes.
        object.__setattr__(self, "label", clean_text(self.label, one_line=True))
        if self.error is not None:
            object.__setattr__(self, "error", clean_text(self.error, one_line=True) or "unknown error")


def input_size(item: BatchItem) -> int:
    """Bytes of a local input (0 for URLs and unreadable files), to schedule big items first."""
    try:
        return os.path.getsize(item.source)
    except OSError:
        return 0


def checked_item(label: str, result: NarrationResult, options: CheckOptions, seconds: float) -> ItemResult:
    """An item narrated, then listened to: failed, with its worst sentences, when the check does not pass."""
    report = check_narration(result.audio, options)
    summary = report.summary()
    if report.passed:
        return ItemResult(
            label,
            "skipped" if result.skipped else "done",
            str(result.audio),
            None,
            result.duration_ms,
            seconds,
            summary,
            result.warnings,
        )
    worst = "; ".join(f"#{s.index} [{', '.join(s.problems)}] heard {s.heard[:80]!r}" for s in report.flagged[:3])
    reasons = [f"WER {100 * report.wer:.1f}% (max {100 * options.max_wer:.0f}%)", *report.spec.problems]
    error = f"check failed: {', '.join(reasons)}" + (f"; worst: {worst}" if worst else "")
    return ItemResult(label, "failed", str(result.audio), error, result.duration_ms, seconds, summary, result.warnings)
