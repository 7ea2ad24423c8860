"""Preview and inspection commands: clean, split, info."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .common import INPUT_HELP, echo_json


@click.command(help=f"Print the article text that will be read.\n\nINPUT: {INPUT_HELP}")
@click.argument("source", metavar="INPUT")
@click.option("--json", "as_json", is_flag=True, help="Print title, byline, date, paragraphs and sections as JSON.")
@click.option("--as-is", is_flag=True, help="Keep every line of the page, for pages the article extractor rejects.")
def clean(source: str, as_json: bool, as_is: bool) -> None:
    """Print the article text that will be read."""
    # The library loads here, not at module top, so that `narrator --help` stays fast.
    from .. import api
    from ..read import article_to_json
    from ..read.title import guessed_title_warning

    article = api.clean(source, as_is=as_is)
    if article.title_guessed:
        click.echo(f"warning: {guessed_title_warning(article.title)}", err=True)
    if as_json:
        echo_json(article_to_json(article))
        return
    click.echo(article.title + "\n")
    if article.byline:
        click.echo(f"By {article.byline}\n")
    for section in article.sections:
        if section.heading:
            click.echo(f"## {section.heading}\n")
        for paragraph in section.paragraphs:
            click.echo(paragraph + "\n")


@click.command(help=f"Split the article into sentences, one per line.\n\nINPUT: {INPUT_HELP}")
@click.argument("source", metavar="INPUT")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of strings.")
def split(source: str, as_json: bool) -> None:
    """Split the article into sentences, one per line."""
    from .. import api  # lazily, so that `narrator --help` stays fast

    sentences = api.split(source)
    if as_json:
        echo_json(sentences)
    else:
        for sentence in sentences:
            click.echo(sentence)


@click.command()
@click.argument("mp3", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print everything as JSON.")
def info(mp3: Path, as_json: bool) -> None:
    """Show an MP3's tags, duration, AI disclosure, chapters and cover art."""
    from ..inspect_mp3 import mp3_info  # lazily, so that `narrator --help` stays fast

    data = mp3_info(mp3)
    if as_json:
        echo_json(data)
        return
    for key, value in data.items():
        if key == "chapters":
            click.echo(f"chapters: {len(value)}")
            for chapter in value:
                click.echo(f"  {chapter['start_s']:8.2f}s  {chapter['title']}")
        elif key == "cover":
            click.echo(f"cover: {_describe_cover(value)}")
        elif key == "txxx":
            for desc, text in value.items():
                click.echo(f"TXXX {desc}: {text}")
        else:
            click.echo(f"{key}: {value}")


def _describe_cover(cover: dict[str, Any] | None) -> str:
    """One line about the cover art: "none", or its type, size in pixels and bytes."""
    if cover is None:
        return "none"
    size = f"{cover['width']}x{cover['height']} px" if cover["width"] else "size unreadable"
    return f"{cover['type']}, {size}, {cover['bytes']:,} bytes"
