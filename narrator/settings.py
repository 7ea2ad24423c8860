"""Everything besides the article that decides how a narration sounds and is packaged."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import NarratorError, SettingError
from .input_files import open_input
from .models import VoiceProfile
from .profiles import load_profile

PathLike = str | os.PathLike[str]
"""A file or folder name: a string or a path."""

# The shipped newsroom lexicon. Named here, not in narrator.script, so that an
# up-to-date check can hash it without importing the normalizer.
DEFAULT_LEXICON = Path(__file__).resolve().parent / "script" / "data" / "default_lexicon.toml"


@dataclass(frozen=True)
class NarrationSettings:
    """Voice, pronunciation, mastering and packaging choices for a narration."""

    voice: VoiceProfile
    """The voice profile (engine, voice, speed, pauses)."""
    lexicons: tuple[Path, ...] = ()
    """Extra pronunciation lexicons for this run."""
    spoken_disclosure: bool = True
    """Speak the AI disclosure at the start."""
    normalize_loudness: bool = True
    """Bring the narration to the loudness target."""
    loudness_lufs: float = -16.0
    """Integrated loudness target (ITU-R BS.1770)."""
    true_peak_dbtp: float = -1.0
    """True-peak ceiling."""
    bitrate_kbps: int = 64
    """MP3 constant bitrate."""
    stereo: bool = False
    """Two channels instead of one."""
    player: bool = True
    """Write the read-along player page (story.html) beside the MP3."""
    cover: Path | None = None
    """JPEG or PNG embedded as cover art."""
    intro: Path | None = None
    """Audio played before the narration."""
    outro: Path | None = None
    """Audio played after the narration."""
    pauses: tuple[tuple[str, float], ...] = ()
    """Profile overrides (field, value: pauses in ms, and rate) that apply to whichever voice is used."""
    as_is: bool = False
    """Read every line of the page, for pages the article extractor rejects (results, listings)."""

    @classmethod
    def from_options(
        cls,
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
        if base is None:
            base = cls(voice=_profile(voice if voice is not None else "default"))
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
        if isinstance(lexicons, (str, os.PathLike)):
            raise SettingError(f"lexicons must be a list of file names, got {lexicons!r}")
        settings = dataclasses.replace(
            base,
            pauses=tuple(pauses.items()),
            lexicons=base.lexicons if lexicons is None else tuple(_path("lexicons", p) for p in lexicons),
            spoken_disclosure=_flag("spoken_disclosure", spoken_disclosure, base.spoken_disclosure),
            normalize_loudness=_flag("normalize_loudness", normalize_loudness, base.normalize_loudness),
            loudness_lufs=base.loudness_lufs
            if loudness_lufs is None
            else _number("loudness_lufs", loudness_lufs, -math.inf, math.inf),
            bitrate_kbps=base.bitrate_kbps
            if bitrate_kbps is None
            else int(_number("bitrate_kbps", bitrate_kbps, 0, math.inf, integer=True)),
            stereo=_flag("stereo", stereo, base.stereo),
            player=_flag("player", player, base.player),
            cover=base.cover if cover is None else _path("cover", cover),
            intro=base.intro if intro is None else _path("intro", intro),
            outro=base.outro if outro is None else _path("outro", outro),
            as_is=_flag("as_is", as_is, base.as_is),
        )
        return settings.with_voice(settings.voice)

    def with_voice(self, profile: VoiceProfile) -> NarrationSettings:
        """These settings with another voice profile, keeping the pause and rate overrides."""
        values = dict(self.pauses)
        voice = dataclasses.replace(
            profile,
            rate=values.get("rate", profile.rate),
            sentence_pause_ms=int(values["sentence_pause_ms"])
            if "sentence_pause_ms" in values
            else profile.sentence_pause_ms,
            paragraph_pause_ms=int(values["paragraph_pause_ms"])
            if "paragraph_pause_ms" in values
            else profile.paragraph_pause_ms,
            section_pause_ms=int(values["section_pause_ms"])
            if "section_pause_ms" in values
            else profile.section_pause_ms,
        )
        return dataclasses.replace(self, voice=voice)

    def fingerprint(self) -> dict[str, Any]:
        """JSON-ready description of the settings, with content hashes of the files they name."""
        # Where a profile lives and how it describes itself don't change the audio.
        voice = {k: _plain(v) for k, v in dataclasses.asdict(self.voice).items() if k not in ("path", "description")}
        if self.voice.lexicon is not None:
            voice["lexicon_sha256"] = file_sha256(self.voice.lexicon)
        # The shipped lexicon changes between releases too: a fixed pronunciation re-renders.
        data: dict[str, Any] = {
            "narrator": __version__,
            "default_lexicon_sha256": file_sha256(DEFAULT_LEXICON),
            "voice": voice,
        }
        for field in dataclasses.fields(self):
            if field.name in _NOT_FINGERPRINTED:
                continue
            value = getattr(self, field.name)
            data[field.name] = _plain(value)
        data["files"] = {str(p): file_sha256(p) for p in self._files()}
        return data

    def digest(self, *, engine_identity: str, overrides: Mapping[str, str | None]) -> str:
        """The settings hash of the up-to-date check: equal digests make equal narrations of equal input.

        `engine_identity`: the engine's view of the voice (e.g. its model file);
        `overrides`: the article metadata given.
        """
        data = {"settings": self.fingerprint(), "engine": engine_identity, "overrides": dict(overrides)}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()

    def _files(self) -> list[Path]:
        """Every file whose content shapes the output."""
        named = [*self.lexicons, self.cover, self.intro, self.outro]
        return [p for p in named if p is not None]


# The voice is fingerprinted above; the player page is rebuilt from the manifest on every run
# and never changes the audio, so turning it on or off must not re-narrate anything.
_NOT_FINGERPRINTED = ("voice", "player")


def file_sha256(path: Path) -> str | None:
    """SHA-256 of a file's content, or None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open_input(path) as handle:  # a named pipe must not block the settings hash
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except (OSError, NarratorError):
        return None
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    """Make a value JSON-ready (paths and tuples become strings and lists)."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _profile(voice: PathLike | VoiceProfile) -> VoiceProfile:
    """A voice profile: as given, or loaded by name, file or ENGINE:VOICE."""
    if isinstance(voice, VoiceProfile):
        return voice
    if not isinstance(voice, (str, os.PathLike)):
        raise SettingError(f"voice must be a profile name, a .toml file or ENGINE:VOICE, got {voice!r}")
    return load_profile(voice if isinstance(voice, str) else Path(voice))


def _number(name: str, value: object, low: float, high: float, *, integer: bool = False) -> float:
    """`value` if it is a number (a whole one if `integer`) within [low, high], else SettingError."""
    kind = "a whole number" if integer else "a number"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not float(value).is_integer()):
        raise SettingError(f"{name} must be {kind}, got {value!r}")
    if not low <= value <= high:
        raise SettingError(f"{name} must be between {low:g} and {high:g}, got {value!r}")
    return float(value)


def _flag(name: str, value: object, default: bool) -> bool:
    """`value` if it is True or False, `default` if None, else SettingError."""
    if value is None:
        return default
    if not isinstance(value, bool):
        raise SettingError(f"{name} must be True or False, got {value!r}")
    return value


def _path(name: str, value: object) -> Path:
    """`value` as a Path if it is a string or path, else SettingError."""
    if not isinstance(value, (str, os.PathLike)) or not str(value):
        raise SettingError(f"{name} must be a file name, got {value!r}")
    return Path(value)
