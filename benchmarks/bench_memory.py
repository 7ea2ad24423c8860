"""Benchmark peak memory of one narration against its length: 2,000 vs 20,000 words.

Run on demand: `python benchmarks/bench_memory.py [--words 2000 20000] [--voice default]`.
Each narration runs in a fresh Python process (a cold clip cache of its own) that
prints its own peak resident set size (ru_maxrss) after `narrate`; engine worker
processes are separate and not counted (their memory does not grow with the
article). Text: the shared corpus article repeated (built-in text without it),
in paragraphs, with a heading every 1,500 words so chapters are made too.
Target: peak under 300 MB at any length.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import corpora, machine

FALLBACK = (
    "The city council approved the budget on Tuesday after a long debate. "
    "Critics said the plan would cut bus routes in the poorest neighbourhoods, while supporters pointed to new "
    "schools. "
    "The mayor, who had threatened a veto, signed it within the hour. "
)
CHILD = """
import json, resource, sys, time
from narrator import narrate
started = time.perf_counter()
result = narrate(sys.argv[1], sys.argv[2], voice=sys.argv[3])
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "minutes": result.duration_ms / 60000, "seconds": time.perf_counter() - started}))
"""


def article(words: int) -> str:
    """A Markdown article of about `words` words."""
    corpus = corpora() / "pasted" / "rutte-trump-body.txt" if corpora() else None
    source = corpus.read_text(encoding="utf-8") if corpus and corpus.is_file() else FALLBACK * 20
    vocabulary = source.split()
    paragraphs, count, heading = [], 0, 0
    while count < words:
        if count // 1500 >= heading:
            heading += 1
            paragraphs.append(f"## Part {heading}")
        take = vocabulary[(count * 7) % len(vocabulary) :][:80] or vocabulary[:80]
        paragraphs.append(" ".join(take))
        count += len(take)
    return "# A long read\n\n" + "\n\n".join(paragraphs) + "\n"


def measure(words: int, voice: str) -> dict:
    """Narrate an article of `words` words in a fresh process; its peak RSS and audio length."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.md"
        path.write_text(article(words), encoding="utf-8")
        env = {**os.environ, "NARRATOR_CACHE_DIR": str(Path(folder) / "cache")}
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(Path(folder) / "long.mp3"), voice],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--voice", default="default", help="voice profile (default: eSpeak)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    started = time.perf_counter()
    for words in args.words:
        found = measure(words, args.voice)
        print(
            f"{words:>6} words: {found['minutes']:6.1f} min of audio, peak RSS {found['peak_mb']:6.1f} MB, "
            f"{found['seconds']:.0f} s",
            flush=True,
        )
    print(f"(total {time.perf_counter() - started:.0f} s; the machine is shared, so times are noisy; memory is not)")


if __name__ == "__main__":
    main()
