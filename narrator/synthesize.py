"""The synthesize stage: one Clip per Script segment, through the engine and a clip cache."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

from .engines import Engine
from .models import Clip, Script, VoiceProfile

ProgressCallback = Callable[[int, int], None]


def default_cache_dir() -> Path:
    """Where clips are cached: $NARRATOR_CACHE_DIR, else the user's cache folder."""
    override = os.environ.get("NARRATOR_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("narrator")


class ClipCache:
    """Content-addressed store of clips, keyed by engine identity and spoken text."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = (folder or default_cache_dir()) / "clips"

    @staticmethod
    def key(identity: str, spoken: str) -> str:
        """Hash of everything that decides the audio."""
        return hashlib.sha256(f"{identity}\x00{spoken}".encode()).hexdigest()

    def get(self, key: str) -> Clip | None:
        """The cached clip, or None (a damaged entry counts as missing)."""
        path = self._path(key)
        try:
            with wave.open(str(path), "rb") as wav:
                clip = Clip(wav.readframes(wav.getnframes()), wav.getframerate())
        except (OSError, EOFError, wave.Error):
            return None
        if not clip.pcm:
            return None
        os.utime(path)  # recently used entries survive size-capped pruning
        return clip

    def put(self, key: str, clip: Clip) -> None:
        """Store a clip atomically; a full disk only costs the cache entry."""
        path = self._path(key)
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(clip.sample_rate)
            wav.writeframes(clip.pcm)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(buffer.getvalue())
            os.replace(temp, path)
        except OSError:
            try:
                os.unlink(temp)
            except (OSError, UnboundLocalError):
                pass

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.wav"


def synthesize_script(
    script: Script,
    profile: VoiceProfile,
    engine: Engine,
    *,
    cache: ClipCache | None = None,
    progress: ProgressCallback | None = None,
) -> list[Clip]:
    """Speak every segment of the script; cached clips are reused, not re-synthesized."""
    identity = engine.cache_identity(profile)
    clips: list[Clip] = []
    total = len(script.segments)
    for index, segment in enumerate(script.segments):
        clips.append(_clip_for(segment.spoken, profile, engine, identity, cache))
        if progress:
            progress(index + 1, total)
    return clips


def synthesize_texts(texts: Sequence[str], profile: VoiceProfile, engine: Engine) -> list[Clip]:
    """Speak loose texts without the cache (previews, disclosures)."""
    return [engine.synthesize(text, profile) for text in texts]


def _clip_for(spoken: str, profile: VoiceProfile, engine: Engine, identity: str, cache: ClipCache | None) -> Clip:
    """One segment's clip, from the cache when possible."""
    if cache is None:
        return engine.synthesize(spoken, profile)
    key = ClipCache.key(identity, spoken)
    clip = cache.get(key)
    if clip is None:
        clip = engine.synthesize(spoken, profile)
        cache.put(key, clip)
    return clip
