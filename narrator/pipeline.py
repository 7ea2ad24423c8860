"""Wire the stages: read → script → synthesize → master → publish."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import os
import threading
from collections.abc import Callable, Collection
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path

from .engines import engine_class, load_engine
from .engines.base import Engine
from .engines.pool import EnginePool
from .environment import check_environment
from .files import (
    check_folder_writable,
    check_target_file,
    output_lock,
    remove_legacy_lock_folder,
    remove_stale_temporaries,
    staged,
)
from .master import stitch
from .master.finish import check_master_settings, encode_tagged_mp3, finish_narration
from .master.spill import PcmSpill
from .metadata import ArticleOverrides, apply_overrides, slugify
from .models import Article, Narration, Script
from .publish.claims import Claim, Source, claim_derived, claim_named, claim_preview, family, source_of
from .publish.description import LEAD_PARAGRAPHS
from .publish.output_set import NarrationResult, publish_narration, up_to_date_result
from .publish.player import write_player
from .publish.sidecars import sylt_entries, transcript_text
from .read import article_to_json, load_source, read_bytes
from .read.title import guessed_title_warning
from .script import load_lexicon, make_script, split_sentences
from .settings import NarrationSettings
from .synthesize import ClipCache, synthesize_script
from .voices import voice_for_article

DEFAULT_OUTPUT_FOLDER = Path("output")
Progress = Callable[[str, int, int], None]
"""Told (stage, done, total) as a narration goes.

"synthesizing" counts segments; "mastering" and "encoding" start with (0, 0).
"""
_CLEANED_FOLDERS: set[str] = set()


def narrate_source(
    source: str,
    output: str | os.PathLike[str] | None,
    settings: NarrationSettings,
    overrides: ArticleOverrides | None = None,
    *,
    engines: EnginePool | None = None,
    force: bool = False,
    stem: str | None = None,
    reserved: Collection[str] = (),
    progress: Progress | None = None,
) -> NarrationResult:
    """Narrate `source` to `output` unless the output is already up to date; then its player page.

    `output`: an MP3 file name (used as given), a folder, or None (output/); in a
    folder the name is `stem` if given, else the title's slug, or a numbered
    variant of it when another source's narration has it (not one of `reserved`).
    """
    overrides = overrides or ArticleOverrides()
    warnings = check_settings(settings)
    folder, named = output_target(output)
    settings_sha = settings_digest(settings, overrides)
    loaded = load_source(source)  # read once: hashed for the up-to-date check, then extracted
    input_sha = hashlib.sha256(loaded.data).hexdigest()
    origin = source_of(source, input_sha)

    def read() -> Article:
        return apply_overrides(
            read_bytes(loaded.data, source=source, content_type=loaded.content_type, as_is=settings.as_is), overrides
        )

    with ExitStack() as stack:
        pool = engines or stack.enter_context(EnginePool())
        article = None
        if named is None and stem is None:
            article = read()  # the file name comes from the title, known only now
            stem = slugify(article.title)
        claim = _claim(stack, folder, named, stem, origin, force=force, reserved=reserved)
        if not force and (found := up_to_date_result(claim, input_sha, settings_sha)) is not None:
            return with_player(found, settings, force=force)  # still under the name lock
        if article is None:
            if claim.previous is None:
                # A first narration: the engine loads while the article is extracted.
                pool.get(settings.voice.engine, voice=settings.voice)
            article = read()
        result = with_player(
            _narrate_claimed(article, claim, origin, settings, pool, input_sha, settings_sha, progress),
            settings,
            force=force,
        )
    return dataclasses.replace(result, warnings=(*warnings, *result.warnings))


def with_player(result: NarrationResult, settings: NarrationSettings, *, force: bool = False) -> NarrationResult:
    """Write or refresh a narration's player page (unless settings turn it off); rebuilt from the manifest, so cheap."""
    if not settings.player or result.manifest is None:
        return result
    written = write_player(result.manifest, force=force)
    if written.warning:
        return dataclasses.replace(result, warnings=(*result.warnings, written.warning))
    return dataclasses.replace(result, player=written.path)


