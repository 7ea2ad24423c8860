"""Benchmark sentence splitting: whole-list exact match, per set, narrator against plain Punkt.

Run on demand: `python benchmarks/bench_sentences.py [--details]`. Sets:
- shared dev: ../shared/corpora/sentences/english-dev.json (or $NARRATOR_CORPORA), skipped when absent;
- golden rules: pragmatic_segmenter's 52 Golden Rules, one case per rule (benchmarks/data);
- own dev: passages written for narrator (legal, science, sports, finance, addresses,
  product pages, interviews, news) that the rules were developed against;
- own held-out: passages of the same kinds, written at the same time and not tuned on (its
  failures were visible in this benchmark's output during development);
- fresh held-out: passages of the same kinds written after the rules were done, measured once.
A case passes only when the whole sentence list matches (runs of whitespace ignored).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nltk.tokenize.punkt import PunktSentenceTokenizer

from benchmarks._common import REPO, corpora
from narrator.script import split_sentences

Splitter = Callable[[str], list[str]]
DATA = REPO / "benchmarks" / "data"


def plain_punkt() -> Splitter:
    """Punkt with empty parameters: the untrained baseline (whitespace tidied like ours)."""
    tokenizer = PunktSentenceTokenizer()
    return lambda text: [" ".join(s.split()) for s in tokenizer.tokenize(text) if s.strip()]


def tidy(sentences: list[str]) -> list[str]:
    """Sentences with runs of whitespace made single spaces."""
    return [" ".join(s.split()) for s in sentences]


def score(cases: list[dict], splitter: Splitter, details: bool = False) -> tuple[int, float]:
    """Cases whose whole sentence list matches, and seconds taken."""
    passed = 0
    start = time.perf_counter()
    for case in cases:
        got = tidy(splitter(case["text"]))
        if got == tidy(case["sentences"]):
            passed += 1
        elif details:
            print(f"- {case['text'][:100]!r}\n  want {case['sentences'][:6]}\n  got  {got[:6]}")
    return passed, time.perf_counter() - start


def sets() -> list[tuple[str, list[dict]]]:
    """(name, cases) of every set found."""
    found = []
    shared = corpora()
    if shared and (shared / "sentences" / "english-dev.json").is_file():
        found.append(
            ("shared dev", json.loads((shared / "sentences" / "english-dev.json").read_text(encoding="utf-8")))
        )
    else:
        print("shared corpus not found (set NARRATOR_CORPORA); skipping that set")
    for name, file in (
        ("golden rules", "golden_rules.json"),
        ("own dev", "sentences-dev.json"),
        ("own held-out", "sentences-heldout.json"),
        ("fresh held-out", "sentences-fresh.json"),
    ):
        found.append((name, json.loads((DATA / file).read_text(encoding="utf-8"))["cases"]))
    return found


def main() -> int:
    """Print accuracy of narrator and of plain Punkt side by side, per set."""
    details = "--details" in sys.argv
    baseline = plain_punkt()
    print(f"{'set':<14}{'cases':>6}{'narrator':>10}{'plain Punkt':>13}{'seconds':>9}")
    for name, cases in sets():
        if details:
            print(f"[{name}]")
        ours, ours_s = score(cases, split_sentences, details)
        base, _ = score(cases, baseline)
        total = len(cases)
        print(f"{name:<14}{total:>6}{ours / total:>10.1%}{base / total:>13.1%}{ours_s:>9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
