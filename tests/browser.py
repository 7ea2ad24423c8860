"""Real-browser helpers for the player tests: Debian's Chromium driven by Playwright, axe-core, a local server.

On CI (CI=true) a missing browser, Playwright or axe-core fails the tests;
elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]  # fmt: skip


def require(condition: bool, reason: str) -> None:
    """Skip with `reason` unless `condition`; on CI, fail instead: CI must run these tests for real."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI must run the browser tests: see .ci/run)")
    pytest.skip(reason)


def chromium_path() -> str | None:
    """The Chromium to drive: $NARRATOR_CHROMIUM, else Debian's chromium."""
    candidate = os.environ.get("NARRATOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if Path(candidate).is_file() else None


def axe_source() -> str:
    """axe-core's script, installed by `npm ci` at the repository root (or $NARRATOR_AXE_JS)."""
    path = Path(os.environ.get("NARRATOR_AXE_JS") or ROOT / "node_modules" / "axe-core" / "axe.min.js")
    require(path.is_file(), f"axe-core not found at {path}; run `npm ci` in the repository root")
    return path.read_text(encoding="utf-8")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium launched by Playwright."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright for Python is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    require(executable is not None, "Chromium not found (Debian: apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class RangeRequestHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server with byte ranges, as real hosts have: browsers seek audio with them."""

    def log_message(self, *args: object) -> None:
        """Quiet."""

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if match is None or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        start = int(match.group(1))
        end = min(int(match.group(2)) if match.group(2) else size - 1, size - 1)
        if start >= size:
            self.send_error(416)
            return None
        handle = open(path, "rb")  # noqa: SIM115 - closed by the base class after copying
        handle.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        self._remaining = end - start + 1
        return handle

    def copyfile(self, source, outputfile) -> None:
        """Copy only the requested range."""
        remaining = getattr(self, "_remaining", None)
        if remaining is None:
            return super().copyfile(source, outputfile)
        outputfile.write(source.read(remaining))


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(RangeRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def axe_violations(page: Any, axe: str) -> list[dict[str, Any]]:
    """Run axe-core (all its rules) in the page; the violations, each with its first offending node."""
    page.add_script_tag(content=axe)
    return page.evaluate(
        """() => axe.run(document).then(r => r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
            html: v.nodes[0].html, summary: v.nodes[0].failureSummary})))"""
    )
