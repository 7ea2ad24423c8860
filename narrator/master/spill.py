"""PCM spilled to an unnamed temporary file, so a narration of any length is mastered in bounded memory.

A `PcmSpill` stands where `Narration.pcm` holds bytes: `len()` gives its size in
bytes, and the master stage reads it block by block (or a few samples at a
place) instead of holding it. `Samples` gives either kind the same face.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

from ..models import SpilledPcm

Int16Array = npt.NDArray[np.int16]
"""Mono s16le samples."""


class PcmSpill:
    """Mono s16le PCM in a temporary file that vanishes when closed or collected."""

    def __init__(self) -> None:
        # Unnamed where the OS allows: a crash leaves nothing behind in the temp folder.
        self._file = tempfile.TemporaryFile(prefix="narrator-pcm-")  # noqa: SIM115 - open as long as the spill
        self.samples = 0

    def write(self, pcm: bytes | Int16Array) -> None:
        """Append PCM (bytes or an int16 array) at the end."""
        data = pcm.astype("<i2", copy=False).tobytes() if isinstance(pcm, np.ndarray) else pcm
        self._file.seek(0, 2)
        self._file.write(data)
        self.samples += len(data) // 2

    def read(self, start: int, count: int) -> Int16Array:
        """Samples [start, start + count), fewer at the end."""
        start = max(0, start)
        count = max(0, min(count, self.samples - start))
        self._file.seek(2 * start)
        return np.frombuffer(self._file.read(2 * count), dtype="<i2")

    def blocks(self, size: int) -> Iterator[bytes]:
        """The PCM as bytes, `size` samples at a time."""
        for start in range(0, self.samples, size):
            yield self.read(start, size).tobytes()

    def __len__(self) -> int:
        """Size in bytes, as len() of the bytes it stands for."""
        return 2 * self.samples

    def __bool__(self) -> bool:
        return self.samples > 0

    def close(self) -> None:
        """Delete the file now."""
        self._file.close()


class Samples:
    """Read access to int16 samples held in memory or spilled: what the master stage needs of either."""

    def __init__(self, pcm: bytes | SpilledPcm) -> None:
        self._source: Int16Array | SpilledPcm = np.frombuffer(pcm, dtype="<i2") if isinstance(pcm, bytes) else pcm
        self.size = len(pcm) // 2

    @property
    def spilled(self) -> bool:
        """True when the samples are read from a file."""
        return not isinstance(self._source, np.ndarray)

    def read(self, start: int, count: int) -> Int16Array:
        """Samples [start, start + count), fewer at the end."""
        if isinstance(self._source, np.ndarray):
            return self._source[start : start + count]
        return self._source.read(start, count)

    def around(self, lo: int, hi: int, context: int) -> tuple[Int16Array, int]:
        """Samples [lo - context, hi + context) clipped to the signal, and the index of their first sample."""
        first = max(0, lo - context)
        return self.read(first, min(self.size, hi + context) - first), first

    def output_like(self) -> PcmSink:
        """Somewhere to write a processed copy of the same kind (memory or spill)."""
        return PcmSink(spill=self.spilled, size=self.size)


class PcmSink:
    """Collects processed blocks in order, into a new spill or an in-memory array."""

    def __init__(self, *, spill: bool, size: int) -> None:
        self._out: PcmSpill | Int16Array = PcmSpill() if spill else np.empty(size, dtype="<i2")
        self._at = 0

    def write(self, block: Int16Array) -> None:
        """Append the next block of int16 samples."""
        if isinstance(self._out, PcmSpill):
            self._out.write(block)
        else:
            self._out[self._at : self._at + block.size] = block
        self._at += block.size

    def result(self) -> bytes | PcmSpill:
        """What was written: bytes when in memory, else the spill."""
        return self._out if isinstance(self._out, PcmSpill) else self._out.tobytes()


def pcm_blocks(pcm: bytes | SpilledPcm, size: int = 1 << 20) -> Iterator[bytes]:
    """The PCM as bytes, `size` samples at a time (one piece for bytes in memory)."""
    if isinstance(pcm, bytes):
        yield pcm
    else:
        yield from pcm.blocks(size)
