"""The synthesize stage: one Clip per Script segment, through the engine and a clip cache."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import struct
import wave
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, overload

from . import environment
from .engines import Engine
from .errors import OutputError
from .files import remove_stale_temporaries, write_bytes_atomic
from .models import Clip, Script, VoiceProfile, WordTime


def default_cache_dir() -> Path:
    """Where clips are cached: $NARRATOR_CACHE_DIR, else the user's cache folder."""
    override = environment.cache_dir()
    if override:
        return override
    from platformdirs import user_cache_path

    return user_cache_path("narrator")


DEFAULT_CACHE_MAX_BYTES = 2 * 1024**3


def cache_max_bytes() -> int:
    """The cache size cap: $NARRATOR_CACHE_MAX_MB megabytes (0 to a billion), else 2 GiB."""
    value = environment.cache_max_mb()
    return DEFAULT_CACHE_MAX_BYTES if value is None else int(value * 1024**2)


@dataclass(frozen=True)
class CacheStats:
    """Size of the clip cache."""

    folder: Path
    """Where the clips are."""
    clips: int
    """Number of cached clips."""
    bytes: int
    """Their total size."""
    max_bytes: int
    """The size cap."""


class ClipCache:
    """Content-addressed store of clips, keyed by engine identity and spoken text."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = (folder or default_cache_dir()) / "clips"
        self.max_bytes = cache_max_bytes()
        self._unpruned = 0  # bytes stored since the last prune

    def prune_as_it_goes(self, stored: int) -> None:
        """Count `stored` bytes; prune once a tenth of the cap (at least 1 MiB) has been added since the last prune.

        So the cap holds during a long narration or batch, and after one that was killed.
        """
        self._unpruned += stored
        if self._unpruned >= max(self.max_bytes // 10, 1 << 20) or self._unpruned > self.max_bytes:
            self.prune()

    def stats(self) -> CacheStats:
        """How many clips and bytes the cache holds."""
        entries = list(self._entries())
        return CacheStats(self.folder, len(entries), sum(size for _, size, _ in entries), self.max_bytes)

    def clear(self) -> int:
        """Delete every cached clip; return how many were removed."""
        removed = 0
        for path, _, _ in self._entries():
            try:
                path.unlink(missing_ok=True)
            except OSError:
                continue
            removed += 1
        return removed

    def prune(self, max_bytes: int | None = None) -> int:
        """Delete least recently used clips until the cache fits `max_bytes`; return how many."""
        limit = self.max_bytes if max_bytes is None else max_bytes
        self._unpruned = 0
        for folder in self.folder.glob("*/"):
            remove_stale_temporaries(folder)  # left by a run killed while storing a clip
        entries = sorted(self._entries(), key=lambda entry: entry[2])
        total = sum(size for _, size, _ in entries)
        removed = 0
        for path, size, _ in entries:
            if total <= limit:
                break
            try:
                path.unlink(missing_ok=True)
            except OSError:
                continue
            total -= size
            removed += 1
        return removed

    def _entries(self) -> Iterator[tuple[Path, int, float]]:
        """(path, size, last use) of every clip; files vanishing under a concurrent run are skipped."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*.wav"):
            try:
                stat = path.stat()
            except OSError:
                continue
            yield path, stat.st_size, stat.st_mtime

    @staticmethod
    def key(identity: str, spoken: str) -> str:
        """Hash of everything that decides the audio."""
        return hashlib.sha256(f"{identity}\x00{spoken}".encode()).hexdigest()

    def get(self, key: str, *, words: bool = False) -> Clip | None:
        """The cached clip, or None (a damaged entry is missing, and so is one without word times if `words`)."""
        path = self._path(key)
        try:
            data = path.read_bytes()
            stream = io.BytesIO(data)
            with wave.open(stream, "rb") as wav:
                clip = Clip(wav.readframes(wav.getnframes()), wav.getframerate(), words=_words_chunk(stream))
        except (OSError, EOFError, wave.Error):
            return None
        if not clip.pcm or (words and clip.words is None):
            return None
        _touch(path)
        return clip

    def has(self, key: str, *, words: bool = False) -> bool:
        """True if `get` would return a clip; reads the file's header and chunk list (and word times), not its audio."""
        path = self._path(key)
        try:
            with open(path, "rb") as stream:
                with wave.open(stream, "rb") as wav:  # parses the chunks up to the audio's and stops there
                    frames = wav.getnframes()
                audio = stream.tell() < os.fstat(stream.fileno()).st_size  # a truncated file may hold none of it
                if not (frames and audio) or (words and _words_chunk(stream) is None):
                    return False
        except (OSError, EOFError, wave.Error):
            return False
        _touch(path)  # the clip is about to be used: it must outlive the prune after this narration's synthesis
        return True

    def put(self, key: str, clip: Clip) -> bool:
        """Store a clip atomically; False if it could not be (a full disk only costs the cache entry)."""
        path = self._path(key)
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(clip.sample_rate)
            wav.writeframes(clip.pcm)
        if clip.words is not None:
            _append_words_chunk(buffer, clip.words)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Not synced: a cache entry lost to a power cut is only synthesized again.
            write_bytes_atomic(path, buffer.getvalue(), durable=False)
        except (OSError, OutputError):
            return False
        self.prune_as_it_goes(len(buffer.getvalue()))
        return True

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.wav"


