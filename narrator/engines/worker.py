"""Run an engine backend in a worker process that owns its native state.

eSpeak NG initializes once per process, and two copies of it (pyttsx3's and
Piper's) in one process crash with a segmentation fault. Each isolated engine
therefore lives in a child process of its own; a crash there becomes an
EngineError here instead of killing the narration. The child is started with
`python -c` calling `main` here (not multiprocessing's spawn), so a producer's
script needs no `if __name__ == "__main__"` guard; not `python -m` either, since
narrator.engines imports this module before -m would run it a second time.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import select
import struct
import subprocess
import sys
import traceback
from typing import IO, Any

from .. import environment, errors
from ..errors import EngineError, NarratorError
from ..lifeline import die_with_parent

_HEADER = struct.Struct("<Q")
WORKER_MAIN = "from narrator.engines.worker import main; main()"
"""What a worker process runs (`python -c`)."""
THREAD_VARIABLES = (environment.ENGINE_THREADS, "OMP_NUM_THREADS")
STARTUP_TIMEOUT_S = 300.0  # loading a neural voice on a busy machine takes seconds, not minutes


def send(stream: IO[bytes], message: Any) -> None:
    """Write one length-prefixed pickled message."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """Read one length-prefixed pickled message; EOFError if the peer is gone."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def _serve(backend_path: str, parent_pid: int) -> None:
    """Worker main: build the backend, then answer (method, args) calls until EOF (or the parent's end)."""
    # No parent-death signal here: a worker may be (re)started from a synthesis thread,
    # and Linux sends that signal when the starting thread ends.
    die_with_parent(parent_pid)
    replies = os.fdopen(os.dup(1), "wb")
    requests = sys.stdin.buffer
    _silence_stdio()
    try:
        module_name, class_name = backend_path.split(":")
        backend = getattr(importlib.import_module(module_name), class_name)()
        send(replies, ("ok", None))
    except BaseException as exc:
        send(replies, ("error", _describe(exc)))
        return
    while True:
        try:
            method, args = receive(requests)
        except EOFError:
            # Every reply is already flushed; skipping interpreter teardown (onnxruntime,
            # eSpeak) lets the parent's close return at once instead of waiting for it.
            os._exit(0)
        try:
            send(replies, ("ok", getattr(backend, method)(*args)))
        except BaseException as exc:
            send(replies, ("error", _describe(exc)))


