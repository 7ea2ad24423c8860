"""Run a batch: parallel worker processes, per-item failures, locks, and a summary."""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import multiprocessing
import multiprocessing.util
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import environment
from ..check import CheckOptions
from ..engines.pool import EnginePool
from ..errors import NarratorError, OutputError
from ..files import check_folder_writable, check_inside, remove_legacy_lock_folder
from ..lifeline import die_with_parent
from ..pipeline import check_settings, narrate_source
from ..settings import NarrationSettings
from ..synthesize import ClipCache
from ..voices import load_profile
from .items import BatchItem
from .plan import plan_outputs
from .results import ItemResult, Status, checked_item, input_size

if TYPE_CHECKING:
    from .cluster import ClusterConnection


@dataclass
class BatchSummary:
    """Everything a batch did."""

    results: list[ItemResult] = field(default_factory=list)
    """One result per item, in completion order."""
    elapsed_s: float = 0.0
    """Wall-clock time of the whole batch."""
    interrupted: bool = False
    """True if --fail-fast or Ctrl-C stopped the batch early."""
    warnings: list[str] = field(default_factory=list)
    """Things the producer should know about the settings (e.g. cover size)."""

    def count(self, status: Status) -> int:
        """How many items ended with `status`."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def audio_minutes(self) -> float:
        """Minutes of audio produced or found up to date."""
        return sum(r.duration_ms for r in self.results if r.status != "failed") / 60000

    def to_json(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return {
            "done": self.count("done"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "audio_minutes": round(self.audio_minutes, 2),
            "elapsed_s": round(self.elapsed_s, 2),
            "interrupted": self.interrupted,
            "warnings": self.warnings,
            "items": [dataclasses.asdict(r) for r in self.results],
        }


def run_batch(
    items: Sequence[BatchItem],
    outdir: Path,
    settings: NarrationSettings,
    *,
    workers: int | None = None,
    fail_fast: bool = False,
    force: bool = False,
    on_result: Callable[[ItemResult], None] | None = None,
    check: CheckOptions | None = None,
    cluster: ClusterConnection | None = None,
) -> BatchSummary:
    """Narrate every item into `outdir` (on local cores, or on a connected Dask `cluster`).

    Failures are per item unless `fail_fast`; with `check`, listen to each and fail those that do not pass.
    """
    warnings = check_settings(settings)
    check_folder_writable(outdir)  # made if missing, as every output folder
    remove_legacy_lock_folder(outdir)
    items = plan_outputs(items, outdir, force=force)
    started = time.perf_counter()
    summary = BatchSummary(warnings=list(warnings))

    def record(result: ItemResult) -> bool:
        summary.results.append(result)
        if on_result:
            on_result(result)
        return fail_fast and result.status == "failed"

    runnable = []
    for item in items:
        if item.error is not None:
            if record(ItemResult(item.label, "failed", error=item.error)):
                summary.interrupted = True
                break
        else:
            runnable.append(item)
    if not summary.interrupted and cluster is not None:
        from .cluster import run_on_cluster  # lazily: cluster imports this module (and Dask only when used)

        summary.interrupted = run_on_cluster(runnable, outdir, settings, force, cluster, record, check)
    elif not summary.interrupted:
        count, cores = worker_plan(workers, len(runnable))
        if count == 1:
            summary.interrupted = _run_inline(runnable, outdir, settings, force, cores, record, check)
        else:
            summary.interrupted = _run_parallel(
                runnable, outdir, settings, force, count, cores, core_sets(count, cores), record, check
            )
    summary.elapsed_s = time.perf_counter() - started
    _prune_cache()
    return summary


def worker_plan(workers: int | None, items: int) -> tuple[int, int]:
    """(worker processes, cores for each) when a batch of `items` may use `workers` cores (default: all).

    One item per core; with fewer items than cores, each item's engine gets a share of them.
    """
    cores = max(1, workers or available_cores())
    count = max(1, min(cores, items))
    return count, cores // count


def available_cores() -> int:
    """CPUs this process may run on (its affinity, e.g. a container's cpuset), else the CPU count."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def core_sets(count: int, cores: int) -> list[set[int]] | None:
    """Disjoint CPU sets of `cores` each for `count` worker processes, or None where pinning does not apply.

    Pinned, each worker (with its engine processes and ffmpeg, which inherit it) stays
    on its own cores, out of the other workers' way. Not where affinity can't be set,
    nor for more cores than this process may use.
    """
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    if count * cores > len(allowed):
        return None
    return [set(allowed[i * cores : (i + 1) * cores]) for i in range(count)]


def _run_inline(
    items: Sequence[BatchItem],
    outdir: Path,
    settings: NarrationSettings,
    force: bool,
    cores: int,
    record: Callable[[ItemResult], bool],
    check: CheckOptions | None = None,
) -> bool:
    """One worker: narrate in this process, in order, with engines on `cores` cores."""
    with EnginePool(parallel=engine_workers(cores), cores=cores) as engines:
        for item in items:
            if record(narrate_item(item, outdir, settings, force, engines=engines, check=check)):
                return True
    return False


def _run_parallel(
    items: Sequence[BatchItem],
    outdir: Path,
    settings: NarrationSettings,
    force: bool,
    count: int,
    cores: int,
    pins: list[set[int]] | None,
    record: Callable[[ItemResult], bool],
    check: CheckOptions | None = None,
) -> bool:
    """`count` worker processes, each with its own engines on `cores` cores (pinned to `pins`); results as they end."""
    # Longest first, so no worker is left alone with a big article at the end.
    items = sorted(items, key=input_size, reverse=True)
    context = multiprocessing.get_context()
    free_pins = None
    if pins:
        free_pins = context.SimpleQueue()  # each worker takes one set as it starts
        for pin in pins:
            free_pins.put(pin)
    setup = (engine_workers(cores), cores, free_pins, os.getpid())
    with ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=_set_up_worker, initargs=setup) as pool:
        listen = {"check": check} if check is not None else {}  # a batch without --check calls exactly what it did
        labels = {pool.submit(narrate_item, item, outdir, settings, force, **listen): item.label for item in items}
        pending: set[Future[ItemResult]] = set(labels)
        try:
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    if record(_result_of(future, labels[future])):
                        _finish_running(pending, labels, record)
                        return True
        except KeyboardInterrupt:
            for other in pending:
                other.cancel()
            _kill_workers(pool)  # SIGTERM reaches only this process; Ctrl-C's reached them too
            raise
    return False


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the pool's processes now: outputs appear only by rename, so nothing half-written is left visible."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError):
            process.kill()


