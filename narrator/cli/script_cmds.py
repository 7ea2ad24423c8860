"""Speech-ready text previews: `narrator normalize` and `narrator script`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import INPUT_HELP, echo_json

MAX_NORMALIZE_BYTES = 20_000_000


@click.command()
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra pronunciation lexicon (TOML); repeatable.",
)
def normalize(source: str, lexicons: tuple[Path, ...]) -> None:
    """Print the spoken form of each input line, one output line per input line."""
    from ..script import load_lexicon
    from ..script import normalize as spoken_form

    lexicon = load_lexicon(list(lexicons))
    for line in _lines(source):
        click.echo(spoken_form(line, lexicon) if line.strip() else line)


@click.command(help=f"Show each segment: original text, spoken text and the pause after it.\n\nINPUT: {INPUT_HELP}")
@click.argument("source", metavar="INPUT")
@click.option("--voice", default="default", show_default=True, help="Voice profile (its pauses and lexicon apply).")
@click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra pronunciation lexicon (TOML); repeatable.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of segments.")
def script(source: str, voice: str, lexicons: tuple[Path, ...], as_json: bool) -> None:
    """Show each segment: original text, spoken text and the pause after it."""
    from ..pipeline import build_script
    from ..read import read_article
    from ..settings import NarrationSettings
    from ..voices import load_profile

    settings = NarrationSettings(
        voice=load_profile(voice, resolve=False), lexicons=tuple(lexicons), spoken_disclosure=False
    )
    segments = build_script(read_article(source), settings).segments
    if as_json:
        echo_json(
            [{"text": s.text, "spoken": s.spoken, "pause_ms": s.pause_ms, "boundary": s.boundary} for s in segments]
        )
        return
    for segment in segments:
        click.echo(f"{segment.text}\n  → {segment.spoken}\n  [{segment.boundary} pause {segment.pause_ms} ms]")


def _lines(source: str) -> list[str]:
    """Input lines of a file or standard input, decoded like articles are."""
    from ..errors import InputError
    from ..input_files import read_input
    from ..read.decode import decode_bytes
    from ..safe_text import clean_text

    try:
        data = (
            sys.stdin.buffer.read(MAX_NORMALIZE_BYTES + 1)
            if source == "-"
            else read_input(source, max_bytes=MAX_NORMALIZE_BYTES)
        )
    except OSError as exc:
        raise InputError(f"{source}: {exc.strerror or exc}") from exc
    if len(data) > MAX_NORMALIZE_BYTES:
        raise InputError(f"{source} is larger than the {MAX_NORMALIZE_BYTES:,}-byte limit")
    name = "standard input" if source == "-" else source
    return [clean_text(line) for line in decode_bytes(data, source=name).splitlines()] if data else []
