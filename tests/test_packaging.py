"""The wheel's contents as pyproject.toml declares them: every package and every data file of the tree ships.

pyproject lists packages by name and data files by pattern, so a new subpackage or data folder would be left
out of an installed narrator (it works from the source tree and breaks after `pip install`). Building a
wheel needs the network here (setuptools >= 77 in an isolated build), so these read pyproject instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _package_folder(package: str) -> Path:
    """The source folder setuptools takes `package` from (package-dir maps some elsewhere)."""
    mapped = SETUPTOOLS.get("package-dir", {})
    return ROOT / mapped[package] if package in mapped else ROOT / package.replace(".", "/")


def test_every_package_of_the_tree_is_listed_and_every_listed_one_exists() -> None:
    in_tree = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "narrator").rglob("__init__.py")}
    listed = set(SETUPTOOLS["packages"])
    assert in_tree - listed == set(), "add it to [tool.setuptools] packages, or the wheel leaves it out"
    assert [p for p in listed if not (_package_folder(p) / "__init__.py").is_file()] == []
    assert _package_folder("narrator.voices.shipped") == ROOT / "voices"  # the profiles, at the top for producers


def test_every_data_file_of_the_tree_matches_a_package_data_pattern() -> None:
    patterns = SETUPTOOLS["package-data"]
    shipped: set[Path] = set()
    for package in SETUPTOOLS["packages"]:
        folder = _package_folder(package)
        for pattern in [*patterns.get("*", []), *patterns.get(package, [])]:
            shipped.update(path for path in folder.glob(pattern) if path.is_file())
    data = [
        path
        for folder in (ROOT / "narrator", ROOT / "voices")
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix not in (".py", ".pyc")
        and "__pycache__" not in path.parts
        and not path.name.startswith(".")  # an editor's or the OS's, not the project's
    ]
    assert len(data) > 30, "the tree's data files were not found"
    assert sorted(str(p.relative_to(ROOT)) for p in data if p not in shipped) == []
    assert ROOT / "narrator" / "py.typed" in shipped
    assert {p.name for p in shipped if p.parent == ROOT / "voices"} >= {"default.toml", "news.toml", "joe.toml"}
