"""Word error rate of narrations through an offline speech recognizer (PocketSphinx).

For each engine: the engine reading the raw article text as is, vs narrator's
narration of the same article; both transcribed by PocketSphinx (its bundled
en-US model) and scored against the article with numbers written out. The
recognizer is weaker than the one used for the issue's targets, so compare the
two columns, not absolute values. Needs: pip install pocketsphinx.
Run: python benchmarks/bench_intelligibility.py [ARTICLE]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, corpora, machine  # noqa: E402


def reference_words(text: str) -> list[str]:
    """Lower-case words of the reference, digits spelled out plainly."""
    from num2words import num2words

    text = re.sub(r"(\d),(\d{3})", r"\1\2", text)
    text = re.sub(r"\d+(\.\d+)?", lambda m: " " + num2words(float(m.group()) if "." in m.group() else int(m.group())) + " ", text)
    return re.findall(r"[a-z']+", text.lower().replace("-", " "))


def word_error_rate(reference: list[str], hypothesis: list[str]) -> float:
    """Levenshtein distance over words divided by the reference length."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        current = [i]
        for j, hyp in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1] / max(1, len(reference))


def transcribe(audio: Path) -> list[str]:
    """PocketSphinx transcript of any audio file (decoded to 16 kHz mono by ffmpeg)."""
    from pocketsphinx import Decoder

    from narrator.ffmpeg import ffmpeg_exe

    pcm = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(audio), "-f", "s16le", "-ac", "1", "-ar", "16000", "-"], capture_output=True, check=True).stdout
    decoder = Decoder(samprate=16000)
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    return re.findall(r"[a-z']+", (hypothesis.hypstr if hypothesis else "").lower())


def raw_reading(engine: str, voice: str, text: str, out: Path) -> Path:
    """The engine reading the text exactly as written, in one call, no narrator processing."""
    from narrator.engines import load_engine
    from narrator.master import EncodeSettings, encode_mp3
    from narrator.models import Narration, VoiceProfile

    with load_engine(engine) as tts:
        clip = tts.synthesize(text, VoiceProfile(name="raw", engine=engine, voice=voice))
    encode_mp3(Narration(clip.pcm, clip.sample_rate, ()), out, EncodeSettings())
    return out


def main() -> None:
    """Print one line per engine: raw WER and narrator WER."""
    from narrator import narrate

    if len(sys.argv) > 1:
        source = Path(sys.argv[1])
    elif corpora() is not None:
        source = corpora() / "pasted" / "rutte-trump-body.txt"
    else:
        source = REPO / "samples" / "city-budget.md"
    text = source.read_text(encoding="utf-8")
    reference = reference_words(text)
    print(f"machine: {machine()}\narticle: {source.name} ({len(reference)} words)")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for profile, engine, voice in (("default", "pyttsx3", "gmw/en-us"), ("joe", "piper", "joe")):
            raw = word_error_rate(reference, transcribe(raw_reading(engine, voice, text, work / f"raw-{profile}.mp3")))
            result = narrate(str(source), work / f"{profile}.mp3", voice=profile, spoken_disclosure=False)
            # The narration reads the title too: score it against exactly what it read.
            manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
            read_aloud = reference_words(" ".join(s["text"] for s in manifest["segments"]))
            ours = word_error_rate(read_aloud, transcribe(result.audio))
            print(f"{engine:8} raw text WER {raw:6.1%} | narrator WER {ours:6.1%}")


if __name__ == "__main__":
    main()
