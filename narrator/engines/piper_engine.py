"""Neural voices through Piper (the `narrator[piper]` extra)."""

from __future__ import annotations

import difflib
from pathlib import Path

from .. import environment
from ..errors import EngineError, VoiceError
from ..models import Clip, VoiceProfile
from .base import EngineVoice, IsolatedEngine
from .checks import check_clip
from .piper_models import find_model, known_models

INSTALL_HINT = 'pip install "narrator[piper]"'


class PiperEngine(IsolatedEngine):
    """Piper ONNX voices, isolated in a worker process (its eSpeak clashes with pyttsx3's)."""

    name = "piper"
    neural = True
    accepts_phonemes = True  # Piper reads [[IPA]] blocks as raw phonemes
    backend = "narrator.engines.piper_engine:PiperBackend"
    licence = "joe: dataset CC0 (NabuCasa voice-datasets), fine-tuned from Piper's lessac voice (Blizzard 2011 Lessac corpus terms)"
    commercial_use = "check: joe's model card gives CC0 data but a lessac base; the Blizzard 2011 licence does not allow commercial use"

    def describe(self, voice: VoiceProfile) -> dict[str, str]:
        """The Piper model file and voice."""
        try:
            model = find_model(voice.voice or "joe").name
        except VoiceError:
            model = voice.voice
        return {"engine": self.name, "model": model, "voice": voice.voice or "joe"}

    @classmethod
    def voice_language(cls, voice: str) -> str | None:
        """The language of a Piper model, from its file name (a short name like "joe" is not a language tag)."""
        try:
            return _language_of(find_model(voice or "joe"))
        except VoiceError:
            return None

    def cache_identity(self, voice: VoiceProfile) -> str:
        """Model file identity plus speed and volume decide what Piper says."""
        model = find_model(voice.voice or "joe")
        stat = model.stat()
        return f"piper:{model.name}:{stat.st_size}:{stat.st_mtime_ns}:{voice.rate}:{voice.volume}:{voice.extra}"


class PiperBackend:
    """Runs inside the worker: loads models and synthesizes with onnxruntime."""

    def __init__(self) -> None:
        try:
            from piper import PiperVoice  # noqa: F401 - fail early with the install hint
        except ImportError as exc:
            raise EngineError(f"the piper engine needs the piper extra: {INSTALL_HINT}") from exc
        self._loaded: dict[Path, object] = {}

    def synthesize(self, text: str, voice: VoiceProfile) -> Clip:
        """Speak `text` with the profile's Piper model."""
        from piper import SynthesisConfig

        model = self._load(voice.voice or "joe")
        config = SynthesisConfig(
            length_scale=1.0 / max(voice.rate, 0.1),
            volume=max(0.0, voice.volume),
            noise_scale=voice.extra.get("noise_scale"),
            noise_w_scale=voice.extra.get("noise_w_scale"),
        )
        pcm = bytearray()
        rate = model.config.sample_rate
        for chunk in model.synthesize(text, syn_config=config):
            pcm += chunk.audio_int16_bytes
            rate = chunk.sample_rate
        clip = Clip(bytes(pcm), rate)
        problem = check_clip(clip, text, voice.rate)
        if problem:
            raise EngineError(f"piper produced no usable audio ({problem}) for: {text[:80]!r}")
        return clip

    def voices(self) -> list[EngineVoice]:
        """Piper models found in the joe wheel, voices/ and the user's voice folder."""
        return [
            EngineVoice(id=name, name=path.stem, languages=(_language_of(path),))
            for name, path in known_models().items()
        ]

    def check_voice(self, voice: VoiceProfile) -> None:
        """Load the model now so a missing or corrupt one fails before synthesis."""
        self._load(voice.voice or "joe")

    def _load(self, name: str):
        """Load (once) and return the PiperVoice for a model name or path."""
        path = find_model(name)
        if path not in self._loaded:
            try:
                self._loaded[path] = _load_voice(path)
            except Exception as exc:
                first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise VoiceError(
                    f"Piper model {path.name} cannot be loaded (corrupt or incomplete?): {first_line[:200]}"
                ) from exc
        return self._loaded[path]


def _load_voice(model: Path):
    """Load a Piper voice with an ONNX session sized to this worker's share of the cores."""
    import json

    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig
    from piper.voice import ESPEAK_DATA_DIR

    options = onnxruntime.SessionOptions()
    threads = environment.engine_threads()
    if threads:
        # Several workers synthesize side by side; each gets its share instead of all cores.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    config = PiperConfig.from_dict(json.loads(_config_path(model).read_text(encoding="utf-8")))
    session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
    return PiperVoice(config=config, session=session, espeak_data_dir=Path(ESPEAK_DATA_DIR), download_dir=Path.cwd())


def _config_path(model: Path) -> Path:
    """The model's .onnx.json, which Piper needs beside it."""
    config = model.with_name(model.name + ".json")
    if not config.is_file():
        raise VoiceError(f"Piper model {model.name} has no config file {config.name} beside it")
    return config


def _language_of(model: Path) -> str:
    """Language from a Piper model name like en_US-joe-medium."""
    return model.name.split("-")[0].replace("_", "-")


def suggest(name: str) -> str:
    """Close matches for an unknown model name, for error messages."""
    close = difflib.get_close_matches(name, list(known_models()), n=3, cutoff=0.5)
    return f"; close matches: {', '.join(close)}" if close else ""
