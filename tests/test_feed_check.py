"""The feed checker: passes good feeds, names each problem, refuses hostile XML quickly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from narrator.publish import Manifest, build_feed, check_feed, write_manifest

BASE = "https://example.com/pod"


@pytest.fixture
def feed(tmp_path: Path) -> str:
    """A valid two-episode feed built from small stand-in audio files."""
    for n, date in enumerate(("2026-11-20", "2026-11-23")):
        audio = tmp_path / f"story{n}.mp3"
        audio.write_bytes(b"ID3" + bytes(200 + n))
        sidecars = {"vtt": f"story{n}.vtt", "chapters": f"story{n}.chapters.json"}
        for name in sidecars.values():
            (tmp_path / name).write_text("{}", encoding="utf-8")
        write_manifest(Manifest(audio=audio.name, audio_bytes=203 + n, duration_ms=61_000,
                                title=f"Story {n}", guid=f"guid-{n}", date=date,
                                created="2026-11-28T01:40:00Z", sidecars=sidecars),
                       tmp_path / f"story{n}.manifest.json")
    (tmp_path / "art.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(16))
    data = build_feed(tmp_path, base_url=BASE, title="Show", image="art.jpg")
    return data.decode("utf-8")


def problems_after(feed: str, old: str, new: str) -> list[str]:
    """check_feed of the feed with one text replaced (which must be present)."""
    assert old in feed
    return check_feed(feed.replace(old, new).encode("utf-8"))


def test_valid_feed_has_no_problems(feed: str) -> None:
    assert check_feed(feed.encode("utf-8")) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('<enclosure url="https://example.com/pod/story1.mp3" length="204" type="audio/mpeg" />',
         "", "item 1 (Story 1): missing <enclosure>"),
        ('length="204"', 'length="0"', "enclosure length '0' is not a positive byte count"),
        ('length="204"', 'length="2kB"', "enclosure length '2kB'"),
        ('url="https://example.com/pod/story1.mp3"', 'url="story1.mp3"', "enclosure url"),
        ('type="audio/mpeg"', 'type=""', "enclosure type"),
        ("Mon, 23 Nov 2026 00:00:00 GMT", "2026-11-23", "<pubDate> '2026-11-23' is not an RFC 2822"),
        ("Mon, 23 Nov 2026 00:00:00 GMT", "Mon, 32 Nov 2026 00:00:00 GMT", "is not an RFC 2822"),
        ('<guid isPermaLink="false">guid-1</guid>', "", "item 1 (Story 1): missing <guid>"),
        ("guid-1", "guid-0", "guid 'guid-0' is used by more than one item"),
        ("<itunes:duration>61</itunes:duration>", "<itunes:duration>1 min</itunes:duration>",
         "invalid <itunes:duration>"),
        ('type="text/vtt"', 'type=""', "<podcast:transcript> needs an http(s) url"),
        ("application/json+chapters", "application/json", "<podcast:chapters> needs"),
        ('<podcast:txt purpose="ai-content">true</podcast:txt>', "", "missing <podcast:txt"),
        ('version="2.0"', 'version="0.91"', "rss version is '0.91'"),
        ('xmlns:podcast="https://podcastindex.org/namespace/1.0"',
         'xmlns:podcast="https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"',
         "the Podcasting 2.0 namespace https://podcastindex.org/namespace/1.0 is not declared"),
        ("<language>en</language>", "", "channel: missing <language>"),
        ('<itunes:image href="https://example.com/pod/art.jpg" />', "", "<itunes:image href>"),
        ("<itunes:explicit>false</itunes:explicit>\n    <itunes:type>",
         "<itunes:explicit>maybe</itunes:explicit>\n    <itunes:type>", "invalid <itunes:explicit>"),
    ],
)
def test_each_broken_requirement_is_named(feed: str, old: str, new: str, expected: str) -> None:
    problems = problems_after(feed, old, new)
    assert any(expected in p for p in problems), problems


def test_not_xml(feed: str) -> None:
    assert check_feed(b"") and check_feed(b"<html><body>nope")[0].startswith("not well-formed XML")
    assert check_feed(feed[: len(feed) // 2].encode())[0].startswith("not well-formed XML")


def test_not_rss(feed: str) -> None:
    problems = check_feed(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')
    assert "root element is <{http://www.w3.org/2005/Atom}feed>, not <rss>" in problems
    assert "expected one <channel>, found 0" in problems


def test_empty_channel(feed: str) -> None:
    start, end = feed.index("<item>"), feed.rindex("</item>") + len("</item>")
    assert "the channel has no <item>" in check_feed((feed[:start] + feed[end:]).encode())


def test_billion_laughs_is_refused_quickly() -> None:
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{entities}]><rss>&l9;</rss>'
    started = time.monotonic()
    problems = check_feed(bomb.encode())
    assert time.monotonic() - started < 1
    assert len(problems) == 1 and problems[0].startswith("refused")


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    hostile = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
               '<rss version="2.0"><channel><title>&x;</title></channel></rss>')
    problems = check_feed(hostile.encode())
    assert problems[0].startswith("refused") and "TOP-SECRET" not in " ".join(problems)


def test_any_doctype_is_refused() -> None:
    problems = check_feed(b'<!DOCTYPE rss SYSTEM "http://example.com/rss.dtd"><rss version="2.0"/>')
    assert len(problems) == 1 and problems[0].startswith("refused")
