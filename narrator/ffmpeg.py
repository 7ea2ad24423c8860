"""Locate ffmpeg: the system one on PATH, else the imageio-ffmpeg wheel's binary."""

from __future__ import annotations

import functools
import shutil
import warnings


@functools.cache
def ffmpeg_exe() -> str:
    """Path of an ffmpeg binary."""
    path = shutil.which("ffmpeg")
    if path is None:
        import imageio_ffmpeg

        path = imageio_ffmpeg.get_ffmpeg_exe()
    return path


def pydub_audio_segment() -> type:
    """Import pydub's AudioSegment without its warning about ffmpeg missing from PATH."""
    with warnings.catch_warnings():
        # pydub warns at import when ffmpeg is not on PATH; we only use it in memory.
        warnings.simplefilter("ignore", RuntimeWarning)
        from pydub import AudioSegment
    segment_class: type = AudioSegment  # pydub is untyped
    return segment_class
