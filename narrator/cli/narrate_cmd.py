"""`narrator narrate`: one article to one MP3."""

from __future__ import annotations

import click

from .common import INPUT_HELP


@click.command(help=f"Narrate INPUT to a tagged MP3.\n\nINPUT: {INPUT_HELP}")
@click.argument("source", metavar="INPUT")
@click.option("-o", "--output", type=click.Path(), help="MP3 file or folder [default: output/<slug-of-title>.mp3].")
@click.option("--voice", default="default", show_default=True, help="Voice profile name or .toml path.")
@click.option("--title", help="Title (overrides the article's).")
@click.option("--author", help="Author (overrides the byline).")
@click.option("--publication", help="Publication name.")
@click.option("--date", help="Publication date, YYYY-MM-DD.")
@click.option("--language", help="Language tag, e.g. en or en-US.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(), help="Extra pronunciation lexicon (TOML); repeatable.")
@click.option("--no-spoken-disclosure", is_flag=True, help="Do not speak the AI disclosure (the tags still carry it).")
def narrate(source: str, output: str | None, voice: str, lexicons: tuple[str, ...], no_spoken_disclosure: bool, **meta: str | None) -> None:
    """Narrate INPUT to a tagged MP3."""
    from ..pipeline import narrate as run

    result = run(source, output, voice=voice, lexicons=lexicons, spoken_disclosure=not no_spoken_disclosure, **meta)
    minutes, seconds = divmod(result.duration_ms / 1000, 60)
    click.echo(f"{result.audio} ({int(minutes)}:{seconds:04.1f}, {result.segments} segments)")
