"""Output names a narration may take: whose the files at a name are, numbered variants, the overwrite rules.

The rules (README, "Outputs: overwrite and naming rules"):
- narrator replaces a file only when it is narrator's own output for the same
  source (the manifest beside it says so) or with --force; any other existing
  file is refused before synthesis, naming the file and --force;
- a name made from a title or an input file name that is taken by another
  source's narration gets the next free numbered name (`editorial-2.mp3`); a
  name the user gave (`-o`, a manifest's `output` column) is never changed:
  it is refused instead;
- the input is never an output, even with --force;
- each MP3 name is one episode: its GUID and first publication time are kept
  across re-narrations, corrections and voice changes.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import NarratorError, OutputError
from .manifest import (
    MANIFEST_SUFFIX,
    Manifest,
    manifest_path_for,
    read_manifest,
    utc_timestamp,
)
from .player import player_path_for
from .sidecars import SUFFIXES as SIDECAR_SUFFIXES
from .sidecars import sidecar_path

State = Literal["free", "own", "other", "foreign"]


Inspection = tuple[State, Manifest | None, Path | None]
"""Whose the files at an MP3 name are: (state, their manifest if narrator's, the first file that is not)."""


_NUMBERED = re.compile(r"(-\d+)+\Z")


_MAX_VARIANTS = 1000


@dataclass(frozen=True)
class Source:
    """Who an output belongs to: the article's source and its identity."""

    name: str
    """The source as given: a path, a URL or "-"."""
    identity: str
    """Hash of where it came from: a URL, a file's real path, or (standard input) its content."""


@dataclass(frozen=True)
class Claim:
    """An output name narrator may write, and the episode it continues."""

    audio: Path
    """The MP3 to write."""
    previous: Manifest | None = None
    """The manifest of the narration being replaced, if any."""

    @functools.cached_property
    def guid(self) -> str:
        """The episode GUID: kept from the narration it replaces, else new."""
        return self.previous.guid if self.previous else str(uuid.uuid4())

    @functools.cached_property
    def published(self) -> str:
        """When the episode was first published: kept from the narration it replaces, else now."""
        if self.previous:
            return self.previous.published or self.previous.created
        return utc_timestamp()


def source_of(name: str, input_sha256: str) -> Source:
    """The identity of a source: its URL, its file's real path, or for standard input its content."""
    name = name.strip()
    if "://" in name:
        key = f"url:{name}"
    elif name in ("", "-"):
        key = f"stdin:{input_sha256}"
    else:
        key = f"file:{os.path.realpath(name)}"
    return Source(name, hashlib.sha256(key.encode()).hexdigest())


def output_paths(audio: Path) -> list[Path]:
    """Every file a narration to `audio` writes: the MP3, its sidecars and its manifest."""
    return [audio, *(sidecar_path(audio, kind) for kind in SIDECAR_SUFFIXES), manifest_path_for(audio)]


def family(stem: str) -> str:
    """The name family a stem belongs to ("editorial-2" → "editorial"), which one lock guards."""
    return _NUMBERED.sub("", stem) or stem


def inspect(audio: Path, source: Source) -> Inspection:
    """Whose the files at `audio` are: (state, their manifest if narrator's, the first file that is not)."""
    existing = {}
    for path in output_paths(audio):
        try:
            existing[path] = stat.S_ISREG(os.lstat(path).st_mode)  # a symlink or folder is never narrator's
        except FileNotFoundError:
            continue
        except OSError:
            existing[path] = False
    if not existing:
        return "free", None, None
    manifest_path = manifest_path_for(audio)
    manifest = _own_manifest(audio, manifest_path) if existing.get(manifest_path) else None
    if manifest is None:
        return "foreign", None, next(iter(existing))
    listed = {audio.name, manifest_path.name, *manifest.sidecars.values()}
    for path, regular in existing.items():
        if not regular or path.name not in listed:
            return "foreign", None, path
    return ("own" if _same_source(manifest, source) else "other"), manifest, None


def _own_manifest(audio: Path, path: Path) -> Manifest | None:
    """The manifest at `path` if it is one narrator wrote for this MP3."""
    try:
        manifest = read_manifest(path)
    except NarratorError:
        return None
    return manifest if manifest.audio == audio.name else None


def _same_source(manifest: Manifest, source: Source) -> bool:
    """True if the manifest's narration was made from `source` (older manifests: by the source as written)."""
    if manifest.source_id:
        return manifest.source_id == source.identity
    if manifest.source == source.name:
        return True
    return "://" not in source.name and os.path.realpath(manifest.source) == os.path.realpath(source.name)


def claim_named(audio: Path, source: Source, *, force: bool) -> Claim:
    """Claim a name the user gave: narrator's output for this source is replaced; anything else only with `force`."""
    check_not_input(audio, source)
    state, manifest, offender = inspect(audio, source)
    if state in ("free", "own"):
        return Claim(audio, manifest)
    if not force:
        raise OutputError(_refusal(audio, state, manifest, offender))
    return Claim(audio, manifest)


def claim_derived(folder: Path, stem: str, source: Source, *, force: bool, reserved: Collection[str] = ()) -> Claim:
    """Claim `stem`.mp3 in `folder`, or the first numbered variant not another source's narration nor `reserved`."""

    @functools.cache  # a name looked at twice (as the rerun's, then as a variant) has its manifest parsed once
    def inspected(audio: Path) -> Inspection:
        return inspect(audio, source)

    own = _own_variant(folder, stem, source, reserved, inspected)
    if own is not None:
        return own
    for n in range(1, _MAX_VARIANTS):
        audio = folder / (f"{stem}.mp3" if n == 1 else f"{stem}-{n}.mp3")
        if audio.name in reserved:
            continue
        state, manifest, offender = inspected(audio)
        if state == "other":
            continue
        check_not_input(audio, source)
        if state == "foreign" and not force:
            raise OutputError(_refusal(audio, state, manifest, offender))
        return Claim(audio, manifest)
    raise OutputError(f"{folder / stem}.mp3: {_MAX_VARIANTS} narrations by that name already exist")


def _own_variant(
    folder: Path, stem: str, source: Source, reserved: Collection[str], inspected: Callable[[Path], Inspection]
) -> Claim | None:
    """This source's earlier narration among `stem` and its numbered variants, so a rerun keeps its name."""
    plain = folder / f"{stem}.mp3"
    if plain.name not in reserved:
        state, manifest, _ = inspected(plain)
        if state == "own":  # the usual rerun: no need to list the folder
            check_not_input(plain, source)
            return Claim(plain, manifest)
    pattern = re.compile(re.escape(stem) + r"(-\d+)?" + re.escape(MANIFEST_SUFFIX) + r"\Z")
    try:
        names = sorted((entry.name for entry in os.scandir(folder) if pattern.match(entry.name)), key=len)
    except OSError:
        return None
    for name in names:
        audio = folder / (name[: -len(MANIFEST_SUFFIX)] + ".mp3")
        if audio.name in reserved:
            continue
        state, manifest, _ = inspected(audio)
        if state == "own":
            check_not_input(audio, source)
            return Claim(audio, manifest)
    return None


def check_not_input(audio: Path, source: Source) -> None:
    """Refuse (even with --force) an output set that would write over its own input."""
    if "://" in source.name or source.name in ("", "-"):
        return
    # The player page is written by its own rule, but never over the input either.
    for path in (*output_paths(audio), player_path_for(manifest_path_for(audio))):
        try:
            if os.path.samefile(source.name, path):
                raise OutputError(
                    f"{path} is the input; narrator never writes over its input, even with --force:"
                    " choose another output name"
                )
        except OSError:
            continue


def _refusal(audio: Path, state: State, manifest: Manifest | None, offender: Path | None) -> str:
    """The one-line reason a name is refused, naming the file and --force."""
    if state == "other" and manifest is not None:
        other = manifest.source or "unknown"
        return f"{audio} is narrator's narration of another source ({other}); use --force to replace it"
    return (
        f"{offender or audio} already exists and is not narrator's output for this article; use --force to replace it"
    )


PREVIEW_TITLE_PREFIX = "Voice preview: "


def claim_preview(target: Path, *, force: bool) -> None:
    """Allow a voice preview at `target` only over nothing, an earlier preview, or with `force`."""
    if not os.path.lexists(target) or force:
        return
    if target.is_symlink() or not target.is_file() or not _is_preview(target):
        raise OutputError(f"{target} already exists and is not a narrator voice preview; use --force to replace it")


def _is_preview(path: Path) -> bool:
    """True if the MP3's tags say narrator wrote it as a voice preview."""
    from mutagen import MutagenError
    from mutagen.id3 import ID3

    try:
        tags = ID3(str(path))
    except (MutagenError, OSError):
        return False
    title, encoder = tags.get("TIT2"), tags.get("TSSE")
    return bool(
        title and encoder and str(title).startswith(PREVIEW_TITLE_PREFIX) and str(encoder).startswith("narrator ")
    )
