"""The master stage as the pipeline runs it: checks before synthesis, then shaping after."""

from __future__ import annotations

import dataclasses

from ..models import Narration, Script
from ..settings import NarrationSettings


def check_master_settings(settings: NarrationSettings) -> None:
    """Reject a bad loudness target, bitrate, cover, intro or outro before any synthesis."""
    from .bumpers import check_bumper
    from .cover import check_cover
    from .encode import EncodeSettings
    from .loudness import validate_loudness_target

    validate_loudness_target(settings.loudness_lufs)
    EncodeSettings(settings.bitrate_kbps, stereo=settings.stereo)
    if settings.cover is not None:
        check_cover(settings.cover)
    for bumper in (settings.intro, settings.outro):
        if bumper is not None:
            check_bumper(bumper)


def finish_narration(narration: Narration, script: Script, title: str, settings: NarrationSettings) -> Narration:
    """Chapters, loudness, then intro and outro brought to the same loudness."""
    from .bumpers import add_bumpers
    from .chapters import make_chapters
    from .loudness import LoudnessSettings, master_loudness

    narration = dataclasses.replace(narration, chapters=make_chapters(narration, script, title))
    loudness = LoudnessSettings(target_lufs=settings.loudness_lufs, true_peak_dbtp=settings.true_peak_dbtp)
    if settings.normalize_loudness:
        narration = master_loudness(narration, loudness)
    if settings.intro or settings.outro:
        narration = add_bumpers(narration, settings.intro, settings.outro, loudness if settings.normalize_loudness else None)
    return narration
