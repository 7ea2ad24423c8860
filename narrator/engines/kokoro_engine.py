"""Kokoro-82M neural voices (Apache-2.0) through onnxruntime (the `narrator[kokoro]` extra)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import EngineError
from ..models import Clip, VoiceProfile
from .base import EngineVoice, IsolatedEngine
from .checks import check_clip
from .kokoro_model import (
    BUNDLED_MODEL,
    MODEL_SHA256,
    SAMPLE_RATE,
    bundled_parts_identity,
    load_style,
    open_session,
    read_voice,
    shipped_voices,
    vocabulary,
    voice_language,
    voice_path,
)
from .kokoro_phonemes import EspeakPhonemizer, phonemize, split_phonemes

if TYPE_CHECKING:
    from onnxruntime import InferenceSession

DEFAULT_VOICE = "af_heart"
_PHONEMES_VERSION = "misaki-e2m-1"  # bump when phonemization changes what Kokoro hears
_GENDERS = {"f": "female", "m": "male"}


class KokoroEngine(IsolatedEngine):
    """Kokoro ONNX voices in worker processes (its eSpeak NG must not meet pyttsx3's)."""

    name = "kokoro"
    neural = True
    accepts_phonemes = True  # lexicon [[IPA]] blocks reach the model as phonemes
    backend = "narrator.engines.kokoro_engine:KokoroBackend"
    licence = "Apache-2.0 (Kokoro-82M weights and voices, hexgrad)"
    commercial_use = "yes"
    default_voice = DEFAULT_VOICE

    def describe(self, voice: VoiceProfile) -> dict[str, str]:
        """Kokoro-82M's bundled int8 model (or the profile's own file) and the voice."""
        model = str(voice.extra.get("model", "")) or f"Kokoro-82M {BUNDLED_MODEL}.onnx sha256:{MODEL_SHA256[:16]}"
        return {"engine": self.name, "model": model, "voice": voice.voice or DEFAULT_VOICE}

    @classmethod
    def voice_language(cls, voice: str) -> str | None:
        """A Kokoro voice's language, from its name's first letter (af_heart: en-US, bf_emma: en-GB, ff_siwis: fr)."""
        return voice_language(voice)[0]

    def cache_identity(self, voice: VoiceProfile) -> str:
        """Model, voice vectors, phonemizer, speed and volume decide what Kokoro says."""
        model = str(voice.extra.get("model", ""))
        if model:
            stat = Path(model).expanduser().stat() if Path(model).expanduser().is_file() else None
            model_id = f"{model}:{stat.st_size}:{stat.st_mtime_ns}" if stat else model
        else:
            try:
                model_id = bundled_parts_identity()
            except Exception:
                model_id = BUNDLED_MODEL
        try:
            style_id = hashlib.sha256(read_voice(voice_path(voice.voice or DEFAULT_VOICE))).hexdigest()[:16]
        except Exception:
            style_id = voice.voice
        return (
            f"kokoro:{model_id}:{voice.voice}:{style_id}:{_PHONEMES_VERSION}:{_espeak_voice(voice)}"
            f":{voice.rate}:{voice.volume}"
        )


class KokoroBackend:
    """Runs inside the worker: one onnxruntime session per model, eSpeak NG for phonemes."""

    def __init__(self) -> None:
        try:
            import onnxruntime  # noqa: F401 - fail early with the install hint
        except ImportError as exc:
            raise EngineError('the kokoro engine needs the kokoro extra: pip install "narrator[kokoro]"') from exc
        self._sessions: dict[str, tuple[InferenceSession, str]] = {}  # with the name of its token input
        self._styles: dict[str, np.ndarray] = {}
        self._vocab = vocabulary()
        self._phonemizer = EspeakPhonemizer()

    def synthesize(self, text: str, voice: VoiceProfile) -> Clip:
        """Speak `text`: phonemes in chunks of at most 510 tokens, each through the model, joined."""
        (session, tokens_input), style = self._load(voice)
        phonemes = phonemize(text, _espeak_voice(voice), self._phonemizer)
        speed = min(2.0, max(0.5, voice.rate))
        gap = np.zeros(int(SAMPLE_RATE * voice.chunk_pause_ms / 1000), dtype=np.float32)
        pieces: list[np.ndarray] = []
        for chunk in split_phonemes(phonemes):
            tokens = [self._vocab[p] for p in chunk if p in self._vocab]
            if not tokens:
                continue
            if pieces:
                pieces.append(gap)
            pieces.append(self._infer(session, tokens_input, tokens, style, speed))
        if not pieces:
            raise EngineError(f"kokoro found nothing to say in: {text[:80]!r}")
        audio = np.concatenate(pieces) * max(0.0, voice.volume)
        clip = Clip((np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes(), SAMPLE_RATE)
        problem = check_clip(clip, text, voice.rate)
        if problem:
            raise EngineError(f"kokoro produced no usable audio ({problem}) for: {text[:80]!r}")
        return clip

    def phonemes(self, text: str, voice: VoiceProfile) -> list[str]:
        """The phoneme chunks Kokoro would be given for `text` (for checks and debugging)."""
        return split_phonemes(phonemize(text, _espeak_voice(voice), self._phonemizer))

    def voices(self) -> list[EngineVoice]:
        """The Kokoro voices shipped in narrator."""
        return [
            EngineVoice(
                id=name,
                name=name,
                languages=(voice_language(name)[0],),
                gender=_GENDERS.get(name[1:2]),
                licence=KokoroEngine.licence,
                commercial_use=KokoroEngine.commercial_use,
            )
            for name in shipped_voices()
        ]

    def check_voice(self, voice: VoiceProfile) -> None:
        """Load the model and voice now, so a missing or corrupt one fails before synthesis."""
        self._load(voice)

    def _load(self, voice: VoiceProfile) -> tuple[tuple[InferenceSession, str], np.ndarray]:
        """The profile's model's session (and its token input's name) and its voice's style vectors, loaded once."""
        model = str(voice.extra.get("model", ""))
        if model not in self._sessions:
            session = open_session(model)
            names = {i.name for i in session.get_inputs()}  # exports name it "input_ids" or "tokens"
            self._sessions[model] = (session, "input_ids" if "input_ids" in names else "tokens")
        name = voice.voice or DEFAULT_VOICE
        if name not in self._styles:
            self._styles[name] = load_style(name)
        return self._sessions[model], self._styles[name]

    @staticmethod
    def _infer(
        session: InferenceSession, tokens_input: str, tokens: list[int], style: np.ndarray, speed: float
    ) -> np.ndarray:
        """One model run: tokens (fed to `tokens_input`) between pads, the style row for their count, the speed."""
        feeds = {
            tokens_input: np.array([[0, *tokens, 0]], dtype=np.int64),
            "style": style[len(tokens) - 1 : len(tokens)],
            "speed": np.array([speed], dtype=np.float32),
        }
        return np.asarray(session.run(None, feeds)[0], dtype=np.float32).ravel()


def _espeak_voice(voice: VoiceProfile) -> str:
    """The eSpeak NG voice that phonemizes for this Kokoro voice: [extra] espeak_voice, else from its name."""
    return str(voice.extra.get("espeak_voice") or voice_language(voice.voice or DEFAULT_VOICE)[1])
