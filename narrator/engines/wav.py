"""Read engine output into Clips."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

from ..errors import EngineError
from ..ffmpeg import ffmpeg_exe
from ..models import Clip


def read_wav(path: Path) -> Clip:
    """Read a 16-bit PCM WAV (or anything ffmpeg decodes) as a mono Clip."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() == 2 and wav.getnchannels() == 1:
                return Clip(wav.readframes(wav.getnframes()), wav.getframerate())
            rate = wav.getframerate()
    except (wave.Error, EOFError):
        rate = 22050
    return _decode_with_ffmpeg(path, rate)


def _decode_with_ffmpeg(path: Path, rate: int) -> Clip:
    """Decode any audio file to mono 16-bit PCM at `rate` (AIFF from macOS, float WAV from SAPI)."""
    result = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(rate), "-"],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise EngineError(
            f"engine output {path.name} is not audio: {result.stderr.decode(errors='replace').strip()[:200]}"
        )
    return Clip(result.stdout, rate)
