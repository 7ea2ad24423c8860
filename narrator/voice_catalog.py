"""What voices there are, and short previews of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .models import Article, Section

PREVIEW_TEXT = (
    "This is a preview of the {name} voice. On Nov. 23, the U.S. Senate voted 52-48 "
    "to approve $5.5 billion for roads, bridges and rail."
)


def catalog(engine_name: str | None = None) -> dict[str, Any]:
    """Profiles, lexicons kept beside them, and each engine's voices; an engine that cannot start says why (or raises, when asked for by name)."""
    from .engines import engine_class, engine_names, load_engine
    from .errors import NarratorError
    from .profiles import lexicons_in_voice_folders, load_profile, profile_names

    profiles = []
    for name in profile_names():
        try:
            profile = load_profile(name)
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
    for name in [engine_name] if engine_name else [n for n in engine_names() if n != "tone"]:
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
                    for v in engine.voices()
                ]
        except NarratorError as exc:
            if engine_name:  # asked for by name: an unknown or unavailable engine is the answer's error
                raise
            entry["error"] = str(exc)
        engines.append(entry)
    lexicons = [{"name": path.stem, "path": str(path)} for path in lexicons_in_voice_folders()]
    return {"profiles": profiles, "lexicons": lexicons, "engines": engines}


def preview_voice(name: str, output: Path | None = None, text: str | None = None, *, force: bool = False) -> Path:
    """Narrate a short sample in voice profile `name` to just an MP3 (no sidecars) and return its path."""
    from .files import check_target_file
    from .metadata import slugify
    from .pipeline import DEFAULT_OUTPUT_FOLDER, render_preview
    from .profiles import load_profile
    from .publish.output_set import PREVIEW_TITLE_PREFIX
    from .safe_text import clean_text
    from .settings import NarrationSettings

    if output is not None:
        check_target_file(output, (".mp3",), "preview")  # before the profile loads: a wrong target costs nothing
    profile = load_profile(name)
    sample = clean_text(text or "", one_line=True) or PREVIEW_TEXT.format(name=profile.name)
    article = Article(
        title=f"{PREVIEW_TITLE_PREFIX}{profile.name}", sections=(Section(None, (sample,)),), source="preview"
    )
    if output is None:
        DEFAULT_OUTPUT_FOLDER.mkdir(exist_ok=True)
        output = DEFAULT_OUTPUT_FOLDER / f"voice-{slugify(profile.name)}.mp3"
    return render_preview(article, output, NarrationSettings(voice=profile, spoken_disclosure=False), force=force)
