"""The feed checker: errors for what breaks apps, warnings for advice, narrator's policy on request."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import main
from narrator.errors import FeedError
from narrator.publish import Manifest, build_feed, check_feed, write_manifest
from narrator.publish.namespaces import PODCAST_NS, PODCAST_NS_OLD

BASE = "https://example.com/pod"
FEEDS = Path(__file__).parent / "fixtures" / "feeds"
REAL_WORLD_STYLE = ["pc20-old-namespace.xml", "apple-style.xml", "hosted-new-namespace.xml"]


@pytest.fixture
def feed(tmp_path: Path) -> str:
    """A narrator feed with two episodes built from small stand-in audio files."""
    for n, date in enumerate(("2026-11-20", "2026-11-23")):
        audio = tmp_path / f"story{n}.mp3"
        audio.write_bytes(b"ID3" + bytes(200 + n))
        sidecars = {"vtt": f"story{n}.vtt", "chapters": f"story{n}.chapters.json"}
        for name in sidecars.values():
            (tmp_path / name).write_text("{}", encoding="utf-8")
        write_manifest(
            Manifest(
                audio=audio.name,
                audio_bytes=203 + n,
                duration_ms=61_000,
                title=f"Story {n}",
                guid=f"guid-{n}",
                date=date,
                created="2026-11-28T01:40:00Z",
                sidecars=sidecars,
            ),
            tmp_path / f"story{n}.manifest.json",
        )
    (tmp_path / "art.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(16))
    return build_feed(tmp_path, base_url=BASE, title="Show", image="art.jpg").decode("utf-8")


def changed(feed: str, old: str, new: str) -> bytes:
    """The feed with one text replaced (which must be present)."""
    assert old in feed
    return feed.replace(old, new).encode("utf-8")


def test_narrator_feed_passes_with_and_without_its_policy(feed: str) -> None:
    plain, policy = check_feed(feed.encode()), check_feed(feed.encode(), policy="narrator")
    assert plain.errors == policy.errors == () and plain.warnings == policy.warnings == ()


@pytest.mark.parametrize("name", REAL_WORLD_STYLE)
def test_real_world_style_feeds_have_no_errors(name: str) -> None:
    """Feeds shaped like the Podcasting 2.0 example, an Apple-style show and a hosting company's feed."""
    report = check_feed((FEEDS / name).read_bytes())
    assert report.ok, report.errors


def test_old_namespace_url_is_the_same_namespace() -> None:
    report = check_feed((FEEDS / "pc20-old-namespace.xml").read_bytes())
    assert any("old URL" in w for w in report.warnings)
    # Chapters under the old URL are read (and their json type flagged) like the current one's.
    assert any("<podcast:chapters> type 'application/json'" in w for w in report.warnings)
    assert not any("not declared" in w for w in report.warnings)


def test_real_world_feeds_fail_narrators_policy_only_when_asked() -> None:
    data = (FEEDS / "apple-style.xml").read_bytes()
    assert check_feed(data).ok
    errors = check_feed(data, policy="narrator").errors
    assert errors and all(e.startswith("narrator policy:") for e in errors)
    assert any('podcast:txt purpose="ai-content"' in e for e in errors)


