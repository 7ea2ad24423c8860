"""What every command shares: one-line errors and the standard-input argument."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import NarratorError


class NarratorGroup(click.Group):
    """A group that turns NarratorError (and Ctrl-C) into one line and a non-zero exit."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, reporting library errors in one line."""
        try:
            return super().invoke(ctx)
        except NarratorError as exc:
            raise click.ClickException(one_line(str(exc))) from None
        except KeyboardInterrupt:
            click.echo("narrator: interrupted", err=True)
            sys.exit(130)


def one_line(message: str) -> str:
    """Collapse a message to one line."""
    return " ".join(message.split()) or "unknown error"


def echo_json(data: Any) -> None:
    """Print data as indented UTF-8 JSON."""
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


INPUT_HELP = "A .txt, .md or .html file, an http(s) URL, or - for standard input."
