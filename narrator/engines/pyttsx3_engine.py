"""The default engine: pyttsx3 (eSpeak NG on Linux, SAPI5 on Windows, NSSpeechSynthesizer on macOS)."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EngineError, VoiceError
from ..models import Clip, VoiceProfile
from .base import EngineVoice, IsolatedEngine
from .checks import check_clip

if TYPE_CHECKING:
    from .espeak_capture import EspeakCapture
from .espeak_library import ensure_espeak_library
from .wav import read_wav

# eSpeak's own default speed (words per minute) and pitch (0-100): a profile's
# rate 1.0 and pitch 1.0 map to these.
_BASE_RATE_WPM = 175
_BASE_PITCH = 50
_WARM_UP_TEXT = "Ready."


class Pyttsx3Engine(IsolatedEngine):
    """System voices through pyttsx3, isolated in a worker process."""

    name = "pyttsx3"
    neural = False
    licence = "eSpeak NG: GPL-3.0-or-later (rule-based, no recorded voice); other systems: their vendor's terms"
    commercial_use = "yes (eSpeak NG's speech output is not restricted)"
    backend = "narrator.engines.pyttsx3_engine:Pyttsx3Backend"
    # eSpeak NG reports each word as it synthesizes it; SAPI5 and NSSpeechSynthesizer files carry no times.
    word_timing = sys.platform.startswith("linux")

    def cache_identity(self, voice: VoiceProfile) -> str:
        """Voice id, rate, pitch, volume and word gap decide what eSpeak says."""
        return f"pyttsx3:{voice.voice}:{voice.rate}:{voice.pitch}:{voice.volume}:{word_gap_units(voice)}"


class Pyttsx3Backend:
    """Runs inside the worker: owns the pyttsx3 engine and its native library."""

    def __init__(self) -> None:
        ensure_espeak_library()
        try:
            import pyttsx3

            self._engine = pyttsx3.init("espeak" if sys.platform.startswith("linux") else None)
        except Exception as exc:
            raise EngineError(f"pyttsx3 could not start a speech engine: {exc}") from exc
        self._voice_ids = {v.id for v in self._list_voices()}
        self._espeak: EspeakCapture | None = None
        self._folder: Path | None = None  # where save_to_file writes, on systems without eSpeak capture
        if sys.platform.startswith("linux"):
            # Lazy: it loads numpy (word times), which only this worker process needs.
            from .espeak_capture import EspeakCapture

            self._espeak = EspeakCapture()
        else:
            self._temp = tempfile.TemporaryDirectory(prefix="narrator-pyttsx3-")  # removed when the worker exits
            self._folder = Path(self._temp.name)
            # The first long save_to_file after init can silently write nothing.
            self._save(_WARM_UP_TEXT)

    def synthesize(self, text: str, voice: VoiceProfile) -> Clip:
        """Speak `text`, verify the audio, retry once, and return its PCM."""
        self._apply(voice)
        problem = ""
        for _attempt in range(2):
            clip = self._espeak.speak(text) if self._espeak else self._save(text)
            problem = check_clip(clip, text, voice.rate)
            if not problem:
                return clip
        raise EngineError(f"pyttsx3 produced no usable audio ({problem}) for: {_quote(text)}")

    def voices(self) -> list[EngineVoice]:
        """The system's voices."""
        return self._list_voices()

    def check_voice(self, voice: VoiceProfile) -> None:
        """Raise VoiceError for a voice id (or language, as in espeak:en-gb) this system does not have."""
        if voice.voice and self._voice_id(voice.voice).lower() not in self._voice_ids:
            close = difflib.get_close_matches(voice.voice.lower(), sorted(self._voice_ids), n=3, cutoff=0.5)
            hint = f"; close matches: {', '.join(close)}" if close else "; run `narrator voices` to list them"
            raise VoiceError(f"pyttsx3 has no voice {voice.voice!r}{hint}")

    def _apply(self, voice: VoiceProfile) -> None:
        """Set voice, rate, pitch and volume on the engine."""
        properties = driver_properties(dataclasses.replace(voice, voice=self._voice_id(voice.voice)))
        if self._espeak:
            self._espeak.apply(properties, word_gap=word_gap_units(voice))
            return
        for name, value in properties.items():
            with contextlib.suppress(KeyError, ValueError):  # not every driver has a pitch property
                self._engine.setProperty(name, value)

    def _voice_id(self, name: str) -> str:
        """A voice id as given, or the first voice that speaks the language `name` ("en-gb" → "gmw/en")."""
        if not name or name.lower() in self._voice_ids:
            return name
        by_language = {lang.lower(): v.id for v in reversed(self._list_voices()) for lang in v.languages}
        return by_language.get(name.lower(), name)

    def _save(self, text: str) -> Clip:
        """Run one save_to_file and read back what it wrote (SAPI5, NSSpeechSynthesizer)."""
        if self._folder is None:
            raise EngineError("pyttsx3 has no folder to save speech in (eSpeak capture is used on Linux)")
        path = self._folder / "segment.wav"
        path.unlink(missing_ok=True)
        self._engine.save_to_file(text, str(path))
        self._engine.runAndWait()
        if not path.exists() or path.stat().st_size <= 44:
            return Clip(b"", 22050)
        return read_wav(path)

    def _list_voices(self) -> list[EngineVoice]:
        """Read the driver's voice list into EngineVoices."""
        found = []
        for v in self._engine.getProperty("voices"):
            languages = tuple(str(lang) for lang in (getattr(v, "languages", None) or ()))
            found.append(EngineVoice(id=str(v.id).lower(), name=str(v.name), languages=languages, gender=v.gender))
        return found


def driver_properties(voice: VoiceProfile) -> dict[str, object]:
    """pyttsx3 driver properties for a profile (rate and pitch relative to eSpeak's defaults)."""
    properties: dict[str, object] = {"voice": voice.voice} if voice.voice else {}
    properties.update(
        rate=round(_BASE_RATE_WPM * voice.rate),
        pitch=round(_BASE_PITCH * voice.pitch),
        volume=max(0.0, min(1.0, voice.volume)),
    )
    return properties


def word_gap_units(voice: VoiceProfile) -> int:
    """eSpeak's extra pause between words, in its 10 ms units, from the profile's `[extra] word_gap_ms`."""
    value = voice.extra.get("word_gap_ms", 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1000:
        raise VoiceError(
            f"voice profile {voice.name}: [extra] word_gap_ms must be a number of milliseconds from 0 to 1000"
        )
    return round(value / 10)


def _quote(text: str, limit: int = 80) -> str:
    """Quote a sentence for an error message, shortened."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
