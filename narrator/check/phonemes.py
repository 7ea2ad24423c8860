"""IPA of words as eSpeak NG's US English writes them, computed in a child process.

eSpeak NG keeps process-wide state (an engine may already hold it in this
process), so its letter-to-sound rules run in a short-lived process of our own.
Run as `python -m narrator.check.phonemes WORD...`: prints a JSON list.
"""

from __future__ import annotations

import ctypes
import json
import subprocess
import sys
from collections.abc import Sequence

_AUDIO_OUTPUT_SYNCHRONOUS = 2  # espeak_AUDIO_OUTPUT from speak_lib.h
_CHARS_UTF8 = 1
_IPA = 0x02  # phonememode bit 1: IPA as UTF-8


def ipa(words: Sequence[str], voice: str = "en-us") -> list[str]:
    """Each word's IPA (stress marks included), or "" for all of them when eSpeak NG cannot run."""
    if not words:
        return []
    try:
        done = subprocess.run(
            [sys.executable, "-m", "narrator.check.phonemes", voice, *words],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=True,
        )
        found = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return ["" for _ in words]
    return found if isinstance(found, list) and len(found) == len(words) else ["" for _ in words]


def _phonemize(words: Sequence[str], voice: str) -> list[str]:
    """IPA of each word from the eSpeak NG library (the espeakng-loader wheel's)."""
    import espeakng_loader  # only in the child process `ipa` starts

    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0)
    lib.espeak_SetVoiceByName(voice.encode())
    lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
    result = []
    for word in words:
        text = ctypes.c_char_p(word.encode("utf-8"))
        pointer = ctypes.pointer(text)
        clauses = []
        while text.value:  # one clause per call; the pointer moves on
            clauses.append((lib.espeak_TextToPhonemes(pointer, _CHARS_UTF8, _IPA) or b"").decode("utf-8").strip())
        result.append(" ".join(c for c in clauses if c))
    return result


if __name__ == "__main__":
    print(json.dumps(_phonemize(sys.argv[2:], sys.argv[1]), ensure_ascii=False))