def narrate_article(
    article: Article,
    output: str | os.PathLike[str] | None,
    settings: NarrationSettings,
    *,
    engines: EnginePool | None = None,
    input_sha256: str = "",
    settings_sha256: str = "",
    force: bool = False,
    progress: Progress | None = None,
) -> NarrationResult:
    """Speak, master and write one Article with its sidecars and manifest (under the same rules as narrate_source)."""
    folder, named = output_target(output)
    input_sha = input_sha256 or _article_sha(article)
    origin = source_of(article.source, input_sha)
    with ExitStack() as stack:
        claim = _claim(stack, folder, named, None if named else slugify(article.title), origin, force=force)
        pool = engines or stack.enter_context(EnginePool())
        return _narrate_claimed(
            article,
            claim,
            origin,
            settings,
            pool,
            input_sha,
            settings_sha256 or settings_digest(settings, ArticleOverrides()),
            progress,
        )


def _claim(
    stack: ExitStack,
    folder: Path,
    named: Path | None,
    stem: str | None,
    origin: Source,
    *,
    force: bool,
    reserved: Collection[str] = (),
) -> Claim:
    """Lock the output's name family (until `stack` closes), clear stale temporaries, and claim a name."""
    stack.enter_context(output_lock(folder, family(named.stem if named else stem or "")))
    real = os.path.realpath(folder)
    if real not in _CLEANED_FOLDERS:  # once per folder and process: a batch worker writes many items to one folder
        remove_stale_temporaries(folder)
        remove_legacy_lock_folder(folder)
        _CLEANED_FOLDERS.add(real)
    if named is not None:
        return claim_named(named, origin, force=force)
    return claim_derived(folder, stem or "narration", origin, force=force, reserved=reserved)


def _narrate_claimed(
    article: Article,
    claim: Claim,
    origin: Source,
    settings: NarrationSettings,
    pool: EnginePool,
    input_sha: str,
    settings_sha: str,
    progress: Progress | None = None,
) -> NarrationResult:
    """Speak, master and write one Article to its claimed name; `progress` hears each stage."""
    # A first narration starts the engine while the article is scripted; a rerun
    # (a manifest exists) may find every clip cached and need no engine at all.
    engine = pool.get(settings.voice.engine, prepare=claim.previous is None, voice=settings.voice)
    voice, language_warnings = voice_for_article(settings.voice, article.language, engine)
    settings = dataclasses.replace(settings, voice=voice)
    script = script_article(article, settings, phonemes=engine.accepts_phonemes)
    _preload_mastering_libraries()  # while this thread waits on the engine workers
    narration = speak(script, settings, engine, progress)
    with one_blas_thread():
        if progress:
            progress("mastering", 0, 0)
        narration, warnings = finish(narration, script, article, settings)
        if article.title_guessed:
            warnings.insert(0, guessed_title_warning(article.title))
        if progress:
            progress("encoding", 0, 0)
        with staged(claim.audio) as mp3:
            engine_info = engine.describe(settings.voice)
            narration = _encode(narration, article, settings, mp3.temp, engine, engine_info)
            manifest = publish_narration(
                mp3,
                claim,
                origin,
                narration,
                script,
                article,
                settings,
                input_sha256=input_sha,
                settings_sha256=settings_sha,
                lead=[split_sentences(p) for p in article.paragraphs[:LEAD_PARAGRAPHS]],
                engine_info=engine_info,
            )
    return NarrationResult(
        claim.audio,
        narration.duration_ms,
        len(script.segments),
        article.title,
        manifest=manifest,
        warnings=(*language_warnings, *warnings),
    )


def render_preview(article: Article, target: Path, settings: NarrationSettings, *, force: bool = False) -> Path:
    """Speak and master a short Article to just an MP3 at `target` (no sidecars, no manifest): a voice preview."""
    check_target_file(target, (".mp3",), "preview")
    with ExitStack() as stack:
        stack.enter_context(output_lock(target.parent, target.name))
        remove_stale_temporaries(target.parent)
        claim_preview(target, force=force)
        engine = stack.enter_context(EnginePool()).get(settings.voice.engine, voice=settings.voice)
        script = script_article(article, settings, phonemes=engine.accepts_phonemes)
        narration = speak(script, settings, engine)
        with one_blas_thread():
            narration, _ = finish(narration, script, article, settings)
            with staged(target) as mp3:
                _encode(narration, article, settings, mp3.temp, engine, engine.describe(settings.voice))
                mp3.commit()
    return target


