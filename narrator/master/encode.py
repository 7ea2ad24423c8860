"""Encode a narration to MP3 (constant bitrate, 44.1 kHz) by piping its PCM straight into ffmpeg."""

from __future__ import annotations

import dataclasses
import functools
import math
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..errors import AudioError
from ..ffmpeg import ffmpeg_exe
from ..models import Narration, SpilledPcm
from .loudness import DEFAULT_LOUDNESS, LoudnessSettings, dip, master_loudness
from .resample import resample_pcm
from .spill import pcm_blocks
from .true_peak import TruePeakMeter

LAME_SCALE = 0.95  # libmp3lame's default input scale
_MAX_ATTEMPTS = 4
_EXTRA_MARGIN_DB = 0.3  # re-encoding moves the overshoot a little; aim below it
_WATCH_BELOW_DB = 0.6  # windows this close under the limit may cross it on the next encode: turn them down too
_TRUE_PEAK_ALLOWANCE_DB = 0.5  # how far a window's true peak may lie above its sample peak
# Our 4x interpolation can read a little under ffmpeg's ebur128 (192 kHz); keep clear of it.
_MEASURE_TOLERANCE_DB = 0.1
_DECODE_CHUNK = 1 << 21  # bytes of decoded PCM measured at a time
_DECODE_BLOCK = 1 << 20  # samples decoded in process, per block
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
            raise AudioError(
                f"bitrate {self.bitrate_kbps} kbps is not an MP3 bitrate; use one of {', '.join(map(str, _BITRATES))}"
            )


def encode_mp3(narration: Narration, path: Path, settings: EncodeSettings = EncodeSettings()) -> None:
    """Write the narration as a CBR MP3 at `path` (overwriting it), at the narration's own level."""
    _encode(narration, path, settings, measure=None)


@dataclass(frozen=True)
class EncodeReport:
    """What an encoded MP3 measures once decoded."""

    narration: Narration
    """The audio finally encoded: limited harder if an earlier encode overshot."""
    true_peak_dbtp: float
    """True peak of the decoded MP3 (NaN when not checked)."""
    attempts: int
    """How many encodes it took to stay under the ceiling."""


def encode_mp3_checked(
    narration: Narration,
    path: Path,
    settings: EncodeSettings = EncodeSettings(),
    loudness: LoudnessSettings | None = DEFAULT_LOUDNESS,
) -> EncodeReport:
    """Encode and measure the decoded MP3; while its true peak is over the ceiling, turn down there and re-encode.

    MP3 coding noise lifts peaks by up to about 2 dB at low bitrates, by an
    amount that depends on the signal, so the mastered margin alone cannot
    promise the published file's true peak. The MP3 is decoded in this process
    (libsndfile's mpg123), or by ffmpeg where libsndfile can't read MP3.
    Pass `loudness=None` (or a disabled one) to skip the check.
    """
    if loudness is None or not loudness.enabled:
        encode_mp3(narration, path, settings)
        return EncodeReport(narration, math.nan, 1)
    limit = loudness.true_peak_dbtp - _MEASURE_TOLERANCE_DB
    peak, hot = _encode(narration, path, settings, measure=limit)
    attempts = 1
    while peak > limit and attempts < _MAX_ATTEMPTS:
        # Turn down just where the decoded MP3 came near or over the ceiling, by
        # how far over it came plus a margin: loudness is kept, and the rest of
        # the file (and its coding) stays as it was, so one more encode nearly always does.
        spots = [(seconds, level + _TRUE_PEAK_ALLOWANCE_DB - limit + _EXTRA_MARGIN_DB) for seconds, level in hot]
        if spots:
            narration = dip(narration, spots)
        else:  # over only between samples: limit everything a little harder
            loudness = dataclasses.replace(loudness, margin_db=loudness.margin_db + peak - limit + _EXTRA_MARGIN_DB)
            narration = master_loudness(narration, loudness)
        peak, hot = _encode(narration, path, settings, measure=limit)
        attempts += 1
    return EncodeReport(narration, peak, attempts)


def decoded_true_peak(path: Path) -> float:
    """True peak (dBTP) of an audio file, decoded to mono 44.1 kHz by ffmpeg and measured chunk by chunk."""
    return _ffmpeg_decoded_meter(path, None).dbtp()


def _decoded_meter(path: Path, watch_dbfs: float | None, rate: int) -> TruePeakMeter:
    """A TruePeakMeter fed with our MP3 at `path` decoded to mono (its rate is `rate`)."""
    if mp3_decoder_in_process():
        return _soundfile_meter(path, watch_dbfs, rate)
    return _ffmpeg_decoded_meter(path, watch_dbfs, rate)


@functools.cache
def mp3_decoder_in_process() -> bool:
    """True if soundfile's libsndfile reads MP3 (1.1 or newer, as its wheels bundle)."""
    try:
        import soundfile
    except (ImportError, OSError):  # OSError: no libsndfile on this system
        return False
    return "MP3" in soundfile.available_formats()


def _soundfile_meter(path: Path, watch_dbfs: float | None, rate: int) -> TruePeakMeter:
    """Meter the MP3 decoded in blocks by libsndfile, rounded to 16 bits as ffmpeg's s16 output is."""
    import soundfile  # loads libsndfile, which may be missing: see mp3_decoder_in_process

    meter = TruePeakMeter(rate, watch_dbfs)
    try:
        with soundfile.SoundFile(str(path)) as mp3:
            for block in mp3.blocks(blocksize=_DECODE_BLOCK, dtype="float32", always_2d=True):
                mono = block.mean(axis=1) if block.shape[1] > 1 else block[:, 0]
                meter.add(to_pcm16(mono))
    except soundfile.LibsndfileError as exc:
        raise AudioError(f"could not decode {path.name}: {exc}") from exc
    return meter


