"""The read-along player in a real browser: Debian's Chromium (Playwright), over http://127.0.0.1 and file://, checked with axe-core."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import axe_source, axe_violations, chromium, static_server

from narrator import narrate
from narrator.publish.site import write_site

HOSTILE_TITLE = (
    """</script><script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> & "Quotes" 'too' <!--"""
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, sample_article_path: Path) -> Iterator[Path]:
    """A folder with the sample article narrated by eSpeak NG (word times) and a hostile-titled tone narration."""
    folder = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NARRATOR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        narrate(sample_article_path, folder / "story.mp3")
        tone = folder / "tone.toml"
        tone.write_text('engine = "tone"\n', encoding="utf-8")
        other = tmp_path_factory.mktemp("sources") / "other.md"  # another source: another episode
        other.write_bytes(sample_article_path.read_bytes())
        narrate(other, folder / "hostile.mp3", voice=tone, title=HOSTILE_TITLE, date="2026-11-20")
    write_site(folder, title="Ledger Audio")
    yield folder


@pytest.fixture(scope="module")
def sample_article_path() -> Path:
    """The sample article."""
    return Path(__file__).resolve().parents[1] / "samples" / "city-budget.md"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for the module."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """The site served on 127.0.0.1."""
    with static_server(site) as url:
        yield url


@pytest.fixture(params=["http", "file"])
def page_url(request: pytest.FixtureRequest, site: Path) -> str:
    """The story's player page, over http and from file://."""
    if request.param == "http":
        return request.getfixturevalue("base_url") + "story.html"
    return (site / "story.html").as_uri()


def manifest(site: Path, stem: str = "story") -> dict[str, Any]:
    """A narration's manifest."""
    return json.loads((site / f"{stem}.manifest.json").read_text(encoding="utf-8"))


def open_player(browser: Any, url: str, **options: Any) -> Any:
    """A fresh browser context on the page, its audio's metadata loaded."""
    page = browser.new_context(**options).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_function("document.getElementById('audio').readyState >= 1")
    assert errors == []
    page.errors = errors
    return page


def seek(page: Any, seconds: float) -> None:
    """Set the audio's time and wait until the page has handled the seek."""
    page.evaluate(
        """t => new Promise(done => { const a = document.getElementById('audio');
             a.addEventListener('seeked', () => requestAnimationFrame(() => done()), {once: true}); a.currentTime = t; })""",
        seconds,
    )


def current_segment(page: Any) -> int | None:
    """Index of the transcript segment marked aria-current, or None."""
    found = page.evaluate(
        "() => { const s = document.querySelectorAll('#transcript [aria-current]'); return [...s].map(e => e.id); }"
    )
    assert len(found) <= 1
    return int(found[0][1:]) if found else None


def expected_segment(segments: list[dict[str, Any]], ms: float) -> int | None:
    """The manifest's segment for a time: the last one started."""
    started = [i for i, s in enumerate(segments) if s["start_ms"] <= ms]
    return started[-1] if started else None


def test_audio_plays_and_the_sentence_heard_is_highlighted(browser: Any, page_url: str, site: Path) -> None:
    page = open_player(browser, page_url)
    page.click("#play")
    page.wait_for_function("document.getElementById('audio').currentTime > 1")
    page.click("#play")  # pause
    page.wait_for_function("document.querySelector('#play .label').textContent === 'Play'")
    time = page.evaluate("document.getElementById('audio').currentTime")
    assert current_segment(page) == expected_segment(manifest(site)["segments"], time * 1000)


def test_clicking_a_sentence_plays_from_its_start(browser: Any, page_url: str, site: Path) -> None:
    segments = manifest(site)["segments"]
    page = open_player(browser, page_url)
    for index in (3, 9, len(segments) - 1):
        page.evaluate(
            "() => { window.seekedTo = null; document.getElementById('audio').addEventListener('seeking', e => { window.seekedTo = e.target.currentTime; }, {once: true}); }"
        )
        page.click(f"#s{index}")
        sought = page.wait_for_function("window.seekedTo").json_value()
        assert abs(sought * 1000 - segments[index]["start_ms"]) <= 50
        page.wait_for_function("!document.getElementById('audio').paused")
        assert current_segment(page) == index


