"""The podcast feed, read back by real podcast clients' parsers (podcastparser, feedparser)."""

from __future__ import annotations

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import imageio_ffmpeg
import podcastparser
import pytest
from mutagen.mp3 import MP3

from narrator.errors import FeedError
from narrator.publish import (
    Manifest,
    build_feed,
    check_feed,
    podcast_guid,
    sha256_file,
    stable_guid,
    write_feed,
    write_manifest,
)
from narrator.publish.feed import ITUNES_NS, PODCAST_NS

BASE = "https://example.com/pod"
TRICKY = 'Tom & Jerry <"live"> 🎙️ it\'s'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(scope="module")
def tones(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two real MP3s of different lengths, encoded once per test module."""
    folder = tmp_path_factory.mktemp("tones")
    made = {}
    for name, seconds in (("short", 1), ("long", 2)):
        out = folder / f"{name}.mp3"
        subprocess.run(
            [
                imageio_ffmpeg.get_ffmpeg_exe(),
                "-nostdin",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                f"sine=frequency=440:duration={seconds}",
                "-ac",
                "1",
                "-ar",
                "44100",
                "-b:a",
                "48k",
                str(out),
            ],
            check=True,
            timeout=60,
        )
        made[name] = out
    return made


def add_narration(
    folder: Path,
    slug: str,
    tone: Path,
    *,
    title: str,
    date: str | None,
    created: str = "2026-11-28T01:40:00Z",
    sidecars: bool = True,
) -> Manifest:
    """Write one narration (MP3, sidecars, manifest) the way the pipeline lays it out."""
    audio = folder / f"{slug}.mp3"
    audio.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tone, audio)
    names = {
        "vtt": f"{audio.stem}.vtt",
        "srt": f"{audio.stem}.srt",
        "chapters": f"{audio.stem}.chapters.json",
        "transcript": f"{audio.stem}.transcript.json",
    }
    if sidecars:
        for name in names.values():
            (audio.parent / name).write_text("{}", encoding="utf-8")
    manifest = Manifest(
        audio=audio.name,
        audio_bytes=audio.stat().st_size,
        audio_sha256=sha256_file(audio),
        duration_ms=round(MP3(audio).info.length * 1000),
        title=title,
        date=date,
        created=created,
        guid=stable_guid(f"https://news.example/{slug}", title),
        description=f"About {title}",
        source=f"https://news.example/{slug}",
        sidecars=names,
    )
    write_manifest(manifest, audio.parent / f"{audio.stem}.manifest.json")
    return manifest


@pytest.fixture
def show(tmp_path: Path, tones: dict[str, Path]) -> Path:
    """A folder with three narrations (one in a subfolder with a space) and artwork."""
    add_narration(tmp_path, "older", tones["short"], title="Older story", date="2026-11-20")
    add_narration(tmp_path, "world news/tricky", tones["long"], title=TRICKY, date="2026-11-23")
    add_narration(tmp_path, "undated", tones["short"], title="Undated", date=None, created="2026-11-28T01:40:00Z")
    (tmp_path / "art.png").write_bytes(PNG)
    return tmp_path


def make_feed(folder: Path, **options: object) -> bytes:
    """The feed of a folder with the test show's settings."""
    settings = {
        "base_url": BASE,
        "title": "Narrated & Read",
        "image": folder / "art.png",
        "author": "Desk",
        "owner_email": "desk@example.com",
        **options,
    }
    return build_feed(folder, **settings)


def test_podcastparser_reads_every_episode(show: Path) -> None:
    parsed = podcastparser.parse(BASE + "/feed.xml", io.BytesIO(make_feed(show)))
    assert parsed["title"] == "Narrated & Read"
    assert parsed["cover_url"] == "https://example.com/pod/art.png"
    episodes = parsed["episodes"]
    assert [e["title"] for e in episodes] == ["Undated", TRICKY, "Older story"]
    expected = {"Undated": "undated.mp3", TRICKY: "world%20news/tricky.mp3", "Older story": "older.mp3"}
    for episode in episodes:
        path = show / podcastparser_path(episode["enclosures"][0]["url"])
        assert episode["enclosures"] == [
            {
                "url": f"https://example.com/pod/{expected[episode['title']]}",
                "file_size": path.stat().st_size,
                "mime_type": "audio/mpeg",
            }
        ]
        assert episode["total_time"] == round(MP3(path).info.length)
    assert [e["total_time"] for e in episodes] == [1, 2, 1]


def podcastparser_path(url: str) -> str:
    """The folder-relative path of an enclosure URL."""
    return url.removeprefix("https://example.com/pod/").replace("%20", " ")


def test_feedparser_reads_enclosures_transcripts_and_chapters(show: Path) -> None:
    parsed = feedparser.parse(make_feed(show))
    assert not parsed.bozo
    tricky = next(e for e in parsed.entries if e.title == TRICKY)
    url = "https://example.com/pod/world%20news/tricky"
    assert tricky.enclosures == [
        {"href": f"{url}.mp3", "type": "audio/mpeg", "length": str((show / "world news/tricky.mp3").stat().st_size)}
    ]
    assert tricky.itunes_duration == "2"
    assert tricky.podcast_chapters == {"url": f"{url}.chapters.json", "type": "application/json+chapters"}
    assert tricky.published == "Mon, 23 Nov 2026 00:00:00 GMT"
    assert tricky.podcast_txt == {"purpose": "ai-content"}


def test_every_sidecar_is_linked(show: Path) -> None:
    item = items_by_title(make_feed(show))[TRICKY]
    transcripts = [(t.get("type"), t.get("url")) for t in item.iter(f"{{{PODCAST_NS}}}transcript")]
    url = "https://example.com/pod/world%20news/tricky"
    assert transcripts == [
        ("text/vtt", f"{url}.vtt"),
        ("application/json", f"{url}.transcript.json"),
        ("application/x-subrip", f"{url}.srt"),
    ]
    assert item.find(f"{{{PODCAST_NS}}}txt").text == "true"


def test_legacy_namespace_clients_see_transcript_and_chapters(show: Path) -> None:
    # podcastparser 0.6.11 maps only the namespace's old GitHub URI to "podcast:".
    legacy = make_feed(show).replace(
        PODCAST_NS.encode(), b"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
    )
    episode = podcastparser.parse(BASE, io.BytesIO(legacy))["episodes"][-1]
    assert episode["chapters_json_url"] == "https://example.com/pod/older.chapters.json"
    assert episode["transcript_url"].startswith("https://example.com/pod/older.")


def test_tricky_title_survives_the_round_trip(show: Path) -> None:
    data = make_feed(show, description="Tips & <tricks>")
    assert TRICKY in [e["title"] for e in podcastparser.parse(BASE, io.BytesIO(data))["episodes"]]
    assert TRICKY in [e.title for e in feedparser.parse(data).entries]
    assert TRICKY in items_by_title(data)
    # Plain text, not HTML: feedparser's HTML sanitizer would drop "<tricks>" from descriptions.
    assert podcastparser.parse(BASE, io.BytesIO(data))["description"] == "Tips & <tricks>"


def test_guids_are_stable_and_builds_reproducible(show: Path) -> None:
    first, second = make_feed(show), make_feed(show)
    assert first == second
    guids = [e["guid"] for e in podcastparser.parse(BASE, io.BytesIO(first))["episodes"]]
    assert guids[1] == stable_guid("https://news.example/world news/tricky", TRICKY)
    assert len(set(guids)) == 3
    add_narration(show, "newest", show / "older.mp3", title="Newest", date="2026-11-29")
    again = podcastparser.parse(BASE, io.BytesIO(make_feed(show)))["episodes"]
    assert [e["guid"] for e in again][1:] == guids


def test_generated_feed_passes_the_checker(show: Path) -> None:
    report = check_feed(make_feed(show), policy="narrator")
    assert report.errors == () and report.warnings == ()


def test_channel_elements(show: Path) -> None:
    channel = ET.fromstring(make_feed(show, explicit=True, category="Technology")).find("channel")
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == BASE + "/"
    assert channel.find(f"{{{ITUNES_NS}}}category").get("text") == "Technology"
    assert channel.findtext(f"{{{ITUNES_NS}}}explicit") == "true"
    assert channel.findtext(f"{{{ITUNES_NS}}}owner/{{{ITUNES_NS}}}email") == "desk@example.com"
    assert channel.findtext(f"{{{PODCAST_NS}}}locked") == "no"
    assert channel.findtext(f"{{{PODCAST_NS}}}guid") == podcast_guid(BASE + "/feed.xml")


def test_podcast_guid_matches_the_spec_examples() -> None:
    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml") == "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    assert (
        podcast_guid("podnews.net/rss////")
        == podcast_guid("http://podnews.net/rss/")
        == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    )


def test_missing_sidecars_are_not_linked(tmp_path: Path, tones: dict[str, Path]) -> None:
    add_narration(tmp_path, "bare", tones["short"], title="Bare", date=None, sidecars=False)
    item = items_by_title(build_feed(tmp_path, base_url=BASE, title="T"))["Bare"]
    assert item.find(f"{{{PODCAST_NS}}}transcript") is None
    assert item.find(f"{{{PODCAST_NS}}}chapters") is None


def test_write_feed_is_atomic_and_names_itself(show: Path) -> None:
    output = write_feed(
        show, output=show / "feed.xml", base_url=BASE, title="T", image="https://cdn.example/art.jpg"
    ).path
    before = {p.name for p in show.iterdir()}
    assert not any(name.endswith(".tmp") for name in before)
    channel = ET.fromstring(output.read_bytes()).find("channel")
    assert channel.find("{http://www.w3.org/2005/Atom}link").get("href") == BASE + "/feed.xml"
    assert channel.find(f"{{{ITUNES_NS}}}image").get("href") == "https://cdn.example/art.jpg"


@pytest.mark.parametrize(
    "base_url",
    [
        "ftp://example.com/",
        "example.com/pod",
        "https://",
        "https://example.com/?a=1",
        "https://example.com/my pod",
        "javascript:alert(1)",
    ],
)
def test_base_url_must_be_http(show: Path, base_url: str) -> None:
    with pytest.raises(FeedError, match="base URL"):
        build_feed(show, base_url=base_url, title="T")


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="no narrations found in"):
        build_feed(tmp_path, base_url=BASE, title="T")