def to_pcm16(samples: npt.NDArray[np.float32]) -> bytes:
    """Float samples (full scale ±1) as s16le PCM, rounded as ffmpeg's s16 output is (the meters read it)."""
    return np.clip(np.rint(samples * 32768), -32768, 32767).astype("<i2").tobytes()


def _ffmpeg_decoded_meter(path: Path, watch_dbfs: float | None, rate: int = 44100) -> TruePeakMeter:
    """A TruePeakMeter fed with the file decoded to mono at `rate` by ffmpeg."""
    command = [
        ffmpeg_exe(),
        "-nostdin",
        "-v",
        "error",
        "-i",
        str(path),
        "-ac",
        "1",
        "-ar",
        str(rate),
        "-f",
        "s16le",
        "pipe:1",
    ]
    meter = TruePeakMeter(rate, watch_dbfs)
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        assert process.stdout is not None
        while chunk := process.stdout.read(_DECODE_CHUNK):
            meter.add(chunk)
    if process.returncode != 0:
        raise AudioError(f"ffmpeg could not decode {path.name}")
    return meter


def _encode(
    narration: Narration, path: Path, settings: EncodeSettings, *, measure: float | None
) -> tuple[float, list[tuple[float, float]]]:
    """Run ffmpeg; with a `measure` limit (dBTP), then decode the new MP3 and meter it."""
    if not has_soxr():
        narration = at_rate(narration, settings.sample_rate)
    # The check decodes afterwards, not inside this ffmpeg (a -dec loopback decoder): the
    # loopback's extra hand-offs between ffmpeg's threads cost twice the CPU of decoding here.
    try:
        if isinstance(narration.pcm, bytes):
            process = subprocess.run(
                _encode_command(narration, path, settings), input=narration.pcm, capture_output=True, check=False
            )
            returncode, stderr = process.returncode, process.stderr
        else:
            returncode, stderr = _run_streaming(_encode_command(narration, path, settings), narration.pcm)
    except OSError as exc:
        raise AudioError(f"ffmpeg could not be run: {exc.strerror or exc}") from exc
    if returncode != 0:
        errors = stderr.decode(errors="replace").strip().splitlines()
        raise AudioError(f"ffmpeg could not encode the MP3: {(errors or ['exit status ' + str(returncode)])[-1][:200]}")
    if measure is None:
        return math.nan, []
    meter = _decoded_meter(path, measure - _WATCH_BELOW_DB, settings.sample_rate)
    return meter.dbtp(), meter.hot


def _run_streaming(command: list[str], spill: SpilledPcm) -> tuple[int, bytes]:
    """Run ffmpeg fed from a spill block by block (bounded memory); its exit status and error output."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: ffmpeg can never block on it
        with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors) as process:
            assert process.stdin is not None
            try:
                for block in spill.blocks(_DECODE_BLOCK):
                    process.stdin.write(block)
                process.stdin.close()
            except BrokenPipeError:
                pass  # ffmpeg stopped early; its exit status and message say why
        errors.seek(0)
        return process.returncode, errors.read()


@functools.cache
def has_soxr() -> bool:
    """True if our ffmpeg was built with the SoX resampler."""
    try:
        result = subprocess.run(
            [ffmpeg_exe(), "-hide_banner", "-buildconf"], capture_output=True, text=True, check=False
        )
    except OSError:
        return False
    return "--enable-libsoxr" in result.stdout + result.stderr


def _resampler(source_rate: int, target_rate: int) -> str:
    """An aresample filter using SoX's resampler, when one is needed and available."""
    if source_rate == target_rate or not has_soxr():
        return ""
    return f",aresample={target_rate}:resampler=soxr:precision=28"


def at_rate(narration: Narration, rate: int) -> Narration:
    """The narration resampled to `rate` with a polyphase filter (for an ffmpeg without SoX).

    ffmpeg's default resampler rings: 22.05 → 44.1 kHz through it lifted the
    decoded MP3's true peak by 0.7 dB more than a good filter, forcing a second encode.
    """
    pcm = b"".join(pcm_blocks(narration.pcm))  # only without SoX: the whole narration, in memory
    return dataclasses.replace(narration, pcm=resample_pcm(pcm, narration.sample_rate, rate), sample_rate=rate)


def _encode_command(narration: Narration, path: Path, settings: EncodeSettings) -> list[str]:
    """ffmpeg arguments that read s16le PCM on stdin and write the MP3."""
    return [
        ffmpeg_exe(), "-nostdin", "-hide_banner", "-v", "error", "-y",
        "-f", "s16le", "-ar", str(narration.sample_rate), "-ac", "1", "-i", "pipe:0",
        # LAME scales its input by 0.95 (-0.45 dB); undo that in float, before any rounding,
        # so the decoded file keeps the loudness the master stage measured.
        "-af", f"volume={1 / LAME_SCALE:.8f}" + _resampler(narration.sample_rate, settings.sample_rate),
        "-ac", "2" if settings.stereo else "1", "-ar", str(settings.sample_rate),
        "-c:a", "libmp3lame", "-b:a", f"{settings.bitrate_kbps}k",
        # No bit reservoir: on 13 narrations at 64 kbps, each frame spending its own bits
        # gave less true-peak overshoot (and about 2 dB less coding noise on the three
        # measured), so 1 needed a second encode instead of 3.
        "-reservoir", "0",
        "-write_xing", "1", "-id3v2_version", "0", "-write_id3v1", "0", "-f", "mp3", str(path),
    ]  # fmt: skip
