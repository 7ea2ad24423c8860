"""Speech engines, found through the `narrator.engines` entry-point group."""

from __future__ import annotations

import difflib
from importlib.metadata import entry_points

from ..errors import EngineError
from .base import Engine, EngineVoice, IsolatedEngine

__all__ = ["Engine", "EngineVoice", "engine_class", "engine_names", "load_engine"]

ENTRY_POINT_GROUP = "narrator.engines"


def engine_names() -> list[str]:
    """Names of all registered engines, sorted."""
    return sorted({ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)})


def engine_class(name: str) -> type[Engine]:
    """The engine class registered under `name`, not instantiated."""
    found = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]
    if not found:
        close = difflib.get_close_matches(name, engine_names(), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(engine_names())}"
        raise EngineError(f"unknown engine {name!r}{hint}")
    try:
        cls = found[0].load()
    except ImportError as exc:
        raise EngineError(f"engine {name!r} cannot be loaded: {exc}") from exc
    if not (isinstance(cls, type) and issubclass(cls, Engine)):
        raise EngineError(f"engine {name!r} is registered as {found[0].value}, which is not a narrator Engine class")
    return cls


def load_engine(name: str, *, parallel: int | None = None, cores: int | None = None) -> Engine:
    """Instantiate the engine registered under `name` (with `parallel` workers sharing `cores`, if it runs workers)."""
    cls = engine_class(name)
    if (parallel is not None or cores is not None) and issubclass(cls, IsolatedEngine):
        return cls(parallel=parallel, cores=cores)
    return cls()