def test_highlight_matches_the_manifest_at_20_sampled_times(browser: Any, page_url: str, site: Path) -> None:
    segments = manifest(site)["segments"]
    duration = manifest(site)["duration_ms"]
    boundaries = [s["start_ms"] for s in segments]
    rng = random.Random(18)
    times = []
    while len(times) < 20:
        ms = rng.uniform(0, duration - 10)
        if all(abs(ms - b) > 5 for b in boundaries):  # a seek lands on the millisecond asked; keep off the edges
            times.append(ms)
    page = open_player(browser, page_url)
    for ms in times:
        seek(page, ms / 1000)
        assert current_segment(page) == expected_segment(segments, ms), f"at {ms:.0f} ms"


def test_words_are_highlighted_with_the_engine_times(browser: Any, base_url: str, site: Path) -> None:
    segments = manifest(site)["segments"]
    assert all(s["words"] for s in segments), "eSpeak NG times every word"
    page = open_player(browser, base_url + "story.html")
    rng = random.Random(7)
    for _ in range(10):
        index = rng.randrange(len(segments))
        word = rng.choice(segments[index]["words"])
        seek(page, (word["start_ms"] + word["end_ms"]) / 2000)
        assert page.inner_text(f"#s{index} .w.on") == word["text"]


def test_every_control_is_reachable_by_keyboard_with_a_visible_focus_ring(browser: Any, base_url: str) -> None:
    page = open_player(browser, base_url + "story.html")  # from here on, only the keyboard
    reached: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
                 return {key: e.id || e.textContent.trim().slice(0, 30), outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""
        )
        assert focus["outline"] != "none" and focus["width"] >= 2, f"no visible focus ring on {focus['key']}"
        if focus["key"] == "Chapters (3)":
            page.keyboard.press("Enter")  # open the chapter menu from the keyboard
        reached.append(focus["key"])
        if focus["key"] == "Keyboard shortcuts":
            break
    for control in (
        "play",
        "back",
        "forward",
        "seek",
        "prev-sentence",
        "next-sentence",
        "prev-paragraph",
        "next-paragraph",
        "speed",
        "volume",
        "mute",
    ):
        assert control in reached
    assert "Chapters (3)" in reached and any(key.startswith("What comes next") for key in reached)
    assert any(key.startswith("Audio (MP3") for key in reached) and "Transcript (WebVTT)" in reached


def test_keyboard_operates_the_player(browser: Any, base_url: str, site: Path) -> None:
    segments = manifest(site)["segments"]
    page = open_player(browser, base_url + "story.html")
    page.focus("#play")
    page.keyboard.press("Enter")
    page.wait_for_function("!document.getElementById('audio').paused")
    page.keyboard.press("k")
    page.wait_for_function("document.getElementById('audio').paused")
    seek(page, 0)
    page.focus("#next-sentence")
    page.keyboard.press("Enter")
    assert abs(page.evaluate("document.getElementById('audio').currentTime") * 1000 - segments[1]["start_ms"]) <= 1
    page.keyboard.press("l")  # forward 15 s, from a player button
    assert (
        abs(page.evaluate("document.getElementById('audio').currentTime") * 1000 - segments[1]["start_ms"] - 15000) <= 1
    )
    page.keyboard.press(">")  # next paragraph
    time = page.evaluate("document.getElementById('audio').currentTime") * 1000
    paragraph = next(s for s in segments if s["start_ms"] == round(time) or abs(s["start_ms"] - time) <= 1)
    assert paragraph["paragraph"] > expected_paragraph(segments, segments[1]["start_ms"] + 15000)
    page.focus("#seek")
    page.keyboard.press("k")  # not a shortcut on the slider: it keeps its own keys
    page.focus("#transcript")
    page.keyboard.press("k")  # nor anywhere outside the player's buttons (a screen reader's "next link" key there)
    assert page.evaluate("document.getElementById('audio').paused")
    page.focus(".chapters summary")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the second chapter
    chapters = manifest(site)["chapters"]
    assert (
        abs(page.evaluate("window.document.getElementById('audio').currentTime") * 1000 - chapters[1]["start_ms"]) <= 50
    )
    assert page.evaluate("[...document.querySelectorAll('.chapter')].map(b => b.getAttribute('aria-current'))") == [
        None,
        "true",
        None,
    ]


