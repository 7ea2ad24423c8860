"""Environment variables are validated: a bad value is a one-line error before any work, never a silent default."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import main
from narrator.models import Clip
from narrator.synthesize import ClipCache


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("NARRATOR_CACHE_MAX_MB", "inf", "is out of range"),
        ("NARRATOR_CACHE_MAX_MB", "nan", "is out of range"),
        ("NARRATOR_CACHE_MAX_MB", "-5", "is out of range"),
        ("NARRATOR_CACHE_MAX_MB", "1e400", "is out of range"),
        ("NARRATOR_CACHE_MAX_MB", "lots", "is not a number"),
        ("NARRATOR_ENGINE_WORKERS", "0", "is out of range"),
        ("NARRATOR_ENGINE_WORKERS", "two", "is not a whole number"),
        ("NARRATOR_ALLOW_PRIVATE_NETWORK", "maybe", "is not understood"),
    ],
)
def test_a_bad_environment_value_fails_first_in_one_line(
    name: str,
    value: str,
    reason: str,
    sample_article: Path,
    tone_profile: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ClipCache().put(ClipCache.key("tone:x", "kept"), Clip(b"\x01\x00" * 800, 16000))
    monkeypatch.setenv(name, value)
    for command in (
        ["narrate", str(sample_article), "-o", str(tmp_path / "a.mp3")],
        ["batch", str(sample_article), "-o", str(tmp_path / "out")],
    ):
        result = CliRunner().invoke(main, [*command, "--voice", str(tone_profile)])
        assert result.exit_code == 1, result.output
        assert f"{name}={value!r} {reason}" in result.output
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not list(tmp_path.rglob("*.mp3"))
    monkeypatch.delenv(name)
    assert ClipCache().stats().clips == 1  # "-5" used to let a batch delete the whole cache
