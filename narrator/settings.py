"""Everything besides the article that decides how a narration sounds and is packaged."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import NarratorError
from .input_files import open_input
from .models import VoiceProfile

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
        voice = {
            k: _plain(v) for k, v in dataclasses.asdict(self.voice).items() if k not in ("path", "model", "description")
        }
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
