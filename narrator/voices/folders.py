"""Where voice profiles and model files live: the user's voice folder, then the shipped voices/."""

from __future__ import annotations

import importlib
from pathlib import Path

from platformdirs import user_config_path


def shipped_folder() -> Path:
    """The voices/ folder: installed as the narrator.voices.shipped package, or beside a source checkout."""
    try:
        # A data package mapped from voices/ by pyproject's package-dir, so imported by name.
        shipped = importlib.import_module("narrator.voices.shipped")
    except ImportError:
        shipped = None
    if shipped is None or shipped.__file__ is None:
        # Running from a source tree (e.g. `python -m narrator` in the repository),
        # where voices/ sits beside the package instead of inside it.
        return Path(__file__).resolve().parent.parent.parent / "voices"
    return Path(shipped.__file__).parent


def user_folder() -> Path:
    """Per-user folder for extra profiles and Piper models."""
    return user_config_path("narrator") / "voices"


def voice_folders() -> list[Path]:
    """Folders searched for profiles and models, the user's first."""
    return [folder for folder in (user_folder(), shipped_folder()) if folder.is_dir()]
