"""Settings read from environment variables, validated: a bad value is a one-line error, never a silent default."""

from __future__ import annotations

import math
import os

from .errors import SettingError


def env_number(name: str, *, minimum: float, maximum: float, integer: bool = False) -> float | None:
    """The number in $name (None when unset or empty), refused unless finite and within [minimum, maximum]."""
    value = os.environ.get(name, "").strip()
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


def engine_workers_setting() -> int | None:
    """$NARRATOR_ENGINE_WORKERS: synthesis worker processes per engine, if the user set it."""
    value = env_number("NARRATOR_ENGINE_WORKERS", minimum=1, maximum=64, integer=True)
    return None if value is None else int(value)


def check_environment() -> None:
    """Validate every narrator environment variable before work starts, so a bad one fails first, not last."""
    from .read.netguard import allowed_networks
    from .synthesize import cache_max_bytes

    cache_max_bytes()
    engine_workers_setting()
    allowed_networks()
