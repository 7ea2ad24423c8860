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
from .errors import FeedError, InputError, NoArticleError, SettingError
from .input_files import read_input
from .metadata import ArticleOverrides, validated_overrides
from .models import Article, Script, VoiceProfile
from .options import check_callback, checked_flag, checked_path, checked_paths, checked_text, settings_from_options
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

    `output`: an MP3 file name, a folder (one that exists, or a name ending in "/"), or None (output/);
    missing folders are made.
    `settings` (see settings_from_options) carries every sound option; `voice`,
    `lexicons` and `spoken_disclosure` override it. `title`...`language` override the
    article's metadata. `force`: narrate again even if up to date, and replace files
    narrator did not make; `progress(stage, done, total)` hears each stage.
    A bad value is a NarratorError (SettingError, InputError, ...), before any synthesis.
    """
    name = _source(source)
    if output is not None and not isinstance(output, (str, os.PathLike)):  # else kept as given: "out/" is a folder
        raise SettingError(f"output must be an MP3 file or folder name, got {output!r}")
    settings = settings_from_options(settings, voice=voice, lexicons=lexicons, spoken_disclosure=spoken_disclosure)
    metadata = {"title": title, "author": author, "publication": publication, "date": date, "language": language}
    overrides = validated_overrides(ArticleOverrides(**{k: checked_text(k, v) for k, v in metadata.items()}))
    check_callback("progress", progress)
    return narrate_source(name, output, settings, overrides, force=checked_flag("force", force), progress=progress)


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
    kind = "a list of files, folders or manifests"
    if isinstance(inputs, (str, bytes, os.PathLike)) or not isinstance(inputs, Iterable):
        raise SettingError(f"inputs must be {kind}, got {inputs!r}")
    sources = [_source(i, "inputs", kind) for i in inputs]  # as given, not through Path: labels are inputs' names
    folder = checked_path("output_dir", output_dir, kind="a folder name")
    roots = checked_paths("allowed_roots", allowed_roots, kind="folder names")
    settings = settings_from_options(settings, voice=voice)
    _check_batch_options(
        workers, cluster, check, {"on_connect": on_connect, "on_start": on_start, "on_result": on_result}
    )
    check_settings(settings)  # a bad setting is one line, before any item
    if check is not None:
        require_recognizer(check.model)  # before any synthesis
    with ExitStack() as stack:
        if isinstance(cluster, str):
            cluster = stack.enter_context(connect_cluster(cluster))  # before any work: a bad address is one line
        if cluster is not None and on_connect is not None:
            on_connect(cluster)
        items: list[BatchItem] = collect_items(sources, list(roots))
        if on_start is not None:
            on_start(len(items))
        return run_batch(
            items, folder, settings, workers=workers, fail_fast=checked_flag("fail_fast", fail_fast),
            force=checked_flag("force", force),
            on_result=on_result, check=check, cluster=cluster,
        )  # fmt: skip


def _check_batch_options(
    workers: object, cluster: object, check: object, callbacks: dict[str, Callable[..., None] | None]
) -> None:
    """SettingError for a batch option of the wrong type (the settings and paths are checked where they are built)."""
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise SettingError(f"workers must be a whole number of 1 or more, got {workers!r}")
    if cluster is not None and not isinstance(cluster, (str, ClusterConnection)):
        raise SettingError(f"cluster must be an address (tcp://HOST:8786 or local:N) or a connection, got {cluster!r}")
    if check is not None and not isinstance(check, CheckOptions):
        raise SettingError(f"check must be CheckOptions, got {check!r}")
    for name, callback in callbacks.items():
        check_callback(name, callback)


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
    folder = checked_path("folder", folder, kind="a folder name")
    target = folder / "feed.xml" if output is None else checked_path("output", output)
    if not base_url or not title:
        raise FeedError("a feed needs --base-url and --title")
    texts = {"base_url": base_url, "title": title, "image": image, "author": author, "language": language}
    texts.update(description=description, owner_email=owner_email, category=category)
    for name, value in texts.items():
        if not isinstance(value, str) and (value is not None or name == "category"):
            raise SettingError(f"{name} must be a string, got {value!r}")
    if not folder.is_dir():
        raise FeedError(f"{folder} is not a folder of narrations")
    return _write_feed(
        folder, output=target, base_url=base_url, title=title,
        force=checked_flag("force", force), image=image, author=author, language=language, description=description,
        owner_email=owner_email, category=category, old_namespace=checked_flag("old_namespace", old_namespace),
    )  # fmt: skip


def clean(source: PathLike, *, as_is: bool = False) -> Article:
    """The article a file, URL or "-" (standard input) holds: what will be read (`as_is`: every line of the page)."""
    return read_article(_source(source), as_is=checked_flag("as_is", as_is))


def split(source: PathLike) -> list[str]:
    """The article's sentences, in order; NoArticleError if it has none."""
    name = _source(source)
    sentences = [s for paragraph in clean(name).paragraphs for s in split_sentences(paragraph)]
    if not sentences:
        raise NoArticleError(f"no sentences found in {'standard input' if name == '-' else name}")
    return sentences


def normalize(text: str, *, lexicons: Sequence[PathLike] = ()) -> str:
    """The spoken form of each line of `text` (numbers, dates, money, abbreviations...), line for line."""
    if not isinstance(text, str):
        raise SettingError(f"text must be a string, got {text!r}")
    lexicon = load_lexicon(list(checked_paths("lexicons", lexicons)))
    return "\n".join(spoken_form(line, lexicon) if line.strip() else line for line in text.split("\n"))


def build_script(
    source: PathLike,
    *,
    settings: NarrationSettings | None = None,
    voice: PathLike | VoiceProfile | None = None,
    lexicons: Sequence[PathLike] | None = None,
) -> Script:
    """The segments a narration of `source` would speak (original and spoken text, pauses), without the disclosure."""
    name = _source(source)
    if isinstance(voice, (str, os.PathLike)):
        # A script needs the profile's pauses and lexicon, not its model: an absent model file is no error here.
        voice = load_profile(voice if isinstance(voice, str) else Path(voice), resolve=False)
    settings = settings_from_options(settings, voice=voice, lexicons=lexicons, spoken_disclosure=False)
    return script_article(clean(name, as_is=settings.as_is), settings)


def read_lines(source: PathLike = "-") -> list[str]:
    """The lines of a text file or "-" (standard input), decoded as articles are and without control characters."""
    name = _source(source)
    try:
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1) if name == "-" else read_input(name, max_bytes=MAX_TEXT_BYTES)
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from exc
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{name} is larger than the {MAX_TEXT_BYTES:,}-byte limit")
    label = "standard input" if name == "-" else name
    return [clean_text(line) for line in decode_bytes(data, source=label).splitlines()] if data else []


def _source(source: object, name: str = "source", kind: str = 'a file name, a URL or "-"') -> str:
    """An input's name (a file, a URL or "-") as given, or SettingError ("NAME must be KIND") if it is not a name."""
    if not isinstance(source, (str, os.PathLike)) or not os.fspath(source):
        raise SettingError(f"{name} must be {kind}, got {source!r}")
    return os.fspath(source)  # not through Path, which would fold a URL's "//"
