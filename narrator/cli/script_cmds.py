"""Speech-ready text previews: `narrator normalize` and `narrator script`."""

from __future__ import annotations

from pathlib import Path

import click

from .common import INPUT_HELP, echo_json
from .options import lexicon_option


@click.command()
@click.argument("source", default="-", metavar="[FILE|-]")
@lexicon_option
def normalize(source: str, lexicons: tuple[Path, ...]) -> None:
    """Print the spoken form of each input line, one output line per input line."""
    from .. import api  # lazily, so that `narrator --help` stays fast

    lines = api.read_lines(source)
    if lines:
        click.echo(api.normalize("\n".join(lines), lexicons=lexicons))


@click.command(help=f"Show each segment: original text, spoken text and the pause after it.\n\nINPUT: {INPUT_HELP}")
@click.argument("source", metavar="INPUT")
@click.option("--voice", default="default", show_default=True, help="Voice profile (its pauses and lexicon apply).")
@lexicon_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of segments.")
def script(source: str, voice: str, lexicons: tuple[Path, ...], as_json: bool) -> None:
    """Show each segment: original text, spoken text and the pause after it."""
    from .. import api  # lazily, so that `narrator --help` stays fast

    segments = api.build_script(source, voice=voice, lexicons=lexicons).segments
    if as_json:
        echo_json(
            [{"text": s.text, "spoken": s.spoken, "pause_ms": s.pause_ms, "boundary": s.boundary} for s in segments]
        )
        return
    for segment in segments:
        click.echo(f"{segment.text}\n  → {segment.spoken}\n  [{segment.boundary} pause {segment.pause_ms} ms]")
