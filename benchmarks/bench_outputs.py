"""Benchmark what the overwrite and naming rules cost: an up-to-date batch rerun, and the one atomic write helper.

Run on demand: `python benchmarks/bench_outputs.py [--items 100] [--repeat 4] [--against PATH]`.
Prints (1) the CPU seconds of an up-to-date rerun of `--items` articles
(tone engine, one worker, in process, so start-up is not counted), with
`--against` a checkout of another revision measured alternately in the same
run; (2) the time per file of narrator's atomic write (locked temporary, sync,
mode, rename) against a plain write-and-rename, for sidecar-sized files; (3) the
stale-temporary scan of a folder of 6,000 files.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from narrator.files import remove_stale_temporaries, write_bytes_atomic  # noqa: E402

ARTICLE = "Headline {n}\n\n" + "The council met on Monday. It voted 5-4 to approve the plan. " * 20 + "\n"
RERUN = r"""
import sys, time
from pathlib import Path
from narrator.batch import collect_items, run_batch
from narrator.voices import load_profile
from narrator.settings import NarrationSettings
settings = NarrationSettings(voice=load_profile(sys.argv[3]))
items = collect_items([sys.argv[1]])
run_batch(items, Path(sys.argv[2]), settings, workers=1)  # the first run narrates; later ones find it done
started = time.process_time()
summary = run_batch(items, Path(sys.argv[2]), settings, workers=1)
print(time.process_time() - started, summary.count("skipped"))
"""


def rerun_cpu(root: Path, work: Path, name: str, src: Path, tone: Path, items: int) -> float:
    """CPU seconds of one up-to-date rerun with the narrator at `root`."""
    env = dict(
        os.environ, PYTHONPATH=str(root), NARRATOR_CACHE_DIR=str(work / "cache"), NARRATOR_STATE_DIR=str(work / "state")
    )
    out = subprocess.run(
        [sys.executable, "-c", RERUN, str(src), str(work / f"out-{name}"), str(tone)],
        env=env,
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert int(out[1]) == items, out
    return float(out[0])


def bench_rerun(work: Path, items: int, repeat: int, against: Path | None) -> None:
    """Up-to-date reruns, alternated between this checkout and `against`."""
    src = work / "in"
    src.mkdir()
    for n in range(items):
        (src / f"story-{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    tone = work / "tone.toml"
    tone.write_text('engine = "tone"\n', encoding="utf-8")
    roots = {"this": ROOT, **({"against": against} if against else {})}
    times: dict[str, list[float]] = {name: [] for name in roots}
    for _ in range(repeat):
        for name, root in roots.items():
            times[name].append(rerun_cpu(root, work, name, src, tone, items))
    for name, values in times.items():
        print(
            f"up-to-date rerun of {items} articles, {name}: median {statistics.median(values):.3f} CPU s (runs "
            f"{', '.join(f'{v:.3f}' for v in values)})"
        )


def bench_writes(work: Path, count: int = 500) -> None:
    """narrator's atomic write against a plain write-and-rename, per file."""
    data = b"x" * 4000
    folder = work / "writes"
    folder.mkdir()

    def plain(n: int) -> None:
        temp = folder / f"plain-{n}.partial"
        temp.write_bytes(data)
        os.replace(temp, folder / f"plain-{n}.vtt")

    for label, write in (
        ("plain write + rename (no sync)", plain),
        ("atomic helper, not synced", lambda n: write_bytes_atomic(folder / f"a-{n}.vtt", data, durable=False)),
        ("atomic helper, synced", lambda n: write_bytes_atomic(folder / f"s-{n}.vtt", data)),
    ):
        started = time.perf_counter()
        for n in range(count):
            write(n)
        print(f"{label}: {(time.perf_counter() - started) / count * 1e6:.0f} µs per 4 kB file")


def bench_scan(work: Path, files: int = 6000) -> None:
    """The stale-temporary scan every writing command does once per folder."""
    folder = work / "scan"
    folder.mkdir()
    for n in range(files):
        (folder / f"story-{n}.vtt").write_bytes(b"")
    started = time.perf_counter()
    remove_stale_temporaries(folder)
    print(f"stale-temporary scan of a folder of {files} files: {(time.perf_counter() - started) * 1000:.1f} ms")


def main() -> None:
    """Run the benchmarks and print their numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--against", type=Path, help="another checkout of narrator, measured alternately")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        bench_rerun(work, args.items, args.repeat, args.against)
        bench_writes(work)
        bench_scan(work)


if __name__ == "__main__":
    main()
