"""Stitch clips into one narration: trim engine silence (pydub), exact pauses, smooth fades."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..ffmpeg import pydub_audio_segment
from ..models import Clip, Narration, Script, TimedSegment, WordTime
from .resample import resample_pcm
from .spill import PcmSpill

# Engine padding quieter than this counts as silence (about 64 of 32767).
SILENCE_DBFS = -54.0
# Keep a little of the natural onset and decay around speech.
KEEP_MARGIN_MS = 10
FADE_MS = 5


def stitch(script: Script, clips: Sequence[Clip], *, into: PcmSpill | None = None) -> Narration:
    """Join one clip per segment with each segment's pause after it, in linear time.

    pydub finds each clip's speech; the narration is joined once from raw
    bytes, because pydub's `a + b` copies the whole narration on every join,
    quadratic in the number of segments. With `into`, each piece goes to that
    spill as it is made and the narration's PCM is the spill (bounded memory).
    """
    if len(clips) != len(script.segments):
        raise ValueError(f"{len(clips)} clips for {len(script.segments)} segments")
    AudioSegment = pydub_audio_segment()
    rate = narration_rate(clips)  # a pass over the clips' headers; each is read again when stitched
    parts: list[bytes] = []
    timed: list[TimedSegment] = []
    position = 0  # in samples
    for segment, clip in zip(script.segments, clips, strict=True):
        audio = AudioSegment(
            data=resample_pcm(clip.pcm, clip.sample_rate, rate), sample_width=2, frame_rate=rate, channels=1
        )
        cut_ms, keep_ms = speech_bounds(audio)
        speech = _shaped(audio[cut_ms:keep_ms])
        start_ms = _ms(position, rate)
        position += len(speech.raw_data) // 2
        end_ms = _ms(position, rate)
        timed.append(
            TimedSegment(segment, start_ms, end_ms, placed_words(clip.words, start_ms - cut_ms, start_ms, end_ms))
        )
        pause = b"\x00\x00" * round(segment.pause_ms * rate / 1000)
        position += len(pause) // 2
        for piece in (speech.raw_data, pause):
            if into is not None:
                into.write(piece)
            else:
                parts.append(piece)
    return Narration(pcm=into if into is not None else b"".join(parts), sample_rate=rate, segments=tuple(timed))


def _shaped(trimmed: Any) -> Any:
    """Trimmed speech with fades at both ends."""
    return type(trimmed)(
        data=_faded(trimmed.raw_data, trimmed.frame_rate), sample_width=2, frame_rate=trimmed.frame_rate, channels=1
    )


def placed_words(
    words: tuple[WordTime, ...] | None, shift_ms: int, start_ms: int, end_ms: int
) -> tuple[WordTime, ...] | None:
    """A clip's word times moved `shift_ms` into the narration, kept within the segment's speech."""
    if words is None:
        return None

    def place(ms: int) -> int:
        return min(max(ms + shift_ms, start_ms), end_ms)

    return tuple(
        WordTime(w.offset, w.length, place(w.start_ms), max(place(w.end_ms), place(w.start_ms))) for w in words
    )


def _faded(pcm: bytes, rate: int) -> bytes:
    """Raised-cosine fades at both ends.

    Not pydub's fade_in/fade_out: they step the gain once per millisecond, and
    those steps are small clicks that also push MP3 peaks up by over a decibel.
    """
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    n = min(round(FADE_MS * rate / 1000), samples.size // 2)
    if n == 0:
        return pcm
    ramp = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, n, endpoint=False, dtype=np.float32))
    samples[:n] *= ramp
    samples[-n:] *= ramp[::-1]
    return np.round(samples).astype("<i2").tobytes()


def trim_silence(audio: Any) -> Any:
    """Drop leading and trailing silence, keeping KEEP_MARGIN_MS around the speech."""
    start, end = speech_bounds(audio)
    return audio[start:end]


def speech_bounds(audio: Any) -> tuple[int, int]:
    """(start, end) in ms of the speech with KEEP_MARGIN_MS around it; (0, 0) for a silent clip."""
    lead = leading_silence_ms(audio)
    if lead >= len(audio):
        return 0, 0
    tail = leading_silence_ms(audio.reverse())
    return max(0, lead - KEEP_MARGIN_MS), len(audio) - max(0, tail - KEEP_MARGIN_MS)


def leading_silence_ms(audio: Any) -> int:
    """Milliseconds before the first 1 ms under SILENCE_DBFS ends, found by pydub 10 ms and then 1 ms at a time."""
    # pydub warns at import when ffmpeg is not on PATH: it is first imported through narrator.ffmpeg.
    from pydub.silence import detect_leading_silence

    # A 10 ms chunk 10 dB under the threshold holds no 1 ms chunk over it (at most all
    # its energy falls in that 1 ms), so the 1 ms scan may start where the 10 ms one stops.
    coarse: int = detect_leading_silence(audio, silence_threshold=SILENCE_DBFS - 10, chunk_size=10)
    fine: int = detect_leading_silence(audio[coarse:], silence_threshold=SILENCE_DBFS, chunk_size=1)
    return coarse + fine


def narration_rate(clips: Sequence[Clip]) -> int:
    """The highest clip rate, so no clip loses bandwidth."""
    return max((clip.sample_rate for clip in clips), default=22050)


def _ms(samples: int, rate: int) -> int:
    """Samples to whole milliseconds."""
    return round(samples * 1000 / rate)
