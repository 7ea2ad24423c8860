"""The master stage as the pipeline runs it: checks before synthesis, shaping after, and an encoded, tagged MP3."""

from __future__ import annotations

import dataclasses
import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..models import Article, Narration, Script
from ..settings import NarrationSettings
from .bumpers import add_bumpers, check_bumper
from .chapters import make_chapters
from .cover import check_cover
from .encode import EncodeSettings, encode_mp3_checked
from .loudness import LoudnessSettings, master_loudness, measure_loudness

if TYPE_CHECKING:
    from .tags import TagSet

# Above this target the limiter may run out of room on speech: measure and say so.
_CHECK_REACHED_ABOVE_LUFS = -15.0
_REACH_TOLERANCE_LU = 1.0


def check_master_settings(settings: NarrationSettings) -> list[str]:
    """Reject a bad loudness target, bitrate, cover, intro or outro before any synthesis; return warnings."""
    loudness_settings(settings)
    EncodeSettings(settings.bitrate_kbps, stereo=settings.stereo)
    warnings: list[str] = []
    if settings.cover is not None:
        warnings += _checked(settings.cover, "cover")
    if settings.intro is not None:
        _checked(settings.intro, "intro")
    if settings.outro is not None:
        _checked(settings.outro, "outro")
    return warnings


def _checked(path: Path, role: str) -> tuple[str, ...]:
    """Check a cover or bumper file once per version of it in this process (a batch asks for every item)."""
    try:
        info = os.stat(path)
    except OSError:
        return _check_file(path, role)  # the check itself says what is wrong, in one line
    return _check_file_version(path, role, (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns))


@functools.lru_cache(maxsize=32)
def _check_file_version(path: Path, role: str, version: tuple[int, int, int, int]) -> tuple[str, ...]:
    """_check_file, remembered for one version of the file (a failed check raises and is not remembered)."""
    return _check_file(path, role)


def _check_file(path: Path, role: str) -> tuple[str, ...]:
    """Decode a cover image or an intro/outro fully, as the finished MP3 will; its warnings, or a one-line error."""
    if role == "cover":
        return tuple(check_cover(path).warnings)
    check_bumper(path, role)
    return ()


def loudness_settings(settings: NarrationSettings) -> LoudnessSettings:
    """The loudness target and ceiling (validated), disabled for --no-normalize."""
    return LoudnessSettings(
        target_lufs=settings.loudness_lufs, true_peak_dbtp=settings.true_peak_dbtp, enabled=settings.normalize_loudness
    )


def finish_narration(
    narration: Narration, script: Script, title: str, settings: NarrationSettings
) -> tuple[Narration, list[str]]:
    """Chapters, loudness, then intro and outro brought to the same loudness; also warnings."""
    loudness = loudness_settings(settings)
    narration = dataclasses.replace(narration, chapters=make_chapters(narration, script, title))
    narration = master_loudness(narration, loudness)
    if settings.intro or settings.outro:
        narration = add_bumpers(narration, settings.intro, settings.outro, loudness if loudness.enabled else None)
    warnings = []
    if loudness.enabled and loudness.target_lufs > _CHECK_REACHED_ABOVE_LUFS:
        reached = measure_loudness(narration.pcm, narration.sample_rate)[0]
        if reached < loudness.target_lufs - _REACH_TOLERANCE_LU:
            warnings.append(
                f"reached {reached:.1f} LUFS, not {loudness.target_lufs:g}: speech cannot get louder"
                f" under the {loudness.true_peak_dbtp:g} dBTP ceiling"
            )
    return narration, warnings


def encode_tagged_mp3(
    narration: Narration,
    article: Article,
    settings: NarrationSettings,
    path: Path,
    *,
    neural: bool,
    transcript: str,
    synced_text: tuple[tuple[str, int], ...],
    engine_info: dict[str, str] | None = None,
) -> Narration:
    """Encode the mastered narration to `path` (checked for true peak) and tag it; return the audio finally encoded.

    `transcript` (USLT) and `synced_text` (SYLT) are what was read, as the publish stage words it.
    """
    from .tags import write_tags  # mutagen: loaded in the background while engines synthesize

    encoding = EncodeSettings(settings.bitrate_kbps, stereo=settings.stereo)
    loudness = loudness_settings(settings)
    # The checked encode may limit harder when MP3 coding pushes peaks over the ceiling.
    narration = encode_mp3_checked(narration, path, encoding, loudness if loudness.enabled else None).narration
    tags = tags_for(
        narration,
        article,
        settings,
        neural=neural,
        transcript=transcript,
        synced_text=synced_text,
        engine_info=engine_info,
    )
    write_tags(path, tags)
    return narration


def tags_for(
    narration: Narration,
    article: Article,
    settings: NarrationSettings,
    *,
    neural: bool,
    transcript: str,
    synced_text: tuple[tuple[str, int], ...],
    engine_info: dict[str, str] | None = None,
) -> TagSet:
    """The ID3 tag content for a narration."""
    from .tags import TagSet  # mutagen, as in encode_tagged_mp3

    profile = settings.voice
    return TagSet(
        title=article.title,
        artist=article.byline,
        album=article.publication,
        date=article.date,
        language=article.language,
        encoder=f"narrator {__version__} ({profile.engine} voice {profile.name})",
        transcript=transcript,  # exactly what was read, headings included
        neural=neural,
        extra={f"TTS {key}": value for key, value in (engine_info or {}).items() if value},  # engine, model, voice
        chapters=narration.chapters,
        synced_text=synced_text,
        cover=settings.cover,
    )
