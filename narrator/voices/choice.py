"""Match the voice to the article's language: another voice of the same engine, or a clear warning."""

from __future__ import annotations

import dataclasses

from ..engines import Engine
from ..models import VoiceProfile
from .models import offered_voices, resolve_voice

DEFAULT_DISCLOSURE = VoiceProfile.disclosure

# The spoken disclosure in the languages narrator's engines speak; others keep the profile's words.
DISCLOSURES = {
    "de": "Dieses Audio wurde mit Unterstützung von KI erstellt.",
    "es": "Este audio se ha creado con ayuda de inteligencia artificial.",
    "fr": "Cet audio a été créé avec l'aide de l'intelligence artificielle.",
    "hi": "यह ऑडियो एआई की सहायता से बनाया गया है।",
    "it": "Questo audio è stato creato con l'assistenza dell'intelligenza artificiale.",
    "nl": "Deze audio is gemaakt met behulp van AI.",
    "pt": "Este áudio foi criado com a ajuda de inteligência artificial.",
}


def primary(language: str) -> str:
    """The primary language subtag, lowercase ("en-US" → "en")."""
    return language.replace("_", "-").split("-")[0].lower()


def voice_for_article(profile: VoiceProfile, language: str, engine: Engine) -> tuple[VoiceProfile, list[str]]:
    """The profile itself if it speaks `language`; else the engine's voice for it, or the profile and a warning."""
    if not language or primary(language) == primary(profile.language):
        return profile, []
    found = _engine_voice_for(engine, language)
    if found is None:
        return profile, [
            f"the article is in {language!r} but voice {profile.name!r} speaks {profile.language} and the "
            f"{profile.engine} engine has no {primary(language)} voice: "
            f"it will be read with {profile.language} pronunciation "
            f"(choose one with --voice, e.g. espeak:{primary(language)})"
        ]
    voice_id, voice_language = found
    disclosure = profile.disclosure
    if disclosure == DEFAULT_DISCLOSURE:
        disclosure = DISCLOSURES.get(primary(language), disclosure)
    chosen = resolve_voice(dataclasses.replace(profile, voice=voice_id, language=voice_language, disclosure=disclosure))
    return chosen, [
        f"the article is in {language!r}: read by {profile.engine} voice {voice_id} ({voice_language})"
        f" instead of {profile.name!r}"
    ]


def _engine_voice_for(engine: Engine, language: str) -> tuple[str, str] | None:
    """(voice id, its language) of the engine's best voice for `language`: the same region first."""
    wanted = language.lower().replace("_", "-")
    candidates = [
        (v.id, lang) for v in offered_voices(engine) for lang in v.languages if primary(lang) == primary(wanted)
    ]
    if not candidates:
        return None
    exact = [c for c in candidates if c[1].lower() == wanted]
    return (exact or candidates)[0]
