"""The player page, the site page and the embed snippet as HTML: escaping, self-containment, size, overwrite rules, CLI."""

from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import main
from narrator.publish import Manifest, ManifestChapter, ManifestSegment, ManifestWord, read_manifest, write_manifest
from narrator.publish.player import player_data, player_page, write_player
from narrator.publish.site import embed_snippet, site_page

HOSTILE = """</script><script>alert(1)</script><img src=x onerror=alert(2)> & "q" 'q' <!-- ]]> \u2028"""


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.texts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.texts.append(data)


def parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def make_manifest(
    title: str = "Budget passes", *, words: bool = True, segments: int = 6, audio: str = "story.mp3"
) -> Manifest:
    """A manifest of a short narration: a heading opens the second section."""
    made = []
    for i in range(segments):
        heading = i == 3
        text = "What comes next" if heading else f"Sentence {i} says $1.2 billion."
        start = i * 3000
        timed = (
            (ManifestWord("Sentence", 0, start, start + 400), ManifestWord("$1.2", 16, start + 900, start + 1800))
            if words and not heading
            else None
        )
        made.append(
            ManifestSegment(text, text, start, start + 2500, 0 if i < 3 else 1, i, i, words=timed if words else None)
        )
    return Manifest(
        audio=audio,
        audio_bytes=123_456,
        duration_ms=segments * 3000,
        title=title,
        guid="g-1",
        created="2026-11-23T10:00:00Z",
        author="Ana Ruiz",
        publication="Ledger",
        date="2026-11-23",
        language="en",
        sidecars={
            "vtt": "story.vtt",
            "srt": "story.srt",
            "transcript": "story.transcript.json",
            "chapters": "story.chapters.json",
        },
        segments=tuple(made),
        chapters=(ManifestChapter(title, 0, 9000), ManifestChapter("What comes next", 9000, segments * 3000)),
        voice={"name": "default", "engine": "pyttsx3"},
    )


def test_hostile_text_stays_text_and_data(tmp_path: Path) -> None:
    manifest = make_manifest(HOSTILE)
    manifest = dataclasses.replace(
        manifest,
        author=HOSTILE,
        publication=HOSTILE,
        segments=(dataclasses.replace(manifest.segments[0], text=HOSTILE, words=None), *manifest.segments[1:]),
    )
    html = player_page(manifest)
    found = parse(html)
    assert [tag for tag, _ in found.tags].count("script") == 2  # the data and the player's own script, nothing else
    assert not any(tag == "img" for tag, _ in found.tags)
    assert HOSTILE in found.texts  # as text, exactly
    data = json.loads(found.scripts[0])
    assert data == player_data(manifest)
    assert "</script" not in found.scripts[0] and "<!--" not in found.scripts[0]


def test_the_page_is_self_contained_with_relative_links() -> None:
    html = player_page(make_manifest(audio="my story #1.mp3"))
    found = parse(html)
    urls = [attrs[name] for _, attrs in found.tags for name in ("src", "href") if attrs.get(name)]
    assert not any(url.startswith(("http:", "https:", "//")) for url in urls)  # no CDN, nothing fetched from elsewhere
    assert "my%20story%20%231.mp3" in urls
    assert ("link", {"rel": "stylesheet"}) not in found.tags
    assert any(tag == "style" for tag, _ in found.tags)


def test_structure_headings_words_and_disclosure() -> None:
    html = player_page(make_manifest())
    assert '<h3><span class="s" id="s3">What comes next</span></h3>' in html
    assert html.count('class="w"') == 2 * 5
    assert "This audio is created with AI assistance." in html
    assert 'aria-labelledby="transcript-heading"' in html
    plain = player_page(make_manifest(words=False))
    assert 'class="w"' not in plain and json.loads(parse(plain).scripts[0])["words"] == [None] * 6


def test_words_that_do_not_fit_the_text_are_not_used() -> None:
    manifest = make_manifest()
    first = manifest.segments[0]
    shuffled = dataclasses.replace(first, words=tuple(reversed(first.words)))
    wrong = dataclasses.replace(manifest.segments[1], words=(ManifestWord("Nonsense", 0, 0, 10),))
    html = player_page(dataclasses.replace(manifest, segments=(shuffled, wrong, *manifest.segments[2:])))
    assert json.loads(parse(html).scripts[0])["words"][:2] == [None, None]
    assert html.count('class="w"') == 2 * 3  # the other sentences keep theirs


def test_a_15_minute_page_stays_under_100_kb_plus_its_transcript() -> None:
    segments = 300  # about 15 minutes at 3 s per sentence
    html = player_page(make_manifest(segments=segments))
    transcript = html[
        html.index('<section id="transcript"') : html.index("</section>", html.index('<section id="transcript"'))
    ]
    data = parse(html).scripts[0]
    assert len((html.replace(transcript, "").replace(data, "")).encode()) < 100_000


def test_write_player_keeps_a_page_narrator_did_not_make(tmp_path: Path) -> None:
    manifest_path = tmp_path / "story.manifest.json"
    write_manifest(make_manifest(), manifest_path)
    page = tmp_path / "story.html"
    assert write_player(manifest_path).written and page.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert not write_player(manifest_path).written  # up to date: not touched
    page.write_text("<p>the publisher's own page</p>", encoding="utf-8")
    kept = write_player(manifest_path)
    assert not kept.written and "not made by narrator" in kept.warning
    assert page.read_text(encoding="utf-8") == "<p>the publisher's own page</p>"
    assert write_player(manifest_path, force=True).written


