"""Voices: profiles, the catalogue, model search and the article-language choice; engines get the result as data.

Engines never import this package: a profile leaves it resolved (its model file found), and the
engine contract (narrator.engines.base) declares what this package needs to know of an engine.
The shipped voices/*.toml profiles are data in the narrator.voices.shipped package.
"""

from __future__ import annotations

from .catalog import catalog
from .choice import primary, voice_for_article
from .folders import shipped_folder, user_folder, voice_folders
from .models import find_model, known_models, offered_voices, resolve_voice, voice_language
from .profiles import (
    ENGINE_ALIASES,
    is_lexicon_file,
    lexicons_in_voice_folders,
    load_profile,
    profile_for_engine_voice,
    profile_from_dict,
    profile_from_file,
    profile_names,
)

__all__ = [
    "ENGINE_ALIASES",
    "catalog",
    "find_model",
    "is_lexicon_file",
    "known_models",
    "lexicons_in_voice_folders",
    "load_profile",
    "offered_voices",
    "primary",
    "profile_for_engine_voice",
    "profile_from_dict",
    "profile_from_file",
    "profile_names",
    "resolve_voice",
    "shipped_folder",
    "user_folder",
    "voice_folders",
    "voice_for_article",
    "voice_language",
]
