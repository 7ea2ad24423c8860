"""Model search: the files an engine speaks from, found in voice folders or installed with its extra."""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

from ..engines import Engine, EngineVoice, engine_class
from ..errors import EngineError, VoiceError
from ..input_files import expand_home
from ..models import VoiceProfile
from .folders import voice_folders


def known_models(engine: type[Engine]) -> dict[str, Path]:
    """Every model file of `engine` found, by the names it answers to: bundled ones first, then voice folders."""
    if not engine.model_suffix:
        return {}
    models = dict(engine.bundled_models())
    for folder in voice_folders():
        for path in sorted(folder.glob(f"*{engine.model_suffix}")):
            models.setdefault(path.name.removesuffix(engine.model_suffix), path)
    return models


def find_model(engine: type[Engine], name: str) -> Path:
    """Resolve a model name or path to an existing model file of `engine`; a one-line error otherwise."""
    title = engine.name.capitalize()
    candidate = expand_home(name)
    if candidate.name.endswith(engine.model_suffix) or candidate.parent != Path("."):
        if candidate.is_file():
            return candidate.resolve()
        raise VoiceError(f"{title} model file not found: {name}")
    models = known_models(engine)
    if name in models:
        return models[name]
    hint = engine.missing_model_hint(name)
    if hint is not None:
        raise VoiceError(hint)
    close = difflib.get_close_matches(name, list(models), n=3, cutoff=0.5)
    suggestion = f"; close matches: {', '.join(close)}" if close else ""
    raise VoiceError(f"unknown {title} voice {name!r}{suggestion}")


def model_voices(engine: type[Engine]) -> list[EngineVoice]:
    """The models found for `engine` as voices, each speaking the language its file name starts with."""
    return [
        EngineVoice(id=name, name=path.name.removesuffix(engine.model_suffix), languages=_languages(engine, path))
        for name, path in known_models(engine).items()
    ]


def offered_voices(engine: Engine) -> list[EngineVoice]:
    """The engine's own voices, then the model files found for it that it does not list itself."""
    own = engine.voices()
    ids = {voice.id for voice in own}
    return [*own, *(voice for voice in model_voices(type(engine)) if voice.id not in ids)]


def resolve_voice(profile: VoiceProfile) -> VoiceProfile:
    """The profile with the model file its engine speaks from (found now, in this process); unchanged for others.

    An engine that cannot be loaded is left for the narration to report, as before profiles were resolved.
    """
    try:
        engine = engine_class(profile.engine)
    except EngineError:
        return profile
    if not engine.model_suffix:
        return profile
    return dataclasses.replace(profile, model=find_model(engine, profile.voice or engine.default_voice))


def voice_language(engine: type[Engine], voice: str) -> str | None:
    """The language a voice of `engine` speaks, without starting it: from its model file's name, or its id."""
    if engine.model_suffix:
        try:
            return engine.voice_language(find_model(engine, voice or engine.default_voice).name)
        except VoiceError:
            return None
    return engine.voice_language(voice)


def _languages(engine: type[Engine], path: Path) -> tuple[str, ...]:
    """The language of a model file, from its name (en_US-joe-medium.onnx: en-US)."""
    language = engine.voice_language(path.name)
    return (language,) if language else ()