def expected_paragraph(segments: list[dict[str, Any]], ms: float) -> int:
    """The paragraph being read at a time."""
    return segments[expected_segment(segments, ms) or 0]["paragraph"]


def test_speed_changes_apply_with_the_pitch_kept(browser: Any, base_url: str) -> None:
    page = open_player(browser, base_url + "story.html")
    page.select_option("#speed", "1.5")
    assert page.evaluate(
        "[document.getElementById('audio').playbackRate, document.getElementById('audio').preservesPitch]"
    ) == [1.5, True]
    page.click("#play")
    ratio = page.evaluate(
        """() => new Promise(done => { const a = document.getElementById('audio');
             const t0 = a.currentTime, w0 = performance.now();
             setTimeout(() => done((a.currentTime - t0) / ((performance.now() - w0) / 1000)), 1500); })"""
    )
    assert 1.2 < ratio < 1.8
    page.focus("#play")
    page.keyboard.press("-")
    assert page.evaluate("document.getElementById('audio').playbackRate") == 1.25
    assert "1.25" in page.inner_text("#status")


def test_volume_mute_and_downloads(browser: Any, base_url: str, site: Path) -> None:
    page = open_player(browser, base_url + "story.html")
    page.fill("#volume", "0.4")
    assert page.evaluate("document.getElementById('audio').volume") == pytest.approx(0.4)
    page.click("#mute")
    assert (
        page.evaluate("document.getElementById('audio').muted")
        and page.get_attribute("#mute", "aria-pressed") == "true"
    )
    page.click("#mute")
    assert page.get_attribute("#mute", "aria-pressed") == "false"
    page.wait_for_function(
        "!document.getElementById('audio').muted && document.getElementById('volume').value === '0.4'"
    )
    links = page.eval_on_selector_all(".downloads a", "links => links.map(a => [a.href, a.hasAttribute('download')])")
    assert [href.rsplit("/", 1)[1] for href, _ in links] == [
        "story.mp3",
        "story.vtt",
        "story.srt",
        "story.transcript.json",
    ]
    for href, download in links:
        assert download and page.request.get(href).body() == (site / href.rsplit("/", 1)[1]).read_bytes()
    seek(page, 75.2)
    assert page.inner_text("#time") == "1:15 / " + page.inner_text("#time").split(" / ")[1]
    assert page.get_attribute("#seek", "aria-valuetext").startswith("1:15 of ")