def test_not_well_formed_fails_with_the_line() -> None:
    report = check_feed((FEEDS / "not-well-formed.xml").read_bytes())
    assert not report.ok and "not well-formed XML" in report.errors[0] and "line 4" in report.errors[0]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '<enclosure url="https://example.com/pod/story1.mp3" length="204" type="audio/mpeg" />',
            "",
            "item 1 (Story 1): missing <enclosure>",
        ),
        ('url="https://example.com/pod/story1.mp3"', 'url="story1.mp3"', "enclosure url 'story1.mp3'"),
        ('length="204"', 'length="2kB"', "enclosure length '2kB' is not a byte count"),
        ('type="audio/mpeg"', 'type="mp3 audio"', "enclosure type 'mp3 audio' is not a MIME type"),
        ("<title>Story 1</title>", "", "item 1 (untitled): missing <title>"),
        ("<title>Show</title>", "<title> </title>", "channel: missing <title>"),
        (
            "Mon, 23 Nov 2026 00:00:00 GMT</pubDate>",
            "2026-11-23</pubDate>",
            "<pubDate> '2026-11-23' is not an RFC 2822",
        ),
        ("<lastBuildDate>Mon, 23 Nov 2026", "<lastBuildDate>Mon, 32 Nov 2026", "<lastBuildDate>"),
        (
            "<itunes:duration>61</itunes:duration>",
            "<itunes:duration>1 min</itunes:duration>",
            "<itunes:duration> '1 min' is not seconds",
        ),
    ],
)
def test_what_breaks_apps_is_an_error(feed: str, old: str, new: str, expected: str) -> None:
    errors = check_feed(changed(feed, old, new)).errors
    assert any(expected in e for e in errors), errors


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('length="204"', 'length="0"', "enclosure length '0' should be the file's size"),
        ('<guid isPermaLink="false">guid-1</guid>', "", "item 1 (Story 1): no <guid>"),
        ("guid-1", "guid-0", "guid 'guid-0' is used by more than one item"),
        ('type="text/vtt"', 'type=""', "<podcast:transcript> type '' is not a MIME type"),
        ("application/json+chapters", "application/json", "<podcast:chapters> type 'application/json'"),
        ('version="2.0"', 'version="0.92"', "rss version is '0.92'"),
        ("<language>en</language>", "", "channel: missing <language>"),
        ('<itunes:image href="https://example.com/pod/art.jpg" />', "", "<itunes:image href>"),
        (
            "<itunes:explicit>false</itunes:explicit>\n    <itunes:type>",
            "<itunes:explicit>maybe</itunes:explicit>\n    <itunes:type>",
            "invalid <itunes:explicit>",
        ),
    ],
)
def test_recommendations_are_warnings(feed: str, old: str, new: str, expected: str) -> None:
    report = check_feed(changed(feed, old, new))
    assert report.ok, report.errors
    assert any(expected in w for w in report.warnings), report.warnings
    assert not report.passes(strict=True)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('<podcast:txt purpose="ai-content">true</podcast:txt>', "", 'missing <podcast:txt purpose="ai-content">'),
        ("<podcast:chapters ", "<podcast:other ", "missing <podcast:chapters>"),
        (
            f'xmlns:podcast="{PODCAST_NS}"',
            f'xmlns:podcast="{PODCAST_NS_OLD}"',
            f"namespace {PODCAST_NS} is not declared",
        ),
    ],
)
def test_narrator_policy_is_opt_in(feed: str, old: str, new: str, expected: str) -> None:
    data = changed(feed, old, new)
    assert check_feed(data).ok
    errors = check_feed(data, policy="narrator").errors
    assert any(expected in e for e in errors), errors


def test_unknown_policy_is_refused(feed: str) -> None:
    with pytest.raises(FeedError, match="unknown feed policy"):
        check_feed(feed.encode(), policy="apple")


def test_not_rss_or_not_xml() -> None:
    assert check_feed(b"")
    assert "not well-formed XML" in check_feed(b"<html><body>nope").errors[0]
    atom = check_feed(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')
    assert "not <rss>" in atom.errors[0]


def test_billion_laughs_is_refused_quickly() -> None:
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{entities}]><rss>&l9;</rss>'
    started = time.monotonic()
    report = check_feed(bomb.encode())
    assert time.monotonic() - started < 1
    assert len(report.errors) == 1 and report.errors[0].startswith("refused")


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    hostile = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<rss version="2.0"><channel><title>&x;</title></channel></rss>'
    )
    report = check_feed(hostile.encode())
    assert report.errors[0].startswith("refused") and "TOP-SECRET" not in " ".join(report.errors)


def test_a_bare_doctype_is_read_not_fetched() -> None:
    data = (FEEDS / "hosted-new-namespace.xml").read_bytes()
    assert b"<!DOCTYPE rss>" in data and check_feed(data).ok
    remote = b'<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/rss.dtd"><rss version="2.0"><channel><title>t</title></channel></rss>'
    assert check_feed(remote).ok


def test_cli_exits_non_zero_only_on_errors_or_strict() -> None:
    runner = CliRunner()
    warned = runner.invoke(main, ["feed", "--check", str(FEEDS / "apple-style.xml")])
    assert warned.exit_code == 0 and "warning: " in warned.output and "OK (0 errors" in warned.output
    strict = runner.invoke(main, ["feed", "--check", "--strict", str(FEEDS / "apple-style.xml")])
    assert strict.exit_code == 1 and "fails" in strict.output
    policy = runner.invoke(main, ["feed", "--check", "--policy", "narrator", str(FEEDS / "apple-style.xml")])
    assert policy.exit_code == 1 and "error: narrator policy:" in policy.output
    broken = runner.invoke(main, ["feed", "--check", str(FEEDS / "not-well-formed.xml")])
    assert broken.exit_code == 1 and "line 4" in broken.output


def test_cli_help_names_levels_and_policy() -> None:
    result = CliRunner().invoke(main, ["feed", "--help"])
    assert result.exit_code == 0 and "--policy" in result.output and "--strict" in result.output


def test_empty_optional_elements_are_not_errors(feed: str) -> None:
    data = changed(feed, "<itunes:duration>61</itunes:duration>", "<itunes:duration></itunes:duration>")
    data = data.replace(b"Mon, 23 Nov 2026 00:00:00 GMT</pubDate>", b"</pubDate>")
    report = check_feed(data)
    assert report.ok and any("no <pubDate>" in w for w in report.warnings)
