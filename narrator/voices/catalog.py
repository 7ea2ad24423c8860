"""The catalogue `narrator voices` shows: profiles, lexicons kept beside them, and each engine's voices."""

from __future__ import annotations

from typing import Any

from ..engines import engine_class, engine_names, load_engine
from ..errors import NarratorError
from .models import offered_voices
from .profiles import lexicons_in_voice_folders, load_profile, profile_names


def catalog(engine_name: str | None = None) -> dict[str, Any]:
    """Profiles, lexicons beside them, and each engine's voices; an engine that cannot start says why.

    An engine asked for by name that cannot start raises instead.
    """
    profiles = []
    for name in profile_names():
        try:
            profile = load_profile(name, resolve=False)  # a listing shows a voice whose model is missing
            cls = engine_class(profile.engine)
            profiles.append(
                {
                    "name": name,
                    "engine": profile.engine,
                    "voice": profile.voice,
                    "language": profile.language,
                    "licence": cls.licence,
                    "commercial_use": cls.commercial_use,
                    "description": profile.description,
                }
            )
        except NarratorError as exc:
            profiles.append(
                {
                    "name": name,
                    "engine": "?",
                    "voice": "",
                    "language": "",
                    "licence": "",
                    "commercial_use": "",
                    "description": f"invalid: {exc}",
                }
            )
    engines = []
    for name in [engine_name] if engine_name else [n for n in engine_names() if engine_class(n).listed]:
        entry: dict[str, Any] = {"name": name, "voices": [], "error": None}
        try:
            with load_engine(name) as engine:
                entry["licence"], entry["commercial_use"] = engine.licence, engine.commercial_use
                entry["voices"] = [
                    {
                        "id": v.id,
                        "name": v.name,
                        "languages": list(v.languages),
                        "licence": v.licence or engine.licence,
                        "commercial_use": v.commercial_use or engine.commercial_use,
                    }
                    for v in offered_voices(engine)
                ]
        except NarratorError as exc:
            if engine_name:  # asked for by name: an unknown or unavailable engine is the answer's error
                raise
            entry["error"] = str(exc)
        engines.append(entry)
    lexicons = [{"name": path.stem, "path": str(path)} for path in lexicons_in_voice_folders()]
    return {"profiles": profiles, "lexicons": lexicons, "engines": engines}
