"""Wire the stages: read → script → synthesize → master → publish."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from pathlib import Path

from .engines.pool import EnginePool
from .errors import OutputError
from .metadata import ArticleOverrides, apply_overrides, slugify, validated_overrides
from .models import Article, Narration, Script
from .read.title import guessed_title_warning
from .settings import NarrationSettings
from .voice_choice import voice_for_article

DEFAULT_OUTPUT_FOLDER = Path("output")
Progress = Callable[[str, int, int], None]
"""Told (stage, done, total) as a narration goes: "synthesizing" counts segments; "mastering" and "encoding" start with (0, 0)."""


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


def narrate(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    voice: str | os.PathLike[str] = "default",
    title: str | None = None,
    author: str | None = None,
    publication: str | None = None,
    date: str | None = None,
    language: str | None = None,
    lexicons: Sequence[str | os.PathLike[str]] = (),
    spoken_disclosure: bool = True,
    progress: Progress | None = None,
    **options: object,
) -> NarrationResult:
    """Narrate one article (path, URL or "-") to a tagged MP3 with its sidecars and manifest; `progress` hears each stage."""
    from .profiles import load_profile

    overrides = validated_overrides(ArticleOverrides(title, author, publication, date, language))
    settings = NarrationSettings(
        voice=load_profile(voice),
        lexicons=tuple(Path(p) for p in lexicons),
        spoken_disclosure=spoken_disclosure,
        **options,  # type: ignore[arg-type]
    )
    return narrate_source(str(source), output, settings, overrides, progress=progress)


def narrate_source(
    source: str,
    output: str | os.PathLike[str] | None,
    settings: NarrationSettings,
    overrides: ArticleOverrides = ArticleOverrides(),
    *,
    engines: EnginePool | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> NarrationResult:
    """Narrate `source` to `output` unless the output is already up to date, then its player page; `progress` hears how it goes."""
    result = _narrate_unless_up_to_date(source, output, settings, overrides, engines=engines, force=force, progress=progress)
    return with_player(result, settings, force=force)


def with_player(result: NarrationResult, settings: NarrationSettings, *, force: bool = False) -> NarrationResult:
    """Write or refresh the player page of a narration (unless settings turn it off); rebuilt from the manifest, so cheap."""
    if not settings.player or result.manifest is None:
        return result
    from .publish.player import write_player

    written = write_player(result.manifest, force=force)
    if written.warning:
        return dataclasses.replace(result, warnings=(*result.warnings, written.warning))
    return dataclasses.replace(result, player=written.path)


def _narrate_unless_up_to_date(
    source: str,
    output: str | os.PathLike[str] | None,
    settings: NarrationSettings,
    overrides: ArticleOverrides,
    *,
    engines: EnginePool | None,
    force: bool,
    progress: Progress | None = None,
) -> NarrationResult:
    """Narrate `source` to `output` unless the output is already up to date."""
    from .outputs import check_output_target, up_to_date_result

    from .read import load_source, read_bytes

    warnings = check_settings(settings)
    check_output_target(output)
    settings_sha = _settings_sha(settings, overrides)
    loaded = load_source(source)  # read once: hashed for the up-to-date check, then extracted
    input_sha = hashlib.sha256(loaded.data).hexdigest()
    title_names_file = output is None or Path(output).is_dir()
    if not force and not title_names_file:
        found = up_to_date_result(Path(output), input_sha, settings_sha)
        if found is not None:
            return found
    with ExitStack() as stack:
        pool = engines or stack.enter_context(EnginePool())
        if not title_names_file and not _has_manifest(Path(output)):
            # A first narration to a named file: the engine loads while the article is extracted.
            pool.get(settings.voice.engine, voice=settings.voice)
        article = apply_overrides(read_bytes(loaded.data, source=source, content_type=loaded.content_type, as_is=settings.as_is), overrides)
        if not force and title_names_file:
            # The file name comes from the title, known only now.
            found = up_to_date_result(output_path(output, article.title), input_sha, settings_sha)
            if found is not None:
                return found
        result = narrate_article(article, output, settings, engines=pool, input_sha256=input_sha, settings_sha256=settings_sha, progress=progress)
    return dataclasses.replace(result, warnings=(*warnings, *result.warnings))


def narrate_article(
    article: Article,
    output: str | os.PathLike[str] | None,
    settings: NarrationSettings,
    *,
    engines: EnginePool | None = None,
    input_sha256: str = "",
    settings_sha256: str = "",
    progress: Progress | None = None,
) -> NarrationResult:
    """Speak, master and write one Article with its sidecars and manifest; `progress` hears each stage."""
    from .outputs import write_narration

    target = output_path(output, article.title)
    with ExitStack() as stack:
        pool = engines or stack.enter_context(EnginePool())
        # A first narration starts the engine while the article is scripted; a rerun
        # (a manifest exists) may find every clip cached and need no engine at all.
        engine = pool.get(settings.voice.engine, prepare=not _has_manifest(target), voice=settings.voice)
        voice, language_warnings = voice_for_article(settings.voice, article.language, engine)
        settings = dataclasses.replace(settings, voice=voice)
        script = build_script(article, settings, phonemes=engine.accepts_phonemes)
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
            manifest = write_narration(
                narration, script, article, settings, target,
                neural=engine.neural, engine_info=engine.describe(settings.voice), input_sha256=input_sha256 or _article_sha(article), settings_sha256=settings_sha256 or _settings_sha(settings, ArticleOverrides()),
            )
    return NarrationResult(target, narration.duration_ms, len(script.segments), article.title, manifest=manifest, warnings=(*language_warnings, *warnings))


def _has_manifest(target: Path) -> bool:
    """True if `target` was narrated before."""
    from .publish import manifest_path_for

    return manifest_path_for(target).is_file()


def _preload_mastering_libraries() -> None:
    """Import what mastering needs in a thread, while this one waits on the engine workers."""
    import importlib
    import threading

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

    return threadpool_limits(limits=1, user_api="blas")


def check_settings(settings: NarrationSettings) -> list[str]:
    """Reject unusable settings (loudness target, cover, intro, outro) before any synthesis; return warnings."""
    from .environment import check_environment
    from .master.finish import check_master_settings

    check_environment()
    return check_master_settings(settings)


def build_script(article: Article, settings: NarrationSettings, *, phonemes: bool | None = None) -> Script:
    """Split and normalize the article with the profile's and the run's lexicons.

    `phonemes`: whether the engine reads [[IPA]]; by default, asked of the profile's engine.
    """
    from .engines import engine_class
    from .script import load_lexicon, make_script

    profile = settings.voice
    paths = [p for p in (profile.lexicon, *settings.lexicons) if p is not None]
    disclosure = profile.disclosure if settings.spoken_disclosure and profile.disclosure else None
    if phonemes is None:
        phonemes = engine_class(profile.engine).accepts_phonemes
    return make_script(article, profile, lexicon=load_lexicon(paths), disclosure=disclosure, phonemes=phonemes)


def speak(script: Script, settings: NarrationSettings, engine, progress: Progress | None = None) -> Narration:  # noqa: ANN001
    """Synthesize every segment (through the clip cache) and stitch them into PCM spilled to disk, for bounded memory."""
    from .master import stitch
    from .master.spill import PcmSpill
    from .synthesize import ClipCache, synthesize_script

    report = (lambda done, total: progress("synthesizing", done, total)) if progress else None
    clips = synthesize_script(script, settings.voice, engine, cache=ClipCache(), on_progress=report)
    return stitch(script, clips, into=PcmSpill())


def finish(narration: Narration, script: Script, article: Article, settings: NarrationSettings) -> tuple[Narration, list[str]]:
    """Master the stitched narration: chapters, loudness, intro and outro; also warnings."""
    from .master.finish import finish_narration

    return finish_narration(narration, script, article.title, settings)


def output_path(output: str | os.PathLike[str] | None, title: str) -> Path:
    """Where the MP3 goes: `output` if a file name, inside it if a folder, else output/<slug>.mp3."""
    if output is None:
        folder = DEFAULT_OUTPUT_FOLDER
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create output folder {folder}: {exc.strerror}") from exc
        return folder / f"{slugify(title)}.mp3"
    path = Path(output)
    if path.is_dir():
        return path / f"{slugify(title)}.mp3"
    return path


def _settings_sha(settings: NarrationSettings, overrides: ArticleOverrides) -> str:
    """Hash of settings, the engine's view of the voice (e.g. its model file) and metadata overrides."""
    from .engines import load_engine

    engine = load_engine(settings.voice.engine, parallel=1)  # starts no process
    data = {"settings": settings.fingerprint(), "engine": engine.cache_identity(settings.voice), "overrides": vars(overrides)}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _article_sha(article: Article) -> str:
    """Hash of the article content, for inputs without stable bytes."""
    from .read import article_to_json

    return hashlib.sha256(json.dumps(article_to_json(article), sort_keys=True).encode()).hexdigest()
