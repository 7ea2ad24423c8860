"""How narrator writes a file: one atomic helper, one temporary-name pattern, one permission policy, locks elsewhere.

Locks are kept in the state folder, never in a publish folder.

Every file narrator writes (MP3, sidecars, manifest, feed, preview, cache entry)
is first written under a temporary name of the one pattern `.narrator-<32 hex>.tmp`
in the target's folder, synced, given the published mode and renamed into place.
While it is being written, the writer holds an exclusive lock on the temporary
file itself; the lock dies with the process, so any later run can tell a stale
temporary (its writer is gone) from one a concurrent run is still writing, and
removes only the stale ones. No other file is ever deleted by the cleanup.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import secrets
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock

from . import environment
from .errors import OutputError

# Windows has no advisory locks on the temporary: there, stale ones are aged out instead.
if sys.platform != "win32":
    import fcntl

TEMP_PREFIX = ".narrator-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"\.narrator-[0-9a-f]{32}\.tmp\Z")
_LEGACY_LOCKS = ".narrator-locks"
_LEGACY_LOCK = re.compile(r"[0-9a-f]{32}\.lock\Z")
_STALE_AFTER_S = 24 * 3600  # where locks are unavailable, a temporary this old is abandoned
_RETRIES = 8


def temp_name_matches(name: str) -> bool:
    """True if `name` is one of narrator's temporary names (and nothing else is)."""
    return _TEMP_NAME.match(name) is not None


def _umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o022)  # elsewhere the only way to read it; restored at once
    os.umask(umask)
    return umask


def published_mode() -> int:
    """The one permission policy: every output is readable as any new file the user creates (0666 less the umask)."""
    return 0o666 & ~_umask()


@dataclass
class StagedFile:
    """A locked temporary file beside `target`, renamed onto it by `commit`."""

    target: Path
    """Where the file goes."""
    temp: Path
    """The temporary file being written (by path, by any writer: ffmpeg, mutagen, us)."""
    _fd: int = field(repr=False, default=-1)
    committed: bool = False
    """True once renamed into place."""

    def commit(self, *, durable: bool = True) -> None:
        """Sync the temporary, give it the published mode and rename it onto the target (a symlink is replaced)."""
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(self._fd, published_mode())
            else:  # Windows: no fchmod, and an open file cannot be renamed
                os.chmod(self.temp, published_mode())
                os.close(self._fd)
                self._fd = -1
            if durable and self._fd >= 0:
                os.fsync(self._fd)
            os.replace(self.temp, self.target)
        except OSError as exc:
            raise OutputError(f"cannot write {self.target}: {exc.strerror or exc}") from exc
        self.committed = True


@contextmanager
def staged(target: Path) -> Iterator[StagedFile]:
    """A locked temporary file beside `target`; removed on exit unless committed."""
    target = Path(target)
    fd, temp = _create_locked_temp(target.parent)
    staged_file = StagedFile(target, temp, fd)
    try:
        yield staged_file
    finally:
        if not staged_file.committed:
            _unlink_if_same(temp, fd)
        if staged_file._fd >= 0:
            os.close(fd)  # releases the lock


def write_bytes_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `path` through a locked temporary file renamed into place."""
    with staged(Path(path)) as staged_file:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(staged_file._fd, view) :]
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        staged_file.commit(durable=durable)


def _create_locked_temp(folder: Path) -> tuple[int, Path]:
    """Create and lock a fresh temporary file in `folder`; (descriptor, path)."""
    for _ in range(_RETRIES):
        temp = folder / f"{TEMP_PREFIX}{secrets.token_hex(16)}{TEMP_SUFFIX}"
        try:
            fd = os.open(
                temp,
                os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0),
                0o600,
            )
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(f"cannot write to {folder}: {exc.strerror or exc}") from exc
        if sys.platform != "win32":
            fcntl.flock(fd, fcntl.LOCK_EX)
        # A cleanup in another process may have taken the file in the instant before the lock: start again.
        if _same_file(temp, fd):
            return fd, temp
        os.close(fd)
    raise OutputError(f"cannot create a temporary file in {folder}")


def _same_file(path: Path, fd: int) -> bool:
    """True if `path` still names the open file `fd`."""
    try:
        return os.path.samestat(os.lstat(path), os.fstat(fd))
    except OSError:
        return False


def _unlink_if_same(path: Path, fd: int) -> None:
    """Remove `path` if it still is the file open as `fd`."""
    if _same_file(path, fd):
        with contextlib.suppress(OSError):
            os.unlink(path)


def remove_stale_temporaries(folder: Path) -> int:
    """Delete narrator's temporaries in `folder` whose writer is gone; return how many. Nothing else is touched."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    removed = 0
    for entry in entries:
        if (
            temp_name_matches(entry.name)
            and entry.is_file(follow_symlinks=False)
            and _remove_if_abandoned(Path(entry.path))
        ):
            removed += 1
    return removed


