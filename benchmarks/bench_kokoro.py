"""Kokoro narration vs raw kokoro-onnx, side by side in one run: time, real-time factor, peak memory.

Raw: kokoro-onnx 0.6 (its defaults: one onnxruntime session on all cores, phonemizer's eSpeak)
reading the whole text in one `create` call, model loaded and warmed up first; it gets the
same int8 model file (joined from the wheels) and the same af_heart vector.
Narration: narrator with voice "news" (Kokoro af_heart), the whole pipeline (read, script,
synthesis on one worker per core, mastering, MP3, tags, sidecars), with an empty clip cache:
cold (a fresh process, imports and model loading included) and warm (engines loaded, as the
raw run has it), in one process per configuration. Real-time factor = seconds / audio seconds.
Peak memory: ru_maxrss of the raw process, and of the narrating process and its largest engine worker.
Configurations: $NARRATOR_ENGINE_WORKERS engine workers (1 and 2 here) with the cores shared out.
Needs: pip install -e ".[kokoro,bench]"
Run: python benchmarks/bench_kokoro.py [ARTICLE.txt]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, corpora, machine

ROUNDS = int(os.environ.get("NARRATOR_BENCH_ROUNDS", "2"))
"""Side-by-side rounds (the machine is shared)."""

RAW_KOKORO = textwrap.dedent(
    """
    import os, resource, sys, tempfile, time
    import numpy as np
    begin = time.perf_counter()
    from kokoro_onnx import Kokoro
    from narrator.engines.kokoro_model import bundled_model_bytes, load_style
    folder = tempfile.mkdtemp()
    model, voices = os.path.join(folder, "kokoro.onnx"), os.path.join(folder, "voices.npz")
    open(model, "wb").write(bundled_model_bytes())
    np.savez(voices, af_heart=load_style("af_heart")[:, None, :])
    kokoro = Kokoro(model, voices)
    kokoro.create("Ready.", voice="af_heart")
    text = open(sys.argv[1], encoding="utf-8").read()
    start = time.perf_counter()
    cpu = time.process_time()
    audio, rate = kokoro.create(text, voice="af_heart", lang="en-us")
    end = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print("RESULT", end - start, len(audio) / rate, start - begin, usage.ru_maxrss / 1024, time.process_time() - cpu)
    """
)

NARRATE = textwrap.dedent(
    """
    import os, resource, sys, tempfile, time
    begin = time.perf_counter()

    def cpu_seconds(engines):
        # This process, finished children (ffmpeg), and the live engine workers, from /proc.
        total = sum(
            getattr(resource.getrusage(who), field)
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
            for field in ("ru_utime", "ru_stime")
        )
        for pid in os.listdir("/proc"):
            try:
                if pid.isdigit() and open(f"/proc/{pid}/stat").read().split(") ")[1].split()[1] == str(os.getpid()):
                    fields = open(f"/proc/{pid}/stat").read().split(") ")[1].split()
                    total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, IndexError):
                pass
        return total

    from narrator.engines.pool import EnginePool
    from narrator.pipeline import narrate_source
    from narrator.voices import load_profile
    from narrator.settings import NarrationSettings
    settings = NarrationSettings(voice=load_profile("news"), spoken_disclosure=False)
    out = tempfile.mkdtemp()
    with EnginePool() as engines:
        os.environ["NARRATOR_CACHE_DIR"] = tempfile.mkdtemp()
        result = narrate_source(sys.argv[1], os.path.join(out, "cold.mp3"), settings, engines=engines)
        cold = time.perf_counter() - begin
        os.environ["NARRATOR_CACHE_DIR"] = tempfile.mkdtemp()
        before = cpu_seconds(engines)
        start = time.perf_counter()
        narrate_source(sys.argv[1], os.path.join(out, "warm.mp3"), settings, engines=engines)
        warm = time.perf_counter() - start
        cpu = cpu_seconds(engines) - before
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("RESULT", warm, result.duration_ms / 1000, cold, own, worker, cpu)
    """
)


def article() -> Path:
    """The benchmark article: the argument, else the shared Rutte body, else the sample."""
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    folder = corpora()
    return folder / "pasted" / "rutte-trump-body.txt" if folder else REPO / "samples" / "city-budget.md"


def run(script: str, source: Path, env: dict[str, str] | None = None) -> list[float]:
    """The numbers on a script's RESULT line, run in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", script, str(source)], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    if done.returncode:
        sys.exit(f"benchmark process failed: {done.stderr.strip().splitlines()[-1:]}")
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT"))
    return [float(value) for value in line.split()[1:]]


def main() -> None:
    """Print medians of raw and narration times, their ratio, real-time factors and peak memory."""
    print(f"machine: {machine()} (shared with other work: ratios are side by side, rounds repeated)")
    source = article()
    print(f"article: {source.name} ({len(source.read_text(encoding='utf-8').split())} words), {ROUNDS} rounds")
    configurations = {
        "2 workers x 1 thread": {"NARRATOR_ENGINE_WORKERS": "2"},
        "1 worker x 2 threads": {"NARRATOR_ENGINE_WORKERS": "1"},
    }
    rows: dict[str, list[list[float]]] = {"raw": [], **{name: [] for name in configurations}}
    with tempfile.TemporaryDirectory():
        for _ in range(ROUNDS):
            rows["raw"].append(run(RAW_KOKORO, source))
            for name, env in configurations.items():
                rows[name].append(run(NARRATE, source, env))
    raw = [statistics.median(values) for values in zip(*rows["raw"], strict=True)]
    print(
        f"  raw kokoro-onnx, one create() call: {raw[0]:6.2f} s for {raw[1]:.0f} s of audio: "
        f"RTF {raw[0] / raw[1]:.2f}; "
        f"{raw[4]:.1f} CPU s ({raw[4] / raw[1]:.2f} per audio second); loading {raw[2]:.2f} s; "
        f"peak memory {raw[3]:.0f} MiB"
    )
    for name in configurations:
        warm, audio, cold, own, worker, cpu = (statistics.median(values) for values in zip(*rows[name], strict=True))
        each = ", ".join(f"{r[0] / raw_round[0]:.2f}" for r, raw_round in zip(rows[name], rows["raw"], strict=True))
        print(
            f"  narration, {name}: warm {warm:6.2f} s for {audio:.0f} s of audio: RTF {warm / audio:.2f}, "
            f"{warm / raw[0]:.2f}x raw (rounds {each}; target <= 1.1x, RTF <= 0.5)"
        )
        print(
            f"  {'':11}{' ' * len(name)}  {cpu:.1f} CPU s ({cpu / audio:.2f} per audio second, {cpu / raw[4]:.2f}x "
            f"raw); cold {cold:6.2f} s (RTF {cold / audio:.2f}); "
            f"peak memory: narrator {own:.0f} MiB, largest engine worker {worker:.0f} MiB"
        )


if __name__ == "__main__":
    main()
