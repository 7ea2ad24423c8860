"""The public API: every name in narrator.__all__ resolves, lazily, and the package is typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import narrator


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