def _silence_stdio() -> None:
    """Point fd 1 (driver prints such as "Audio saved to") and fd 2 at /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the worker
    if not environment.debug():
        os.dup2(devnull, 2)


def _describe(exc: BaseException) -> tuple[str, str]:
    """Turn an exception into (error class name, one-line message) to cross the pipe."""
    text = str(exc).strip()
    message = text.splitlines()[0] if text else type(exc).__name__
    if isinstance(exc, NarratorError):
        return type(exc).__name__, message
    if environment.debug():
        traceback.print_exc()
    return "EngineError", f"{type(exc).__name__}: {message}"


class Worker:
    """A backend object living in its own process, called like a local one."""

    def __init__(self, backend_path: str, engine_name: str, threads: int | None = None) -> None:
        self._backend_path = backend_path
        self._engine_name = engine_name
        self._threads = threads
        self._process: subprocess.Popen[bytes] | None = None
        self._ready = False
        self._posted = 0  # requests sent whose replies are not read yet

    def spawn(self) -> None:
        """Start the worker without waiting for it, so it loads while the caller works."""
        if self._process is None or (self._process.poll() is not None and self._ready):
            self.close()
            env = dict(os.environ)
            if self._threads:
                # Native math libraries size their thread pools from these at start-up.
                env.update({name: str(self._threads) for name in THREAD_VARIABLES})
            try:
                self._process = subprocess.Popen(
                    [sys.executable, "-c", WORKER_MAIN, self._backend_path, str(os.getpid())],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    # A worker that fails before it can silence itself must not print a traceback here.
                    stderr=None if environment.debug() else subprocess.DEVNULL,
                    env=env,
                )
            except (OSError, ValueError) as exc:
                self._process = None
                reason = getattr(exc, "strerror", None) or exc
                raise EngineError(f"cannot start the {self._engine_name} engine process ({reason})") from None
            self._ready = False
            self._posted = 0

    def post(self, method: str, *args: Any) -> None:
        """Send a call without waiting for it; the next `call` discards its reply (a warm-up's error recurs later).

        At most one is outstanding: a second warm-up before the worker was used is redundant.
        """
        process = self._process
        if process is None or process.stdin is None or self._posted:
            return
        try:
            send(process.stdin, (method, args))
        except (BrokenPipeError, ConnectionResetError, OSError):
            return  # the worker died starting; the next call reports why
        self._posted += 1

    def call(self, method: str, *args: Any) -> Any:
        """Call `method` on the backend; start the worker on first use."""
        process = self._ready_process()
        assert process.stdin is not None and process.stdout is not None
        try:
            while self._posted:
                self._posted -= 1
                receive(process.stdout)
            send(process.stdin, (method, args))
            status, payload = receive(process.stdout)
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError) as exc:
            raise EngineError(f"the {self._engine_name} engine process died ({self._reap()})") from exc
        return _unwrap(status, payload)

    def _ready_process(self) -> subprocess.Popen[bytes]:
        """The running worker, started if needed, once its backend has said it is ready."""
        if self._process is None or (self._process.poll() is not None and self._ready):
            self.spawn()
        process = self._process
        assert process is not None and process.stdout is not None
        if not self._ready:
            try:
                if not select.select([process.stdout], [], [], STARTUP_TIMEOUT_S)[0]:
                    process.kill()
                    self.close()
                    raise EngineError(
                        f"the {self._engine_name} engine process did not start within {STARTUP_TIMEOUT_S:g} s"
                    )
                status, payload = receive(process.stdout)
            except EOFError as exc:
                raise EngineError(
                    f"the {self._engine_name} engine process died while starting ({self._reap()})"
                ) from exc
            if status != "ok":
                self.close()
            _unwrap(status, payload)
            self._ready = True
        return process

    def _reap(self) -> str:
        """Collect a dead worker and say why it ended."""
        process, self._process = self._process, None
        self._ready = False
        self._posted = 0
        if process is None:
            return "not running"
        try:
            code = process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        return _exit_reason(code)

    def close(self) -> None:
        """Close the worker's input so it exits, then make sure it has."""
        finish(self.stop())

    def stop(self) -> subprocess.Popen[bytes] | None:
        """Close the worker's pipes so it exits, without waiting; the process to `finish`."""
        process, self._process = self._process, None
        self._ready = False
        self._posted = 0
        if process is None:
            return None
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        return process

    def __del__(self) -> None:
        self.close()


def finish(process: subprocess.Popen[bytes] | None) -> None:
    """Wait for a stopped worker to exit; kill it if it has not within 5 s (e.g. busy warming up)."""
    if process is None:
        return
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _unwrap(status: str, payload: Any) -> Any:
    """Return a worker's result or raise its error here, as the same NarratorError class."""
    if status == "ok":
        return payload
    kind, message = payload
    error_class = getattr(errors, kind, EngineError)
    if not (isinstance(error_class, type) and issubclass(error_class, NarratorError)):
        error_class = EngineError
    raise error_class(message)


def _exit_reason(code: int | None) -> str:
    """Say why a process ended, e.g. "signal 11 (SIGSEGV)"."""
    if code is None or code >= 0:
        return f"exit code {code}"
    import signal

    try:
        return f"signal {-code} ({signal.Signals(-code).name})"
    except ValueError:
        return f"signal {-code}"


def main() -> None:
    """The worker process's entry: serve the backend named in argv for the parent process named there."""
    _serve(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else os.getppid())
