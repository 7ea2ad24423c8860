"""Keep engines (and their worker processes) alive across narrations."""

from __future__ import annotations

from ..models import VoiceProfile
from . import Engine, load_engine


class EnginePool:
    """Engines by name, started on first use and closed together."""

    def __init__(self, parallel: int | None = None, cores: int | None = None) -> None:
        self._engines: dict[str, Engine] = {}
        self._parallel = parallel
        self._cores = cores

    def get(self, name: str, *, prepare: bool = True, voice: VoiceProfile | None = None) -> Engine:
        """The engine registered as `name`; with `prepare`, its workers start loading now (`voice` too)."""
        if name not in self._engines:
            self._engines[name] = load_engine(name, parallel=self._parallel, cores=self._cores)
        if prepare:
            self._engines[name].prepare(voice)
        return self._engines[name]

    def close(self) -> None:
        """Stop every engine."""
        engines, self._engines = self._engines, {}
        for engine in engines.values():
            engine.close()

    def __enter__(self) -> EnginePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
