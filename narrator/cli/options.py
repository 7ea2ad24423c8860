"""Options shared by `narrate` and `batch`: article metadata, voice and sound."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ..settings import NarrationSettings

F = Callable[..., Any]


lexicon_option = click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra pronunciation lexicon (TOML); repeatable.",
)
"""--lexicon FILE (repeatable), for narrate, batch, script and normalize."""


def metadata_options(function: F) -> F:
    """--title, --author, --publication, --date, --language."""
    for option in reversed(
        [
            click.option("--title", help="Title (overrides the article's)."),
            click.option("--author", help="Author (overrides the byline)."),
            click.option("--publication", help="Publication name."),
            click.option("--date", help="Publication date, YYYY-MM-DD."),
            click.option("--language", help="Language tag, e.g. en or en-US."),
        ]
    ):
        function = option(function)
    return function


def sound_options(function: F) -> F:
    """Voice, pronunciation, pauses, loudness, encoding and packaging options."""
    path = click.Path(path_type=Path)
    for option in reversed(
        [
            click.option(
                "--voice",
                default="default",
                show_default=True,
                help="Voice profile name, .toml path, or ENGINE:VOICE (kokoro:af_heart, espeak:en-gb).",
            ),
            click.option(
                "--rate",
                "rate",
                type=click.FloatRange(0.25, 4.0),
                help="Speaking speed, 1.0 = the engine's normal pace [default: from the voice].",
            ),
            lexicon_option,
            click.option(
                "--no-spoken-disclosure",
                "spoken_disclosure",
                flag_value=False,
                default=True,
                help="Do not speak the AI disclosure (the tags still carry it).",
            ),
            click.option(
                "--sentence-pause",
                "sentence_pause_ms",
                type=click.IntRange(0, 10000),
                help="Pause after a sentence, ms [default: from the voice].",
            ),
            click.option(
                "--paragraph-pause",
                "paragraph_pause_ms",
                type=click.IntRange(0, 10000),
                help="Pause after a paragraph, ms [default: from the voice].",
            ),
            click.option(
                "--section-pause",
                "section_pause_ms",
                type=click.IntRange(0, 10000),
                help="Pause after a section, ms [default: from the voice].",
            ),
            click.option(
                "--loudness",
                "loudness_lufs",
                type=float,
                default=-16.0,
                show_default=True,
                help="Integrated loudness target, LUFS (-31 to -5).",
            ),
            click.option(
                "--no-normalize",
                "normalize_loudness",
                flag_value=False,
                default=True,
                help="Skip loudness normalization.",
            ),
            click.option(
                "--bitrate", "bitrate_kbps", type=int, default=64, show_default=True, help="MP3 constant bitrate, kbps."
            ),
            click.option("--stereo", is_flag=True, help="Two channels instead of mono."),
            click.option(
                "--no-player",
                "player",
                flag_value=False,
                default=True,
                help="Do not write the read-along player page (<name>.html) beside the MP3.",
            ),
            click.option("--cover", type=path, help="Cover art (JPEG or PNG, ideally square, 1400 px or more)."),
            click.option("--intro", type=path, help="Audio (MP3 or WAV) to play before the narration."),
            click.option("--outro", type=path, help="Audio (MP3 or WAV) to play after the narration."),
            click.option(
                "--as-is",
                is_flag=True,
                help="Read every line of the page, for pages the article extractor rejects (sports results, listings).",
            ),
        ]
    ):
        function = option(function)
    return function


SOUND_OPTIONS = (
    "voice",
    "rate",
    "lexicons",
    "spoken_disclosure",
    "sentence_pause_ms",
    "paragraph_pause_ms",
    "section_pause_ms",
    "loudness_lufs",
    "normalize_loudness",
    "bitrate_kbps",
    "stereo",
    "player",
    "cover",
    "intro",
    "outro",
    "as_is",
)
"""The parameters sound_options gives a command: named as settings_from_options names them."""


def pop_settings(options: dict[str, Any]) -> NarrationSettings:
    """The settings the sound options give (taken out of `options`), built by the library's one builder."""
    from ..options import (
        settings_from_options,  # lazily: it loads the voice profiles, which `narrator --help` never needs
    )

    return settings_from_options(**{name: options.pop(name) for name in SOUND_OPTIONS})
