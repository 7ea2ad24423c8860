"""Short previews of voice profiles: a sample sentence narrated to just an MP3."""

from __future__ import annotations

from pathlib import Path

from .environment import check_environment
from .files import check_target_file
from .metadata import slugify
from .models import Article, Section
from .pipeline import DEFAULT_OUTPUT_FOLDER, render_preview
from .publish.claims import PREVIEW_TITLE_PREFIX
from .safe_text import clean_text
from .settings import NarrationSettings
from .voices import load_profile

PREVIEW_TEXT = (
    "This is a preview of the {name} voice. On Nov. 23, the U.S. Senate voted 52-48 "
    "to approve $5.5 billion for roads, bridges and rail."
)


def preview_voice(name: str, output: Path | None = None, text: str | None = None, *, force: bool = False) -> Path:
    """Narrate a short sample in voice profile `name` to just an MP3 (no sidecars) and return its path."""
    check_environment()  # a bad NARRATOR_* value fails first, as for every narration
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
