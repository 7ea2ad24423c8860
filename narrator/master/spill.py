"""PCM spilled to an unnamed temporary file, so a narration of any length is mastered in bounded memory.

A `PcmSpill` stands where `Narration.pcm` holds bytes: `len()` gives its size in
bytes, and the master stage reads it block by block (or a few samples at a
place) instead of holding it. `samples_of` gives either kind the same face.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

import numpy as np


class PcmSpill:
    """Mono s16le PCM in a temporary file that vanishes when closed or collected."""

    def __init__(self) -> None:
        # Unnamed where the OS allows: a crash leaves nothing behind in the temp folder.
        self._file = tempfile.TemporaryFile(prefix="narrator-pcm-")
        self.samples = 0

    def write(self, pcm: bytes | np.ndarray) -> None:
        """Append PCM (bytes or an int16 array) at the end."""
        data = pcm.astype("<i2", copy=False).tobytes() if isinstance(pcm, np.ndarray) else pcm
        self._file.seek(0, 2)
        self._file.write(data)
        self.samples += len(data) // 2

    def read(self, start: int, count: int) -> np.ndarray:
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

    def __init__(self, pcm: bytes | PcmSpill) -> None:
        self._spill = pcm if isinstance(pcm, PcmSpill) else None
        self._array = None if self._spill else np.frombuffer(pcm, dtype="<i2")
        self.size = self._spill.samples if self._spill else self._array.size  # type: ignore[union-attr]

    def read(self, start: int, count: int) -> np.ndarray:
        """Samples [start, start + count), fewer at the end."""
        if self._spill is not None:
            return self._spill.read(start, count)
        return self._array[start : start + count]  # type: ignore[index]

    def around(self, lo: int, hi: int, context: int) -> tuple[np.ndarray, int]:
        """Samples [lo - context, hi + context) clipped to the signal, and the index of their first sample."""
        first = max(0, lo - context)
        return self.read(first, min(self.size, hi + context) - first), first

    def output_like(self) -> PcmSink:
        """Somewhere to write a processed copy of the same kind (memory or spill)."""
        return PcmSink(spill=self._spill is not None, size=self.size)


class PcmSink:
    """Collects processed blocks in order, into a new spill or an in-memory array."""

    def __init__(self, *, spill: bool, size: int) -> None:
        self._spill = PcmSpill() if spill else None
        self._array = None if spill else np.empty(size, dtype="<i2")
        self._at = 0

    def write(self, block: np.ndarray) -> None:
        """Append the next block of int16 samples."""
        if self._spill is not None:
            self._spill.write(block)
        else:
            self._array[self._at : self._at + block.size] = block  # type: ignore[index]
        self._at += block.size

    def result(self) -> bytes | PcmSpill:
        """What was written: bytes when in memory, else the spill."""
        return self._spill if self._spill is not None else self._array.tobytes()  # type: ignore[union-attr]


def pcm_blocks(pcm: bytes | PcmSpill, size: int = 1 << 20) -> Iterator[bytes]:
    """The PCM as bytes, `size` samples at a time (one piece for bytes in memory)."""
    if isinstance(pcm, PcmSpill):
        yield from pcm.blocks(size)
    else:
        yield pcm
