"""Collect batch items from files, folders and CSV/JSONL manifests."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import InputError, NarratorError
from ..input_files import expand_home, read_input
from ..metadata import ArticleOverrides, slugify, validated_overrides
from ..voices import load_profile

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml"}
MANIFEST_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
_ROW_KEYS = {"source", "title", "author", "publication", "date", "language", "voice", "output"}
MAX_MANIFEST_BYTES = 50_000_000
_DEFAULT_OUTPUT = PurePosixPath("narration.mp3")


@dataclass(frozen=True)
class BatchItem:
    """One article to narrate, or one row that cannot be."""

    label: str
    """How the item is named in progress and summaries ("list.csv:3" or a path)."""
    source: str = ""
    """Path or URL of the article."""
    output: PurePosixPath = _DEFAULT_OUTPUT
    """MP3 path relative to the output folder."""
    overrides: ArticleOverrides = field(default_factory=ArticleOverrides)
    """Metadata given by the manifest row."""
    voice: str | None = None
    """Voice profile for this item, if not the batch's."""
    error: str | None = None
    """Why the item cannot be narrated; set for bad manifest rows."""
    named: bool = False
    """True if the user gave the output name (a manifest row's `output`): used as given or refused, never renumbered."""
    reserved: frozenset[str] = frozenset()
    """MP3 names in the item's folder that other items of this run will write (set by plan_outputs)."""


def collect_items(inputs: Iterable[str], allowed_roots: Iterable[str | Path] = ()) -> list[BatchItem]:
    """Expand inputs into items; a name the user gave twice is an error on the later item.

    (plan_outputs numbers made-up names apart.)

    A manifest row's file must lie inside the manifest's folder or one of `allowed_roots`.
    """
    roots = tuple(expand_home(root).resolve() for root in allowed_roots)
    items = [item for source in inputs for item in _expand(source, roots)]
    return _unique_outputs(items)


def _expand(source: str, roots: tuple[Path, ...] = ()) -> Iterator[BatchItem]:
    """Items from one command-line input."""
    if "://" in source:
        yield BatchItem(source, source, PurePosixPath(f"{slugify(source.rsplit('/', 1)[-1] or source)}.mp3"))
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not _hidden(p, path)
        )
        if not files:  # a wrong folder must not pass as a batch with nothing to do
            yield BatchItem(
                source, error=f"{source}: no articles in this folder ({', '.join(sorted(ARTICLE_SUFFIXES))})"
            )
        for file in files:
            yield BatchItem(str(file), str(file), _mp3_name(file.relative_to(path)))
    elif path.suffix.lower() in MANIFEST_SUFFIXES:
        yield from manifest_items(path, roots)
    elif path.is_file():
        yield BatchItem(source, source, _mp3_name(Path(path.name)))
    else:
        yield BatchItem(source, source, error=f"{source}: no such file or folder")


def manifest_items(path: Path, roots: tuple[Path, ...] = ()) -> Iterator[BatchItem]:
    """Items from a CSV (with a header row) or JSONL manifest; bad rows carry their line number."""
    try:
        text = read_input(path, what="manifest", max_bytes=MAX_MANIFEST_BYTES).decode("utf-8-sig")
    except InputError as exc:
        yield BatchItem(str(path), error=str(exc))
        return
    except UnicodeDecodeError as exc:
        yield BatchItem(str(path), error=f"manifest {path} is not UTF-8 ({exc.reason} at byte {exc.start})")
        return
    rows = list(_csv_rows(text) if path.suffix.lower() == ".csv" else _jsonl_rows(text))
    if not rows:
        yield BatchItem(str(path), error=f"{path}: the manifest has no rows")
    for line, row in rows:
        yield _row_item(path, line, row, roots)


