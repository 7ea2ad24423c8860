"""Benchmark mastering: loudness + true-peak limiting + MP3 encoding vs a plain ffmpeg encode.

Run on demand: `python benchmarks/bench_master.py [--minutes 5] [--repeat 3]`.
Synthesizes about five minutes of eSpeak speech (from the shared corpus article
when present, else from built-in text), then times side by side:
(a) a plain ffmpeg MP3 encode of the same PCM, (b) narrator's mastering plus
its checked encode, (c) ffmpeg's single-pass loudnorm plus encode. Prints the
ratio b/a (target <= 1.5) and each result's loudness and true peak as
ffmpeg's ebur128 filter measures the decoded MP3.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from narrator.engines import load_engine
from narrator.ffmpeg import ffmpeg_exe
from narrator.master import (
    EncodeSettings,
    LoudnessSettings,
    encode_mp3_checked,
    master_loudness,
    stitch,
)
from narrator.models import Narration, Script, Segment, VoiceProfile

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "pasted" / "rutte-trump-body.txt"
FALLBACK = (
    "The city council approved the budget on Tuesday after a long debate. "
    "Critics said the plan would cut bus routes in the poorest neighbourhoods, while supporters pointed to new "
    "schools. "
    "The mayor, who had pushed for the changes since March, said most residents supported them. "
    "What happens next depends on the state, which must sign off on the borrowing by the end of the year."
)
VOICE = VoiceProfile(name="bench", engine="pyttsx3", voice="gmw/en-us")
WORDS_PER_MINUTE = 165


def article_sentences(minutes: float) -> list[tuple[int, str]]:
    """(paragraph index, sentence) pairs of roughly `minutes` of speech, repeating the text as needed."""
    text = CORPUS.read_text(encoding="utf-8") if CORPUS.is_file() else FALLBACK
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    result: list[tuple[int, str]] = []
    words, paragraph = 0, 0
    while words < minutes * WORDS_PER_MINUTE:
        for sentence in re.split(r"(?<=[.!?])\s+", paragraphs[paragraph % len(paragraphs)]):
            result.append((paragraph, sentence))
            words += len(sentence.split())
        paragraph += 1
    return result


def narrate(minutes: float) -> Narration:
    """Synthesize and stitch the benchmark article with eSpeak."""
    pairs = article_sentences(minutes)
    segments = tuple(Segment(s, s, 0, p, i, "sentence", 350) for i, (p, s) in enumerate(pairs))
    script = Script("bench", "en", segments)
    with load_engine("pyttsx3") as engine:
        clips = [engine.synthesize(s.spoken, VOICE) for s in segments]
    return stitch(script, clips)


def plain_encode(narration: Narration, path: Path) -> None:
    """(a) The same PCM straight through ffmpeg at the same bitrate and rate."""
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-f", "s16le", "-ar", str(narration.sample_rate), "-ac", "1",
         "-i", "pipe:0", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "64k", str(path)],
        input=narration.pcm, check=True,
    )  # fmt: skip


def narrator_master(narration: Narration, path: Path) -> None:
    """(b) narrator: loudness and limiter in numpy, then the checked encode."""
    settings = LoudnessSettings()
    encode_mp3_checked(master_loudness(narration, settings), path, EncodeSettings(), settings)


def loudnorm_encode(narration: Narration, path: Path) -> None:
    """(c) ffmpeg's single-pass loudnorm filter, then the same encode."""
    subprocess.run(
        [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-f", "s16le", "-ar", str(narration.sample_rate), "-ac", "1",
         "-i", "pipe:0", "-af", "loudnorm=I=-16:TP=-1:LRA=11", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "64k",
         str(path)],
        input=narration.pcm, check=True,
    )  # fmt: skip


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness and true peak of a file, as ffmpeg's ebur128 filter reports them."""
    command = [ffmpeg_exe(), "-nostats", "-i", str(path), "-filter_complex", "ebur128=peak=true", "-f", "null", "-"]
    summary = subprocess.run(command, capture_output=True, text=True, check=True).stderr
    summary = summary[summary.rfind("Summary:") :]
    return float(re.search(r"I:\s+(-?[\d.]+)", summary).group(1)), float(
        re.search(r"Peak:\s+(-?[\d.]+)", summary).group(1)
    )


def timed_side_by_side(
    runs: dict[str, Callable[[Narration, Path], None]], narration: Narration, paths: dict[str, Path], repeat: int
) -> dict[str, list[float]]:
    """Wall times of every method, interleaved run by run so machine load hits them alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run(narration, paths[name])
            times[name].append(time.perf_counter() - start)
    return times


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="length of the test narration")
    parser.add_argument("--repeat", type=int, default=5, help="runs per method (median and min reported)")
    args = parser.parse_args()
    start = time.perf_counter()
    narration = narrate(args.minutes)
    print(
        f"narration: {narration.duration_ms / 1000:.1f} s of eSpeak speech at {narration.sample_rate} Hz "
        f"({len(narration.segments)} sentences, synthesized in {time.perf_counter() - start:.1f} s)"
    )
    with tempfile.TemporaryDirectory() as folder:
        paths = {name: Path(folder) / f"{name}.mp3" for name in ("plain", "narrator", "loudnorm")}
        narrator_master(narration, paths["narrator"])  # warm-up: imports scipy and friends once
        runs = {"plain": plain_encode, "narrator": narrator_master, "loudnorm": loudnorm_encode}
        times = timed_side_by_side(runs, narration, paths, args.repeat)
        start = time.perf_counter()
        master_loudness(narration, LoudnessSettings())
        mastering_only = time.perf_counter() - start
        labels = {
            "plain": "(a) plain ffmpeg MP3 encode         ",
            "narrator": "(b) narrator master + checked encode",
            "loudnorm": "(c) ffmpeg loudnorm + encode        ",
        }
        for name, label in labels.items():
            lufs, peak = ebur128(paths[name])
            print(
                f"{label}  median {statistics.median(times[name]):5.2f} s  min {min(times[name]):5.2f} s   {lufs:.1f} "
                f"LUFS {peak:.1f} dBTP"
            )
        print(f"    (narrator's mastering alone: {mastering_only:.2f} s)")
        for name in ("narrator", "loudnorm"):
            median = statistics.median(times[name]) / statistics.median(times["plain"])
            best = min(times[name]) / min(times["plain"])
            print(
                f"ratio {name}/plain: median {median:.2f}, min {best:.2f}"
                + ("  (target <= 1.5)" if name == "narrator" else "")
            )


if __name__ == "__main__":
    main()
