"""NarrationSettings from options: the one builder the public API and the command line share."""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import SettingError
from .models import VoiceProfile
from .settings import NarrationSettings, PathLike
from .voices import load_profile


def settings_from_options(
    base: NarrationSettings | None = None,
    *,
    voice: PathLike | VoiceProfile | None = None,
    rate: float | None = None,
    sentence_pause_ms: int | None = None,
    paragraph_pause_ms: int | None = None,
    section_pause_ms: int | None = None,
    lexicons: Sequence[PathLike] | None = None,
    spoken_disclosure: bool | None = None,
    normalize_loudness: bool | None = None,
    loudness_lufs: float | None = None,
    bitrate_kbps: int | None = None,
    stereo: bool | None = None,
    player: bool | None = None,
    cover: PathLike | None = None,
    intro: PathLike | None = None,
    outro: PathLike | None = None,
    as_is: bool | None = None,
) -> NarrationSettings:
    """Settings from options (None keeps `base`'s value, or the default): the one builder the API and the CLI share.

    A value of the wrong type or out of range is a SettingError naming the option.
    """
    if base is not None and not isinstance(base, NarrationSettings):
        raise SettingError(f"settings must be NarrationSettings (see settings_from_options), got {base!r}")
    if base is None:
        base = NarrationSettings(voice=_profile(voice if voice is not None else "default"))
    elif voice is not None:
        base = dataclasses.replace(base, voice=_profile(voice))
    pauses = dict(base.pauses)
    for name, value, low, high in (
        ("sentence_pause_ms", sentence_pause_ms, 0, 10_000),
        ("paragraph_pause_ms", paragraph_pause_ms, 0, 10_000),
        ("section_pause_ms", section_pause_ms, 0, 10_000),
        ("rate", rate, 0.25, 4.0),  # applies to whichever voice is used, like the pauses
    ):
        if value is not None:
            number = _number(name, value, low, high, integer=name != "rate")
            pauses[name] = number if name == "rate" else int(number)
    settings = dataclasses.replace(
        base,
        pauses=tuple(pauses.items()),
        lexicons=base.lexicons if lexicons is None else checked_paths("lexicons", lexicons),
        spoken_disclosure=checked_flag("spoken_disclosure", spoken_disclosure, base.spoken_disclosure),
        normalize_loudness=checked_flag("normalize_loudness", normalize_loudness, base.normalize_loudness),
        loudness_lufs=base.loudness_lufs
        if loudness_lufs is None
        else _number("loudness_lufs", loudness_lufs),  # its range: check_settings, with the target's message
        bitrate_kbps=base.bitrate_kbps
        if bitrate_kbps is None
        else int(_number("bitrate_kbps", bitrate_kbps, integer=True)),  # which: check_settings lists MP3 bitrates
        stereo=checked_flag("stereo", stereo, base.stereo),
        player=checked_flag("player", player, base.player),
        cover=base.cover if cover is None else checked_path("cover", cover),
        intro=base.intro if intro is None else checked_path("intro", intro),
        outro=base.outro if outro is None else checked_path("outro", outro),
        as_is=checked_flag("as_is", as_is, base.as_is),
    )
    return settings.with_voice(settings.voice)


def _profile(voice: PathLike | VoiceProfile) -> VoiceProfile:
    """A voice profile: as given, or loaded by name, file or ENGINE:VOICE."""
    if isinstance(voice, VoiceProfile):
        return voice
    if not isinstance(voice, (str, os.PathLike)):
        raise SettingError(f"voice must be a profile name, a .toml file or ENGINE:VOICE, got {voice!r}")
    return load_profile(voice if isinstance(voice, str) else Path(voice))


def _number(
    name: str, value: object, low: float = -math.inf, high: float = math.inf, *, integer: bool = False
) -> float:
    """`value` if it is a number (a whole one if `integer`) within [low, high] (if given), else SettingError."""
    kind = "a whole number" if integer else "a number"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not float(value).is_integer()):
        raise SettingError(f"{name} must be {kind}, got {value!r}")
    if (low, high) != (-math.inf, math.inf) and not low <= value <= high:
        raise SettingError(f"{name} must be between {low:g} and {high:g}, got {value!r}")
    return float(value)


def checked_flag(name: str, value: object, default: bool = False) -> bool:
    """`value` if it is True or False, `default` if None, else SettingError."""
    if value is None:
        return default
    if not isinstance(value, bool):
        raise SettingError(f"{name} must be True or False, got {value!r}")
    return value


def checked_path(name: str, value: object, *, kind: str = "a file name") -> Path:
    """`value` as a Path if it is a non-empty string or path, else SettingError ("NAME must be KIND")."""
    if not isinstance(value, (str, os.PathLike)) or not os.fspath(value):
        raise SettingError(f"{name} must be {kind}, got {value!r}")
    return Path(value)


def checked_paths(name: str, values: object, *, kind: str = "file names") -> tuple[Path, ...]:
    """`values` as Paths if they are a list (or other iterable, not one string) of file names, else SettingError."""
    if isinstance(values, (str, bytes, os.PathLike)) or not isinstance(values, Iterable):
        raise SettingError(f"{name} must be a list of {kind}, got {values!r}")
    return tuple(checked_path(name, value, kind=f"a list of {kind}") for value in values)


def checked_text(name: str, value: object) -> str | None:
    """`value` if it is a string or None, else SettingError."""
    if value is not None and not isinstance(value, str):
        raise SettingError(f"{name} must be a string, got {value!r}")
    return value


def check_callback(name: str, value: object) -> None:
    """SettingError unless `value` is None or callable."""
    if value is not None and not callable(value):
        raise SettingError(f"{name} must be a function, got {value!r}")
