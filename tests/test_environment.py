"""Environment variables are validated: a bad value is a one-line error before any work, never a silent default."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator import environment
from narrator.cli import main
from narrator.errors import SettingError
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
        ("NARRATOR_ENGINE_THREADS", "many", "is not a whole number"),
        ("NARRATOR_CLUSTER_TIMEOUT", "0", "is out of range"),
        ("NARRATOR_DEBUG", "maybe", "is not understood"),
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


def test_a_bad_environment_value_fails_a_voice_preview_first(
    tone_profile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NARRATOR_DEBUG", "maybe")  # read by no code a preview runs, so only a check finds it
    result = CliRunner().invoke(main, ["voices", "preview", str(tone_profile), "-o", str(tmp_path / "p.mp3")])
    assert result.exit_code == 1
    assert result.output == "Error: NARRATOR_DEBUG='maybe' is not understood; use 1 or 0\n"
    assert not (tmp_path / "p.mp3").exists()


BAD_VALUES = [
    ("NARRATOR_CACHE_MAX_MB", "-1", environment.cache_max_mb),
    ("NARRATOR_CACHE_MAX_MB", "ten", environment.cache_max_mb),
    ("NARRATOR_ENGINE_WORKERS", "65", environment.engine_workers),
    ("NARRATOR_ENGINE_WORKERS", "1.5", environment.engine_workers),
    ("NARRATOR_ENGINE_THREADS", "-2", environment.engine_threads),
    ("NARRATOR_ENGINE_THREADS", "all", environment.engine_threads),
    ("NARRATOR_CLUSTER_TIMEOUT", "0.1", environment.cluster_timeout),
    ("NARRATOR_CLUSTER_TIMEOUT", "soon", environment.cluster_timeout),
    ("NARRATOR_CLUSTER_TIMEOUT", "nan", environment.cluster_timeout),
    ("NARRATOR_ALLOW_PRIVATE_NETWORK", "10.0.0.0/33", environment.allowed_private_networks),
]


@pytest.mark.parametrize(("name", "value", "accessor"), BAD_VALUES)
def test_each_accessor_refuses_a_bad_value_in_one_line_naming_the_variable(
    name: str, value: str, accessor: Callable[[], object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, value)
    for call in (accessor, environment.check_environment):
        with pytest.raises(SettingError) as caught:
            call()
        message = str(caught.value)
        assert message.startswith(f"{name}={value!r} ") and "\n" not in message


def test_a_debug_value_neither_yes_nor_no_is_refused_before_work_but_never_while_reporting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NARRATOR_DEBUG", "sometimes")
    with pytest.raises(SettingError, match=r"^NARRATOR_DEBUG='sometimes' is not understood; use 1 or 0$"):
        environment.check_environment()
    assert environment.debug() is True  # asked on error paths: it never raises there
    for value, on in (("", False), ("0", False), ("off", False), ("no", False), ("1", True), ("yes", True)):
        monkeypatch.setenv("NARRATOR_DEBUG", value)
        assert environment.debug() is on, value


def test_unset_variables_give_none_and_check_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        environment.CACHE_DIR,
        environment.CACHE_MAX_MB,
        environment.STATE_DIR,
        environment.ENGINE_WORKERS,
        environment.ENGINE_THREADS,
        environment.CLUSTER_TIMEOUT,
        environment.DEBUG,
        environment.ALLOW_PRIVATE_NETWORK,
    ):
        monkeypatch.delenv(name, raising=False)
    environment.check_environment()
    assert environment.cache_dir() is None and environment.state_dir() is None
    assert environment.cache_max_mb() is None and environment.engine_workers() is None
    assert environment.engine_threads() is None and environment.cluster_timeout() is None
    assert environment.debug() is False and environment.allowed_private_networks() == ()


def test_good_values_are_typed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("NARRATOR_CACHE_DIR", "~/cache")
    monkeypatch.setenv("NARRATOR_STATE_DIR", "~nosuchuser-narrator/state")
    monkeypatch.setenv("NARRATOR_CACHE_MAX_MB", "1.5")
    monkeypatch.setenv("NARRATOR_ENGINE_WORKERS", " 3 ")
    monkeypatch.setenv("NARRATOR_ENGINE_THREADS", "0")
    monkeypatch.setenv("NARRATOR_CLUSTER_TIMEOUT", "2.5")
    monkeypatch.setenv("NARRATOR_ALLOW_PRIVATE_NETWORK", "10.0.0.0/8, 192.168.1.5")
    environment.check_environment()
    assert environment.cache_dir() == tmp_path / "cache"
    assert environment.state_dir() == Path("~nosuchuser-narrator/state")  # an unknown ~user stays as written
    assert environment.cache_max_mb() == 1.5 and environment.engine_workers() == 3
    assert environment.engine_threads() is None  # 0: all cores, as unset
    assert environment.cluster_timeout() == 2.5
    assert [str(n) for n in environment.allowed_private_networks()] == ["10.0.0.0/8", "192.168.1.5/32"]
    monkeypatch.setenv("NARRATOR_ENGINE_THREADS", "2")
    assert environment.engine_threads() == 2


def test_allowing_every_private_network_reaches_child_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARRATOR_ALLOW_PRIVATE_NETWORK", "0")  # so monkeypatch restores it after the test
    assert environment.allowed_private_networks() == ()
    environment.allow_all_private_networks()
    assert environment.allowed_private_networks() == environment.ANY_NETWORK
    child = subprocess.run(
        [sys.executable, "-c", "from narrator import environment; print(environment.allowed_private_networks())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "0.0.0.0/0" in child.stdout and "::/0" in child.stdout


README = Path(__file__).resolve().parent.parent / "README.md"
DEVELOPMENT_VARIABLES = {"NARRATOR_CORPORA", "NARRATOR_WER_SYSTEMS"}
"""Read by benchmarks/, not by narrator."""


def test_the_readme_names_every_variable_and_the_ranges_it_states_are_the_ones_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    readme = README.read_text(encoding="utf-8")
    variables = {
        value for name, value in vars(environment).items() if name.isupper() and str(value).startswith("NARRATOR_")
    }
    assert variables - set(re.findall(r"NARRATOR_[A-Z_]+", readme)) == set()
    assert set(re.findall(r"NARRATOR_[A-Z_]+", readme)) - variables - DEVELOPMENT_VARIABLES == set()
    ranges = re.findall(r"`(NARRATOR_[A-Z_]+)`\s+\(([\d.]+) to ([\d.]+)", readme)
    assert {name for name, _, _ in ranges} == {
        environment.CACHE_MAX_MB,
        environment.ENGINE_WORKERS,
        environment.ENGINE_THREADS,
        environment.CLUSTER_TIMEOUT,
    }
    for name, low, high in ranges:
        below, above = _number_text(float(low) - 1), _number_text(float(high) + 1)
        for value, good in ((low, True), (high, True), (below, False), (above, False)):
            monkeypatch.setenv(name, value)
            if good:
                environment.check_environment()
            else:
                with pytest.raises(SettingError, match=rf"^{name}={value!r} is out of range"):
                    environment.check_environment()
        monkeypatch.delenv(name)


def _number_text(number: float) -> str:
    """A number as a person writes it: 65, 1000000001, -0.5."""
    return str(int(number)) if number.is_integer() else str(number)
