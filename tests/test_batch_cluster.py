"""Batches on a real Dask cluster (worker processes on 127.0.0.1): same files as a local batch, faults, errors."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from mutagen.mp3 import MP3

from narrator.batch import collect_items, run_batch
from narrator.batch.cluster import ClusterError, connect_cluster
from narrator.cli import main
from narrator.settings import NarrationSettings
from narrator.voices import load_profile

pytest.importorskip("distributed")

ARTICLE = (
    "Headline {n}\n\nThe council met on Monday. It voted 5-4 to approve plan {n}.\n\nA second paragraph follows here.\n"
)
LONG_SENTENCE = (
    "Reporter {n} wrote that the committee of the city reviewed the budget line by line for the {i}th time. "
)


def _articles(folder: Path, count: int, sentences: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        body = "".join(LONG_SENTENCE.format(n=n, i=i + 1) for i in range(sentences))
        (folder / f"story-{n}.txt").write_text(
            ARTICLE.format(n=n) + ("\n" + body + "\n" if body else ""), encoding="utf-8"
        )
    return folder


def _without_created(path: Path) -> dict:
    """The manifest without what is its own in each folder: creation time, and the episode's GUID and first publication."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("created", "published", "guid"):
        data.pop(key)
    return data


def _without_guid(path: Path) -> bytes:
    """A file's bytes with its narration's episode GUID blanked (the player page keys saved positions by it)."""
    guid = json.loads(path.with_name(path.name.split(".")[0] + ".manifest.json").read_text(encoding="utf-8"))["guid"]
    return path.read_bytes().replace(guid.encode(), b"GUID")


def _valid_mp3(path: Path, manifest: Path) -> None:
    audio = MP3(str(path))
    assert audio.info.length > 2 and audio.info.sample_rate == 44100
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["audio_bytes"] == path.stat().st_size and abs(data["duration_ms"] / 1000 - audio.info.length) < 0.2


def test_cluster_batch_writes_the_files_a_local_batch_writes(tmp_path: Path) -> None:
    """Real eSpeak; local batch first, then local:2 through the CLI into another folder.

    eSpeak NG is not bit-exact from one process to the next (a sample here and
    there moves a trim point by a millisecond), so both batches share one clip
    cache: the same clips must then give byte-identical MP3s and sidecars, and
    manifests that differ only in their creation time.
    """
    src = _articles(tmp_path / "in", 3)
    local = CliRunner().invoke(main, ["batch", "--json", str(src), "-o", str(tmp_path / "local"), "--workers", "1"])
    assert local.exit_code == 0, local.output
    result = CliRunner().invoke(
        main, ["batch", "--json", str(src), "-o", str(tmp_path / "dask"), "--cluster", "local:2"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["done"], summary["failed"]) == (3, 0)
    assert all(item["seconds"] > 0 and item["duration_ms"] > 0 for item in summary["items"])
    local_files = sorted(p.name for p in (tmp_path / "local").iterdir() if not p.name.startswith("."))
    assert local_files == sorted(p.name for p in (tmp_path / "dask").iterdir() if not p.name.startswith("."))
    assert len(local_files) == 3 * 7  # mp3, vtt, srt, chapters, transcript, manifest, player page
    for name in local_files:
        mine, theirs = tmp_path / "dask" / name, tmp_path / "local" / name
        if name.endswith(".manifest.json"):
            assert _without_created(mine) == _without_created(theirs), name
        else:
            assert _without_guid(mine) == _without_guid(theirs), name
    # Skipping is decided on the client: a rerun sends nothing and skips all.
    rerun = CliRunner().invoke(
        main, ["batch", "--json", str(src), "-o", str(tmp_path / "dask"), "--cluster", "local:1"]
    )
    assert json.loads(rerun.stdout)["skipped"] == 3


def test_settings_files_travel_to_the_workers(tmp_path: Path, tone_profile: Path) -> None:
    """A lexicon on the client's disk reaches the worker; the manifest names the client's path."""
    src = _articles(tmp_path / "in", 1)
    lexicon = tmp_path / "lex.toml"
    lexicon.write_text('[words]\ncouncil = "kownsel"\n', encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "batch",
            "--json",
            str(src),
            "-o",
            str(tmp_path / "out"),
            "--voice",
            str(tone_profile),
            "--lexicon",
            str(lexicon),
            "--cluster",
            "local:1",
        ],
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "story-0.manifest.json").read_text())
    assert any("kownsel" in s["spoken"] for s in manifest["segments"])
    assert manifest["settings"]["lexicons"] == [str(lexicon)]