def engine_workers(cores: int) -> int:
    """Synthesis workers for an item on `cores` cores: $NARRATOR_ENGINE_WORKERS, else one per core."""
    return environment.engine_workers() or cores


def _finish_running(
    pending: set[Future[ItemResult]], labels: dict[Future[ItemResult], str], record: Callable[[ItemResult], bool]
) -> None:
    """Stop what has not started; let what is running finish, and report it too."""
    running = {future for future in pending if not future.cancel()}
    for future in wait(running).done:
        record(_result_of(future, labels[future]))


def _result_of(future: Future[ItemResult], label: str) -> ItemResult:
    """A finished future's result; a crashed worker process fails only its item."""
    try:
        return future.result()
    except Exception as exc:
        return ItemResult(label, "failed", error=f"worker process failed: {type(exc).__name__}: {exc}")


_ENGINES: EnginePool | None = None  # one EnginePool per worker process, reused across items
_ENGINE_PARALLEL: int | None = None
_ENGINE_CORES: int | None = None


def _set_up_worker(parallel: int, cores: int, free_pins: Any, parent_pid: int | None = None) -> None:
    """Worker-process initializer: take a CPU set; say how many synthesis workers each engine runs on how many cores."""
    global _ENGINE_PARALLEL, _ENGINE_CORES
    die_with_parent(parent_pid or os.getppid(), pdeathsig=True)  # a killed batch leaves no worker working
    _ENGINE_PARALLEL, _ENGINE_CORES = parallel, cores
    if free_pins is not None and not free_pins.empty():
        with contextlib.suppress(OSError):  # a CPU went offline: run unpinned
            os.sched_setaffinity(0, free_pins.get())


def narrate_item(
    item: BatchItem,
    outdir: Path,
    settings: NarrationSettings,
    force: bool = False,
    engines: EnginePool | None = None,
    check: CheckOptions | None = None,
) -> ItemResult:
    """Narrate one item to its planned name (with `engines`, else this process's pool).

    Any NarratorError fails just this item; with `check`, so does a failed check (the audio stays).
    """
    started = time.perf_counter()
    target = outdir / Path(item.output)
    try:
        check_inside(outdir, target)
        target.parent.mkdir(parents=True, exist_ok=True)
        check_inside(outdir, target)  # a folder on the way may have become a symbolic link meanwhile
        if item.voice:
            settings = settings.with_voice(load_profile(item.voice))
        # Named outputs are used as given; made-up ones are claimed again under the name lock,
        # in case another run took the name since planning.
        output, stem = (target, None) if item.named else (target.parent, target.stem)
        result = narrate_source(
            item.source,
            output,
            settings,
            item.overrides,
            engines=engines or _engine_pool(),
            force=force,
            stem=stem,
            reserved=item.reserved,
        )
        if check is not None:
            return checked_item(item.label, result, check, time.perf_counter() - started)
    except NarratorError as exc:
        return ItemResult(item.label, "failed", error=" ".join(str(exc).split()), seconds=time.perf_counter() - started)
    except OSError as exc:
        message = f"cannot write {target}: {exc.strerror or exc}"
        return ItemResult(item.label, "failed", error=str(OutputError(message)), seconds=time.perf_counter() - started)
    status: Status = "skipped" if result.skipped else "done"
    return ItemResult(
        item.label,
        status,
        str(result.audio),
        None,
        result.duration_ms,
        time.perf_counter() - started,
        warnings=result.warnings,
    )


def _engine_pool() -> EnginePool:
    """This process's engine pool, closed when the process exits."""
    global _ENGINES
    if _ENGINES is None:
        _ENGINES = EnginePool(parallel=_ENGINE_PARALLEL, cores=_ENGINE_CORES)
        atexit.register(_ENGINES.close)
        # Pool workers leave through os._exit, which skips atexit; multiprocessing runs these.
        multiprocessing.util.Finalize(_ENGINES, _ENGINES.close, exitpriority=10)
    return _ENGINES


def _prune_cache() -> None:
    """Keep the clip cache under its size cap."""
    ClipCache().prune()
