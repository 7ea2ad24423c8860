"""kill -9 at points during narrate and batch, concurrent runs, and user files with look-alike names: nothing lost, nothing left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from narrator.publish import find_manifests, read_manifest, sha256_file
from narrator.files import temp_name_matches

ARTICLE = (
    "Headline {n}\n\n"
    + "The council met on Monday. It voted 5-4 to approve the plan. " * 12
    + "\n\nA second paragraph follows here.\n"
)
LOOK_ALIKES = {
    ".a.backup.tmp": b"backup",
    ".a.notes.part1": b"notes",
    ".story-0.x1y2z3ab.mp3.part": b"mine",
    ".story-0.manifest.json.abc123.tmp": b"also mine",
    "story-0.mp3.part": b"a download",
    ".tmp-keep": b"k",
}


def _narrator(*args: str) -> list[str]:
    return [sys.executable, "-m", "narrator", *args]


def _kill_when(command: list[str], ready: Callable[[], bool], timeout: float = 120) -> bool:
    """Run `command`; SIGKILL its whole process group as soon as `ready()`; True if it was killed (not finished first)."""
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if ready():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.002)
    process.wait(timeout=60)
    return False


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if temp_name_matches(p.name)]


def _assert_complete_sets(folder: Path, names: set[str]) -> None:
    """Every narration in `folder` is complete and consistent; exactly `names` are there; no temporaries."""
    manifests = find_manifests(folder)
    assert {read_manifest(m).audio for m in manifests} == names
    for path in manifests:
        manifest = read_manifest(path)
        assert manifest.input_sha256  # final, not pending
        assert manifest.audio_sha256 == sha256_file(path.parent / manifest.audio)
        assert all((path.parent / name).is_file() for name in manifest.sidecars.values())
    assert _temporaries(folder) == []


def _with_look_alikes(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in LOOK_ALIKES.items():
        (folder / name).write_bytes(data)


def _look_alikes_intact(folder: Path) -> bool:
    return all((folder / name).read_bytes() == data for name, data in LOOK_ALIKES.items())


@pytest.mark.parametrize("point", ["start", "temporary", "manifest", "audio", "sidecar"])
def test_narrate_killed_at_a_point_loses_nothing_and_a_rerun_finishes(
    tmp_path: Path, tone_profile: Path, point: str
) -> None:
    source = tmp_path / "story-0.txt"
    source.write_text(ARTICLE.format(n=0), encoding="utf-8")
    out = tmp_path / "out"
    _with_look_alikes(out)
    target = out / "story-0.mp3"
    command = _narrator("narrate", str(source), "-o", str(target), "--voice", str(tone_profile))
    started = time.monotonic()
    ready = {
        "start": lambda: time.monotonic() - started > 0.3,
        "temporary": lambda: bool(_temporaries(out)),
        "manifest": (out / "story-0.manifest.json").exists,
        "audio": target.exists,
        "sidecar": (out / "story-0.vtt").exists,
    }[point]
    assert _kill_when(command, ready)
    assert _look_alikes_intact(out)
    if target.exists():  # a reader never sees half an MP3
        assert target.read_bytes()[:3] == b"ID3"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    _assert_complete_sets(out, {"story-0.mp3"})
    first = read_manifest(out / "story-0.manifest.json")
    # Killed again while replacing the set with a corrected article: the rerun completes it as the same episode.
    source.write_text(ARTICLE.format(n=0) + "\nA correction.\n", encoding="utf-8")
    assert _kill_when(command, lambda: bool(_temporaries(out)))
    assert subprocess.run(command, capture_output=True, text=True, timeout=120).returncode == 0
    _assert_complete_sets(out, {"story-0.mp3"})
    corrected = read_manifest(out / "story-0.manifest.json")
    assert corrected.input_sha256 != first.input_sha256 and corrected.guid == first.guid
    assert _look_alikes_intact(out)


def test_batch_killed_twice_then_rerun_leaves_complete_sets_and_user_files(tmp_path: Path, tone_profile: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(4):
        (src / f"story-{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    out = tmp_path / "out"
    _with_look_alikes(out)
    command = _narrator("batch", str(src), "-o", str(out), "--voice", str(tone_profile), "--workers", "2", "-q")
    assert _kill_when(command, lambda: bool(_temporaries(out)))
    _kill_when(command, lambda: len(find_manifests(out)) >= 3)
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    _assert_complete_sets(out, {f"story-{n}.mp3" for n in range(4)})
    assert _look_alikes_intact(out)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == sorted(
        n for n in LOOK_ALIKES if n.startswith(".")
    )


def test_concurrent_narrations_of_two_articles_with_one_title(tmp_path: Path, tone_profile: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    runs = []
    for n in range(2):
        source = tmp_path / f"{n}.md"
        source.write_text(f"# Editorial\n\nEditorial number {n} says something different.\n", encoding="utf-8")
        runs.append(
            subprocess.Popen(
                _narrator("narrate", str(source), "-o", str(out), "--voice", str(tone_profile)),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read() if run.stderr else ""
    _assert_complete_sets(out, {"editorial.mp3", "editorial-2.mp3"})
    assert {read_manifest(m).source for m in find_manifests(out)} == {str(tmp_path / "0.md"), str(tmp_path / "1.md")}


def test_concurrent_narrations_of_one_article_to_one_file(tmp_path: Path, tone_profile: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE.format(n=1), encoding="utf-8")
    target = tmp_path / "out.mp3"
    command = _narrator("narrate", str(source), "-o", str(target), "--voice", str(tone_profile))
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [run.communicate(timeout=180) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert (
        sum("up to date" in stdout for stdout, _ in outputs) == 2
    )  # the lock let one narrate; the others found it done
    _assert_complete_sets(tmp_path, {"out.mp3"})
