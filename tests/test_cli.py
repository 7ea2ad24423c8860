"""The command line: help for every command, version, and one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

import narrator.api
from narrator import __version__
from narrator.cli import main


def _commands() -> list[list[str]]:
    """Every command and subcommand path."""
    paths = []
    for name, command in main.commands.items():
        paths.append([name])
        paths.extend([name, sub] for sub in getattr(command, "commands", {}))
    return paths


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p))
def test_every_command_has_help(path: list[str]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    summary = result.output.split("\n\n")[1].strip()
    assert len(summary) > 10


def test_expected_commands_exist() -> None:
    assert {"narrate", "clean", "split", "info", "voices"} <= set(main.commands)


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_help_does_not_import_heavy_libraries() -> None:
    """`narrator --help` stays fast: nltk, numpy, pydub and trafilatura load lazily."""
    code = (
        "import sys; from narrator.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('nltk', 'numpy', 'pydub', 'trafilatura', 'mutagen', 'scipy', 'pyttsx3') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out


def test_a_closed_output_pipe_stops_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """`narrator normalize big.txt | head -1`: once the reader leaves, stop with 141 and no 'internal error' line."""

    def reader_gone(*args: object, **kwargs: object) -> str:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(narrator.api, "normalize", reader_gone)
    result = CliRunner().invoke(main, ["normalize", "-"], input="The council met on Jan. 3.\n")
    assert result.exit_code == 141, result.output
    assert "error" not in result.output
