"""Run a batch's items on a Dask distributed cluster; only the client reads inputs and writes files.

The client loads each item's input (a file, or a fetched page) and decides the
up-to-date skip itself, ships the bytes with the settings and the files they
name (lexicons, cover, intro, outro) to a worker, and gets back the finished
files' bytes, which it writes the way a local batch does: MP3, sidecars, then
the manifest that commits them. Workers need narrator and its engines, not the
client's filesystem; their clip caches stay their own.
"""

from __future__ import annotations

import atexit
import dataclasses
import hashlib
import re
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .. import environment
from ..check import CheckOptions
from ..engines.pool import EnginePool
from ..errors import NarratorError, OutputError
from ..files import check_inside, output_lock, remove_stale_temporaries
from ..metadata import ArticleOverrides, apply_overrides
from ..pipeline import narrate_article, settings_digest, with_player
from ..publish.claims import Claim, claim_derived, claim_named, family, source_of
from ..publish.manifest import Manifest, manifest_path_for, read_manifest
from ..publish.output_set import NarrationResult, publish_files, up_to_date_result
from ..publish.sidecars import sidecar_path
from ..read import load_source, read_bytes
from ..settings import NarrationSettings
from ..voices import load_profile, resolve_voice
from .items import BatchItem
from .results import ItemResult, checked_item, input_size

if TYPE_CHECKING:
    from distributed import Client


DEFAULT_CONNECT_TIMEOUT_S = 10.0
TASK_RETRIES = 2  # re-runs of an item whose task raised (not of a NarratorError: that fails alone)
_LOCAL = re.compile(r"local:(\d{1,3})$")


class ClusterError(NarratorError):
    """The Dask cluster cannot be used: dask missing, scheduler unreachable, bad address."""


@dataclass(frozen=True)
class ShippedItem:
    """Everything a worker needs to narrate one item, without the client's filesystem."""

    label: str
    """The item's name in the batch."""
    source: str
    """The client's path or URL, recorded in the manifest and the episode GUID."""
    data: bytes
    """The input's bytes, as the client read or fetched them."""
    content_type: str | None
    """The server's Content-Type, for URLs."""
    output_name: str
    """The MP3's file name, so sidecars and manifest name the same files as a local batch."""
    settings: NarrationSettings
    """The settings, naming the client's paths."""
    files: dict[str, bytes]
    """Contents of the files the settings name, by the client's path."""
    overrides: ArticleOverrides
    """Metadata given by the manifest row."""
    input_sha256: str
    """Hash of `data`, for the manifest's up-to-date check."""
    settings_sha256: str
    """Hash of the settings as the client sees them."""
    fingerprint: dict[str, Any]
    """The settings' fingerprint as the client sees them (its paths, its files' hashes), for the manifest."""


@dataclass(frozen=True)
class FinishedFiles:
    """The files a worker made for one item, as bytes for the client to write."""

    audio: bytes
    """The tagged MP3."""
    sidecars: dict[str, bytes]
    """Sidecar contents by kind (vtt, srt, chapters, transcript)."""
    manifest: Manifest
    """The manifest, as the worker wrote it."""
    duration_ms: int
    """Length of the narration."""
    seconds: float
    """Time the worker spent on the item."""
    warnings: tuple[str, ...] = ()
    """Things the producer should know about this item (e.g. a guessed title)."""


@dataclass(frozen=True)
class Failure:
    """A NarratorError on the worker: deterministic, so the item fails without retries."""

    error: str
    """The one-line reason."""
    seconds: float
    """Time the worker spent before it failed."""


