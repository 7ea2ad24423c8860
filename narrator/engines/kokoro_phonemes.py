"""Text to Kokoro phonemes: eSpeak NG's IPA in the spelling Kokoro was trained on, in chunks it accepts."""

from __future__ import annotations

import ctypes
import re

from ..errors import EngineError

MAX_TOKENS = 510
"""Kokoro's context is 512 tokens, two of them the pads around the phonemes."""

# eSpeak's phoneme mode: IPA (bit 1), a tie inside multi-letter phonemes (bit 7), "^" as the tie.
_IPA_WITH_TIES = 0x02 | 0x80 | (ord("^") << 8)
_UTF8 = 1
_SYNCHRONOUS = 0x02

# Kokoro v1.0 learned misaki's phonemes, which write eSpeak's diphthongs and affricates as one
# letter each; misaki's own eSpeak path maps them so (misaki/espeak.py, Apache-2.0, hexgrad).
_TIED = {"a^ɪ": "I", "a^ʊ": "W", "d^z": "ʣ", "d^ʒ": "ʤ", "e^ɪ": "A", "t^s": "ʦ", "t^ʃ": "ʧ", "ɔ^ɪ": "Y", "s^s": "S"}
_ENGLISH = {"ɚ": "əɹ", "r": "ɹ", "x": "k", "ç": "k", "ɐ": "ə", "ə^l": "ᵊl", "ʲ": "", "e": "A"}
_US = {"o^ʊ": "O", "ɜːɹ": "ɜɹ", "ɜː": "ɜɹ", "ɪə": "iə", "ː": ""}
_GB = {"ə^ʊ": "Q", "e^ə": "ɛː", "iə": "ɪə"}

# Punctuation Kokoro reads as prosody; eSpeak drops it, so text is cut around it and it is put back.
_PUNCTUATION = re.compile(r"(\s*[;:,.!?—…()\"“”]+\s*)")
_IPA_BLOCK = re.compile(r"\[\[(.+?)\]\]")
_LANGUAGE_SWITCH = re.compile(r"\([a-z-]+\)")
_INITIALISM = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})")


class EspeakPhonemizer:
    """eSpeak NG (the espeakng-loader wheel's library) turning text into IPA, one voice at a time."""

    def __init__(self) -> None:
        import espeakng_loader

        try:
            self._lib = ctypes.cdll.LoadLibrary(espeakng_loader.get_library_path())
        except OSError as exc:
            raise EngineError(f"eSpeak NG library cannot be loaded for Kokoro phonemes: {exc}") from exc
        if self._lib.espeak_Initialize(_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0) <= 0:
            raise EngineError("eSpeak NG cannot start: its data folder in espeakng-loader is missing")
        self._lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        self._lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
        self._voice = ""

    def ipa(self, text: str, espeak_voice: str) -> str:
        """eSpeak's IPA for plain text (no punctuation kept), with "^" ties in multi-letter phonemes."""
        if espeak_voice != self._voice:
            if self._lib.espeak_SetVoiceByName(espeak_voice.encode()) != 0:
                raise EngineError(f"eSpeak NG has no voice {espeak_voice!r} for Kokoro phonemes")
            self._voice = espeak_voice
        pointer = ctypes.c_char_p(text.encode("utf-8"))
        clauses = []
        while pointer.value:
            clauses.append(
                self._lib.espeak_TextToPhonemes(ctypes.byref(pointer), _UTF8, _IPA_WITH_TIES).decode("utf-8")
            )
        return _LANGUAGE_SWITCH.sub("", " ".join(clauses))


def kokoro_spelling(ipa: str, espeak_voice: str) -> str:
    """Rewrite eSpeak IPA (with ties) into the phoneme letters Kokoro was trained on."""
    table = dict(_TIED)
    if espeak_voice.startswith("en"):
        table |= _ENGLISH | (_US if espeak_voice.startswith("en-us") else _GB)  # eSpeak's "en" is British
    for old in sorted(table, key=len, reverse=True):
        ipa = ipa.replace(old, table[old])
    return re.sub(r"(\S)\u0329", r"ᵊ\1", ipa).replace("\u0329", "").replace("^", "")


def phonemize(text: str, espeak_voice: str, phonemizer: EspeakPhonemizer) -> str:
    """The whole text as Kokoro phonemes: punctuation kept, lexicon [[IPA]] blocks passed through."""
    parts: list[str] = []
    for index, piece in enumerate(_IPA_BLOCK.split(text)):
        if index % 2:
            parts.append(f" {piece} ")  # a lexicon entry, already IPA
            continue
        for run in _PUNCTUATION.split(_without_initialism_dots(piece)):
            if _PUNCTUATION.fullmatch(run):
                parts.append(run.strip() + " ")
            elif run.strip():
                parts.append(kokoro_spelling(phonemizer.ipa(run, espeak_voice), espeak_voice))
    return " ".join("".join(parts).split())


def _without_initialism_dots(text: str) -> str:
    """ "U.S." → "US", "G.D.P." → "GDP": eSpeak spells them as one word, but their dots would be cut as full stops.

    A full stop the initialism ended the text with is kept.
    """
    end = len(text.rstrip())
    return _INITIALISM.sub(lambda m: m.group(1).replace(".", "") + ("." if m.end() >= end else ""), text)


def split_phonemes(phonemes: str, limit: int = MAX_TOKENS) -> list[str]:
    """Cut phonemes into chunks of at most `limit`: after a sentence mark, else a clause mark, else a space.

    Nothing is dropped: a run with no break at all is cut at the limit.
    """
    chunks: list[str] = []
    rest = phonemes.strip()
    while len(rest) > limit:
        window = rest[: limit + 1]
        cut = _last_break(window, ".!?") or _last_break(window, ",;:—…") or window.rfind(" ") + 1 or limit
        chunks.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        chunks.append(rest)
    return chunks


def _last_break(window: str, marks: str) -> int:
    """Index just after the last of `marks` followed by a space in `window`, or 0."""
    found = max((window.rfind(mark + " ") for mark in marks), default=-1)
    return found + 1 if found > 0 else 0