# A RIFF chunk of our own after the audio: word times travel in the same file, written in the
# same rename, and WAV readers (Python's wave, libsndfile) skip chunks they do not know.
_WORDS_CHUNK = b"nrtw"


def _append_words_chunk(buffer: io.BytesIO, words: tuple[WordTime, ...]) -> None:
    """Add the word times to a WAV file in `buffer` and fix its RIFF size."""
    payload = json.dumps([[w.offset, w.length, w.start_ms, w.end_ms] for w in words]).encode()
    payload += b" " * (len(payload) % 2)  # RIFF chunks are word-aligned
    buffer.seek(0, io.SEEK_END)
    buffer.write(_WORDS_CHUNK + struct.pack("<I", len(payload)) + payload)
    buffer.seek(4)
    buffer.write(struct.pack("<I", buffer.getbuffer().nbytes - 8))


def _words_chunk(wav: BinaryIO) -> tuple[WordTime, ...] | None:
    """The word times stored in a cached WAV file, or None if it has none (or they are damaged)."""
    position = 12  # after "RIFF", its size and "WAVE"
    while True:
        wav.seek(position)  # from chunk header to chunk header: the audio between is never read
        header = wav.read(8)
        if len(header) < 8:
            return None
        name, size = header[:4], struct.unpack("<I", header[4:])[0]
        if name == _WORDS_CHUNK:
            try:
                return tuple(WordTime(*(int(v) for v in entry)) for entry in json.loads(wav.read(size)))
            except (ValueError, TypeError):
                return None
        position += 8 + size + size % 2


def _touch(path: Path) -> None:
    """Mark a cached clip used: recently used entries survive size-capped pruning."""
    with contextlib.suppress(OSError):  # a read-only cache, or one another run pruned, is fine
        os.utime(path)


SYNTHESIS_BATCH_PER_WORKER = 8  # segments per engine worker spoken before they go to the cache


def synthesize_script(
    script: Script,
    profile: VoiceProfile,
    engine: Engine,
    *,
    cache: ClipCache | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Sequence[Clip]:
    """Speak every segment of the script; cached clips are reused, not re-synthesized.

    With a cache, clips are spoken a batch at a time and kept only there: the
    sequence returned reads each from the cache when asked, so a long narration
    never holds all its audio in memory. `on_progress(done, total)` counts segments.
    """
    identity = engine.cache_identity(profile)
    keys = [ClipCache.key(identity, segment.spoken) for segment in script.segments]
    texts = dict(zip(keys, (segment.spoken for segment in script.segments), strict=True))
    clips = ScriptClips(keys, texts, cache, engine, profile)
    missing = [key for key in texts if cache is None or not cache.has(key, words=engine.word_timing)]
    missing_keys = set(missing)
    pending = Counter(key for key in keys if key in missing_keys)
    done = len(keys) - sum(pending.values())
    if on_progress:
        on_progress(done, len(keys))
    if missing:
        engine.check_voice(profile)  # a clear error before the first synthesis
    batch = SYNTHESIS_BATCH_PER_WORKER * max(1, getattr(engine, "parallel", 1))
    for first in range(0, len(missing), batch):
        chunk = missing[first : first + batch]
        for key, clip in zip(chunk, engine.synthesize_many([texts[k] for k in chunk], profile), strict=True):
            clips.keep(key, clip)
            done += pending[key]
        if on_progress:
            on_progress(done, len(keys))
    if cache and missing:
        cache.prune()  # each narration leaves the cache within its cap (a clip pruned here is spoken again when read)
    return clips


class ScriptClips(Sequence[Clip]):
    """A script's clips in segment order, read from the clip cache as they are used (or held, without one)."""

    def __init__(
        self, keys: list[str], texts: dict[str, str], cache: ClipCache | None, engine: Engine, profile: VoiceProfile
    ) -> None:
        self._keys = keys
        self._texts = texts
        self._cache = cache
        self._engine = engine
        self._profile = profile
        self._held: dict[str, Clip] = {}

    def keep(self, key: str, clip: Clip) -> None:
        """Store a fresh clip in the cache; hold it in memory only if there is no cache or it could not be stored."""
        if self._cache is None or not self._cache.put(key, clip):
            self._held[key] = clip

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, index: int) -> Clip: ...
    @overload
    def __getitem__(self, index: slice) -> list[Clip]: ...
    def __getitem__(self, index: int | slice) -> Clip | list[Clip]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        key = self._keys[index]
        clip = self._held.get(key) or (self._cache.get(key, words=self._engine.word_timing) if self._cache else None)
        if clip is None:
            # Pruned or damaged since it was checked (another run shares the cache): speak it again.
            clip = self._engine.synthesize(self._texts[key], self._profile)
            self.keep(key, clip)
        return clip