def _remove_if_abandoned(path: Path) -> bool:
    """Remove one temporary if no live process holds its lock (and it is ours to remove)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        if hasattr(os, "getuid") and os.fstat(fd).st_uid != os.getuid():
            return False
        if sys.platform != "win32":
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False  # a live run is writing it
        elif time.time() - os.fstat(fd).st_mtime < _STALE_AFTER_S:
            return False
        if not _same_file(path, fd):
            return False
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def remove_legacy_lock_folder(folder: Path) -> None:
    """Remove the `.narrator-locks/` folder older versions left in a publish folder, if it holds only lock files."""
    legacy = folder / _LEGACY_LOCKS
    try:
        entries = list(os.scandir(legacy))
    except OSError:
        return
    if all(
        _LEGACY_LOCK.match(e.name) and e.is_file(follow_symlinks=False) and e.stat(follow_symlinks=False).st_size == 0
        for e in entries
    ):
        try:
            for entry in entries:
                os.unlink(entry.path)
            os.rmdir(legacy)
        except OSError:
            pass  # an older narrator is running here right now


def check_folder_writable(folder: Path) -> None:
    """Fail before any work unless `folder` exists and a file can be created in it."""
    if not folder.is_dir():
        raise OutputError(f"output folder {folder} does not exist")
    fd, temp = _create_locked_temp(folder)
    _unlink_if_same(temp, fd)
    os.close(fd)


def check_inside(folder: Path, path: Path) -> None:
    """Refuse `path` if, through a symbolic link in a folder on the way, it would land outside `folder`."""
    try:
        real_parent = path.parent.resolve()
        real_parent.relative_to(folder.resolve())
    except (OSError, ValueError):
        raise OutputError(
            f"{path.parent} leads outside the output folder {folder} (a symbolic link); narrator writes only inside it"
        ) from None


def state_dir() -> Path:
    """Where narrator keeps state and locks: $NARRATOR_STATE_DIR, else the user's state folder (never a publish one)."""
    override = environment.state_dir()
    if override:
        return override
    from platformdirs import user_state_path

    return user_state_path("narrator")


@functools.lru_cache(maxsize=4)
def _lock_folder(state: Path) -> Path:
    """The folder of lock files in `state`, created once per process."""
    locks = state / "locks"
    try:
        locks.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the lock folder {locks}: {exc.strerror or exc}") from exc
    return locks


def output_lock(folder: Path, family: str) -> FileLock:
    """The lock over one family of output names (a stem and its numbered variants) in `folder`, in the state folder."""
    locks = _lock_folder(state_dir())
    key = hashlib.sha256(f"{Path(os.path.realpath(folder))}\0{family}".encode()).hexdigest()[:32]
    return FileLock(str(locks / f"{key}.lock"))


def check_target_file(path: Path, suffixes: tuple[str, ...], what: str) -> None:
    """Fail before any work unless `path` names a file of one of `suffixes` in a writable folder."""
    if path.is_dir():
        raise OutputError(f"{what} {path} is a folder; give a file name ending in {' or '.join(suffixes)}")
    if path.suffix.lower() not in suffixes:
        raise OutputError(f"{what} {path} must end in {' or '.join(suffixes)}")
    check_folder_writable(path.parent)
