"""Make docs/player-light.png and docs/player-dark.png: the sample narration's player in Chromium.

Usage: python docs/screenshots.py  (needs Debian's chromium and Playwright for Python, as the browser tests do)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from narrator import narrate

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser import CHROMIUM_ARGS, chromium_path  # noqa: E402

VIEWPORT = {"width": 760, "height": 1080}


def main() -> None:
    """Narrate the sample with eSpeak NG, open its player mid-sentence in light and dark mode, and save both."""
    with tempfile.TemporaryDirectory() as folder:
        narrate(ROOT / "samples" / "city-budget.md", Path(folder) / "story.mp3")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for scheme in ("light", "dark"):
                page = browser.new_page(color_scheme=scheme, viewport=VIEWPORT, device_scale_factor=1)
                page.goto((Path(folder) / "story.html").as_uri())
                page.wait_for_function("document.getElementById('audio').readyState >= 1")
                page.click("#s3")
                page.wait_for_timeout(2300)  # a few words into the sentence
                page.click("#play")
                page.mouse.move(0, 0)
                page.evaluate("window.scrollTo(0, 0)")
                page.focus("#next-sentence")
                page.keyboard.press("Shift+Tab")
                page.keyboard.press("Tab")  # a keyboard focus ring, as a keyboard user sees it
                target = ROOT / "docs" / f"player-{scheme}.png"
                page.screenshot(path=str(target))
                print(target, target.stat().st_size, "bytes")
            browser.close()


if __name__ == "__main__":
    main()
