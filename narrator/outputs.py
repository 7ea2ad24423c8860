"""Write a narration's files as one set: MP3, sidecars, then the manifest that commits them.

Each file is written under a temporary name in the target folder and renamed
into place; the manifest goes last, so a crash at any point leaves either the
previous complete set or files a rerun recognizes as out of date.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import __version__
from .errors import OutputError
from .models import Article, Narration, Script
from .settings import NarrationSettings


def check_output_target(output: str | os.PathLike[str] | None) -> None:
    """Fail before any synthesis if the output cannot be written."""
    if output is None:
        return
    path = Path(output)
    if path.is_dir():
        folder = path
    else:
        if path.suffix.lower() != ".mp3":
            raise OutputError(f"output {path} must end in .mp3")
        folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"output folder {folder} does not exist")
    _probe_writable(folder)


def _probe_writable(folder: Path) -> None:
    """Raise OutputError unless a file can be created in `folder`."""
    import tempfile

    try:
        # An unnamed file (O_TMPFILE on Linux), so a run killed here leaves nothing behind.
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise OutputError(f"cannot write to {folder}: {exc.strerror or exc}") from exc


def up_to_date_result(target: Path, input_sha256: str, settings_sha256: str):  # noqa: ANN201 - NarrationResult
    """The previous result if `target` was made from this input with these settings, else None."""
    from .errors import NarratorError
    from .pipeline import NarrationResult
    from .publish import manifest_path_for, read_manifest

    manifest_path = manifest_path_for(target)
    try:
        manifest = read_manifest(manifest_path)
        size = target.stat().st_size
    except (NarratorError, OSError):
        return None
    if (manifest.input_sha256, manifest.settings_sha256, manifest.audio_bytes) != (input_sha256, settings_sha256, size):
        return None
    return NarrationResult(target, manifest.duration_ms, len(manifest.segments), manifest.title, skipped=True, manifest=manifest_path)


def write_narration(
    narration: Narration,
    script: Script,
    article: Article,
    settings: NarrationSettings,
    target: Path,
    *,
    neural: bool,
    input_sha256: str,
    settings_sha256: str,
    engine_info: dict[str, str] | None = None,
) -> Path:
    """Write MP3, sidecars and manifest for one narration; return the manifest's path."""
    from .master import EncodeSettings, encode_mp3_checked, temporary_path, write_tags
    from .master.finish import loudness_settings
    from .publish import manifest_path_for, write_manifest
    from .publish.sidecars import write_sidecars

    temp = temporary_path(target)
    try:
        encoding = EncodeSettings(settings.bitrate_kbps, stereo=settings.stereo)
        loudness = loudness_settings(settings)
        # The checked encode may limit harder when MP3 coding pushes peaks over the ceiling.
        narration = encode_mp3_checked(narration, temp, encoding, loudness if loudness.enabled else None).narration
        write_tags(temp, tags_for(narration, article, settings, neural=neural, engine_info=engine_info))
        os.chmod(temp, _PUBLIC_MODE)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        # The old manifest goes first: a crash from here on leaves a set a rerun redoes.
        manifest_path = manifest_path_for(target)
        manifest_path.unlink(missing_ok=True)
        os.replace(temp, target)
        sidecars = write_sidecars(narration, script, narration.chapters, target)
        write_manifest(
            manifest_for(narration, article, settings, target, sidecars, input_sha256=input_sha256, settings_sha256=settings_sha256, engine_info=engine_info),
            manifest_path,
        )
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    return manifest_path


def tags_for(narration: Narration, article: Article, settings: NarrationSettings, *, neural: bool, engine_info: dict[str, str] | None = None):  # noqa: ANN201 - TagSet
    """The ID3 tag content for a narration."""
    from .master import TagSet
    from .publish.sidecars import sylt_entries, transcript_text

    profile = settings.voice
    return TagSet(
        title=article.title,
        artist=article.byline,
        album=article.publication,
        date=article.date,
        language=article.language,
        encoder=f"narrator {__version__} ({profile.engine} voice {profile.name})",
        transcript=transcript_text(narration),  # exactly what was read, headings included
        neural=neural,
        extra={f"TTS {key}": value for key, value in (engine_info or {}).items() if value},  # engine, model, voice
        chapters=narration.chapters,
        synced_text=sylt_entries(narration),
        cover=settings.cover,
    )


def manifest_for(narration, article, settings, target, sidecars, *, input_sha256, settings_sha256, engine_info=None):  # noqa: ANN001, ANN201
    """The manifest describing one written narration."""
    from .publish.words import manifest_words
    from .publish import Manifest, ManifestChapter, ManifestSegment, sha256_file, stable_guid, utc_timestamp
    from .publish.feed import lead_description
    from .script import split_sentences

    # The lead is in the first few paragraphs; fragments above it are skipped there.
    description = lead_description([split_sentences(p) for p in article.paragraphs[:8]])
    fingerprint = settings.fingerprint()
    return Manifest(
        audio=target.name,
        audio_bytes=target.stat().st_size,
        audio_sha256=sha256_file(target),
        duration_ms=narration.duration_ms,
        title=article.title,
        guid=stable_guid(article.source, article.title),
        created=utc_timestamp(),
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
        engine=dict(engine_info or {}),
        sidecars={kind: path.name for kind, path in sidecars.items()},
        segments=tuple(
            ManifestSegment(t.segment.text, t.segment.spoken, t.start_ms, t.end_ms, t.segment.section, t.segment.paragraph, t.segment.sentence, manifest_words(t))
            for t in narration.segments
        ),
        chapters=tuple(ManifestChapter(c.title, c.start_ms, c.end_ms) for c in narration.chapters),
    )


def _public_mode() -> int:
    """Mode for published files: readable by all, as the umask allows (temp files start at 0600)."""
    umask = os.umask(0)  # the only way to read it; done once, at import, before any thread starts
    os.umask(umask)
    return 0o666 & ~umask


_PUBLIC_MODE = _public_mode()
