"""The public API: every name in narrator.__all__ resolves, lazily, and the package is typed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import narrator
from narrator.cli import main


def test_every_public_name_resolves() -> None:
    for name in narrator.__all__:
        assert getattr(narrator, name) is not None, name
    assert narrator.narrate_batch.__module__ == "narrator.api"
    assert narrator.NarrationResult.__name__ == "NarrationResult"


def test_import_narrator_loads_no_pipeline() -> None:
    code = "import sys, narrator; print(sorted(m for m in sys.modules if m in ('narrator.pipeline', 'narrator.api', 'numpy')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_the_package_is_marked_typed() -> None:
    assert (Path(narrator.__file__).parent / "py.typed").is_file()


_ARTICLE = "# A Headline\n\nThe council met on Monday. It voted 5-4.\n"


def _calls(article: str, folder: str) -> list[tuple[str, Callable[[], object]]]:
    """Public calls with one argument of the wrong type each (the type checker would refuse them all)."""
    api: Any = narrator  # wrong types on purpose, as an untyped caller would pass them
    return [
        ("source must be", lambda: api.narrate(3)),
        ("output must be", lambda: api.narrate(article, 3)),
        ("settings must be NarrationSettings", lambda: api.narrate(article, settings="fast")),
        ("title must be a string", lambda: api.narrate(article, title=3)),
        ("date must be a string", lambda: api.narrate(article, date=20260314)),
        ("force must be True or False", lambda: api.narrate(article, force="yes")),
        ("progress must be a function", lambda: api.narrate(article, progress=3)),
        ("inputs must be a list of files", lambda: api.narrate_batch(folder, folder)),
        ("inputs must be a list of files", lambda: api.narrate_batch([3], folder)),
        ("output_dir must be", lambda: api.narrate_batch([article], 3)),
        ("workers must be a whole number", lambda: api.narrate_batch([article], folder, workers="2")),
        ("cluster must be", lambda: api.narrate_batch([article], folder, cluster=3)),
        ("check must be CheckOptions", lambda: api.narrate_batch([article], folder, check=True)),
        ("on_result must be a function", lambda: api.narrate_batch([article], folder, on_result="print")),
        ("allowed_roots must be a list", lambda: api.narrate_batch([article], folder, allowed_roots=folder)),
        ("folder must be", lambda: api.write_feed(3, base_url="https://example.org/", title="T")),
        ("base_url must be a string", lambda: api.write_feed(folder, base_url=3, title="T")),
        (
            "category must be a string",
            lambda: api.write_feed(folder, base_url="https://e.org/", title="T", category=None),
        ),
        ("source must be", lambda: api.clean(None)),
        ("source must be", lambda: api.split(3)),
        ("text must be a string", lambda: api.normalize(b"5-4")),
        ("lexicons must be a list of file names", lambda: api.normalize("5-4", lexicons="words.toml")),
        ("source must be", lambda: api.build_script(3)),
        ("source must be", lambda: api.read_lines(3)),
        ("settings must be NarrationSettings", lambda: api.settings_from_options("fast")),
    ]


def test_a_wrong_type_is_one_setting_error_line_before_any_work(tmp_path: Path) -> None:
    article = tmp_path / "story.md"
    article.write_text(_ARTICLE)
    folder = tmp_path / "out"
    folder.mkdir()
    for expected, call in _calls(str(article), str(folder)):
        with pytest.raises(narrator.SettingError) as raised:
            call()
        assert expected in str(raised.value) and "\n" not in str(raised.value), expected
    assert list(folder.iterdir()) == []  # nothing was narrated


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--bitrate", "-1", "Error: bitrate -1 kbps is not an MP3 bitrate; use one of 32,"),
        ("--loudness", "nan", "Error: loudness target nan LUFS is out of range; use -31 to -5"),
    ],
)
def test_an_out_of_range_sound_option_keeps_its_own_message(
    option: str, value: str, message: str, sample_article: Path
) -> None:
    # The settings builder checks types; the ranges are check_settings', whose messages say what to use.
    result = CliRunner().invoke(main, ["narrate", str(sample_article), option, value])
    assert result.exit_code == 1 and result.output.startswith(message), result.output