def test_image_must_be_a_jpeg_or_png_inside_the_folder(show: Path, tmp_path_factory) -> None:
    (show / "art.gif").write_bytes(b"GIF89a" + b"\x00" * 10)
    with pytest.raises(FeedError, match="not a JPEG or PNG"):
        make_feed(show, image=show / "art.gif")
    outside = tmp_path_factory.mktemp("elsewhere") / "art.png"
    outside.write_bytes(PNG)
    with pytest.raises(FeedError, match="must be inside"):
        build_feed(show, base_url=BASE, title="T", image=outside)


def test_manifest_pointing_outside_the_folder_is_refused(show: Path) -> None:
    text = (show / "older.manifest.json").read_text(encoding="utf-8")
    (show / "older.manifest.json").write_text(
        text.replace('"audio": "older.mp3"', '"audio": "../../etc/passwd"'), encoding="utf-8"
    )
    with pytest.raises(FeedError, match="outside the feed folder"):
        make_feed(show)


def test_missing_audio_and_duplicate_guids_are_errors(show: Path) -> None:
    shutil.copyfile(show / "older.manifest.json", show / "copy.manifest.json")
    with pytest.raises(FeedError, match="same guid"):
        make_feed(show)
    (show / "copy.manifest.json").unlink()
    (show / "older.mp3").unlink()
    with pytest.raises(FeedError, match=r"older\.mp3 is missing"):
        make_feed(show)


def items_by_title(data: bytes) -> dict[str, ET.Element]:
    """The feed's <item> elements keyed by title."""
    return {item.findtext("title"): item for item in ET.fromstring(data).iter("item")}


def test_podcastparser_finds_transcripts_and_chapters_with_the_old_namespace(show: Path) -> None:
    """gPodder's parser knows only the namespace's first URL: --old-namespace lists them there too."""
    plain = podcastparser.parse(BASE, io.BytesIO(make_feed(show)))["episodes"]
    assert not any("transcript_url" in e or "chapters_json_url" in e for e in plain)
    data = make_feed(show, old_namespace=True)
    both = podcastparser.parse(BASE, io.BytesIO(data))["episodes"]
    assert len(both) == 3
    for episode in both:
        assert episode["transcript_url"].startswith(BASE) and episode["transcript_url"].endswith(
            (".vtt", ".srt", ".json")
        )
        assert episode["chapters_json_url"].endswith(".chapters.json")
    report = check_feed(data, policy="narrator")
    assert report.errors == () and report.warnings == ()
