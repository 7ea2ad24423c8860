"""`narrator voices`: list voice profiles and engine voices; preview one."""

from __future__ import annotations

from pathlib import Path

import click

from .common import echo_json


@click.group(invoke_without_command=True)
@click.option("--engine", "engine_name", help="List only this engine's voices.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def voices(ctx: click.Context, engine_name: str | None, as_json: bool) -> None:
    """List voice profiles and each engine's voices."""
    if ctx.invoked_subcommand is not None:
        return
    from ..voices import catalog  # lazily, so that `narrator --help` stays fast

    data = catalog(engine_name)
    if as_json:
        echo_json(data)
        return
    click.echo("Profiles (use with --voice, or --voice ENGINE:VOICE):")
    for profile in data["profiles"]:
        click.echo(f"  {profile['name']:<14} {profile['engine']:<8} {profile['language']:<6} {profile['description']}")
        if profile["commercial_use"]:
            click.echo(f"  {'':<14} licence: {profile['licence']}; commercial use: {profile['commercial_use']}")
    if data["lexicons"]:
        click.echo("\nPronunciation lexicons in the voices folders (use with --lexicon FILE):")
        for lexicon in data["lexicons"]:
            click.echo(f"  {lexicon['name']:<12} {lexicon['path']}")
    for engine in data["engines"]:
        if engine["error"]:
            click.echo(f"\nEngine {engine['name']}: unavailable ({engine['error']})")
            continue
        click.echo(
            f"\nEngine {engine['name']} ({len(engine['voices'])} voices; licence: {engine['licence'] or '?'}; "
            f"commercial use: {engine['commercial_use'] or '?'}):"
        )
        for voice in engine["voices"]:
            click.echo(f"  {voice['id']:<24} {', '.join(voice['languages']):<10} {voice['name']}")


@voices.command()
@click.argument("name")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="MP3 to write [default: output/voice-<NAME>.mp3]."
)
@click.option("--text", help="What to say instead of the standard sample.")
@click.option("--force", is_flag=True, help="Replace an existing file that is not an earlier preview.")
def preview(name: str, output: Path | None, text: str | None, force: bool) -> None:
    """Write a short sample of voice profile NAME (just the MP3, no sidecars)."""
    from ..voice_preview import preview_voice  # lazily, so that `narrator --help` stays fast

    click.echo(preview_voice(name, output, text, force=force))
