"""Processes that end with their parent, and SIGTERM handled like Ctrl-C.

When a batch is killed (SIGTERM, SIGKILL, a closed terminal), its worker
processes and their engine processes must not live on and keep working.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

from .errors import Terminated

_PR_SET_PDEATHSIG = 1
_WATCH_INTERVAL_S = 0.5


def die_with_parent(parent_pid: int, *, pdeathsig: bool = False) -> None:
    """End this process (at once, SIGKILL) when the process `parent_pid` ends.

    A thread watches for this process being handed to a new parent, which works on
    every POSIX system. With `pdeathsig`, Linux also delivers SIGKILL the moment the
    parent dies; but the kernel sends it when the *thread* that started this process
    ends, so it is only for processes started from a long-lived thread (a process
    pool started from the main thread, not an engine worker restarted from a
    short-lived synthesis thread).
    """
    if pdeathsig and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent was gone before we could ask to follow it
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="narrator-lifeline", daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    """Exit as soon as this process has been handed to another parent (the first one died)."""
    while os.getppid() == parent_pid:
        time.sleep(_WATCH_INTERVAL_S)
    os._exit(1)


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM raises Terminated (a KeyboardInterrupt) in the main thread, like Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
