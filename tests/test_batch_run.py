"""Batch runs: per-item failures, incremental re-runs, interruption safety, parallel workers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.batch.run import core_sets, worker_plan
from narrator.cli import main

ARTICLE = (
    "Headline {n}\n\nThe council met on Monday. It voted 5-4 to approve the plan.\n\nA second paragraph follows here.\n"
)


def _articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"story-{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    return folder


def _batch(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["batch", "--json", *args])
    return result.exit_code, json.loads(result.output)


def test_batch_with_failures_continues_and_reports(tmp_path: Path, tone_profile: Path) -> None:
    src = _articles(tmp_path / "in", 2)
    (src / "empty.txt").write_text("")
    code, summary = _batch(str(src), "-o", str(tmp_path / "out"), "--voice", str(tone_profile), "--workers", "1")
    assert code == 1
    assert (summary["done"], summary["failed"]) == (2, 1)
    [failed] = [i for i in summary["items"] if i["status"] == "failed"]
    assert "empty" in failed["error"] and failed["label"].endswith("empty.txt")
    for n in range(2):
        assert (tmp_path / "out" / f"story-{n}.mp3").is_file()
        assert (tmp_path / "out" / f"story-{n}.manifest.json").is_file()
    assert not (tmp_path / "out" / "empty.mp3").exists()


def test_fail_fast_stops_at_first_failure(tmp_path: Path, tone_profile: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-empty.txt").write_text("")
    _articles(src, 3)
    code, summary = _batch(
        str(src), "-o", str(tmp_path / "out"), "--voice", str(tone_profile), "--workers", "1", "--fail-fast"
    )
    assert code == 1 and summary["interrupted"] and summary["done"] == 0


def test_rerun_skips_unchanged_and_redoes_edited(tmp_path: Path, tone_profile: Path) -> None:
    src = _articles(tmp_path / "in", 3)
    args = [str(src), "-o", str(tmp_path / "out"), "--voice", str(tone_profile), "--workers", "1"]
    assert _batch(*args)[1]["done"] == 3
    before = (tmp_path / "out" / "story-1.mp3").stat().st_mtime_ns
    code, summary = _batch(*args)
    assert code == 0 and summary["skipped"] == 3 and summary["done"] == 0
    (src / "story-2.txt").write_text(ARTICLE.format(n=2).replace("Monday", "Tuesday"), encoding="utf-8")
    code, summary = _batch(*args)
    assert (summary["skipped"], summary["done"]) == (2, 1)
    assert (tmp_path / "out" / "story-1.mp3").stat().st_mtime_ns == before
    manifest = json.loads((tmp_path / "out" / "story-2.manifest.json").read_text())
    assert any("Tuesday" in s["text"] for s in manifest["segments"])


def test_changed_settings_redo_items(tmp_path: Path, tone_profile: Path) -> None:
    src = _articles(tmp_path / "in", 1)
    args = [str(src), "-o", str(tmp_path / "out"), "--voice", str(tone_profile), "--workers", "1"]
    _batch(*args)
    assert _batch(*args, "--bitrate", "96")[1]["done"] == 1


def test_parallel_workers_with_real_engines_of_both_kinds(tmp_path: Path) -> None:
    """Two items, one eSpeak and one Piper, in two worker processes of one batch."""
    src = _articles(tmp_path / "in", 2)
    manifest = tmp_path / "list.jsonl"
    manifest.write_text(
        json.dumps({"source": str(src / "story-0.txt"), "voice": "default"})
        + "\n"
        + json.dumps({"source": str(src / "story-1.txt"), "voice": "joe"})
        + "\n"
    )
    code, summary = _batch(str(manifest), "-o", str(tmp_path / "out"), "--workers", "2")
    assert code == 0, summary
    assert summary["done"] == 2 and summary["audio_minutes"] > 0


def test_kill_minus_9_leaves_no_visible_partial_files_and_rerun_finishes(tmp_path: Path, tone_profile: Path) -> None:
    src = _articles(tmp_path / "in", 6)
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "narrator",
        "batch",
        str(src),
        "-o",
        str(out),
        "--voice",
        str(tone_profile),
        "--workers",
        "1",
        "-q",
    ]
    process = subprocess.Popen(cmd, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.manifest.json"))) < 2:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for mp3 in out.glob("*.mp3"):
        assert not mp3.name.startswith(".")
    code, summary = _batch(str(src), "-o", str(out), "--voice", str(tone_profile), "--workers", "1")
    assert code == 0 and summary["done"] + summary["skipped"] == 6
    assert sorted(p.name for p in out.glob("*.mp3")) == [f"story-{n}.mp3" for n in range(6)]
    assert not [p for p in out.iterdir() if ".part" in p.name]


def test_two_concurrent_batches_on_one_folder(tmp_path: Path, tone_profile: Path) -> None:
    src = _articles(tmp_path / "in", 6)
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "narrator",
        "batch",
        str(src),
        "-o",
        str(out),
        "--voice",
        str(tone_profile),
        "--workers",
        "1",
        "-q",
        "--json",
    ]
    runs = [subprocess.Popen(cmd, stdout=subprocess.PIPE) for _ in range(2)]
    outputs = [json.loads(run.communicate(timeout=300)[0]) for run in runs]
    assert all(o["failed"] == 0 for o in outputs)
    assert sum(o["done"] for o in outputs) >= 6
    from narrator.publish import read_manifest, sha256_file

    for n in range(6):
        manifest = read_manifest(out / f"story-{n}.manifest.json")
        assert manifest.audio_sha256 == sha256_file(out / f"story-{n}.mp3")


def test_full_disk_fails_cleanly_and_keeps_previous_outputs(
    tmp_path: Path, tone_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _articles(tmp_path / "in", 1)
    args = [str(src), "-o", str(tmp_path / "out"), "--voice", str(tone_profile), "--workers", "1"]
    _batch(*args)
    previous = (tmp_path / "out" / "story-0.mp3").read_bytes()
    (src / "story-0.txt").write_text(ARTICLE.format(n=0).replace("Monday", "Friday"))

    import narrator.master.encode as encode

    def full_disk(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(encode, "_encode", full_disk)
    code, summary = _batch(*args)
    assert code == 1 and "No space left on device" in summary["items"][0]["error"]
    assert (tmp_path / "out" / "story-0.mp3").read_bytes() == previous
    assert not [p for p in (tmp_path / "out").iterdir() if ".part" in p.name]


def test_cache_info_and_clear(tmp_path: Path, tone_profile: Path) -> None:
    src = _articles(tmp_path / "in", 1)
    _batch(str(src), "-o", str(tmp_path / "out"), "--voice", str(tone_profile), "--workers", "1")
    info = json.loads(CliRunner().invoke(main, ["cache", "info", "--json"]).output)
    assert info["clips"] > 0 and info["bytes"] > 0
    assert "removed" in CliRunner().invoke(main, ["cache", "clear"]).output
    assert json.loads(CliRunner().invoke(main, ["cache", "info", "--json"]).output)["clips"] == 0


def test_cache_prune_keeps_recent_clips(tmp_path: Path) -> None:
    from narrator.models import Clip
    from narrator.synthesize import ClipCache

    cache = ClipCache(tmp_path)
    for n in range(5):
        cache.put(ClipCache.key("x", str(n)), Clip(b"\x01\x00" * 10000, 22050))
        path = cache._path(ClipCache.key("x", str(n)))
        os.utime(path, (n, n))
    removed = cache.prune(max_bytes=2 * 20100)
    assert removed == 3
    assert cache.get(ClipCache.key("x", "4")) is not None and cache.get(ClipCache.key("x", "0")) is None


@pytest.mark.parametrize(
    ("workers", "items", "plan"),
    [(1, 20, (1, 1)), (2, 20, (2, 1)), (2, 1, (1, 2)), (4, 3, (3, 1)), (8, 3, (3, 2)), (4, 0, (1, 4))],
)
def test_workers_are_cores_one_item_on_each(workers: int, items: int, plan: tuple[int, int]) -> None:
    assert worker_plan(workers, items) == plan


def test_default_workers_use_every_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("narrator.batch.run.available_cores", lambda: 6)
    assert worker_plan(None, 100) == (6, 1)
    assert worker_plan(None, 2) == (2, 3)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="CPU affinity is Linux-only")
def test_core_sets_are_disjoint_and_within_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3, 5, 7})
    assert core_sets(3, 2) == [{0, 1}, {2, 3}, {5, 7}]
    assert core_sets(6, 1) == [{0}, {1}, {2}, {3}, {5}, {7}]
    assert core_sets(4, 2) is None  # more cores than allowed: the OS schedules


@pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2, reason="needs two CPUs and affinity"
)
def test_parallel_workers_are_pinned_to_a_core_each() -> None:
    # A worker process set up with a CPU set runs there (and so do the engines and ffmpeg it starts); its parent does not.
    code = (
        "import multiprocessing, os\n"
        "from narrator.batch.run import _set_up_worker\n"
        "def child(pins, out):\n"
        "    _set_up_worker(1, 1, pins)\n"
        "    out.put(sorted(os.sched_getaffinity(0)))\n"
        "if __name__ == '__main__':\n"
        "    ctx = multiprocessing.get_context()\n"
        "    pins, out = ctx.SimpleQueue(), ctx.SimpleQueue()\n"
        "    first = min(os.sched_getaffinity(0))\n"
        "    pins.put({first})\n"
        "    p = ctx.Process(target=child, args=(pins, out)); p.start(); p.join()\n"
        "    print(out.get() == [first], sorted(os.sched_getaffinity(0)) != [first])\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "True"]


def _report_affinity(item, outdir, settings, force=False, engines=None):
    """Hold the worker a moment (so each worker takes an item) and report the CPUs it runs on."""
    from narrator.batch.run import ItemResult

    time.sleep(0.5)
    return ItemResult(item.label, "done", error=",".join(map(str, sorted(os.sched_getaffinity(0)))))


@pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity")
    or len(os.sched_getaffinity(0)) < 2
    or __import__("multiprocessing").get_start_method() != "fork",
    reason="needs two CPUs, affinity, and forked workers (which see the stand-in)",
)
def test_a_two_worker_batch_runs_each_worker_on_its_own_core(
    tmp_path: Path, tone_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from narrator.batch import collect_items, run_batch
    from narrator.settings import NarrationSettings
    from narrator.voices import load_profile

    src = tmp_path / "in"
    src.mkdir()
    _articles(src, 2)
    monkeypatch.setattr("narrator.batch.run.narrate_item", _report_affinity)
    summary = run_batch(
        collect_items([str(src)]), tmp_path / "out", NarrationSettings(voice=load_profile(str(tone_profile))), workers=2
    )
    cores = sorted(result.error for result in summary.results)
    allowed = sorted(os.sched_getaffinity(0))
    assert cores == [str(allowed[0]), str(allowed[1])]


def test_failure_lines_name_the_item_once(tmp_path: Path, tone_profile: Path) -> None:
    """Not "FAILED emptydir: emptydir: no articles ..." but the label, then the reason."""
    empty = tmp_path / "emptydir"
    empty.mkdir()
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(
        main, ["batch", str(empty), str(missing), "-o", str(tmp_path / "out"), "--voice", str(tone_profile), "-q"]
    )
    assert result.exit_code == 1
    failed = sorted(line for line in result.output.splitlines() if line.startswith("FAILED"))
    assert failed == [
        f"FAILED {empty}: no articles in this folder (.htm, .html, .markdown, .md, .txt, .xhtml)",
        f"FAILED {missing}: no such file or folder",
    ]
