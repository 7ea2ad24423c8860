"""Timing for tests that check growth (linear, not quadratic), robust to a busy machine."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(work: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` runs of `work`, in seconds: noise from other processes only ever adds time."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best
