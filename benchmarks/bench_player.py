"""The read-along player page of a 15-minute narration: its size, and its script time in Chromium.

Targets (issue 18): interactive in under 200 ms of script time; under 100 kB plus the transcript.
Narrates real articles from the corpora with eSpeak NG (word times included) until the audio
is 15 minutes long, then loads the page from file:// in Debian's Chromium (Playwright) several
times, each in a fresh context, and reads Chromium's own counters (CDP Performance.getMetrics).

Usage: python benchmarks/bench_player.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from _common import REPO, corpora, machine

sys.path.insert(0, str(REPO / "tests"))
from browser import CHROMIUM_ARGS, chromium_path

TARGET_MS = 15 * 60 * 1000
WORDS_PER_MINUTE = 140  # eSpeak NG at the default profile, pauses included: a first guess, checked below


def article_text(minutes: float) -> str:
    """Markdown of corpus article bodies, about `minutes` long when read."""
    bodies = json.loads((corpora() / "articles" / "ground-truth.json").read_text(encoding="utf-8"))
    paragraphs: list[str] = []
    words = 0
    for key in sorted(bodies):
        for paragraph in bodies[key]["articleBody"].split("\n"):
            if words >= minutes * WORDS_PER_MINUTE:
                break
            if paragraph.strip():
                paragraphs.append(paragraph.strip())
                words += len(paragraph.split())
    return (
        "---\ntitle: Fifteen minutes of news\nauthor: Bench Mark\ndate: 2026-11-23\n---\n\n"
        + "\n\n".join(paragraphs)
        + "\n"
    )


def narrate_long(folder: Path) -> dict:
    """Narrate a 15-minute article (or a little more); its manifest."""
    from narrator import narrate

    minutes = 15.5
    while True:
        source = folder / "long.md"
        source.write_text(article_text(minutes), encoding="utf-8")
        result = narrate(source, folder / "story.mp3")
        if result.duration_ms >= TARGET_MS:
            return json.loads((folder / "story.manifest.json").read_text(encoding="utf-8"))
        minutes *= TARGET_MS / result.duration_ms * 1.03


def page_sizes(page: Path) -> dict[str, int]:
    """Bytes of the whole page, of its transcript (the text and its timings), and of the rest."""
    html = page.read_text(encoding="utf-8")
    start = html.index('<section id="transcript"')
    transcript = html[start : html.index("</section>", start) + len("</section>")]
    data_start = html.index('<script type="application/json" id="narration-data">')
    data = html[data_start : html.index("</script>", data_start)]
    total = len(html.encode())
    timings = len(transcript.encode()) + len(data.encode())
    return {"total": total, "transcript": timings, "rest": total - timings}


def load_once(browser, url: str) -> dict[str, float]:
    """One cold load in a fresh context: Chromium's script and task time, and when the player was ready."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(url, wait_until="load")
    page.wait_for_function("performance.getEntriesByName('narrator-player-ready').length > 0")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    marks = page.evaluate(
        """() => ({ready: performance.getEntriesByName('narrator-player-ready')[0].startTime,
                  init: performance.getEntriesByName('narrator-player-ready')[0].startTime
                        - performance.getEntriesByName('narrator-player-start')[0].startTime,
                  interactive: performance.getEntriesByType('navigation')[0].domInteractive})"""
    )
    context.close()
    return {
        "script_ms": metrics["ScriptDuration"] * 1000,
        "task_ms": metrics["TaskDuration"] * 1000,
        "init_ms": marks["init"],
        "ready_ms": marks["ready"],
        "dom_interactive_ms": marks["interactive"],
    }


def sentence_only_page(folder: Path) -> Path:
    """The same article narrated by the tone engine, which times no words: a page with sentence highlighting only."""
    from narrator import narrate

    voice = folder / "tone.toml"
    voice.write_text('engine = "tone"\n', encoding="utf-8")
    narrate(folder / "long.md", folder / "sentences.mp3", voice=voice)
    return folder / "sentences.html"


def report(name: str, runs: list[dict[str, float]]) -> None:
    """Medians and ranges of the load measurements."""
    print(f"{name}:")
    for key, label in (
        ("script_ms", "script time (CDP ScriptDuration, whole load)"),
        ("task_ms", "all main-thread tasks (CDP TaskDuration)"),
        ("init_ms", "player script start to ready"),
        ("dom_interactive_ms", "navigation to DOM interactive"),
        ("ready_ms", "navigation to player ready"),
    ):
        values = [run[key] for run in runs]
        print(
            f"  {label}: median {statistics.median(values):.1f} ms (min {min(values):.1f}, max {max(values):.1f}, "
            f"{len(values)} cold loads)"
        )


def main() -> None:
    """Print the page's size and its script time over several cold loads, beside a sentence-only page of the text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if corpora() is None:
        sys.exit("corpora not found: set NARRATOR_CORPORA or place them at ../shared/corpora")
    from playwright.sync_api import sync_playwright

    print(machine())
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        manifest = narrate_long(folder)
        words = sum(len(s.get("words") or ()) for s in manifest["segments"])
        print(
            f"narration: {manifest['duration_ms'] / 60000:.1f} min, {len(manifest['segments'])} segments, {words} "
            "timed words"
        )
        pages = {
            "with word timing (eSpeak NG)": folder / "story.html",
            "sentences only (same text, tone engine)": sentence_only_page(folder),
        }
        for label, page in pages.items():
            sizes = page_sizes(page)
            print(
                f"page {label}: {sizes['total'] / 1000:.1f} kB = transcript with its timings "
                f"{sizes['transcript'] / 1000:.1f} kB "
                f"+ the rest (player, styles, script, header) {sizes['rest'] / 1000:.1f} kB  [target: rest < 100 kB]"
            )
        runs: dict[str, list[dict[str, float]]] = {label: [] for label in pages}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for page in pages.values():
                load_once(browser, page.as_uri())  # warm the disk cache and Chromium
            for _ in range(args.runs):  # alternated, so both see the same machine load
                for label, page in pages.items():
                    runs[label].append(load_once(browser, page.as_uri()))
            browser.close()
    for label, measured in runs.items():
        report(label, measured)
    print("target: script time < 200 ms")


if __name__ == "__main__":
    main()
