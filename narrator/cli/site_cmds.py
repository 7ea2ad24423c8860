"""`narrator site` and `narrator embed`: a page for a folder of narrations, and a snippet to embed a player."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("outdir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--title", default="Narrations", show_default=True, help="Page title.")
@click.option("--feed-url", help="Link to the podcast feed [default: feed.xml, when OUTDIR has one].")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Page to write [default: OUTDIR/index.html].",
)
@click.option("--force", is_flag=True, help="Replace the page even if narrator did not make it.")
def site(outdir: Path, title: str, feed_url: str | None, output: Path | None, force: bool) -> None:
    """Write a page of every narration in OUTDIR, newest first, each with its player."""
    from ..publish.site import write_site  # lazily, so that `narrator --help` stays fast

    click.echo(str(write_site(outdir, output=output, title=title, feed_url=feed_url, force=force)))


@click.command()
@click.argument("narration", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--base-url", required=True, help="Public URL of the folder the narration is served from.")
@click.option(
    "--height", type=click.IntRange(200, 4000), default=640, show_default=True, help="Height of the frame, px."
)
def embed(narration: Path, base_url: str, height: int) -> None:
    """Print HTML that embeds NARRATION's player (its .mp3, .html or .manifest.json) in a CMS page."""
    from ..publish.site import embed_snippet  # lazily, so that `narrator --help` stays fast

    click.echo(embed_snippet(narration, base_url, height=height))
