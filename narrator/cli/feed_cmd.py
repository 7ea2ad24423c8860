"""`narrator feed`: a podcast RSS feed from a folder of narrations, or a lint of any feed."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--base-url", help="Public URL of the folder the MP3s are served from.")
@click.option("--title", help="Podcast title.")
@click.option("--image", help="Cover image: a URL, or a JPEG/PNG inside the folder.")
@click.option("--author", help="Podcast author.")
@click.option("--language", help="Language tag [default: the narrations' language].")
@click.option("--description", help="Podcast description [default: the title].")
@click.option("--owner-email", help="Owner e-mail for podcast directories.")
@click.option("--category", default="News", show_default=True, help="iTunes category.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Feed file [default: TARGET/feed.xml].")
@click.option(
    "--old-namespace",
    is_flag=True,
    help="Also list transcripts and chapters under the Podcasting 2.0 namespace's old URL, "
    "for apps that know only it (gPodder).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Lint TARGET, any feed file, instead of writing one: errors break apps, warnings are advice.",
)
@click.option(
    "--policy",
    type=click.Choice(["narrator"]),
    help="With --check: also require narrator's disclosure policy "
    "(AI-content flag, podcast:guid, transcripts, chapters).",
)
@click.option("--strict", is_flag=True, help="With --check: fail on warnings too.")
@click.option("--force", is_flag=True, help="Replace an existing feed file narrator did not write.")
def feed(
    target: Path,
    base_url: str | None,
    title: str | None,
    output: Path | None,
    check: bool,
    policy: str | None,
    strict: bool,
    force: bool,
    image: str | None,
    author: str | None,
    language: str | None,
    description: str | None,
    owner_email: str | None,
    category: str,
    old_namespace: bool,
) -> None:
    """Write a podcast feed for the narrations in folder TARGET (or --check a feed file)."""
    if check:
        _check(target, policy, strict)
        return
    from .. import api  # lazily, so that `narrator --help` stays fast

    written = api.write_feed(
        target, base_url=base_url or "", title=title or "", output=output, force=force, image=image, author=author,
        language=language, description=description, owner_email=owner_email, category=category,
        old_namespace=old_namespace,
    )  # fmt: skip
    for warning in written.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(str(written.path))


def _check(path: Path, policy: str | None, strict: bool) -> None:
    """Print each error and warning of a feed file; exit 1 on errors (or, strict, on warnings)."""
    from ..publish.feed_check import check_feed_file  # lazily, so that `narrator --help` stays fast

    report = check_feed_file(path, policy=policy)
    for level, findings in (("error", report.errors), ("warning", report.warnings)):
        for finding in findings:
            click.echo(f"{path}: {level}: {finding}", err=True)
    summary = f"{len(report.errors)} errors, {len(report.warnings)} warnings"
    if not report.passes(strict=strict):
        raise click.ClickException(f"{path}: fails ({summary})")
    click.echo(f"{path}: OK ({summary})")