def _encode(
    narration: Narration,
    article: Article,
    settings: NarrationSettings,
    path: Path,
    engine: Engine,
    info: dict[str, str],
) -> Narration:
    """Encode and tag the mastered narration at `path` (USLT and SYLT worded as the sidecars word them)."""
    transcript, synced = transcript_text(narration), sylt_entries(narration)
    return encode_tagged_mp3(
        narration,
        article,
        settings,
        path,
        neural=engine.neural,
        transcript=transcript,
        synced_text=synced,
        engine_info=info,
    )


def _preload_mastering_libraries() -> None:
    """Import what mastering needs in a thread, while this one waits on the engine workers."""

    def preload() -> None:
        for name in ("numpy", "soundfile", "mutagen.id3"):
            importlib.import_module(name)

    threading.Thread(target=preload, name="narrator-preload", daemon=True).start()


def one_blas_thread() -> AbstractContextManager[object]:
    """Hold numpy's BLAS to the calling thread while mastering (restored on exit)."""
    # Mastering's matrix products (true-peak interpolation) are far too small to gain
    # from threads, and an idle OpenBLAS thread spins after each one: in a batch worker
    # pinned to one core, that spinning was a third of the worker's CPU time, taken
    # from the engine and ffmpeg on the same core.
    import numpy  # noqa: F401 - the limit applies only to libraries already loaded
    from threadpoolctl import threadpool_limits

    limits: AbstractContextManager[object] = threadpool_limits(limits=1, user_api="blas")  # threadpoolctl is untyped
    return limits


def check_settings(settings: NarrationSettings) -> list[str]:
    """Reject unusable settings (loudness target, cover, intro, outro) before any synthesis; return warnings."""
    check_environment()
    return check_master_settings(settings)


def script_article(article: Article, settings: NarrationSettings, *, phonemes: bool | None = None) -> Script:
    """Split and normalize the article with the profile's and the run's lexicons.

    `phonemes`: whether the engine reads [[IPA]]; by default, asked of the profile's engine.
    """
    profile = settings.voice
    paths = [p for p in (profile.lexicon, *settings.lexicons) if p is not None]
    disclosure = profile.disclosure if settings.spoken_disclosure and profile.disclosure else None
    if phonemes is None:
        phonemes = engine_class(profile.engine).accepts_phonemes
    return make_script(article, profile, lexicon=load_lexicon(paths), disclosure=disclosure, phonemes=phonemes)


def speak(script: Script, settings: NarrationSettings, engine: Engine, progress: Progress | None = None) -> Narration:
    """Synthesize every segment (through the clip cache); stitch them into PCM spilled to disk, for bounded memory."""
    report = (lambda done, total: progress("synthesizing", done, total)) if progress else None
    clips = synthesize_script(script, settings.voice, engine, cache=ClipCache(), on_progress=report)
    return stitch(script, clips, into=PcmSpill())


def finish(
    narration: Narration, script: Script, article: Article, settings: NarrationSettings
) -> tuple[Narration, list[str]]:
    """Master the stitched narration: chapters, loudness, intro and outro; also warnings."""
    return finish_narration(narration, script, article.title, settings)


def output_target(output: str | os.PathLike[str] | None) -> tuple[Path, Path | None]:
    """(folder, MP3 file name or None for a name made from the title), checked before any work: suffix, writable.

    A folder is one that exists or a name ending in "/"; a missing one is made, with the folders leading to it
    (the rule of every output).
    """
    path = DEFAULT_OUTPUT_FOLDER if output is None else Path(output)
    if output is None or path.is_dir() or os.fspath(output).endswith(("/", os.sep)):
        check_folder_writable(path)
        return path, None
    check_target_file(path, (".mp3",), "output")
    return path.parent, path


def settings_digest(settings: NarrationSettings, overrides: ArticleOverrides) -> str:
    """The settings hash of the up-to-date check (NarrationSettings.digest), with the engine's view of the voice."""
    engine = load_engine(settings.voice.engine, parallel=1)  # starts no process
    return settings.digest(
        engine_identity=engine.cache_identity(settings.voice), overrides=dataclasses.asdict(overrides)
    )


def _article_sha(article: Article) -> str:
    """Hash of the article content, for inputs without stable bytes."""
    return hashlib.sha256(json.dumps(article_to_json(article), sort_keys=True).encode()).hexdigest()
