"""Benchmark the read stage: 4-token shingle F1 of extracted body vs ground truth.

Run on demand: `python benchmarks/bench_clean.py [--details]`. Reads the shared
corpora from ../shared/corpora (or $NARRATOR_CORPORA) and exits 0 when absent.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from narrator.errors import InputError
from narrator.read import read_bytes

_TOKEN = re.compile(r"\w+")


def corpora_dir() -> Path:
    """Where the shared evaluation corpora live."""
    env = os.environ.get("NARRATOR_CORPORA")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"


def shingles(text: str, size: int = 4) -> Counter:
    """Counts of lower-cased 4-token shingles."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def precision_recall(predicted: str, truth: str) -> tuple[float, float]:
    """Shingle precision and recall of one document (empty prediction: 0, 0)."""
    pred, true = shingles(predicted), shingles(truth)
    overlap = sum((pred & true).values())
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(true.values()) if true else 1.0
    return precision, recall


def score(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """Mean precision, mean recall and the F1 of those means."""
    results = [precision_recall(p, t) for p, t in pairs]
    precision = sum(r[0] for r in results) / len(results)
    recall = sum(r[1] for r in results) / len(results)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def ours(data: bytes, source: str) -> str:
    """Text a listener hears (headings and paragraphs), empty when none is found."""
    try:
        article = read_bytes(data, source=source)
        return "\n\n".join(t for s in article.sections for t in ((s.heading or ""), *s.paragraphs) if t)
    except InputError:
        return ""


def trafilatura_alone(data: bytes, source: str) -> str:
    """Body text plain trafilatura extracts from HTML."""
    import trafilatura

    return trafilatura.extract(data, include_comments=False) or ""


def justext_lines(data: bytes, source: str) -> str:
    """Body text jusText finds when each pasted line is a paragraph."""
    import html

    import justext

    lines = data.decode("utf-8", errors="replace").splitlines()
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip()) + "</body></html>"
    paragraphs = justext.justext(page.encode(), justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def raw_page(data: bytes, source: str) -> str:
    """The whole page as-is."""
    return data.decode("utf-8", errors="replace")


Extractor = Callable[[bytes, str], str]


def run(
    name: str, docs: list[tuple[Path, str]], extractors: dict[str, Extractor], details: bool, note: str = ""
) -> None:
    """Print one line per corpus: our score and the baselines side by side."""
    cells = []
    for label, extract in extractors.items():
        started = time.perf_counter()
        pairs = [(extract(path.read_bytes(), str(path)), truth) for path, truth in docs]
        p, r, f = score(pairs)
        cells.append(f"{label} P={p:.3f} R={r:.3f} F1={f:.3f} ({time.perf_counter() - started:.1f}s)")
        if details and label == "ours":
            for (path, _), (pred, truth) in zip(docs, pairs, strict=True):
                dp, dr = precision_recall(pred, truth)
                print(f"  {path.name[:16]} P={dp:.2f} R={dr:.2f}")
    print(f"{name:<10} n={len(docs):<3} " + " | ".join(cells) + note)


def main() -> int:
    """Score every corpus found."""
    root = corpora_dir()
    if not root.is_dir():
        print(f"corpora not found at {root}; set NARRATOR_CORPORA to run the benchmark")
        return 0
    details = "--details" in sys.argv
    articles = root / "articles"
    truth = json.loads((articles / "ground-truth.json").read_text(encoding="utf-8"))
    pagetext = [(articles / "pagetext" / f"{key}.txt", v["articleBody"]) for key, v in sorted(truth.items())]
    html = [(articles / "html" / f"{key}.html", v["articleBody"]) for key, v in sorted(truth.items())]
    pagetext = [(p, t) for p, t in pagetext if p.exists()]
    html = [(p, t) for p, t in html if p.exists()]
    run("pagetext", pagetext, {"ours": ours, "raw page": raw_page, "jusText": justext_lines}, details)
    run("html", html, {"ours": ours, "trafilatura": trafilatura_alone}, details)
    pasted = root / "pasted"
    page, body = pasted / "rutte-trump-page.txt", pasted / "rutte-trump-body.txt"
    if page.exists() and body.exists():
        # Exactly the body: every paragraph, in order (whitespace compared collapsed).
        expected = [" ".join(p.split()) for p in body.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        got = read_bytes(page.read_bytes(), source=str(page)).paragraphs
        exact = " | exact body: " + ("yes" if got == expected else "NO")
        run("pasted", [(page, body.read_text(encoding="utf-8"))], {"ours": ours, "raw page": raw_page}, details, exact)
    return 0


if __name__ == "__main__":
    sys.exit(main())