def test_resumes_where_the_listener_left_off(browser: Any, page_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(page_url)
    page.wait_for_function("document.getElementById('audio').readyState >= 1")
    page.click("#play")
    seek(page, 42.5)
    page.click("#play")  # pausing saves the position
    left_at = page.evaluate("document.getElementById('audio').currentTime")
    page.reload()
    page.wait_for_function("document.getElementById('audio').readyState >= 1")
    assert abs(page.evaluate("document.getElementById('audio').currentTime") - left_at) < 0.05
    minutes, seconds = divmod(round(left_at), 60)
    assert f"{minutes}:{seconds:02d}" in page.inner_text("#status")
    page.click("#restart")
    assert page.evaluate("document.getElementById('audio').currentTime") == 0


def test_a_hostile_title_renders_as_text(browser: Any, base_url: str, site: Path) -> None:
    page = open_player(browser, base_url + "hostile.html")
    assert page.inner_text("h1") == HOSTILE_TITLE
    assert page.title() == HOSTILE_TITLE
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    index = browser.new_context().new_page()
    index.goto(base_url + "index.html")
    assert HOSTILE_TITLE in index.inner_text("main")
    assert index.evaluate("window.pwned") is None and index.evaluate("document.querySelectorAll('img').length") == 0


def test_without_word_times_sentences_are_highlighted(browser: Any, base_url: str, site: Path) -> None:
    segments = manifest(site, "hostile")["segments"]
    assert all("words" not in s for s in segments)  # the tone engine times no words
    page = open_player(browser, base_url + "hostile.html")
    assert page.evaluate("document.querySelectorAll('#transcript .w').length") == 0
    seek(page, (segments[4]["start_ms"] + 100) / 1000)
    assert current_segment(page) == 4


@pytest.mark.parametrize(
    "options",
    [{"color_scheme": "light"}, {"color_scheme": "dark"}, {"forced_colors": "active"}],
    ids=["light", "dark", "forced-colors"],
)
@pytest.mark.parametrize("name", ["story.html", "hostile.html", "index.html"])
def test_axe_finds_no_violations(browser: Any, base_url: str, name: str, options: dict[str, str]) -> None:
    axe = axe_source()
    page = browser.new_context(**options).new_page()
    page.goto(base_url + name)
    if name != "index.html":
        page.wait_for_function("document.getElementById('audio').readyState >= 1")
        page.click("#s4")  # a highlighted sentence and word are part of what is checked
        page.click("#play")
        page.click(".chapters summary")
    assert axe_violations(page, axe) == []


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 320, "height": 640}], ids=["200-percent", "320px"]
)
def test_text_at_200_percent_and_a_narrow_screen_lose_nothing(
    browser: Any, base_url: str, viewport: dict[str, int]
) -> None:
    page = open_player(browser, base_url + "story.html", viewport=viewport)
    if viewport["width"] > 320:
        page.evaluate("document.documentElement.style.fontSize = '200%'")
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    for control in ("#play", "#back", "#forward", "#seek", "#next-paragraph", "#speed", "#volume", "#mute"):
        box = page.locator(control).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, control


def test_reduced_motion_jumps_to_the_sentence_without_smooth_scrolling(browser: Any, base_url: str, site: Path) -> None:
    segments = manifest(site)["segments"]
    positions = {}
    for motion in ("reduce", "no-preference"):
        page = open_player(
            browser, base_url + "story.html", reduced_motion=motion, viewport={"width": 800, "height": 400}
        )
        page.click("#play")
        seek(page, segments[-1]["start_ms"] / 1000 + 0.05)
        positions[motion] = page.evaluate(
            "() => new Promise(done => { const y = scrollY; setTimeout(() => done([y, scrollY]), 80); })"
        )
    early, later = positions["reduce"]
    assert early == later > 0  # already there: no animation
    early, later = positions["no-preference"]
    assert later > early  # still scrolling smoothly


def test_an_embedded_player_scrolls_only_its_own_frame(browser: Any, base_url: str, site: Path) -> None:
    host = site / "host.html"
    host.write_text(
        '<!doctype html><html lang="en"><title>Host</title><main><p style="height:3000px">Article</p>'
        '<iframe src="story.html" title="Listen" width="700" height="400"></iframe><p style="height:3000px">More</p></main></html>',
        encoding="utf-8",
    )
    page = browser.new_context(viewport={"width": 800, "height": 600}).new_page()
    page.goto(base_url + "host.html")
    page.evaluate("window.scrollTo(0, 2800)")
    frame = page.frames[1]
    frame.wait_for_function("document.getElementById('audio').readyState >= 1")
    # Clicked from the frame's own script: Playwright's clicks would scroll the host to the button.
    frame.evaluate(
        "() => { document.getElementById('play').click(); for (let i = 0; i < 5; i++) document.getElementById('next-paragraph').click(); }"
    )
    page.wait_for_timeout(600)  # time for a smooth scroll to finish
    assert page.evaluate("scrollY") == 2800  # the host page stays where its reader left it
    assert frame.evaluate("scrollY") > 0  # the frame followed the sentence
