"""A narration's files: the result, the up-to-date check, and the order MP3, sidecars and manifest are written in.

Which names a narration may take, and over what, is narrator.publish.claims.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..files import StagedFile, write_bytes_atomic
from ..models import Article, Narration, Script
from ..settings import NarrationSettings
from .claims import Claim, Source
from .description import lead_description
from .manifest import (
    Manifest,
    ManifestChapter,
    ManifestSegment,
    manifest_path_for,
    sha256_file,
    utc_timestamp,
    write_manifest,
)
from .sidecars import SUFFIXES as SIDECAR_SUFFIXES
from .sidecars import sidecar_path, write_sidecars
from .words import manifest_words


@dataclass(frozen=True)
class NarrationResult:
    """What one narration produced."""

    audio: Path
    """The MP3 written (or found up to date)."""
    duration_ms: int
    """Its length."""
    segments: int
    """How many segments were spoken."""
    title: str
    """The title it was tagged with."""
    skipped: bool = False
    """True when the output was already up to date and nothing was redone."""
    manifest: Path | None = None
    """The JSON manifest beside the MP3."""
    warnings: tuple[str, ...] = ()
    """Things the producer should know (cover size, loudness not reached)."""
    player: Path | None = None
    """The read-along player page beside the MP3, when one was written or is up to date."""


def up_to_date_result(claim: Claim, input_sha256: str, settings_sha256: str) -> NarrationResult | None:
    """The previous result if `claim`'s files were made from this input with these settings and all exist, else None."""
    manifest = claim.previous
    if manifest is None:
        return None
    audio = claim.audio
    try:
        size = audio.stat().st_size
    except OSError:
        return None
    if (manifest.input_sha256, manifest.settings_sha256, manifest.audio_bytes) != (input_sha256, settings_sha256, size):
        return None
    if not all((audio.parent / name).is_file() for name in manifest.sidecars.values()):
        return None  # a sidecar was deleted: narrate again to finish the set
    return NarrationResult(
        audio,
        manifest.duration_ms,
        len(manifest.segments),
        manifest.title,
        skipped=True,
        manifest=manifest_path_for(audio),
    )


def publish_narration(
    mp3: StagedFile,
    claim: Claim,
    source: Source,
    narration: Narration,
    script: Script,
    article: Article,
    settings: NarrationSettings,
    *,
    input_sha256: str,
    settings_sha256: str,
    lead: Sequence[Sequence[str]],
    engine_info: dict[str, str] | None = None,
) -> Path:
    """Put a finished MP3 in place with its sidecars and manifest; return the manifest's path.

    `lead` is the sentences of the article's first LEAD_PARAGRAPHS paragraphs, for the description.

    A pending manifest (no input hash, so never up to date) goes first: it keeps
    the set narrator's own while the files change, so a run killed at any point
    leaves a set the next run recognizes as its own and redoes.
    """
    identity = _identity(claim, source)
    manifest_path = manifest_path_for(claim.audio)
    write_manifest(_pending_manifest(claim, article.title, identity), manifest_path)
    mp3.commit()
    sidecars = write_sidecars(narration, script, narration.chapters, claim.audio)
    manifest = manifest_for(
        narration,
        article,
        settings,
        claim.audio,
        sidecars,
        input_sha256=input_sha256,
        settings_sha256=settings_sha256,
        lead=lead,
    )
    write_manifest(identity.apply(dataclasses.replace(manifest, engine=dict(engine_info or {}))), manifest_path)
    return manifest_path


def publish_files(claim: Claim, source: Source, audio: bytes, sidecars: dict[str, bytes], manifest: Manifest) -> Path:
    """Put a narration made elsewhere (a cluster worker's files) in place under `claim`; return the manifest's path.

    The files go in publish_narration's order.
    """
    identity = _identity(claim, source)
    manifest_path = manifest_path_for(claim.audio)
    write_manifest(_pending_manifest(claim, manifest.title, identity), manifest_path)
    write_bytes_atomic(claim.audio, audio)
    names = {}
    for kind, data in sidecars.items():
        path = sidecar_path(claim.audio, kind)
        write_bytes_atomic(path, data)
        names[kind] = path.name
    write_manifest(identity.apply(dataclasses.replace(manifest, audio=claim.audio.name, sidecars=names)), manifest_path)
    return manifest_path


@dataclass(frozen=True)
class _Identity:
    """The manifest fields that make a set this source's episode: kept GUID and first publication, the source."""

    guid: str
    """The episode's GUID, kept across rewrites."""
    published: str
    """When the episode was first published."""
    source_id: str
    """The source's identity (URL or input hash)."""
    source: str
    """The source as named."""

    def apply(self, manifest: Manifest) -> Manifest:
        """`manifest` with these fields."""
        return dataclasses.replace(
            manifest, guid=self.guid, published=self.published, source_id=self.source_id, source=self.source
        )


def _identity(claim: Claim, source: Source) -> _Identity:
    """This claim's episode identity for `source`."""
    return _Identity(claim.guid, claim.published, source.identity, source.name)


def _pending_manifest(claim: Claim, title: str, identity: _Identity) -> Manifest:
    """The manifest that holds a set while it is rewritten: names every file about to be written; never up to date."""
    planned = {kind: sidecar_path(claim.audio, kind).name for kind in SIDECAR_SUFFIXES}
    if claim.previous is None:
        # No audio yet (audio_bytes 0, no input hash): feeds leave it out until the narration is complete.
        return Manifest(
            audio=claim.audio.name,
            audio_bytes=0,
            duration_ms=0,
            title=title,
            created=utc_timestamp(),
            sidecars=planned,
            guid=identity.guid,
            published=identity.published,
            source_id=identity.source_id,
            source=identity.source,
        )
    sidecars = {**claim.previous.sidecars, **planned}
    return identity.apply(dataclasses.replace(claim.previous, input_sha256="", settings_sha256="", sidecars=sidecars))


def manifest_for(
    narration: Narration,
    article: Article,
    settings: NarrationSettings,
    target: Path,
    sidecars: dict[str, Path],
    *,
    input_sha256: str,
    settings_sha256: str,
    lead: Sequence[Sequence[str]],
) -> Manifest:
    """The manifest of one written narration (a new episode's identity; publish_narration keeps an old one's)."""
    # The lead is in the first few paragraphs; fragments above it are skipped there.
    description = lead_description(lead)
    fingerprint = settings.fingerprint()
    created = utc_timestamp()
    return Manifest(
        audio=target.name,
        audio_bytes=target.stat().st_size,
        audio_sha256=sha256_file(target),
        duration_ms=narration.duration_ms,
        title=article.title,
        guid=str(uuid.uuid4()),
        created=created,
        published=created,
        author=article.byline,
        publication=article.publication,
        date=article.date,
        language=article.language,
        description=description,
        source=article.source,
        input_sha256=input_sha256,
        settings_sha256=settings_sha256,
        settings={k: v for k, v in fingerprint.items() if k != "voice"},
        voice=fingerprint["voice"],
        sidecars={kind: path.name for kind, path in sidecars.items()},
        segments=tuple(
            ManifestSegment(
                t.segment.text,
                t.segment.spoken,
                t.start_ms,
                t.end_ms,
                t.segment.section,
                t.segment.paragraph,
                t.segment.sentence,
                manifest_words(t),
            )
            for t in narration.segments
        ),
        chapters=tuple(ManifestChapter(c.title, c.start_ms, c.end_ms) for c in narration.chapters),
    )
