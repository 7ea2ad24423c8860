"""`narrator check`: listen to a narration with an offline recognizer and report what a listener might mishear."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..check import DEFAULT_MAX_WER, DEFAULT_SENTENCE_WER
from .common import echo_json

F = Callable[..., Any]


def max_wer_option(function: F) -> F:
    """--max-wer, shared by check, narrate --check and batch --check."""
    return click.option(
        "--max-wer",
        type=click.FloatRange(0.0, 1.0),
        default=DEFAULT_MAX_WER,
        show_default=True,
        help="Word error rate (0-1) of the whole narration above which the check fails.",
    )(function)


@click.command()
@click.argument("audio", metavar="FILE.mp3", type=click.Path(path_type=Path))
@max_wer_option
@click.option(
    "--sentence-wer",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_SENTENCE_WER,
    show_default=True,
    help="Word error rate above which a sentence is flagged.",
)
@click.option(
    "--model",
    type=click.Choice(["tiny.en", "base"]),
    default="tiny.en",
    show_default=True,
    help="Recognizer: Whisper tiny.en (fast) or base (slower, multilingual).",
)
@click.option(
    "--try",
    "try_candidates",
    is_flag=True,
    help="Re-synthesize the sentences of misheard names with candidate respellings and keep the best heard.",
)
@click.option(
    "--write-lexicon",
    type=click.Path(path_type=Path),
    help="Write the suggested entries to this lexicon TOML (for --lexicon).",
)
@click.option("--no-store", is_flag=True, help="Do not record the summary in the manifest.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
def check(
    audio: Path,
    max_wer: float,
    sentence_wer: float,
    model: str,
    try_candidates: bool,
    write_lexicon: Path | None,
    no_store: bool,
    as_json: bool,
) -> None:
    """Listen to FILE.mp3 (a narration with its manifest beside it) and report what a listener might mishear.

    An offline recognizer (Whisper, shipped in a wheel; nothing is downloaded)
    transcribes the audio; each sentence is compared with what it should say, and
    the audio is checked for silent, clipped, cut-off and mistimed sentences and
    for loudness, true peak and length. Misheard names get lexicon suggestions.
    The summary is kept in the manifest. Exits 1 when the check does not pass.
    A recognizer can be wrong: treat each finding as a place to listen.
    """
    # Lazily, so that `narrator --help` stays fast: the check loads numpy and the recognizer.
    from ..check.report import format_report
    from ..check.run import CheckOptions, check_narration
    from ..check.suggest import check_lexicon_target
    from ..check.suggest import write_lexicon as write_suggestions

    if write_lexicon is not None:
        check_lexicon_target(write_lexicon)  # before the work, not after
    options = CheckOptions(
        model=model, max_wer=max_wer, sentence_wer=sentence_wer, store=not no_store, try_candidates=try_candidates
    )
    report = check_narration(audio, options)
    if write_lexicon is not None and report.suggestions:
        write_suggestions(write_lexicon, report.suggestions, audio.name)
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(format_report(report))
        if write_lexicon is not None:
            click.echo(
                f"lexicon: {write_lexicon}" if report.suggestions else "lexicon: no suggestions, nothing written"
            )
    if not report.passed:
        raise click.exceptions.Exit(1)


def check_after_narration(audio: Path, max_wer: float) -> bool:
    """`narrate --check`: check the narration just written, print the report; True if it passed."""
    # Lazily, so that `narrator --help` stays fast: the check loads numpy and the recognizer.
    from ..check.report import format_report
    from ..check.run import CheckOptions, check_narration

    report = check_narration(audio, CheckOptions(max_wer=max_wer))
    click.echo(format_report(report))
    return report.passed
