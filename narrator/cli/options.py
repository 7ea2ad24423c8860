"""Options shared by `narrate` and `batch`: article metadata, voice and sound."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

F = Callable[..., Any]


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
                type=click.FloatRange(0.25, 4.0),
                help="Speaking speed, 1.0 = the engine's normal pace [default: from the voice].",
            ),
            click.option(
                "--lexicon",
                "lexicons",
                multiple=True,
                type=path,
                help="Extra pronunciation lexicon (TOML); repeatable.",
            ),
            click.option(
                "--no-spoken-disclosure", is_flag=True, help="Do not speak the AI disclosure (the tags still carry it)."
            ),
            click.option(
                "--sentence-pause",
                type=click.IntRange(0, 10000),
                help="Pause after a sentence, ms [default: from the voice].",
            ),
            click.option(
                "--paragraph-pause",
                type=click.IntRange(0, 10000),
                help="Pause after a paragraph, ms [default: from the voice].",
            ),
            click.option(
                "--section-pause",
                type=click.IntRange(0, 10000),
                help="Pause after a section, ms [default: from the voice].",
            ),
            click.option(
                "--loudness",
                type=float,
                default=-16.0,
                show_default=True,
                help="Integrated loudness target, LUFS (-31 to -5).",
            ),
            click.option("--no-normalize", is_flag=True, help="Skip loudness normalization."),
            click.option("--bitrate", type=int, default=64, show_default=True, help="MP3 constant bitrate, kbps."),
            click.option("--stereo", is_flag=True, help="Two channels instead of mono."),
            click.option(
                "--no-player",
                is_flag=True,
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


def settings_from_options(options: dict[str, Any]):
    """Build NarrationSettings from the options above."""
    from ..settings import NarrationSettings
    from ..voices import load_profile

    profile = load_profile(options["voice"])
    pauses = {
        f"{kind}_pause_ms": options[f"{kind}_pause"]
        for kind in ("sentence", "paragraph", "section")
        if options.get(f"{kind}_pause") is not None
    }
    if options.get("rate") is not None:
        pauses["rate"] = options["rate"]  # applies to whichever voice is used, like the pauses
    return NarrationSettings(
        voice=dataclasses.replace(profile, **pauses),
        lexicons=tuple(options["lexicons"]),
        spoken_disclosure=not options["no_spoken_disclosure"],
        normalize_loudness=not options["no_normalize"],
        loudness_lufs=options["loudness"],
        bitrate_kbps=options["bitrate"],
        stereo=options["stereo"],
        player=not options["no_player"],
        cover=options["cover"],
        intro=options["intro"],
        outro=options["outro"],
        pauses=tuple(pauses.items()),
        as_is=options["as_is"],
    )
