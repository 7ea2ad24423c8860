"""A killed batch leaves no worker or engine process working; SIGTERM is handled like Ctrl-C (one line, exit 143)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")


def _parents() -> dict[int, int]:
    """pid → parent pid of every process."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def _descendants(root: int) -> set[int]:
    parents = _parents()
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_workers_and_engines_end_with_the_batch(sig: signal.Signals, sample_article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(4):
        shutil.copy(sample_article, folder / f"story-{number}.md")
    env = {**os.environ, "NARRATOR_ENGINE_WORKERS": "1"}
    batch = subprocess.Popen(
        [sys.executable, "-m", "narrator", "batch", str(folder), "-o", str(tmp_path / "out"), "--workers", "2", "-q"],
        env=env,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    started = set()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(started) < 4:  # two item workers, each with its eSpeak worker
            time.sleep(0.2)
            started |= _descendants(batch.pid)
        assert len(started) >= 4, "the batch did not start its workers"
        batch.send_signal(sig)
        code = batch.wait(30)
        stderr = batch.stderr.read().decode()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in started):
            time.sleep(0.2)
        assert not [pid for pid in started if _alive(pid)], "worker processes outlived the batch"
    finally:
        for pid in [batch.pid, *started]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    if sig == signal.SIGTERM:
        assert code == 143
        assert stderr == "narrator: terminated\n"
    assert not list((tmp_path / "out").rglob("*.mp3")) or all(
        p.stat().st_size > 0 for p in (tmp_path / "out").rglob("*.mp3")
    )
