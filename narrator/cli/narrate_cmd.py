"""`narrator narrate`: one article to one MP3 with sidecars and manifest."""

from __future__ import annotations

import sys
from typing import Any, TextIO

import click

from .check_cmd import check_after_narration, max_wer_option
from .common import INPUT_HELP
from .options import metadata_options, pop_settings, sound_options


@click.command(
    help=f"Narrate INPUT to a tagged MP3 (with transcripts, chapters and a manifest beside it).\n\nINPUT: {INPUT_HELP}"
)
@click.argument("source", metavar="INPUT")
@click.option(
    "-o",
    "--output",
    type=click.Path(),  # a string: a trailing "/" names a folder
    help="MP3 file or folder [default: output/<slug-of-title>.mp3].",
)
@metadata_options
@sound_options
@click.option(
    "--force", is_flag=True, help="Narrate again even if up to date, and replace files narrator did not make."
)
@click.option(
    "--check",
    "listen",
    is_flag=True,
    help="Then listen to it with an offline recognizer (narrator check); exit 1 if it fails, keeping the audio.",
)
@max_wer_option
def narrate(
    source: str,
    output: str | None,
    title: str | None,
    author: str | None,
    publication: str | None,
    date: str | None,
    language: str | None,
    force: bool,
    listen: bool,
    max_wer: float,
    **options: Any,
) -> None:
    """Narrate INPUT to a tagged MP3."""
    # The library loads here, not at module top, so that `narrator --help` stays fast (it loads numpy).
    from .. import api
    from ..check.recognizer import require_recognizer

    settings = pop_settings(options)
    if listen:
        require_recognizer()  # before any synthesis
    with _StageProgress.on_terminal() as progress:
        result = api.narrate(
            source, output, settings=settings, title=title, author=author, publication=publication, date=date,
            language=language, force=force, progress=progress,
        )  # fmt: skip
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    minutes, seconds = divmod(result.duration_ms / 1000, 60)
    state = "up to date" if result.skipped else f"{result.segments} segments"
    click.echo(f"{result.audio} ({int(minutes)}:{seconds:04.1f}, {state})")
    if listen and not check_after_narration(result.audio, max_wer):
        raise click.exceptions.Exit(1)


class _StageProgress:
    """One self-rewriting status line on a terminal's stderr: sentences synthesized of total, mastering, encoding."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream
        self._shown = False

    @classmethod
    def on_terminal(cls) -> _StageProgress:
        """Progress on stderr if it is a terminal; otherwise one that shows nothing."""
        return cls(sys.stderr if sys.stderr.isatty() else None)

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Show where the narration is."""
        if self._stream is None:
            return
        text = f"synthesizing: {done} of {total} sentences" if stage == "synthesizing" else f"{stage}..."
        self._stream.write("\r\x1b[K" + text)  # back to the line start, clear it, rewrite
        self._stream.flush()
        self._shown = True

    def __enter__(self) -> _StageProgress | None:
        return self if self._stream is not None else None

    def __exit__(self, *exc: object) -> None:
        if self._shown and self._stream is not None:
            self._stream.write("\r\x1b[K")  # leave the terminal as it was for the result line
            self._stream.flush()
