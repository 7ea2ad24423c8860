"""The public Python API: one typed call per job (narrate, batch, feed, the text previews); the CLI calls these too."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path

from .batch import BatchItem, BatchSummary, ItemResult, collect_items, run_batch
from .batch.cluster import ClusterConnection, connect_cluster
from .check import CheckOptions, require_recognizer
from .errors import FeedError, InputError, NoArticleError
from .input_files import read_input
from .metadata import ArticleOverrides, validated_overrides
from .models import Article, Script, VoiceProfile
from .options import settings_from_options
from .pipeline import DEFAULT_OUTPUT_FOLDER, Progress, check_settings, narrate_source, script_article
from .publish.feed import FeedResult
from .publish.feed import write_feed as _write_feed
from .publish.output_set import NarrationResult
from .read import read_article
from .read.decode import decode_bytes
from .safe_text import clean_text
from .script import load_lexicon, split_sentences
from .script import normalize as spoken_form
from .settings import NarrationSettings, PathLike
from .voices import load_profile

MAX_TEXT_BYTES = 20_000_000
"""The most `read_lines` reads (a file or standard input)."""


def narrate(
    source: PathLike,
    output: PathLike | None = None,
    *,
    settings: NarrationSettings | None = None,
    voice: PathLike | VoiceProfile | None = None,
    lexicons: Sequence[PathLike] | None = None,
    spoken_disclosure: bool | None = None,
    title: str | None = None,
    author: str | None = None,
    publication: str | None = None,
    date: str | None = None,
    language: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> NarrationResult:
    """Narrate one article (path, URL or "-") to a tagged MP3 with its sidecars, manifest and player page.

    `output`: an MP3 file name, a folder, or None (output/); missing folders are made.
    `settings` (see settings_from_options) carries every sound option; `voice`,
    `lexicons` and `spoken_disclosure` override it. `title`...`language` override the
    article's metadata. `force`: narrate again even if up to date, and replace files
    narrator did not make; `progress(stage, done, total)` hears each stage.
    A bad value is a NarratorError (SettingError, InputError, ...), before any synthesis.
    """
    settings = settings_from_options(settings, voice=voice, lexicons=lexicons, spoken_disclosure=spoken_disclosure)
    overrides = validated_overrides(ArticleOverrides(title, author, publication, date, language))
    return narrate_source(os.fspath(source), output, settings, overrides, force=force, progress=progress)


def narrate_batch(
    inputs: Iterable[PathLike],
    output_dir: PathLike = DEFAULT_OUTPUT_FOLDER,
    *,
    settings: NarrationSettings | None = None,
    voice: PathLike | VoiceProfile | None = None,
    workers: int | None = None,
    cluster: str | ClusterConnection | None = None,
    fail_fast: bool = False,
    force: bool = False,
    check: CheckOptions | None = None,
    allowed_roots: Iterable[PathLike] = (),
    on_connect: Callable[[ClusterConnection], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[ItemResult], None] | None = None,
) -> BatchSummary:
    """Narrate files, folders (recursively) and CSV/JSONL manifests into `output_dir`; failures are per item.

    `cluster`: a Dask scheduler address (tcp://HOST:8786), "local:N", or a connection;
    `check`: listen to each narration and fail the items that do not pass. Callbacks: `on_connect`
    gets the cluster connection once made, `on_start` the number of items before any narration,
    `on_result` each finished item.
    """
    settings = settings_from_options(settings, voice=voice)
    check_settings(settings)  # a bad setting is one line, before any item
    if check is not None:
        require_recognizer(check.model)  # before any synthesis
    with ExitStack() as stack:
        if isinstance(cluster, str):
            cluster = stack.enter_context(connect_cluster(cluster))  # before any work: a bad address is one line
        if cluster is not None and on_connect is not None:
            on_connect(cluster)
        items: list[BatchItem] = collect_items([os.fspath(i) for i in inputs], [Path(r) for r in allowed_roots])
        if on_start is not None:
            on_start(len(items))
        return run_batch(
            items, Path(output_dir), settings, workers=workers, fail_fast=fail_fast, force=force,
            on_result=on_result, check=check, cluster=cluster,
        )  # fmt: skip


def write_feed(
    folder: PathLike,
    *,
    base_url: str,
    title: str,
    output: PathLike | None = None,
    image: str | None = None,
    author: str | None = None,
    language: str | None = None,
    description: str | None = None,
    owner_email: str | None = None,
    category: str = "News",
    old_namespace: bool = False,
    force: bool = False,
) -> FeedResult:
    """Write the podcast feed (default FOLDER/feed.xml) of the narrations in `folder`; its warnings are returned.

    A feed with errors that `narrator feed --check --policy narrator` would report is refused (FeedError).
    """
    folder = Path(folder)
    if not base_url or not title:
        raise FeedError("a feed needs --base-url and --title")
    if not folder.is_dir():
        raise FeedError(f"{folder} is not a folder of narrations")
    return _write_feed(
        folder, output=Path(output) if output is not None else folder / "feed.xml", base_url=base_url, title=title,
        force=force, image=image, author=author, language=language, description=description,
        owner_email=owner_email, category=category, old_namespace=old_namespace,
    )  # fmt: skip


def clean(source: PathLike, *, as_is: bool = False) -> Article:
    """The article a file, URL or "-" (standard input) holds: what will be read (`as_is`: every line of the page)."""
    return read_article(os.fspath(source), as_is=as_is)


def split(source: PathLike) -> list[str]:
    """The article's sentences, in order; NoArticleError if it has none."""
    name = os.fspath(source)
    sentences = [s for paragraph in clean(name).paragraphs for s in split_sentences(paragraph)]
    if not sentences:
        raise NoArticleError(f"no sentences found in {'standard input' if name == '-' else name}")
    return sentences


def normalize(text: str, *, lexicons: Sequence[PathLike] = ()) -> str:
    """The spoken form of each line of `text` (numbers, dates, money, abbreviations...), line for line."""
    lexicon = load_lexicon([Path(p) for p in lexicons])
    return "\n".join(spoken_form(line, lexicon) if line.strip() else line for line in text.split("\n"))


def build_script(
    source: PathLike,
    *,
    settings: NarrationSettings | None = None,
    voice: PathLike | VoiceProfile | None = None,
    lexicons: Sequence[PathLike] | None = None,
) -> Script:
    """The segments a narration of `source` would speak (original and spoken text, pauses), without the disclosure."""
    if isinstance(voice, (str, os.PathLike)):
        # A script needs the profile's pauses and lexicon, not its model: an absent model file is no error here.
        voice = load_profile(voice if isinstance(voice, str) else Path(voice), resolve=False)
    settings = settings_from_options(settings, voice=voice, lexicons=lexicons, spoken_disclosure=False)
    return script_article(clean(source, as_is=settings.as_is), settings)


def read_lines(source: PathLike = "-") -> list[str]:
    """The lines of a text file or "-" (standard input), decoded as articles are and without control characters."""
    name = os.fspath(source)
    try:
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1) if name == "-" else read_input(name, max_bytes=MAX_TEXT_BYTES)
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from exc
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{name} is larger than the {MAX_TEXT_BYTES:,}-byte limit")
    label = "standard input" if name == "-" else name
    return [clean_text(line) for line in decode_bytes(data, source=label).splitlines()] if data else []
