"""Open a file the user named, as hostile input: regular files only, never blocking, size-capped.

A named pipe with no writer blocks an ordinary open() forever, and a device such
as /dev/zero never ends; every input file (article, lexicon, voice profile,
cover, intro, feed, MP3) is opened here, non-blocking, and refused with its
reason unless it is a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, NarratorError

DEFAULT_MAX_BYTES = 200_000_000
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def open_input(path: str | os.PathLike[str], *, what: str = "", error: type[NarratorError] = InputError) -> BinaryIO:
    """The regular file at `path`, open for reading; `error` (one line, naming it as `what`) otherwise."""
    label = f"{what} {path}".strip() if what else str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(expand_home(path), flags)
    except OSError as exc:
        raise error(_open_failure(label, exc)) from None
    except ValueError:  # a NUL character, or a lone surrogate the file system cannot encode
        raise error(f"{label}: not a valid file name") from None
    try:
        mode = os.fstat(fd).st_mode
        kind = next((name for test, name in _KINDS if test(mode)), None)
        if kind or not stat.S_ISREG(mode):
            raise error(f"{label} is {kind or 'not a regular file'}, not a file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input(
    path: str | os.PathLike[str],
    *,
    what: str = "",
    max_bytes: int = DEFAULT_MAX_BYTES,
    error: type[NarratorError] = InputError,
) -> bytes:
    """The bytes of the regular file at `path`, refusing more than `max_bytes`."""
    label = f"{what} {path}".strip() if what else str(path)
    with open_input(path, what=what, error=error) as stream:
        try:
            if os.fstat(stream.fileno()).st_size > max_bytes:
                raise error(f"{label} is larger than the {max_bytes:,}-byte limit")
            data = stream.read(max_bytes + 1)
        except OSError as exc:
            raise error(f"{label}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise error(f"{label} is larger than the {max_bytes:,}-byte limit")
    return data


def check_input_file(path: str | os.PathLike[str], *, what: str = "", error: type[NarratorError] = InputError) -> None:
    """Raise `error` unless `path` is a regular file that can be opened (for files another program reads)."""
    open_input(path, what=what, error=error).close()


def expand_home(path: str | os.PathLike[str]) -> Path:
    """The path with a leading ~ expanded, or as written when ~name names no user."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        return Path(path)


def _open_failure(label: str, exc: OSError) -> str:
    """Why a file could not be opened, in a few words."""
    if exc.errno == errno.ENOENT:
        return f"{label}: no such file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{label}: permission denied"
    if exc.errno == errno.ENXIO:  # a socket file, or a device with nothing behind it
        return f"{label} is a socket or device, not a file"
    if exc.errno == errno.ENOTDIR:
        return f"{label}: a part of the path is not a folder"
    if exc.errno == errno.ELOOP:
        return f"{label}: too many levels of symbolic links"
    if exc.errno == errno.ENAMETOOLONG:
        return f"{label}: the file name is too long"
    return f"{label}: cannot open ({exc.strerror or exc})"
