"""Dask cluster batches beside local ones, measured side by side in one run.

Reports, on 20 articles of 700 words: throughput of 2 local Dask workers vs 1
(`--cluster local:2` vs `local:1`, target >= 1.8x), and the overhead of a 1-worker
Dask batch vs a local 1-worker batch (`--cluster local:1` vs `--workers 1`,
target <= 1.10x); also CPU seconds per article, the figure the README's
machines-per-day estimate is made from. Times are the batch's own (JSON
`elapsed_s`: from the first item sent to the last file written; starting the
local cluster is printed apart). Runs alternate, each with an empty output
folder and clip cache; medians are reported and every run printed. The
machine may be shared: say so when quoting numbers.
Run: python benchmarks/bench_cluster.py [--voice joe] [--articles 20] [--rounds 2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine
from bench_batch import Run, article_texts, run_batch, write_articles

SETUPS = {
    "local batch, 1 worker": ("--workers", "1"),
    "Dask local:1": ("--cluster", "local:1"),
    "Dask local:2": ("--cluster", "local:2"),
}


def main() -> None:
    """Print the two ratios and the CPU cost per article."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voice", default="default", help="voice profile (default: eSpeak; joe: Piper)")
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    runs: dict[str, list[Run]] = {label: [] for label in SETUPS}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_articles(work / "in", article_texts(args.articles))
        for round_ in range(args.rounds):
            for n, (label, options) in enumerate(SETUPS.items()):
                runs[label].append(
                    run_batch(
                        work / "in",
                        work / f"out{n}-{round_}",
                        work / f"cache{n}-{round_}",
                        "--voice",
                        args.voice,
                        *options,
                    )
                )
    minutes = runs["local batch, 1 worker"][0].summary["audio_minutes"]
    print(
        f"{args.articles} articles, {minutes:.1f} min of audio, voice {args.voice}: batch time [wall time incl. "
        "start-up] (CPU s)"
    )
    elapsed = {}
    for label, measured in runs.items():
        elapsed[label] = statistics.median(r.summary["elapsed_s"] for r in measured)
        each = ", ".join(f"{r.summary['elapsed_s']:.1f} s [{r.seconds:.1f} s] ({r.cpu_seconds:.0f})" for r in measured)
        print(f"  {label:24s} {each}")
    print(
        f"  2 Dask workers vs 1: {elapsed['Dask local:1'] / elapsed['Dask local:2']:.2f}x throughput (target >= 1.8x)"
    )
    print(
        f"  1-worker Dask vs local 1-worker: {elapsed['Dask local:1'] / elapsed['local batch, 1 worker']:.2f}x the "
        "time (target <= 1.10x)"
    )
    local = runs["local batch, 1 worker"]
    cpu = statistics.median(r.cpu_seconds for r in local) / args.articles
    wall = statistics.median(r.summary["elapsed_s"] for r in local) / args.articles
    print(
        f"  per article (local, 1 worker): {cpu:.2f} CPU s, {wall:.2f} s of batch time, {minutes / args.articles:.2f} "
        "min of audio"
    )


if __name__ == "__main__":
    main()
