"""Encode a narration to MP3 (constant bitrate, 44.1 kHz) through ffmpeg, as pydub runs it."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import AudioError, OutputError
from ..ffmpeg import ffmpeg_exe, pydub_audio_segment
from ..models import Narration

_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)


@dataclass(frozen=True)
class EncodeSettings:
    """How the MP3 is encoded."""

    bitrate_kbps: int = 64
    """Constant bitrate; 64 kbps mono is transparent for speech."""
    sample_rate: int = 44100
    """Output sample rate."""
    stereo: bool = False
    """Duplicate the mono narration to two channels."""

    def __post_init__(self) -> None:
        if self.bitrate_kbps not in _BITRATES:
            raise AudioError(f"bitrate {self.bitrate_kbps} kbps is not an MP3 bitrate; use one of {', '.join(map(str, _BITRATES))}")


def encode_mp3(narration: Narration, path: Path, settings: EncodeSettings = EncodeSettings()) -> None:
    """Write the narration as an MP3 at `path` (overwriting it)."""
    AudioSegment = pydub_audio_segment()
    ffmpeg_exe()  # points pydub at our ffmpeg
    audio = AudioSegment(data=narration.pcm, sample_width=2, frame_rate=narration.sample_rate, channels=1)
    if settings.stereo:
        audio = audio.set_channels(2)
    try:
        audio.export(
            str(path),
            format="mp3",
            codec="libmp3lame",
            bitrate=f"{settings.bitrate_kbps}k",
            parameters=["-ar", str(settings.sample_rate), "-write_xing", "1"],
        )
    except Exception as exc:  # noqa: BLE001 - pydub raises CouldntEncodeError or OSError
        raise AudioError(f"ffmpeg could not encode the MP3: {str(exc).strip().splitlines()[0][:200]}") from exc


def temporary_path(target: Path) -> Path:
    """A fresh hidden file name beside `target`, for write-then-rename."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".part{target.suffix}", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write to {target.parent}: {exc.strerror}") from exc
    os.close(fd)
    return Path(name)
