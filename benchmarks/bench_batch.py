"""Batch throughput, incremental re-runs and memory, measured side by side in one run.

Reports: 1 vs 2 workers on 20 articles (target >= 1.8x on two cores), the same with the
one worker held to a single core (taskset-like, so its engine and ffmpeg can't use the
second core), beside how much two processes of pure CPU work gain on this machine; rerun after
editing one sentence (target <= 10% of the cold run); fully up-to-date rerun of
100 articles (target < 1 s plus start-up); peak memory for 10 vs 40 articles.
Run: python benchmarks/bench_batch.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, corpora, machine, timed

WORDS_PER_ARTICLE = 700  # a typical news story
ROUNDS = 2  # alternated runs of 1 and 2 workers


def article_texts(count: int) -> list[str]:
    """News bodies from the shared corpus (up to WORDS_PER_ARTICLE words), else the sample, varied."""
    bodies: list[str] = []
    if corpora() is not None:
        truth = json.loads((corpora() / "articles" / "ground-truth.json").read_text(encoding="utf-8"))
        bodies = [v["articleBody"] for v in truth.values() if len(v["articleBody"].split()) > WORDS_PER_ARTICLE]
    if not bodies:
        bodies = [(REPO / "samples" / "city-budget.md").read_text(encoding="utf-8").split("---", 2)[-1]]
    texts = []
    for n in range(count):
        words = bodies[n % len(bodies)].split()[:WORDS_PER_ARTICLE]
        texts.append(f"Story number {n}\n\n" + " ".join(words) + f" This is article {n}.")
    return texts


def write_articles(folder: Path, texts: list[str]) -> None:
    """One .txt per article."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(texts):
        (folder / f"article-{n:03d}.txt").write_text(text, encoding="utf-8")


# Runs a command and reports the peak RSS of the largest process among its own
# descendants and their CPU time (RUSAGE_CHILDREN of this wrapper only, so earlier runs don't count).
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "sys.stderr.write(f'MAXRSS {usage.ru_maxrss}\\nCPU {usage.ru_utime + usage.ru_stime}\\n')\n"
    "sys.exit(code)\n"
)


class Run:
    """One measured batch run."""

    def __init__(self, seconds: float, summary: dict, peak_kib: int, cpu_seconds: float) -> None:
        self.seconds, self.summary, self.peak_kib, self.cpu_seconds = seconds, summary, peak_kib, cpu_seconds

    @property
    def cores_busy(self) -> float:
        """Average number of cores the run kept busy."""
        return self.cpu_seconds / self.seconds


def median_run(runs: list[Run]) -> Run:
    """The run with the median wall time (the slower middle one of an even count)."""
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


def run_batch(
    src: Path, out: Path, cache: Path, *args: str, engine_workers: int | None = None, cpus: set[int] | None = None
) -> Run:
    """Run one batch and measure it; with `cpus`, the whole run (every process it starts) is held to those CPUs."""
    env = dict(os.environ, NARRATOR_CACHE_DIR=str(cache))
    if engine_workers:
        env["NARRATOR_ENGINE_WORKERS"] = str(engine_workers)
    batch = [sys.executable, "-m", "narrator", "batch", str(src), "-o", str(out), "--json", "-q", *args]
    start = time.perf_counter()
    pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    run = subprocess.run(
        [sys.executable, "-c", _MEASURE, *batch], capture_output=True, text=True, env=env, check=False, preexec_fn=pin
    )
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"batch failed: {run.stderr.strip()[-500:]}")
    reported = dict(line.split(" ", 1) for line in run.stderr.splitlines() if line.startswith(("MAXRSS ", "CPU ")))
    return Run(seconds, json.loads(run.stdout), int(reported["MAXRSS"]), float(reported["CPU"]))


def _spin(rounds: int) -> int:
    """Pure CPU work: no I/O, no memory traffic, no threads."""
    total = 0
    for i in range(rounds):
        total += i * i
    return total


def machine_scaling(jobs: int = 8, rounds: int = 6_000_000, repeats: int = 3) -> float:
    """How much faster two processes finish `jobs` pure-CPU jobs than one (medians of alternated runs).

    That is what two cores give on this machine.
    """
    from concurrent.futures import ProcessPoolExecutor

    def seconds(processes: int) -> float:
        with ProcessPoolExecutor(processes) as pool:
            pool.submit(_spin, 1).result()  # started before the clock
            return timed(lambda: list(pool.map(_spin, [rounds] * jobs)))

    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(repeats):
        for processes in times:
            times[processes].append(seconds(processes))
    return statistics.median(times[1]) / statistics.median(times[2])


