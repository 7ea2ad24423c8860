"""Benchmark sentence splitting: whole-list exact match on sentences/english-dev.json.

Run on demand: `python benchmarks/bench_sentences.py [--details]`. Reads the shared
corpora from ../shared/corpora (or $NARRATOR_CORPORA) and exits 0 when absent. Plain,
untrained Punkt (no abbreviations, no rules) is printed alongside as the baseline.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nltk.tokenize.punkt import PunktSentenceTokenizer  # noqa: E402

from narrator.script import split_sentences  # noqa: E402

Splitter = Callable[[str], list[str]]


def corpora_dir() -> Path:
    """Where the shared evaluation corpora live."""
    env = os.environ.get("NARRATOR_CORPORA")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"


def plain_punkt() -> Splitter:
    """Punkt with empty parameters: the untrained baseline (whitespace tidied like ours)."""
    tokenizer = PunktSentenceTokenizer()
    return lambda text: [" ".join(s.split()) for s in tokenizer.tokenize(text) if s.strip()]


def score(cases: list[dict], splitter: Splitter, details: bool = False) -> tuple[int, float]:
    """Cases whose whole sentence list matches, and seconds taken."""
    passed = 0
    start = time.perf_counter()
    for case in cases:
        got = splitter(case["text"])
        if got == case["sentences"]:
            passed += 1
        elif details:
            print(f"- {case['text'][:100]!r}\n  want {case['sentences'][:6]}\n  got  {got[:6]}")
    return passed, time.perf_counter() - start


def main() -> int:
    """Print accuracy of narrator and of plain Punkt side by side."""
    path = corpora_dir() / "sentences" / "english-dev.json"
    if not path.is_file():
        print(f"corpus not found: {path} (set NARRATOR_CORPORA); skipping")
        return 0
    cases = json.loads(path.read_text(encoding="utf-8"))
    details = "--details" in sys.argv
    ours, ours_s = score(cases, split_sentences, details)
    base, base_s = score(cases, plain_punkt())
    total = len(cases)
    print(f"{'splitter':<22}{'exact':>8}{'accuracy':>10}{'seconds':>9}")
    print(f"{'narrator':<22}{ours:>5}/{total:<3}{ours / total:>9.1%}{ours_s:>9.2f}")
    print(f"{'plain Punkt':<22}{base:>5}/{total:<3}{base / total:>9.1%}{base_s:>9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
