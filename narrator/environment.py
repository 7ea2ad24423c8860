"""Every NARRATOR_* environment variable, read here and only here: typed, validated, a bad value a one-line error.

Each accessor reads its variable when called (not once at import), so a value set by
`narrator --allow-private-network`, or by a test, is seen; `check_environment` validates
them all before any work, so a bad one fails first rather than in the middle of a batch.
"""

from __future__ import annotations

import ipaddress
import math
import os
from pathlib import Path

from .errors import SettingError
from .input_files import expand_home

ALLOW_PRIVATE_NETWORK = "NARRATOR_ALLOW_PRIVATE_NETWORK"
CACHE_DIR = "NARRATOR_CACHE_DIR"
CACHE_MAX_MB = "NARRATOR_CACHE_MAX_MB"
CLUSTER_TIMEOUT = "NARRATOR_CLUSTER_TIMEOUT"
DEBUG = "NARRATOR_DEBUG"
ENGINE_THREADS = "NARRATOR_ENGINE_THREADS"
ENGINE_WORKERS = "NARRATOR_ENGINE_WORKERS"
STATE_DIR = "NARRATOR_STATE_DIR"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
ANY_NETWORK: tuple[Network, ...] = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})


def _raw(name: str) -> str:
    """The variable's value, stripped; empty when unset."""
    return os.environ.get(name, "").strip()


def env_number(name: str, *, minimum: float, maximum: float, integer: bool = False) -> float | None:
    """The number in $name (None when unset or empty), refused unless finite and within [minimum, maximum]."""
    value = _raw(name)
    if not value:
        return None
    kind = "a whole number" if integer else "a number"
    try:
        number = int(value) if integer else float(value)
    except ValueError:
        raise SettingError(f"{name}={value!r} is not {kind}") from None
    if not math.isfinite(number) or not minimum <= number <= maximum:
        raise SettingError(f"{name}={value!r} is out of range: use {kind} from {minimum:g} to {maximum:g}")
    return number


def _env_int(name: str, *, minimum: int, maximum: int) -> int | None:
    """The whole number in $name (None when unset or empty), within [minimum, maximum]."""
    value = env_number(name, minimum=minimum, maximum=maximum, integer=True)
    return None if value is None else int(value)


def _env_path(name: str) -> Path | None:
    """The folder named in $name (a leading ~ expanded), None when unset or empty."""
    value = _raw(name)
    # Any text is a path; an unknown ~user stays as written instead of crashing every run.
    return expand_home(value) if value else None


def _env_flag(name: str) -> bool:
    """$name as a yes/no flag: 1, true, yes, on; or 0, false, no, off, empty."""
    value = _raw(name).lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingError(f"{name}={value!r} is not understood; use 1 or 0")


def cache_dir() -> Path | None:
    """$NARRATOR_CACHE_DIR: where the clip cache goes, if the user chose."""
    return _env_path(CACHE_DIR)


def cache_max_mb() -> float | None:
    """$NARRATOR_CACHE_MAX_MB: the clip cache's cap in megabytes (0 to a billion), if the user set it."""
    return env_number(CACHE_MAX_MB, minimum=0, maximum=1e9)


def state_dir() -> Path | None:
    """$NARRATOR_STATE_DIR: where state and locks go, if the user chose."""
    return _env_path(STATE_DIR)


def engine_workers() -> int | None:
    """$NARRATOR_ENGINE_WORKERS: synthesis worker processes per engine (1 to 64), if the user set it."""
    return _env_int(ENGINE_WORKERS, minimum=1, maximum=64)


def engine_threads() -> int | None:
    """$NARRATOR_ENGINE_THREADS: native threads per engine process (set by narrator for its workers); None or 0: all."""
    return _env_int(ENGINE_THREADS, minimum=0, maximum=1024) or None


def cluster_timeout() -> float | None:
    """$NARRATOR_CLUSTER_TIMEOUT: seconds to try to reach a Dask scheduler (0.5 to a day), if the user set it."""
    return env_number(CLUSTER_TIMEOUT, minimum=0.5, maximum=86400)


def debug() -> bool:
    """$NARRATOR_DEBUG: show tracebacks and engine output. Any value but a "no" turns it on.

    Never raises: it is asked on error paths and in engine processes, where a complaint about it would
    hide the real error; `check_environment` refuses a value that is neither yes nor no.
    """
    return _raw(DEBUG).lower() not in _FALSE


def allowed_private_networks() -> tuple[Network, ...]:
    """$NARRATOR_ALLOW_PRIVATE_NETWORK: non-public networks a fetch may reach; 1 for all, or a list of networks."""
    value = _raw(ALLOW_PRIVATE_NETWORK).lower()
    if value in _TRUE:
        return ANY_NETWORK
    if value in _FALSE:
        return ()
    try:
        return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in value.split(",") if part.strip())
    except ValueError:
        raise SettingError(
            f"{ALLOW_PRIVATE_NETWORK}={value!r} is not understood; use 1, 0 or networks such as 10.0.0.0/8,192.168.1.5"
        ) from None


def allow_all_private_networks() -> None:
    """Allow fetching from every private network, in this process and the worker processes it starts."""
    os.environ[ALLOW_PRIVATE_NETWORK] = "1"


def check_environment() -> None:
    """Validate every narrator environment variable before work starts, so a bad one fails first, not last."""
    cache_dir()
    cache_max_mb()
    state_dir()
    engine_workers()
    engine_threads()
    cluster_timeout()
    _env_flag(DEBUG)
    allowed_private_networks()
