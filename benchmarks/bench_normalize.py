"""Benchmark normalization: accuracy on normalization/*.tsv (written<TAB>spoken, one class per file).

Run on demand: `python benchmarks/bench_normalize.py [--details]`. Comparison ignores
case, punctuation, hyphens and the word "and" (the corpus follows another convention
for those): text is lowercased, hyphens become spaces, other punctuation is deleted
(so "F.B.I." and "FBI", "p.m." and "PM" compare equal) and "and" is dropped. The
as-written baseline (text left unchanged) is printed alongside.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from narrator.script import load_lexicon, normalize  # noqa: E402

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
        if "\t" in line:
            written, spoken = line.split("\t", 1)
            cases.append((written, spoken))
    return cases


def main() -> int:
    """Per-class and overall accuracy, ours against the as-written baseline."""
    folder = corpora_dir() / "normalization"
    files = sorted(folder.glob("*.tsv")) if folder.is_dir() else []
    if not files:
        print(f"corpus not found: {folder} (set NARRATOR_CORPORA); skipping")
        return 0
    details = "--details" in sys.argv
    lexicon = load_lexicon()
    totals = [0, 0, 0]
    print(f"{'class':<26}{'cases':>6}{'narrator':>10}{'as written':>12}")
    for path in files:
        cases = read_cases(path)
        ours = base = 0
        for written, spoken in cases:
            got = normalize(written, lexicon)
            ok = canonical(got) == canonical(spoken)
            ours += ok
            base += canonical(written) == canonical(spoken)
            if details and not ok:
                print(f"  {path.stem}: {written!r} → {got!r} (want {spoken!r})")
        totals = [totals[0] + len(cases), totals[1] + ours, totals[2] + base]
        print(f"{path.stem:<26}{len(cases):>6}{ours / len(cases):>10.0%}{base / len(cases):>12.0%}")
    count, ours, base = totals
    print(f"{'overall':<26}{count:>6}{ours / count:>10.1%}{base / count:>12.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
