"""`narrator batch` and `narrator cache`: many articles at once, and the clip cache."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import click

from .check_cmd import max_wer_option
from .common import echo_json
from .options import pop_settings, sound_options

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from ..batch import ItemResult
    from ..batch.cluster import ClusterConnection


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o", "--outdir", type=click.Path(path_type=Path), default=Path("output"), show_default=True, help="Output folder."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    help="Cores to use: one article at a time per core, fewer articles share them out [default: CPU count].",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Run the items on a Dask cluster: a scheduler's tcp://HOST:8786, or local:N for N local worker processes.",
)
@click.option("--fail-fast", is_flag=True, help="Stop at the first failed item.")
@click.option(
    "--force",
    is_flag=True,
    help="Narrate every item again, even if up to date, and replace files narrator did not make.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option(
    "--check",
    "listen",
    is_flag=True,
    help="Listen to each narration (narrator check); items that fail it fail, their audio kept.",
)
@max_wer_option
@click.option(
    "--allow-sources",
    "allowed_roots",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Manifest rows may also name files under DIR (by default only under the manifest's folder); repeatable.",
)
@sound_options
def batch(
    inputs: tuple[str, ...],
    outdir: Path,
    workers: int | None,
    cluster: str | None,
    fail_fast: bool,
    force: bool,
    quiet: bool,
    as_json: bool,
    listen: bool,
    max_wer: float,
    allowed_roots: tuple[Path, ...],
    **options: Any,
) -> None:
    """Narrate files, folders (recursively) and CSV/JSONL manifests into OUTDIR.

    Manifest columns: source, title, author, publication, date, language,
    voice, output. Unchanged items are skipped; edited ones re-synthesize only
    the sentences that changed.
    """
    # The library loads here, not at module top, so that `narrator --help` stays fast.
    from .. import api
    from ..check.run import CheckOptions

    settings = pop_settings(options)
    with _Progress(enabled=not quiet and not as_json) as progress:
        summary = api.narrate_batch(
            inputs, outdir, settings=settings, workers=workers, cluster=cluster, fail_fast=fail_fast, force=force,
            check=CheckOptions(max_wer=max_wer) if listen else None, allowed_roots=allowed_roots,
            on_connect=_announce_dashboard if not quiet else None, on_start=progress.start, on_result=progress.update,
        )  # fmt: skip
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        echo_json(summary.to_json())
    else:
        for result in summary.results:
            for warning in result.warnings:
                click.echo(f"warning: {result.label}: {warning}", err=True)
            if result.status == "failed":
                click.echo(f"FAILED {result.label}: {_reason(result.label, result.error or '')}", err=True)
        click.echo(
            f"{summary.count('done')} done, {summary.count('skipped')} up to date, {summary.count('failed')} failed; "
            f"{summary.audio_minutes:.1f} min of audio in {summary.elapsed_s:.1f} s"
        )
    if summary.count("failed"):
        raise click.exceptions.Exit(1)


def _announce_dashboard(connection: ClusterConnection) -> None:
    """Say where the Dask cluster's dashboard is, if it serves one."""
    if connection.dashboard_link:
        click.echo(f"Dask dashboard: {connection.dashboard_link}", err=True)


def _reason(label: str, error: str) -> str:
    """The error without a leading repeat of the item's label ("emptydir: emptydir: ...")."""
    return error.removeprefix(f"{label}: ") or error


class _Progress:
    """A progress bar on stderr (once the batch knows its items): items done and failed, minutes of audio."""

    def __init__(self, *, enabled: bool) -> None:
        self._enabled = enabled
        self._shown = contextlib.ExitStack()
        self._bar: ProgressBar[int] | None = None
        self._failed = 0
        self._minutes = 0.0

    def start(self, total: int) -> None:
        """Show the bar for `total` items."""
        if self._enabled:
            bar = click.progressbar(length=total, label="narrating", file=sys.stderr, show_pos=True)
            self._bar = self._shown.enter_context(bar)

    def update(self, result: ItemResult) -> None:
        """Count one finished item."""
        self._failed += result.status == "failed"
        self._minutes += result.duration_ms / 60000
        if self._bar is not None:
            self._bar.label = f"narrating ({self._failed} failed, {self._minutes:.1f} min audio)"
            self._bar.update(1)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._shown.__exit__(kind, error, trace)


@click.group()
def cache() -> None:
    """Inspect or clear the clip cache."""


@cache.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def cache_info(as_json: bool) -> None:
    """Show where the clip cache is and how big it is."""
    from ..synthesize import ClipCache  # lazily, so that `narrator --help` stays fast

    stats = ClipCache().stats()
    if as_json:
        echo_json(
            {"folder": str(stats.folder), "clips": stats.clips, "bytes": stats.bytes, "max_bytes": stats.max_bytes}
        )
        return
    click.echo(
        f"folder: {stats.folder}\nclips: {stats.clips}\n"
        f"size: {stats.bytes / 1024**2:.1f} MiB of {stats.max_bytes / 1024**2:.0f} MiB"
    )


@cache.command("clear")
def cache_clear() -> None:
    """Delete every cached clip."""
    from ..synthesize import ClipCache  # lazily, so that `narrator --help` stays fast

    click.echo(f"removed {ClipCache().clear()} clips")