class ClusterConnection:
    """A connected Dask client (and the local cluster it owns, for local:N)."""

    def __init__(self, client: Client, cluster: Any = None) -> None:
        self.client = client
        self._cluster = cluster

    @property
    def dashboard_link(self) -> str | None:
        """The scheduler's dashboard URL, if it serves one."""
        try:
            services = self.client.scheduler_info().get("services", {})
        except Exception:
            return None
        return self.client.dashboard_link if "dashboard" in services else None

    def threads(self) -> int:
        """Worker threads the cluster offers now (at least 1)."""
        workers = self.client.scheduler_info().get("workers", {})
        return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this connection started one."""
        self.client.close()  # type: ignore[no-untyped-call]  # distributed leaves it unannotated
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> ClusterConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect_cluster(spec: str, timeout_s: float | None = None) -> ClusterConnection:
    """Connect to the scheduler at `spec` (tcp://HOST:PORT), or start `local:N` workers; ClusterError if impossible.

    `timeout_s`: how long to try to reach a scheduler; default $NARRATOR_CLUSTER_TIMEOUT, else 10 s.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterError('--cluster needs dask.distributed: pip install "narrator[cluster]"') from exc
    local = _LOCAL.match(spec)
    if local:
        count = int(local.group(1))
        if not 1 <= count <= 256:
            raise ClusterError(f"local cluster size {count} is out of range; use local:1 to local:256")
        import logging

        import dask

        # Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_ set, which also fixes glibc's
        # mmap threshold: every audio buffer is then mapped and unmapped anew (page faults), and
        # ffmpeg and the engines inherit it; measured at ~35% more CPU per item. Not for us.
        with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
            cluster = LocalCluster(  # type: ignore[no-untyped-call]  # distributed leaves it unannotated
                n_workers=count,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
        return ClusterConnection(Client(cluster), cluster)  # type: ignore[no-untyped-call]  # distributed leaves it unannotated
    if "://" not in spec:
        raise ClusterError(f"cluster {spec!r} is neither a scheduler address (tcp://HOST:8786) nor local:N")
    timeout = timeout_s or _connect_timeout()
    try:
        client = Client(spec, timeout=timeout)  # type: ignore[no-untyped-call]  # distributed leaves it unannotated
    except (OSError, TimeoutError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {spec}: {reason[:200]}") from exc
    try:
        client.wait_for_workers(1, timeout=timeout)  # a scheduler without workers would take items and never run them
    except (OSError, TimeoutError) as exc:
        client.close()  # type: ignore[no-untyped-call]  # distributed leaves it unannotated
        raise ClusterError(f"the Dask scheduler at {spec} has no workers (none joined within {timeout:g} s)") from exc
    return ClusterConnection(client)


def _connect_timeout() -> float:
    """Seconds to try to reach a scheduler: $NARRATOR_CLUSTER_TIMEOUT, else the default."""
    return environment.cluster_timeout() or DEFAULT_CONNECT_TIMEOUT_S


def run_on_cluster(
    items: Sequence[BatchItem],
    outdir: Path,
    settings: NarrationSettings,
    force: bool,
    connection: ClusterConnection,
    record: Callable[[ItemResult], bool],
    check: CheckOptions | None = None,
) -> bool:
    """Narrate `items` on the cluster, writing each as it comes back (and listening to it here, with `check`).

    True if `record` asked to stop.
    """
    from distributed import as_completed

    client = connection.client
    queue = iter(sorted(items, key=input_size, reverse=True))  # longest first, as a local batch
    # A bounded window of items in flight: the client holds only their inputs and results.
    window = 2 * connection.threads() + 2
    labels: dict[Any, BatchItem] = {}
    futures = as_completed()  # type: ignore[no-untyped-call]  # distributed leaves it unannotated

    def submit_next() -> bool:
        for item in queue:
            prepared = _prepared(item, outdir, settings, force)
            if isinstance(prepared, ItemResult):
                if record(prepared):
                    return False
                continue
            future = client.submit(
                narrate_shipped, prepared, retries=TASK_RETRIES, pure=False, key=f"narrate-{_key(item)}"
            )
            labels[future] = item
            futures.add(future)  # type: ignore[no-untyped-call]  # distributed leaves it unannotated
            return True
        return True

    try:
        for _ in range(window):
            if not submit_next():
                return _cancel(labels)
        for future in futures:
            item = labels.pop(future)
            if record(_received(future, item, outdir, settings, check, force)):
                return _cancel(labels)
            if not submit_next():
                return _cancel(labels)
    except KeyboardInterrupt:
        _cancel(labels)
        raise
    return False


def _cancel(labels: dict[Any, BatchItem]) -> bool:
    """Cancel every item still on the cluster; report a stop."""
    for future in labels:
        future.cancel()
    return True


def _key(item: BatchItem) -> str:
    """A task key that names the item and stays unique across batches."""
    return f"{PurePosixPath(item.output).stem[:40]}-{uuid.uuid4().hex[:12]}"


def _prepared(item: BatchItem, outdir: Path, settings: NarrationSettings, force: bool) -> ShippedItem | ItemResult:
    """The item ready to ship, or its result if it is up to date or cannot be read here."""
    try:
        if item.voice:
            settings = settings.with_voice(load_profile(item.voice))
        loaded = load_source(item.source)
        input_sha = hashlib.sha256(loaded.data).hexdigest()
        settings_sha = settings_digest(settings, item.overrides)
        target = outdir / Path(item.output)
        claim = _claim(item, target, outdir, force)  # refuses what is not narrator's before anything ships
        if not force:
            found = up_to_date_result(claim, input_sha, settings_sha)
            if found is not None:
                found = with_player(found, settings)  # refreshed as a local batch refreshes it
                return ItemResult(
                    item.label, "skipped", str(found.audio), None, found.duration_ms, warnings=found.warnings
                )
        return ShippedItem(
            item.label, item.source, loaded.data, loaded.content_type, target.name, settings,
            _named_files(settings), item.overrides, input_sha, settings_sha, settings.fingerprint(),
        )  # fmt: skip
    except NarratorError as exc:
        return ItemResult(item.label, "failed", error=" ".join(str(exc).split()))


def _named_files(settings: NarrationSettings) -> dict[str, bytes]:
    """Contents of the files the settings name; ones missing here fail on the worker as they would locally."""
    contents = {}
    for path in _setting_paths(settings):
        try:
            contents[str(path)] = path.read_bytes()
        except OSError:
            continue
    return contents


def _setting_paths(settings: NarrationSettings) -> list[Path]:
    """Every file path in the settings whose content the narration reads."""
    named = [settings.voice.lexicon, *settings.lexicons, settings.cover, settings.intro, settings.outro]
    return [Path(p) for p in named if p is not None]


def _received(
    future: Any,
    item: BatchItem,
    outdir: Path,
    settings: NarrationSettings,
    check: CheckOptions | None,
    force: bool = False,
) -> ItemResult:
    """Write a finished item's files and player page, and check it if asked.

    A task that failed past its retries (or a lost worker) fails only its item.
    """
    try:
        outcome = future.result()
    except Exception as exc:
        reason = " ".join(str(exc).split())[:300]
        return ItemResult(item.label, "failed", error=f"cluster task failed: {type(exc).__name__}: {reason}")
    if isinstance(outcome, Failure):
        return ItemResult(item.label, "failed", error=outcome.error, seconds=outcome.seconds)
    try:
        target = write_finished(outcome, outdir / Path(item.output), outdir, item, force=force)
        written = NarrationResult(
            target,
            outcome.duration_ms,
            len(outcome.manifest.segments),
            outcome.manifest.title,
            manifest=manifest_path_for(target),
            warnings=outcome.warnings,
        )
        written = with_player(written, settings.with_voice(load_profile(item.voice)) if item.voice else settings)
        if check is not None:
            return checked_item(item.label, written, check, outcome.seconds)
    except NarratorError as exc:
        return ItemResult(item.label, "failed", error=" ".join(str(exc).split()))
    return ItemResult(
        item.label, "done", str(target), None, outcome.duration_ms, outcome.seconds, warnings=written.warnings
    )


def write_finished(
    finished: FinishedFiles, target: Path, outdir: Path, item: BatchItem, *, force: bool = False
) -> Path:
    """Write MP3, sidecars, then the manifest, each atomically, under the name's lock and the overwrite rules.

    Return the MP3's path.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with output_lock(target.parent, family(target.stem)):
            remove_stale_temporaries(target.parent)
            claim = _claim(item, target, outdir, force)  # again under the lock: another run may have taken the name
            publish_files(claim, source_of(item.source, ""), finished.audio, finished.sidecars, finished.manifest)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return claim.audio


def _claim(item: BatchItem, target: Path, outdir: Path, force: bool) -> Claim:
    """The item's output name under the overwrite rules: a given name as given, a made-up one numbered apart."""
    check_inside(outdir, target)
    source = source_of(item.source, "")
    if item.named:
        return claim_named(target, source, force=force)
    return claim_derived(target.parent, target.stem, source, force=force, reserved=item.reserved)


_THREAD_ENGINES = threading.local()  # one engine pool per worker thread, reused across items


def narrate_shipped(shipped: ShippedItem) -> FinishedFiles | Failure:
    """Narrate a shipped item in a scratch folder on this worker; return the files' bytes (runs on Dask workers)."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="narrator-item-") as scratch:
        folder = Path(scratch)
        try:
            settings = _localized(shipped.settings, shipped.files, folder / "files")
            article = apply_overrides(
                read_bytes(shipped.data, source=shipped.source, content_type=shipped.content_type), shipped.overrides
            )
            target = folder / shipped.output_name
            result = narrate_article(
                article, target, settings, engines=_engines(),
                input_sha256=shipped.input_sha256, settings_sha256=shipped.settings_sha256,
            )  # fmt: skip
            assert result.manifest is not None
            manifest = _as_client_wrote(read_manifest(result.manifest), shipped.fingerprint)
            sidecars = {kind: sidecar_path(target, kind).read_bytes() for kind in manifest.sidecars}
            return FinishedFiles(
                target.read_bytes(),
                sidecars,
                manifest,
                result.duration_ms,
                time.perf_counter() - started,
                tuple(result.warnings),
            )
        except NarratorError as exc:
            return Failure(" ".join(str(exc).split()), time.perf_counter() - started)


def _localized(settings: NarrationSettings, files: dict[str, bytes], folder: Path) -> NarrationSettings:
    """The settings with each named file replaced by a copy in `folder` (same name, so suffixes still tell formats)."""
    copies: dict[str, Path] = {}
    for index, (original, data) in enumerate(files.items()):
        copy = folder / str(index) / Path(original).name
        copy.parent.mkdir(parents=True)
        copy.write_bytes(data)
        copies[original] = copy

    def local(path: Path | None) -> Path | None:
        return copies.get(str(path), path) if path is not None else None

    # The model file is found again here: the worker's installation is not the client's.
    voice = resolve_voice(dataclasses.replace(settings.voice, lexicon=local(settings.voice.lexicon)))
    return dataclasses.replace(
        settings, voice=voice, lexicons=tuple(local(p) for p in settings.lexicons),  # type: ignore[misc]
        cover=local(settings.cover), intro=local(settings.intro), outro=local(settings.outro),
    )  # fmt: skip


def _as_client_wrote(manifest: Manifest, fingerprint: dict[str, Any]) -> Manifest:
    """The manifest with the settings as the client names them (its paths, not the worker's copies)."""
    return dataclasses.replace(
        manifest, settings={k: v for k, v in fingerprint.items() if k != "voice"}, voice=fingerprint["voice"]
    )


def _engines() -> EnginePool:
    """This worker thread's engine pool: one synthesis process, as an item on one core of a local batch."""
    pool = getattr(_THREAD_ENGINES, "pool", None)
    if pool is None:
        pool = _THREAD_ENGINES.pool = EnginePool(parallel=1, cores=1)
        atexit.register(pool.close)
    return pool
