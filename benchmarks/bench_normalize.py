"""Benchmark normalization: accuracy on normalization/*.tsv (written<TAB>spoken, one class per file).

Run on demand: `python benchmarks/bench_normalize.py [--details]`. Besides the shared dev
files (per class), it scores narrator's own sets in benchmarks/data: normalization-dev.tsv
(the kinds issue 17 lists, plus legal, science, sports, finance, addresses, product pages and
interviews; the rules were developed against it) and normalization-heldout.tsv (the same
kinds, written at the same time and not tuned on, though its failures were visible here during
development) and normalization-fresh.tsv (written after the rules were done, measured once). It also
times one 20,000-character sentence against one of 2,000 (linear time means about 10x). Comparison ignores
case, punctuation, hyphens and the word "and" (the corpus follows another convention
for those): text is lowercased, hyphens become spaces, other punctuation is deleted
(so "F.B.I." and "FBI", "p.m." and "PM" compare equal) and "and" is dropped. The
as-written baseline (text left unchanged) is printed alongside.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from narrator.script import load_lexicon, normalize

_PUNCT = re.compile(r"[^\w\s]|_")
_AND = re.compile(r"\band\b")


def corpora_dir() -> Path:
    """Where the shared evaluation corpora live."""
    env = os.environ.get("NARRATOR_CORPORA")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"


def canonical(text: str) -> str:
    """Lowercase words without punctuation, hyphens or "and"."""
    text = _PUNCT.sub("", text.lower().replace("-", " ").replace("–", " "))
    return " ".join(_AND.sub(" ", text).split())


def read_cases(path: Path) -> list[tuple[str, str]]:
    """(written, spoken) pairs of one file."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            written, spoken = line.split("\t", 1)
            cases.append((written, spoken))
    return cases


DATA = Path(__file__).resolve().parent / "data"


def own_sets(lexicon: object, details: bool) -> None:
    """Overall accuracy on narrator's own dev and held-out sets."""
    for name in ("normalization-dev", "normalization-heldout", "normalization-fresh"):
        cases = read_cases(DATA / f"{name}.tsv")
        ours, base = score(name, cases, lexicon, details)
        print(f"{name:<26}{len(cases):>6}{ours / len(cases):>10.1%}{base / len(cases):>12.1%}")


def score(name: str, cases: list[tuple[str, str]], lexicon: object, details: bool) -> tuple[int, int]:
    """Cases right as narrator speaks them, and as written; with `details`, print each miss."""
    ours = base = 0
    for written, spoken in cases:
        got = normalize(written, lexicon)
        ok = canonical(got) == canonical(spoken)
        ours += ok
        base += canonical(written) == canonical(spoken)
        if details and not ok:
            print(f"  {name}: {written!r} → {got!r} (want {spoken!r})")
    return ours, base


def linear_time(lexicon: object) -> None:
    """Seconds for a 2,000- and a 20,000-character sentence of mixed tokens, and their ratio."""
    unit = "On Jan. 5 the 737 MAX flew 3,200 km at 10:30 a.m. for $1.2 billion, 555-0100, 3:1 and 50/50; "
    times = []
    for size in (2_000, 20_000):
        text = (unit * (size // len(unit) + 1))[:size]
        best = float("inf")
        for _ in range(3):  # the best of three: the machine is shared
            start = time.perf_counter()
            spoken = normalize(text, lexicon)
            best = min(best, time.perf_counter() - start)
        times.append(best)
        assert spoken and not any(ch.isdigit() for ch in spoken)
    print(
        f"linear time (best of 3): 2,000 chars {times[0]:.3f} s, 20,000 chars {times[1]:.3f} s,"
        f" ratio {times[1] / times[0]:.1f}x (linear: 10x)"
    )


def main() -> int:
    """Per-class and overall accuracy, ours against the as-written baseline."""
    details = "--details" in sys.argv
    lexicon = load_lexicon()
    folder = corpora_dir() / "normalization"
    files = sorted(folder.glob("*.tsv")) if folder.is_dir() else []
    print(f"{'class':<26}{'cases':>6}{'narrator':>10}{'as written':>12}")
    own_sets(lexicon, details)
    linear_time(lexicon)
    if not files:
        print(f"shared corpus not found: {folder} (set NARRATOR_CORPORA); skipping it")
        return 0
    totals = [0, 0, 0]
    for path in files:
        cases = read_cases(path)
        ours, base = score(path.stem, cases, lexicon, details)
        totals = [totals[0] + len(cases), totals[1] + ours, totals[2] + base]
        print(f"{path.stem:<26}{len(cases):>6}{ours / len(cases):>10.0%}{base / len(cases):>12.0%}")
    count, ours, base = totals
    print(f"{'shared dev overall':<26}{count:>6}{ours / count:>10.1%}{base / count:>12.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
