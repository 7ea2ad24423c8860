"""The README's Python examples run as written (in order, from a copy of the repository's samples)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def python_blocks(text: str) -> list[str]:
    """The ```python blocks of a Markdown text, in order."""
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)


def test_the_readme_has_python_examples_of_narrate_batch_and_feed() -> None:
    code = "\n".join(python_blocks(README.read_text(encoding="utf-8")))
    for call in ("narrate(", "narrate_batch(", "write_feed("):
        assert call in code


def test_the_readme_python_examples_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(SAMPLES, tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    blocks = python_blocks(README.read_text(encoding="utf-8"))
    for number, block in enumerate(blocks, 1):
        try:
            exec(compile(block, f"README.md python block {number}", "exec"), {"__name__": "__readme__"})
        except Exception as exc:  # name the block, so a broken example is found at once
            pytest.fail(f"README python block {number} fails: {type(exc).__name__}: {exc}\n{block}")
    printed = capsys.readouterr().out
    assert "out/story.mp3" in printed
    assert "cannot narrate: loudness_lufs must be a number" in printed
    assert "1 done, 0 failed" in printed
    assert (tmp_path / "site" / "audio" / "feed.xml").is_file()
    assert (tmp_path / "out" / "quieter" / "story.mp3").is_file()


def test_a_broken_example_fails_the_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The extraction must find code: a README whose examples were all dropped must not pass silently.
    assert python_blocks("text\n```python\nraise SystemExit(3)\n```\n") == ["raise SystemExit(3)\n"]
