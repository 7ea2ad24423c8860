"""narrator/files.py on real files: the atomic helper, the one temporary-name pattern, stale-temporary cleanup, permissions, locks."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from narrator.errors import OutputError
from narrator.files import (
    check_folder_writable,
    check_inside,
    output_lock,
    published_mode,
    remove_legacy_lock_folder,
    remove_stale_temporaries,
    staged,
    state_dir,
    temp_name_matches,
    write_bytes_atomic,
)

LOOK_ALIKES = [
    ".a.backup.tmp",
    ".a.notes.part1",
    ".a.x1y2z3ab.mp3.part",
    ".feed.xml.abc.tmp",
    ".tmp-abc",
    "a.tmp",
    ".narrator-notes.tmp",
    ".narrator-0123.tmp",
    ".narrator-" + "g" * 32 + ".tmp",
    ".narrator-" + "0" * 32 + ".tmp.bak",
    "narrator-" + "0" * 32 + ".tmp",
    ".narrator-" + "A" * 32 + ".tmp",
]


def _kill_writer_midway(folder: Path) -> Path:
    """A process that stages a file in `folder` and is killed with SIGKILL before committing; returns its temporary."""
    code = textwrap.dedent(f"""
        import os, sys, time
        from pathlib import Path
        from narrator.files import staged
        with staged(Path({str(folder / "out.mp3")!r})) as s:
            s.temp.write_bytes(b"half an mp3")
            print(s.temp, flush=True)
            os.kill(os.getpid(), 9)
    """)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == -9
    return Path(run.stdout.strip())


def test_the_temporary_pattern_matches_no_look_alike() -> None:
    assert temp_name_matches(".narrator-" + "0123456789abcdef" * 2 + ".tmp")
    assert not [name for name in LOOK_ALIKES if temp_name_matches(name)]


def test_write_is_atomic_and_leaves_only_the_target(tmp_path: Path) -> None:
    write_bytes_atomic(tmp_path / "a.json", b"one")
    write_bytes_atomic(tmp_path / "a.json", b"two")
    assert (tmp_path / "a.json").read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_a_failed_stage_leaves_nothing_and_keeps_the_old_file(tmp_path: Path) -> None:
    (tmp_path / "a.mp3").write_bytes(b"old")
    with pytest.raises(RuntimeError), staged(tmp_path / "a.mp3") as s:
        s.temp.write_bytes(b"new, half")
        raise RuntimeError("encoder died")
    assert (tmp_path / "a.mp3").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.mp3"]


def test_one_permission_policy_from_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_bytes_atomic(tmp_path / "a.vtt", b"x")
        with staged(tmp_path / "a.mp3") as s:
            s.temp.write_bytes(b"mp3")  # written by path, as ffmpeg does; created private
            s.commit()
    finally:
        os.umask(old)
    assert published_mode() == 0o666 & ~old
    assert {(tmp_path / n).stat().st_mode & 0o777 for n in ("a.vtt", "a.mp3")} == {0o640}


def test_a_symlink_target_is_replaced_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "system-file"
    victim.write_bytes(b"precious")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.json").symlink_to(victim)
    write_bytes_atomic(tmp_path / "out" / "a.json", b"new")
    assert victim.read_bytes() == b"precious"
    assert not (tmp_path / "out" / "a.json").is_symlink()


def test_stale_temporaries_of_a_killed_writer_are_removed_and_look_alikes_survive(tmp_path: Path) -> None:
    for name in LOOK_ALIKES:
        (tmp_path / name).write_bytes(b"user data")
    stale = _kill_writer_midway(tmp_path)
    assert stale.exists() and temp_name_matches(stale.name)
    assert remove_stale_temporaries(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(LOOK_ALIKES)


def test_a_temporary_being_written_by_a_live_run_is_not_removed(tmp_path: Path) -> None:
    with staged(tmp_path / "a.mp3") as s:
        s.temp.write_bytes(b"in progress")
        # Another process cleaning the folder must leave it: its writer holds the lock.
        code = f"from pathlib import Path; from narrator.files import remove_stale_temporaries as r; print(r(Path({str(tmp_path)!r})))"
        assert (
            subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
            == "0"
        )
        assert s.temp.exists()
        s.commit()
    assert (tmp_path / "a.mp3").read_bytes() == b"in progress"


def test_a_symlink_with_the_temporary_name_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "keep"
    victim.write_bytes(b"x")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / (".narrator-" + "1" * 32 + ".tmp")).symlink_to(victim)
    assert remove_stale_temporaries(tmp_path / "out") == 0
    assert victim.exists()


def test_folder_checks(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        check_folder_writable(tmp_path / "missing")
    check_folder_writable(tmp_path)
    assert list(tmp_path.iterdir()) == []
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="outside the output folder"):
        check_inside(tmp_path / "out", tmp_path / "out" / "sub" / "a.mp3")
    check_inside(tmp_path / "out", tmp_path / "out" / "real" / "a.mp3")


def test_locks_live_in_the_state_folder_not_the_publish_folder(tmp_path: Path) -> None:
    with output_lock(tmp_path, "story"):
        pass
    assert list(tmp_path.iterdir()) == []
    assert list((state_dir() / "locks").glob("*.lock"))
    assert tmp_path not in state_dir().parents


def test_the_lock_folder_older_versions_left_is_removed_only_if_it_is_theirs(tmp_path: Path) -> None:
    legacy = tmp_path / "old" / ".narrator-locks"
    legacy.mkdir(parents=True)
    (legacy / ("ab" * 16 + ".lock")).write_bytes(b"")
    remove_legacy_lock_folder(tmp_path / "old")
    assert not legacy.exists()
    mine = tmp_path / "mine" / ".narrator-locks"
    mine.mkdir(parents=True)
    (mine / ("ab" * 16 + ".lock")).write_bytes(b"")
    (mine / "notes.txt").write_text("a user's file", encoding="utf-8")
    remove_legacy_lock_folder(tmp_path / "mine")
    assert sorted(p.name for p in mine.iterdir()) == ["ab" * 16 + ".lock", "notes.txt"]