def _csv_rows(text: str) -> Iterator[tuple[int, dict[str, object] | str]]:
    """(line number, row) pairs of a CSV with a header."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        for row in reader:
            if any((v or "").strip() for v in row.values() if isinstance(v, str)):
                yield (
                    reader.line_num,
                    {
                        k.strip().lower(): (v or "").strip()
                        for k, v in row.items()
                        if isinstance(k, str) and isinstance(v, str)
                    },
                )
    except csv.Error as exc:
        yield reader.line_num, f"not valid CSV ({exc})"


def _jsonl_rows(text: str) -> Iterator[tuple[int, dict[str, object] | str]]:
    """(line number, row) pairs of a JSON-lines file."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"not valid JSON ({exc.msg})"
            continue
        yield number, row if isinstance(row, dict) else "not a JSON object"


def _row_item(manifest: Path, line: int, row: dict[str, object] | str, roots: tuple[Path, ...] = ()) -> BatchItem:
    """One manifest row as an item, or as an error naming its line."""
    label = f"{manifest}:{line}"
    try:
        if isinstance(row, str):
            raise InputError(row)
        unknown = sorted(set(row) - _ROW_KEYS)
        if unknown:
            raise InputError(f"unknown column {unknown[0]!r}")
        values = {k: str(v).strip() if v is not None else "" for k, v in row.items()}
        source = values.get("source", "")
        if not source:
            raise InputError("missing source")
        if "://" not in source:
            source = str(_contained_source(manifest, source, roots))
        overrides = validated_overrides(
            ArticleOverrides(*(values.get(k) or None for k in ("title", "author", "publication", "date", "language")))
        )
        voice = values.get("voice") or None
        if voice:
            voice = _checked_voice(voice, manifest)
        output = _output_name(values.get("output") or Path(source).stem or "narration")
    except NarratorError as exc:
        return BatchItem(label, error=f"line {line}: {exc}")
    return BatchItem(label, source, output, overrides, voice, named=bool(values.get("output")))


def _contained_source(manifest: Path, source: str, roots: tuple[Path, ...]) -> Path:
    """A row's file, relative to the manifest, refused outside the manifest's folder and the allowed roots.

    A manifest is data: a row such as ../../secret.txt must not put any file the
    user can read into a transcript and a feed. Symbolic links are followed first.
    """
    path = manifest.parent / source  # data, not a shell: "~" is a name like any other
    try:
        resolved = path.resolve()
    except (OSError, ValueError, RuntimeError):  # a NUL, an unencodable name, a symlink loop
        raise InputError(f"source {source} is not a valid file name") from None
    folders = (manifest.parent.resolve(), *roots)
    if not any(resolved.is_relative_to(folder) for folder in folders):
        raise InputError(
            f"source {source} is outside the manifest's folder (allow its folder with --allow-sources DIR)"
        )
    return path


def _checked_voice(voice: str, manifest: Path) -> str:
    """The row's voice (a profile path resolved beside the manifest); fails the row if unknown."""
    candidate = manifest.parent / voice
    resolved = str(candidate) if voice.endswith(".toml") and candidate.is_file() else voice
    load_profile(resolved)
    return resolved


def _output_name(name: str) -> PurePosixPath:
    """A safe relative .mp3 path from a row's output name (no folders, no tricks)."""
    stem = name[:-4] if name.lower().endswith(".mp3") else name
    return PurePosixPath(f"{slugify(stem)}.mp3")


def _mp3_name(relative: Path) -> PurePosixPath:
    """Mirror an input's place under its folder, with a slugged .mp3 name."""
    parts = [slugify(p) for p in relative.parent.parts]
    return PurePosixPath(*parts, f"{slugify(relative.stem)}.mp3")


def _hidden(path: Path, root: Path) -> bool:
    """True for files inside hidden folders or hidden themselves."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _unique_outputs(items: list[BatchItem]) -> list[BatchItem]:
    """Turn the second and later users of one name the user gave into errors."""
    seen: dict[PurePosixPath, str] = {}
    unique = []
    for item in items:
        if item.error is None and item.named:
            if item.output in seen:
                item = BatchItem(
                    item.label,
                    item.source,
                    item.output,
                    error=f"output {item.output} is already used by {seen[item.output]}",
                )
            else:
                seen[item.output] = item.label
        unique.append(item)
    return unique
