"""Voice profiles: voices/*.toml shipped with narrator, the user's own, or a path; loaded, listed and checked."""

from __future__ import annotations

import dataclasses
import difflib
import sys
from pathlib import Path
from typing import Any

from ..engines import engine_class
from ..errors import VoiceError
from ..input_files import expand_home, read_input
from ..models import VoiceProfile
from .folders import voice_folders
from .models import resolve_voice, voice_language

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_FIELDS = {f.name: f for f in dataclasses.fields(VoiceProfile)}
_FLOAT_FIELDS = {"rate": (0.25, 4.0), "pitch": (0.25, 4.0), "volume": (0.0, 1.0)}
_PAUSE_FIELDS = ("sentence_pause_ms", "paragraph_pause_ms", "section_pause_ms", "chunk_pause_ms")
_MAX_PAUSE_MS = 10_000
_TEXT_FIELDS = ("engine", "voice", "language", "lexicon", "disclosure", "description")


def profile_names() -> list[str]:
    """Names of every profile found, sorted (lexicons kept in a voices folder are not profiles)."""
    return sorted({p.stem for folder in voice_folders() for p in folder.glob("*.toml") if not is_lexicon_file(p)})


def lexicons_in_voice_folders() -> list[Path]:
    """Pronunciation lexicons found among the voices folders' TOML files, sorted by name."""
    return sorted(
        (p for folder in voice_folders() for p in folder.glob("*.toml") if is_lexicon_file(p)), key=lambda p: p.name
    )


def is_lexicon_file(path: Path) -> bool:
    """True for a TOML file that is a pronunciation lexicon: only lexicon tables, no engine."""
    try:  # read like any input: a named pipe or a huge file in the voices folder must not hang the listing
        data = tomllib.loads(
            read_input(path, what="voice profile", max_bytes=1_000_000, error=VoiceError).decode("utf-8")
        )
    except (VoiceError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # not readable as TOML: reported as an invalid profile
    return _is_lexicon_data(data)


def _is_lexicon_data(data: dict[str, Any]) -> bool:
    """True for parsed TOML holding only lexicon tables."""
    # Lazy: narrator.script loads the normalizer and regex, which listing or loading a profile rarely needs.
    from ..script.lexicon import LEXICON_TABLES

    return bool(data) and set(data) <= LEXICON_TABLES


ENGINE_ALIASES = {"espeak": "pyttsx3"}
"""Names a producer may use for an engine in ENGINE:VOICE: eSpeak NG is what the pyttsx3 engine drives."""


def load_profile(name_or_path: str | Path, *, resolve: bool = True) -> VoiceProfile:
    """Load a profile by name ("default", "joe", "fast"), from a .toml path, or make one from ENGINE:VOICE.

    With `resolve`, the model file the engine speaks from is found now (an error if it is missing);
    without, the profile is only read, as listing profiles or scripting an article needs no model.
    """
    text = str(name_or_path)
    path = expand_home(text)
    finish = resolve_voice if resolve else _as_read
    if text.endswith(".toml") or path.parent != Path("."):
        if not path.exists():
            raise VoiceError(f"voice profile file not found: {text}")
        return finish(profile_from_file(path))
    if ":" in text:
        return finish(profile_for_engine_voice(text))
    for folder in voice_folders():
        candidate = folder / f"{text}.toml"
        if candidate.is_file():
            return finish(profile_from_file(candidate))
    close = difflib.get_close_matches(text, profile_names(), n=3, cutoff=0.5)
    hint = f"; close matches: {', '.join(close)}" if close else f"; known voices: {', '.join(profile_names())}"
    raise VoiceError(f"unknown voice {text!r}{hint}")


def profile_for_engine_voice(spec: str) -> VoiceProfile:
    """A profile from "kokoro:af_heart" or "espeak:en-gb": that engine and voice, default speed and pauses."""
    engine, _, voice = spec.partition(":")
    engine = ENGINE_ALIASES.get(engine.strip().lower(), engine.strip().lower())
    cls = engine_class(engine)  # an unknown engine fails here, with close names
    language = voice_language(cls, voice.strip()) or VoiceProfile.language
    return VoiceProfile(
        name=spec, engine=engine, voice=voice.strip(), language=language, description=f"{engine} voice {voice.strip()}"
    )


def _as_read(profile: VoiceProfile) -> VoiceProfile:
    """The profile as read, its model file not looked for."""
    return profile


def profile_from_file(path: Path) -> VoiceProfile:
    """Parse and validate one profile file."""
    try:
        data = tomllib.loads(
            read_input(path, what="voice profile", max_bytes=1_000_000, error=VoiceError).decode("utf-8")
        )
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VoiceError(f"voice profile {path} is not valid TOML: {exc}") from exc
    if _is_lexicon_data(data):
        raise VoiceError(f"{path} is a pronunciation lexicon, not a voice profile: use it with --lexicon {path}")
    return profile_from_dict(data, name=path.stem, path=path)


def profile_from_dict(data: dict[str, Any], *, name: str, path: Path | None = None) -> VoiceProfile:
    """Build a profile from parsed TOML, rejecting unknown keys and out-of-range values."""
    where = str(path or name)
    data = dict(data)
    extra = data.pop("extra", {})
    if not isinstance(extra, dict) or not all(isinstance(v, (str, int, float, bool)) for v in extra.values()):
        raise VoiceError(f"voice profile {where}: [extra] must be a table of numbers, strings or booleans")
    for key in _TEXT_FIELDS:
        if key in data and not isinstance(data[key], str):
            raise VoiceError(f"voice profile {where}: {key} must be a string, not {data[key]!r}")
    unknown = sorted(set(data) - set(_FIELDS) - {"name", "path"})
    if unknown:
        raise VoiceError(f"voice profile {where}: unknown setting {unknown[0]!r}")
    if not isinstance(data.get("engine"), str) or not data["engine"]:
        raise VoiceError(f"voice profile {where}: 'engine' is required (e.g. engine = \"pyttsx3\")")
    for key, (low, high) in _FLOAT_FIELDS.items():
        if key in data:
            data[key] = _number(data[key], key, where, low, high)
    for key in _PAUSE_FIELDS:
        if key in data:
            data[key] = int(_number(data[key], key, where, 0, _MAX_PAUSE_MS))
    if "lexicon" in data:
        data["lexicon"] = _relative(Path(str(data["lexicon"])), path)
    if "voice" in data and path is not None and str(data["voice"]).endswith(".onnx"):
        data["voice"] = str(_relative(Path(str(data["voice"])), path))
    data.pop("name", None)
    data.pop("path", None)
    return VoiceProfile(name=name, path=path, extra=dict(extra), **data)


def _number(value: Any, key: str, where: str, low: float, high: float) -> float:
    """Check that a setting is a number in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise VoiceError(f"voice profile {where}: {key} must be a number, not {value!r}")
    if not low <= value <= high:
        raise VoiceError(f"voice profile {where}: {key} = {value} is outside {low}..{high}")
    return float(value)


def _relative(target: Path, profile: Path | None) -> Path:
    """Resolve a path in a profile relative to the profile's folder."""
    target = expand_home(target)
    if profile is None or target.is_absolute():
        return target
    return (profile.parent / target).resolve()
