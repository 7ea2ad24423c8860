"""Make an eSpeak NG library available to pyttsx3 without system packages."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys


def ensure_espeak_library() -> None:
    """On Linux, load the espeakng-loader wheel's libespeak-ng when the system has none.

    pyttsx3 opens "libespeak-ng.so.1" by name; a library with that soname
    already loaded globally satisfies that lookup. The data path must be set
    before eSpeak initializes, which pyttsx3 does on its first `init()`.
    """
    if not sys.platform.startswith("linux") or ctypes.util.find_library("espeak-ng"):
        return
    import espeakng_loader

    os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
    ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)