def test_bad_items_fail_alone_on_the_cluster(tmp_path: Path, tone_profile: Path) -> None:
    src = _articles(tmp_path / "in", 2)
    (src / "empty.txt").write_text("   ")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = CliRunner().invoke(
        main,
        [
            "batch",
            "--json",
            str(src),
            "-o",
            str(tmp_path / "out"),
            "--voice",
            str(tone_profile),
            "--cluster",
            "local:2",
        ],
    )
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["done"], summary["failed"]) == (2, 2)
    reasons = {Path(i["label"]).name: i["error"] for i in summary["items"] if i["status"] == "failed"}
    assert "empty" in reasons["empty.txt"] and reasons["binary.txt"]
    assert not (tmp_path / "out" / "empty.mp3").exists()


def test_a_worker_killed_mid_batch_has_its_items_rerun(tmp_path: Path) -> None:
    """kill -9 a worker process while it narrates; the batch still completes with every output valid."""
    src = _articles(tmp_path / "in", 4, sentences=10)
    items = collect_items([str(src)])
    settings = NarrationSettings(voice=load_profile("default"))
    killed: list[int] = []
    with connect_cluster("local:2") as connection:
        client = connection.client

        def kill_a_busy_worker() -> None:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                busy = [address for address, keys in client.processing().items() if keys]
                if busy:
                    pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                    time.sleep(0.5)  # let it get into the item
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                    return
                time.sleep(0.05)

        killer = threading.Thread(target=kill_a_busy_worker)
        killer.start()
        summary = run_batch(items, tmp_path / "out", settings, cluster=connection)
        killer.join()
    assert killed, "no worker was busy"
    assert (summary.count("done"), summary.count("failed")) == (4, 0), [r.error for r in summary.results]
    for n in range(4):
        _valid_mp3(tmp_path / "out" / f"story-{n}.mp3", tmp_path / "out" / f"story-{n}.manifest.json")
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith((".part", ".tmp"))]


def test_local_workers_keep_glibcs_own_malloc_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    """local:N workers (and the engines and ffmpeg they start) run without Dask's MALLOC_TRIM_THRESHOLD_, which cost ~35% more CPU per item."""
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with connect_cluster("local:1") as connection:
        seen = connection.client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_")
        omp = connection.client.run(os.environ.get, "OMP_NUM_THREADS")
    assert list(seen.values()) == [None]
    assert list(omp.values()) == ["1"]  # Dask's other worker settings stay
    assert (
        "MALLOC_TRIM_THRESHOLD_" not in os.environ
    )  # nor is the client's own environment changed for what it starts later


def test_unreachable_scheduler_is_one_line_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    port = _free_port()  # nothing listens on it
    monkeypatch.setenv("NARRATOR_CLUSTER_TIMEOUT", "1")
    src = _articles(tmp_path / "in", 1)
    result = CliRunner().invoke(
        main, ["batch", str(src), "-o", str(tmp_path / "out"), "--cluster", f"tcp://127.0.0.1:{port}"]
    )
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in lines[0]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("spec", ["local:0", "somewhere:8786"])
def test_bad_cluster_addresses_are_clear_errors(spec: str) -> None:
    with pytest.raises(ClusterError, match="local"):
        connect_cluster(spec)


def test_batch_help_explains_cluster() -> None:
    result = CliRunner().invoke(main, ["batch", "--help"])
    assert result.exit_code == 0 and "--cluster" in result.output and "local:N" in result.output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_scheduler_and_worker_started_with_dasks_own_commands(
    tmp_path: Path, tone_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`dask scheduler` and `dask worker` as the README starts them; a scheduler without workers is refused first."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    monkeypatch.setenv("NARRATOR_CLUSTER_TIMEOUT", "2")
    dask = [sys.executable, "-m", "dask"]
    scheduler = subprocess.Popen(
        [*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        src = _articles(tmp_path / "in", 2)
        args = [
            "batch",
            "--json",
            str(src),
            "-o",
            str(tmp_path / "out"),
            "--voice",
            str(tone_profile),
            "--cluster",
            address,
        ]
        deadline = time.monotonic() + 60
        while True:  # until the scheduler listens: then it has no workers yet
            result = CliRunner().invoke(main, args)
            if "has no workers" in result.output or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert result.exit_code != 0 and result.output.strip().splitlines() == [
            f"Error: the Dask scheduler at {address} has no workers (none joined within 2 s)"
        ]
        worker = subprocess.Popen(
            [*dask, "worker", address, "--nthreads", "1", "--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        monkeypatch.setenv("NARRATOR_CLUSTER_TIMEOUT", "60")
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["done"] == 2
        _valid_mp3(tmp_path / "out" / "story-0.mp3", tmp_path / "out" / "story-0.manifest.json")
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