def startup_seconds(work: Path) -> float:
    """Time of `narrator --version`, the fixed cost of any run."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "narrator", "--version"], capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    """Print the four measurements."""
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        texts = article_texts(20)
        write_articles(work / "in20", texts)
        # Alternated, each from an empty output folder and clip cache; the machine is shared,
        # so the median of ROUNDS runs is reported and each run is printed.
        runs: dict[str, list[Run]] = {
            "1 worker": [],
            "2 workers": [],
            "1 worker held to one core": [],
            "1 worker, synthesis spread over both cores": [],
        }
        one_core = {min(os.sched_getaffinity(0))}
        for round_ in range(ROUNDS):
            for workers, label in (("1", "1 worker"), ("2", "2 workers")):
                runs[label].append(
                    run_batch(
                        work / "in20",
                        work / f"out{workers}-{round_}",
                        work / f"cache{workers}-{round_}",
                        "--workers",
                        workers,
                    )
                )
            runs["1 worker held to one core"].append(
                run_batch(
                    work / "in20", work / f"outc-{round_}", work / f"cachec-{round_}", "--workers", "1", cpus=one_core
                )
            )
        runs["1 worker, synthesis spread over both cores"].append(
            run_batch(work / "in20", work / "out-both", work / "cache-both", "--workers", "1", engine_workers=2)
        )
        one, two = median_run(runs["1 worker"]), median_run(runs["2 workers"])
        print(
            f"throughput, 20 articles ({one.summary['audio_minutes']:.1f} min audio), wall time (average cores busy; "
            "CPU seconds):"
        )
        for label, measured in runs.items():
            each = ", ".join(f"{r.seconds:.1f} s ({r.cores_busy:.2f}; {r.cpu_seconds:.0f})" for r in measured)
            print(f"  {label:43s} {each}")
        print(
            f"  speed-up of 2 workers over 1 (medians): {one.seconds / two.seconds:.2f}x (target >= 1.8x); CPU seconds "
            f"per article {one.cpu_seconds / 20:.2f} vs {two.cpu_seconds / 20:.2f}"
        )
        held = median_run(runs["1 worker held to one core"])
        print(
            "  per core: 2 workers on 2 cores vs 1 worker held to 1 core (medians): "
            f"{held.seconds / two.seconds:.2f}x; CPU seconds per article {held.cpu_seconds / 20:.2f}"
        )
        scaling = machine_scaling()
        print(f"  this machine now: pure-CPU work runs {scaling:.2f}x faster on 2 processes than on 1")
        print(
            f"  the speed-up is (cores busy) x (CPU per article): {two.cores_busy:.2f} / {one.cores_busy:.2f} cores "
            f"x {one.cpu_seconds:.0f} / {two.cpu_seconds:.0f} CPU s = {two.cores_busy / one.cores_busy:.2f} x "
            f"{one.cpu_seconds / two.cpu_seconds:.2f}"
        )

        edited = work / "in20" / "article-007.txt"
        edited.write_text(
            edited.read_text(encoding="utf-8").replace("This is article 7.", "This is article seven, corrected."),
            encoding="utf-8",
        )
        cold = runs["1 worker"][0]
        rerun = run_batch(work / "in20", work / "out1-0", work / "cache1-0", "--workers", "1")
        print(
            f"rerun after editing one sentence: {rerun.seconds:.2f} s = {rerun.seconds / cold.seconds:.1%} of the cold "
            "run "
            f"({rerun.summary['done']} redone, {rerun.summary['skipped']} skipped; target <= 10%)"
        )

        tone = work / "tone.toml"
        tone.write_text('engine = "tone"\n', encoding="utf-8")
        write_articles(work / "in100", article_texts(100))
        run_batch(work / "in100", work / "out100", work / "cache100", "--voice", str(tone), "--workers", "2")
        uptodate = run_batch(work / "in100", work / "out100", work / "cache100", "--voice", str(tone), "--workers", "2")
        start = startup_seconds(work)
        print(
            f"up-to-date rerun, 100 articles: {uptodate.seconds:.2f} s ({uptodate.summary['skipped']} skipped), "
            f"start-up alone {start:.2f} s -> {uptodate.seconds - start:.2f} s per 100 (target < 1 s)"
        )

        peaks = []
        ten = article_texts(10)
        for count in (10, 40):
            # The same ten articles, repeated: only the batch size changes, not the longest article.
            texts = [f"Copy {n}. " + ten[n % 10] for n in range(count)]
            write_articles(work / f"mem{count}", texts)
            peaks.append(
                run_batch(
                    work / f"mem{count}", work / f"memout{count}", work / f"memcache{count}", "--workers", "2"
                ).peak_kib
            )
        print(
            f"peak RSS of the largest process, eSpeak, 2 workers (KiB): 10 articles {peaks[0]:,}, 40 articles "
            f"{peaks[1]:,} (bounded: should not grow with batch size)"
        )


if __name__ == "__main__":
    main()
