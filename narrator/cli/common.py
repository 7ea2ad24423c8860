"""What every command shares: one-line errors (library, usage, interrupts) and the standard-input argument."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from typing import Any, NoReturn

import click

from .. import environment
from ..errors import NarratorError, Terminated
from ..lifeline import sigterm_as_interrupt
from ..safe_text import clean_text


class OneLineUsageError(click.UsageError):
    """A usage error shown in one line (Click's own takes three or four)."""

    def show(self, file: Any = None) -> None:
        """Print `Error: <reason> (see '<command> --help')` on standard error."""
        command = self.ctx.command_path if self.ctx else "narrator"
        click.echo(f"Error: {one_line(self.format_message())} (see '{command} --help')", err=True)


class NarratorGroup(click.Group):
    """A group that turns NarratorError, usage errors, Ctrl-C and SIGTERM into one line and a non-zero exit."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        """Parse the group's own options, with one-line usage errors."""
        with _one_line_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, reporting library errors in one line."""
        try:
            with _one_line_usage_errors(), sigterm_as_interrupt():
                return super().invoke(ctx)
        except NarratorError as exc:
            raise click.ClickException(one_line(str(exc))) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            _reader_went_away()
        except Exception as exc:
            # A bug met by some input: still one line, never a traceback (NARRATOR_DEBUG=1 shows it).
            if environment.debug():
                raise
            raise click.ClickException(
                one_line(f"internal error ({type(exc).__name__}: {exc}); please report it")
            ) from None
        except Terminated:
            click.echo("narrator: terminated", err=True)
            sys.exit(143)
        except KeyboardInterrupt:
            click.echo("narrator: interrupted", err=True)
            sys.exit(130)


def _reader_went_away() -> NoReturn:
    """Stop quietly when the reader of standard output closes it (`narrator voices | head`), as Unix tools do."""
    # Later flushes (at exit too) would fail again; send them nowhere instead.
    with contextlib.suppress(OSError, ValueError):  # ValueError: a stdout without a file descriptor
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(141)  # 128 + SIGPIPE: what a shell reports for a tool stopped by a closed pipe


@contextlib.contextmanager
def _one_line_usage_errors() -> Iterator[None]:
    """Re-raise Click's usage errors (not a bare group's help) as one-line ones."""
    try:
        yield
    except (OneLineUsageError, _NO_ARGS_IS_HELP):
        raise
    except click.UsageError as exc:
        raise OneLineUsageError(exc.format_message(), exc.ctx) from None


_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", OneLineUsageError)


def one_line(message: str) -> str:
    """Collapse a message to one line, without control characters a terminal would obey."""
    return clean_text(message, one_line=True) or "unknown error"


def echo_json(data: Any) -> None:
    """Print data as indented UTF-8 JSON."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


INPUT_HELP = "A .txt, .md or .html file, an http(s) URL, or - for standard input."