def test_the_page_goes_beside_its_manifest_wherever_the_manifest_points(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    write_manifest(make_manifest(audio="../evil.mp3"), inner / "story.manifest.json")
    assert write_player(inner / "story.manifest.json").path == inner / "story.html"
    assert sorted(p.name for p in tmp_path.rglob("*.html")) == ["story.html"]


def test_site_page_lists_newest_first_with_players_and_feed(tmp_path: Path) -> None:
    for stem, date, title in (("old", "2026-01-02", "Older story"), ("new", "2026-03-04", HOSTILE)):
        manifest = dataclasses.replace(make_manifest(title, audio=f"{stem}.mp3"), guid=stem, date=date, sidecars={})
        write_manifest(manifest, tmp_path / f"{stem}.manifest.json")
        (tmp_path / f"{stem}.mp3").write_bytes(b"\xff\xfb" * 100)
        write_player(tmp_path / f"{stem}.manifest.json")
    (tmp_path / "feed.xml").write_text("<rss/>", encoding="utf-8")
    html = site_page(tmp_path, title="Ledger <Audio>")
    found = parse(html)
    headings = [attrs for tag, attrs in found.tags if tag == "a" and attrs.get("href", "").endswith(".html")]
    assert [a["href"] for a in headings[::2]] == [
        "new.html",
        "old.html",
    ]  # heading link, then "Read along", per episode
    assert (
        "link",
        {"rel": "alternate", "type": "application/rss+xml", "title": "Ledger <Audio>", "href": "feed.xml"},
    ) in found.tags
    assert HOSTILE in found.texts and not any(tag == "img" for tag, _ in found.tags)
    assert [tag for tag, _ in found.tags].count("audio") == 2


def test_embed_snippet_escapes_the_title(tmp_path: Path) -> None:
    write_manifest(make_manifest(HOSTILE), tmp_path / "story.manifest.json")
    snippet = embed_snippet(tmp_path / "story.mp3", "https://example.org/audio")
    found = parse(snippet)
    assert found.tags == [
        (
            "iframe",
            {
                "src": "https://example.org/audio/story.html",
                "title": f"Listen: {HOSTILE}",
                "width": "100%",
                "height": "640",
                "style": "border:0;max-width:48rem",
                "loading": "lazy",
            },
        )
    ]
    with pytest.raises(Exception, match="base URL"):
        embed_snippet(tmp_path / "story.mp3", "javascript:alert(1)")


def test_narrate_writes_the_player_unless_told_not_to(tmp_path: Path, sample_article: Path, tone_profile: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["narrate", str(sample_article), "-o", str(tmp_path / "a.mp3"), "--voice", str(tone_profile), "--no-player"],
    )
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "a.html").exists()
    result = runner.invoke(
        main, ["narrate", str(sample_article), "-o", str(tmp_path / "a.mp3"), "--voice", str(tone_profile)]
    )
    assert result.exit_code == 0 and "up to date" in result.output
    assert read_manifest(tmp_path / "a.manifest.json").title in (tmp_path / "a.html").read_text(
        encoding="utf-8"
    )  # added to an up-to-date narration


def test_batch_no_player(tmp_path: Path, sample_article: Path, tone_profile: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "batch",
            str(sample_article),
            "-o",
            str(tmp_path),
            "--voice",
            str(tone_profile),
            "--workers",
            "1",
            "-q",
            "--no-player",
        ],
    )
    assert result.exit_code == 0, result.output
    assert list(tmp_path.glob("*.mp3")) and not list(tmp_path.glob("*.html"))
    result = CliRunner().invoke(
        main, ["batch", str(sample_article), "-o", str(tmp_path), "--voice", str(tone_profile), "--workers", "1", "-q"]
    )
    assert result.exit_code == 0 and len(list(tmp_path.glob("*.html"))) == 1


def test_site_and_embed_commands(tmp_path: Path, sample_article: Path, tone_profile: Path) -> None:
    runner = CliRunner()
    assert (
        runner.invoke(
            main, ["narrate", str(sample_article), "-o", str(tmp_path / "story.mp3"), "--voice", str(tone_profile)]
        ).exit_code
        == 0
    )
    result = runner.invoke(main, ["site", str(tmp_path), "--title", "Ledger Audio"])
    assert result.exit_code == 0 and result.output.strip() == str(tmp_path / "index.html")
    assert "story.html" in (tmp_path / "index.html").read_text(encoding="utf-8")
    (tmp_path / "index.html").write_text("mine", encoding="utf-8")
    refused = runner.invoke(main, ["site", str(tmp_path)])
    assert (
        refused.exit_code == 1
        and "not made by narrator" in refused.output
        and (tmp_path / "index.html").read_text() == "mine"
    )
    result = runner.invoke(main, ["embed", str(tmp_path / "story.mp3"), "--base-url", "https://example.org/a/"])
    assert result.exit_code == 0 and result.output.startswith('<iframe src="https://example.org/a/story.html"')
    missing = runner.invoke(main, ["embed", str(tmp_path / "nope.mp3"), "--base-url", "https://example.org/a/"])
    assert missing.exit_code == 1 and len(missing.output.strip().splitlines()) == 1
    empty = runner.invoke(main, ["site", str(tmp_path / "nothing")])
    assert empty.exit_code == 1 and len(empty.output.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["site", "embed"])
def test_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
