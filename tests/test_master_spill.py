"""Spilled PCM: mastering a narration held in a temp file gives exactly what mastering it in memory gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from narrator.engines.tone_engine import ToneEngine
from narrator.master import (
    EncodeSettings,
    LoudnessSettings,
    encode_mp3_checked,
    join_bumpers,
    master_loudness,
    measure_loudness,
    stitch,
)
from narrator.master.loudness import dip
from narrator.master.spill import PcmSpill, pcm_blocks
from narrator.models import Clip, Narration, Script, Segment, VoiceProfile
from narrator.synthesize import ClipCache, ScriptClips, synthesize_script

RATE = 22050


def _speechlike(seconds: float, seed: int = 7) -> bytes:
    """Noise bursts with a syllable-rate envelope and loud peaks here and there (several processing blocks long)."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    envelope = np.abs(np.sin(np.arange(n) * 2 * np.pi * 4 / RATE)) ** 2
    signal = rng.normal(0, 3000, n) * envelope
    signal[rng.integers(0, n, 40)] = 30000  # clicks for the limiter and the true-peak refinement
    return np.clip(signal, -32768, 32767).astype("<i2").tobytes()


def _spilled(pcm: bytes) -> PcmSpill:
    spill = PcmSpill()
    for start in range(0, len(pcm), 100_000):  # written in uneven pieces, as stitch does
        spill.write(pcm[start : start + 100_000])
    return spill


def _bytes(pcm: bytes | PcmSpill) -> bytes:
    return b"".join(pcm_blocks(pcm))


