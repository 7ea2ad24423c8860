"""Figures of the code's structure: type errors, lint findings, import cycles, lazy imports, start-up time.

Run on demand: `python benchmarks/bench_structure.py [--against PATH]`. With `--against`, a
checkout of another revision (e.g. `git worktree add /tmp/before <commit>`) is measured in the same
run, with this checkout's mypy and ruff configuration so the counts compare like with like. Prints,
per checkout: mypy errors (strict, the pyproject configuration), ruff findings, import cycles at
import time and counting imports inside functions, function-level imports (all, and of the
project's own modules), `noqa` comments, and the median wall time of `import narrator` and of
`narrator --help` in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from import_graph import function_level_imports, import_cycles, import_edges  # noqa: E402


def mypy_errors(checkout: Path) -> str:
    """mypy's summary line for a checkout, under this checkout's configuration."""
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "narrator"],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = run.stdout.strip().splitlines()
    return lines[-1] if lines else run.stderr.strip()


def ruff_findings(checkout: Path, folders: list[str]) -> int:
    """Number of ruff findings under this checkout's configuration."""
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--config",
            str(ROOT / "pyproject.toml"),
            "-q",
            "--output-format",
            "concise",
            *folders,
        ],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
    )
    return sum(1 for line in run.stdout.splitlines() if re.match(r"\S+:\d+:\d+: ", line))


def noqa_comments(checkout: Path) -> int:
    """`noqa` comments in the package."""
    return sum(p.read_text(encoding="utf-8").count("# noqa") for p in (checkout / "narrator").rglob("*.py"))


def start_up(checkout: Path, code: str, repeat: int) -> float:
    """Median wall time of a fresh interpreter running `code` with the checkout first on the path."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=checkout, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def report(checkout: Path, repeat: int) -> None:
    """Print the figures of one checkout."""
    package = checkout / "narrator"
    edges = import_edges(package)
    lazy = function_level_imports(package)
    print(f"== {checkout}")
    print(f"mypy (strict):                {mypy_errors(checkout)}")
    print(f"ruff findings, narrator/:     {ruff_findings(checkout, ['narrator'])}")
    print(f"ruff findings, whole tree:    {ruff_findings(checkout, ['narrator', 'tests', 'benchmarks'])}")
    print(f"import cycles at import time: {import_cycles(edges)}")
    print(f"cycles counting lazy imports: {import_cycles(edges, include_lazy=True)}")
    print(f"function-level imports:       {len(lazy)} ({sum(own for *_, own in lazy)} of narrator's own modules)")
    print(f"noqa comments in narrator/:   {noqa_comments(checkout)}")
    path_first = f"import sys; sys.path.insert(0, {str(checkout)!r}); "
    help_code = (
        path_first
        + "sys.argv = ['narrator', '--help']\nfrom narrator.cli import main\ntry: main()\nexcept SystemExit: pass"
    )
    print(f"import narrator:              {start_up(checkout, path_first + 'import narrator', repeat) * 1000:.0f} ms")
    print(f"narrator --help:              {start_up(checkout, help_code, repeat) * 1000:.0f} ms")


def main() -> None:
    """Measure this checkout, and another one side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="a checkout of another revision, measured first")
    parser.add_argument("--repeat", type=int, default=7, help="start-up runs per measurement")
    args = parser.parse_args()
    if args.against:
        report(args.against.resolve(), args.repeat)
    report(ROOT, args.repeat)


if __name__ == "__main__":
    main()
