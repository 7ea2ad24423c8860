"""Benchmark what a producer sees around the audio, over the 83 corpus pages (HTML and pasted text).

Run on demand: `python benchmarks/bench_metadata.py [--details] [--limit N]`. Reads
../shared/corpora (or $NARRATOR_CORPORA), exits 0 when absent. Each page is read, then
narrated with the fast `tone` engine (the audio content does not matter here, only
its timing), and the outputs are checked:

- titles ending in an ellipsis without a warning that the title is a guess;
- bylines naming one person twice or carrying a domain name;
- descriptions under 40 characters;
- transcript cues under 1 s;
- chapters out of time order as ffprobe lists them (file order of the CHAP frames);
- feed item descriptions that are not the article's lead (the opening words of one of
  its first five paragraphs: fragments above the lead may be skipped).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import corpora, machine

from narrator.errors import NarratorError
from narrator.pipeline import narrate_article
from narrator.publish import build_feed
from narrator.read import read_bytes
from narrator.settings import NarrationSettings
from narrator.voices import load_profile

_DOMAIN = re.compile(r"\b[\w-]+\.(com|org|net|co\.uk|news|tv|gov|edu|info|io)\b|\b[\w-]+\s(com|org|net|co uk)\b", re.I)
_VTT_TIME = re.compile(r"(\d+):(\d\d):(\d\d)\.(\d{3}) --> (\d+):(\d\d):(\d\d)\.(\d{3})")


def name_key(name: str) -> str:
    """A person's name without initials, case or punctuation: "Troy L. Smith" → "troy smith"."""
    words = re.findall(r"[^\W\d_]+", name.lower())
    return " ".join(w for w in words if len(w) > 1)


def byline_problem(byline: str | None) -> str | None:
    """Why a byline is wrong (a repeated name, a domain), or None."""
    if not byline:
        return None
    if _DOMAIN.search(byline):
        return "domain"
    keys = [name_key(n) for n in re.split(r",|\band\b|&", byline) if name_key(n)]
    return "repeated name" if len(keys) != len(set(keys)) else None


def short_cues(vtt: Path) -> int:
    """How many WebVTT cues last under one second."""
    count = 0
    for m in _VTT_TIME.finditer(vtt.read_text(encoding="utf-8")):
        h1, m1, s1, ms1, h2, m2, s2, ms2 = map(int, m.groups())
        start = ((h1 * 60 + m1) * 60 + s1) * 1000 + ms1
        end = ((h2 * 60 + m2) * 60 + s2) * 1000 + ms2
        count += end - start < 1000
    return count


def chapters_in_order(mp3: Path) -> bool | None:
    """Whether ffprobe lists the chapters in time order (None without ffprobe)."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        return None
    out = subprocess.run(
        [ffprobe, "-v", "error", "-show_chapters", "-of", "json", str(mp3)], capture_output=True, text=True, check=True
    ).stdout
    starts = [float(c["start_time"]) for c in json.loads(out).get("chapters", [])]
    return starts == sorted(starts)


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return re.findall(r"\w+", text.lower())


def from_lead(description: str, paragraphs: list[str]) -> bool:
    """True when the description's words open one of the body's first five paragraphs and run on from there."""
    said = words(description.rstrip("…."))
    body = words(" ".join(paragraphs))
    starts, position = [], 0
    for paragraph in paragraphs[:5]:
        starts.append(position)
        position += len(words(paragraph))
    return bool(said) and any(body[start : start + len(said)] == said for start in starts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="Print each problem found.")
    parser.add_argument("--limit", type=int, help="Only the first N pages (per kind).")
    args = parser.parse_args()
    root = corpora()
    if root is None:
        print("corpora not found; set NARRATOR_CORPORA")
        return 0
    pages = sorted((root / "articles" / "html").glob("*.html"))[: args.limit]
    inputs = [(p, "html") for p in pages] + [
        (root / "articles" / "pagetext" / (p.stem + ".txt"), "text") for p in pages
    ]
    inputs = [(p, kind) for p, kind in inputs if p.is_file()]
    print(f"bench_metadata: {len(inputs)} inputs ({len(pages)} pages as HTML and as pasted text); {machine()}")
    counts = dict.fromkeys(
        (
            "unreadable",
            "guessed title (warned)",
            "ellipsis title, no warning",
            "bad byline",
            "description < 40 chars",
            "cues < 1 s",
            "chapters out of order",
            "feed description not from lead",
        ),
        0,
    )
    narrated = cues_total = chaptered = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        profile_path = Path(tmp) / "tone.toml"
        profile_path.write_text('engine = "tone"\n', encoding="utf-8")
        settings = NarrationSettings(voice=load_profile(str(profile_path)))
        out = Path(tmp) / "out"
        out.mkdir()
        leads: dict[str, list[str]] = {}
        for n, (path, kind) in enumerate(inputs):
            try:
                article = read_bytes(path.read_bytes(), source=path.name)
            except NarratorError as exc:
                counts["unreadable"] += 1
                if args.details:
                    print(f"  unreadable {kind} {path.name}: {exc}")
                continue
            warned = bool(getattr(article, "title_guessed", False))
            counts["guessed title (warned)"] += warned
            if article.title.endswith(("…", "...")) and not warned:
                counts["ellipsis title, no warning"] += 1
                if args.details:
                    print(f"  ellipsis title {kind} {path.name}: {article.title}")
            problem = byline_problem(article.byline)
            if problem:
                counts["bad byline"] += 1
                if args.details:
                    print(f"  byline ({problem}) {kind} {path.name}: {article.byline}")
            target = out / f"{n:03d}-{kind}.mp3"
            try:
                narrate_article(article, target, settings)
            except NarratorError as exc:
                print(f"  narration failed {kind} {path.name}: {exc}")
                continue
            narrated += 1
            manifest = json.loads(target.with_suffix(".manifest.json").read_text(encoding="utf-8"))
            leads[manifest["guid"]] = article.paragraphs
            if len(manifest.get("description", "")) < 40:
                counts["description < 40 chars"] += 1
                if args.details:
                    print(f"  short description {kind} {path.name}: {manifest.get('description')!r}")
            cues = short_cues(target.with_suffix(".vtt"))
            counts["cues < 1 s"] += cues
            cues_total += target.with_suffix(".vtt").read_text(encoding="utf-8").count(" --> ")
            ordered = chapters_in_order(target)
            chaptered += ordered is not None and len(manifest["chapters"]) > 1
            if ordered is False:
                counts["chapters out of order"] += 1
        feed = ET.fromstring(build_feed(out, base_url="https://example.com/pod/", title="Bench"))
        for item in feed.iter("item"):
            guid = item.findtext("guid") or ""
            description = item.findtext("description") or ""
            if not from_lead(description, leads.get(guid, [])):
                counts["feed description not from lead"] += 1
                if args.details:
                    print(f"  feed description not from lead: {description[:80]!r}")
    print(
        f"narrated {narrated} ({chaptered} with several chapters, {cues_total} cues) in "
        f"{time.perf_counter() - started:.0f} s"
    )
    for name, count in counts.items():
        print(f"{name:<34} {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