def test_spill_reads_back_what_was_written() -> None:
    pcm = _speechlike(3)
    spill = _spilled(pcm)
    assert len(spill) == len(pcm) and _bytes(spill) == pcm
    assert spill.read(100, 50).tobytes() == pcm[200:300]
    assert spill.read(len(pcm) // 2 - 10, 100).size == 10


def test_mastering_a_spill_equals_mastering_in_memory() -> None:
    pcm = _speechlike(40)
    memory = Narration(pcm, RATE, ())
    spilled = Narration(_spilled(pcm), RATE, ())
    assert measure_loudness(spilled.pcm, RATE) == measure_loudness(pcm, RATE)
    mastered = master_loudness(memory)
    mastered_spill = master_loudness(spilled)
    assert isinstance(mastered_spill.pcm, PcmSpill) and isinstance(mastered.pcm, bytes)
    assert _bytes(mastered_spill.pcm) == mastered.pcm and mastered_spill.duration_ms == mastered.duration_ms
    spots = [(1.0, 2.0), (20.5, 1.0)]
    assert _bytes(dip(spilled, spots).pcm) == dip(memory, spots).pcm
    intro = Clip(_speechlike(2, seed=3), RATE)
    joined = join_bumpers(mastered, intro, intro)
    joined_spill = join_bumpers(mastered_spill, intro, intro)
    assert _bytes(joined_spill.pcm) == joined.pcm and joined_spill.segments == joined.segments


def test_encoding_a_spill_writes_the_same_mp3(tmp_path: Path) -> None:
    pcm = master_loudness(Narration(_speechlike(30), RATE, ())).pcm
    memory = encode_mp3_checked(Narration(pcm, RATE, ()), tmp_path / "memory.mp3", EncodeSettings(), LoudnessSettings())
    spilled = encode_mp3_checked(
        Narration(_spilled(pcm), RATE, ()), tmp_path / "spill.mp3", EncodeSettings(), LoudnessSettings()
    )
    assert (tmp_path / "memory.mp3").read_bytes() == (tmp_path / "spill.mp3").read_bytes()
    assert spilled.attempts == memory.attempts and spilled.true_peak_dbtp == memory.true_peak_dbtp


def test_stitching_into_a_spill_equals_stitching_in_memory(tmp_path: Path) -> None:
    profile = VoiceProfile(name="t", engine="tone")
    segments = tuple(
        Segment(t, t, 0, 0, i, "sentence", 250) for i, t in enumerate(["One.", "Two words.", "And three more words."])
    )
    script = Script("t", "en", segments)
    clips = synthesize_script(script, profile, ToneEngine(), cache=ClipCache(tmp_path))
    in_memory = stitch(script, list(clips))
    spilled = stitch(script, clips, into=PcmSpill())
    assert _bytes(spilled.pcm) == in_memory.pcm and spilled.segments == in_memory.segments


def test_clips_with_a_cache_are_read_back_not_held(tmp_path: Path) -> None:
    profile = VoiceProfile(name="t", engine="tone")
    script = Script(
        "t", "en", tuple(Segment(t, t, 0, 0, i, "sentence", 100) for i, t in enumerate(["a b", "c d", "a b"]))
    )
    clips = synthesize_script(script, profile, ToneEngine(), cache=ClipCache(tmp_path))
    assert isinstance(clips, ScriptClips) and not clips._held
    assert len(clips) == 3 and clips[0] == clips[2] and clips[0].pcm
    # An entry pruned by another run after the check is spoken again, not lost.
    for entry in (tmp_path / "clips").rglob("*.wav"):
        entry.unlink()
    assert clips[1].pcm


def _whole_array_envelope(required: np.ndarray, frame: int, rate: int, settings: LoudnessSettings) -> np.ndarray:
    """The limiter envelope made in one piece, as before it was made in chunks (the oracle)."""
    from narrator.master.loudness import _running_max

    if not required.any():
        return required
    ahead = max(1, round(settings.lookahead_ms * rate / 1000 / frame))
    hold = max(1, round(settings.hold_ms * rate / 1000 / frame))
    padded = np.concatenate([np.zeros(hold + 1, required.dtype), required, np.zeros(ahead + 1, required.dtype)])
    held = _running_max(padded, ahead + hold + 3)
    ramp = np.arange(held.size, dtype=np.float64) * (settings.release_db_per_s * frame / rate)
    released = np.maximum.accumulate(held + ramp) - ramp
    half = ahead // 2 + 1
    triangle = np.convolve(np.ones(half), np.ones(half))[: ahead + 1]
    lead_in = np.concatenate([np.full(ahead, released[0]), released])
    return np.maximum(np.convolve(lead_in, triangle / triangle.sum())[ahead : ahead + released.size], 0).astype(
        np.float32
    )


def test_limiter_envelope_in_chunks_equals_the_whole(monkeypatch) -> None:
    from narrator.master import loudness

    rng = np.random.default_rng(0)
    settings = LoudnessSettings()
    for chunk in (7, 50, 1000):
        monkeypatch.setattr(loudness, "_ENVELOPE_CHUNK", chunk)
        for _ in range(20):
            n = int(rng.integers(1, 4000))
            required = np.zeros(n, np.float32)
            count = int(rng.integers(0, 6))
            required[rng.integers(0, n, count)] = rng.uniform(0, 12, count).astype(np.float32)
            made = loudness._gain_envelope(lambda a, b: required[a:b], n, 22, RATE, settings)  # noqa: B023
            assert np.array_equal(made, _whole_array_envelope(required, 22, RATE, settings)), (chunk, n)


def test_dip_moving_average_in_chunks_equals_the_whole(monkeypatch) -> None:
    from narrator.master import loudness

    rng = np.random.default_rng(3)
    for chunk in (5, 64):
        monkeypatch.setattr(loudness, "_ENVELOPE_CHUNK", chunk)
        for _ in range(20):
            n, ramp = int(rng.integers(1, 3000)), int(rng.integers(1, 8))
            values = np.zeros(n, np.float32)
            count = int(rng.integers(0, 5))
            values[rng.integers(0, n, count)] = rng.uniform(0, 5, count)
            whole = np.convolve(np.pad(values, ramp, mode="edge"), np.ones(2 * ramp) / (2 * ramp), mode="same")[
                ramp : ramp + n
            ].astype(np.float32)
            assert np.array_equal(loudness._moving_average(values, ramp), whole), (chunk, n, ramp)


def test_an_empty_spill_is_silence_like_empty_bytes() -> None:
    """An empty spill is falsy; it was once taken for bytes because of that, and measuring it raised TypeError."""
    empty = Narration(PcmSpill(), RATE, ())
    assert measure_loudness(empty.pcm, RATE) == measure_loudness(b"", RATE) == (-np.inf, -np.inf)
    assert _bytes(master_loudness(empty).pcm) == b""
