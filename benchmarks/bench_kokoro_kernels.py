"""Does a float-kernel version of Kokoro's int8 model run faster on this CPU? (issue: Kokoro speed)

The int8 export's integer Conv and MatMul nodes are rewritten as float ones over the same
integers (kokoro_float.py beside this file; onnxruntime folds the weight casts once). Both
sessions, one intra-op thread each, speak the same sentence in alternating rounds; CPU seconds
per run are compared, since wall time on a shared machine mostly measures the neighbours.
Needs: pip install -e ".[kokoro]" onnx
Run: python benchmarks/bench_kokoro_kernels.py
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine
from kokoro_float import float_kernels

ROUNDS = 3
SENTENCE = (
    "The Senate voted on Tuesday to approve the budget, "
    "and the president said he would sign it before the end of the week."
)


def main() -> None:
    """Print CPU seconds per run of each model, the conversion cost, peak memory and the largest sample difference."""
    import onnxruntime

    from narrator.engines.kokoro_model import bundled_model_bytes, load_style, session_options, vocabulary
    from narrator.engines.kokoro_phonemes import EspeakPhonemizer, phonemize

    print(f"machine: {machine()} (shared: CPU time, not wall time, is compared)")
    int8 = bundled_model_bytes()
    start = time.perf_counter()
    models = {"int8 kernels": int8, "float kernels": float_kernels(int8)}
    print(f"conversion to float kernels: {time.perf_counter() - start:.2f} s")
    vocab, style = vocabulary(), load_style("af_heart")
    tokens = [vocab[p] for p in phonemize(SENTENCE, "en-us", EspeakPhonemizer()) if p in vocab]
    feeds = {
        "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
        "style": style[len(tokens) - 1 : len(tokens)],
        "speed": np.array([1.0], np.float32),
    }
    cpu: dict[str, list[float]] = {name: [] for name in models}
    audio: dict[str, np.ndarray] = {}
    for _ in range(ROUNDS):
        for name, blob in models.items():
            options = session_options(onnxruntime, 1)
            options.log_severity_level = 3
            session = onnxruntime.InferenceSession(blob, sess_options=options, providers=["CPUExecutionProvider"])
            session.run(None, feeds)
            begin = time.process_time()
            audio[name] = session.run(None, feeds)[0].ravel()
            cpu[name].append(time.process_time() - begin)
    seconds = len(audio["int8 kernels"]) / 24_000
    for name, values in cpu.items():
        print(
            f"  {name}: {statistics.median(values):.2f} CPU s per run for {seconds:.1f} s of audio (rounds "
            f"{', '.join(f'{v:.2f}' for v in values)})"
        )
    difference = np.abs(audio["int8 kernels"] - audio["float kernels"]).max()
    print(
        f"  largest sample difference {difference:.2g}; peak memory of this process "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
