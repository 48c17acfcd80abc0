"""Run the engine over many files: in this process, over worker processes, or over a Dask cluster."""

from __future__ import annotations

import gc
import os
import threading
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

from ..cache.statindex import MAX_FILES as MAX_INDEXED
from ..cache.statindex import StatIndex
from ..checks.diagnostics import FileResult
from ..policy.rulesetmodel import Settings
from .linter import Deferred, Linter

if TYPE_CHECKING:
    from ..cache.results import Cache

# Results come back in the files' order and are streamed to the caller as they arrive, with a bounded
# number in flight, so output is stable and memory does not grow with the number of files. With a
# cache, the result of an unchanged file is read back instead of computed. Files are looked up in
# this process until the first one that must be linted: a run where everything is cached starts no
# worker and never loads a rule set (the settings are `Deferred`).

# Below this many files per worker, starting workers costs more than it saves (pre-commit runs).
MIN_FILES_PER_WORKER = 8
# Results allowed between the slowest pending file and the one the caller is at.
WINDOW_PER_WORKER = 256


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def run(files: Iterable[str], settings: Callable[[], Settings] | Settings, jobs: int,
        factory: Optional[Callable[[], Settings]] = None, cache: "Optional[Cache]" = None,
        dask: Optional[str] = None, index: Optional[StatIndex] = None) -> Iterator[FileResult]:
    """Results for `files`, in order. `settings` is a Settings or a callable that makes one (a
    `Deferred`); `factory` rebuilds them where they cannot be inherited (workers without fork, Dask
    workers); `dask` is a scheduler address or "local". `index` is a stat index the caller shares
    between runs and saves (one run of a command lints a segment per configuration)."""
    files = list(files)
    make = settings if callable(settings) else (lambda: settings)
    if dask:
        from .daskrun import run as run_on_dask

        yield from run_on_dask(files, dask, jobs, factory or make)
        return
    linter = Linter(make, cache)
    if cache is not None and len(files) <= MAX_INDEXED:
        linter.index = index if index is not None else StatIndex(cache.root / "stat")
    yield from _in_order(files, linter, jobs, factory)
    if linter.index is not None and index is None:
        linter.index.save()


def _in_order(files: list[str], linter: Linter, jobs: int,
              factory: Optional[Callable[[], Settings]]) -> Iterator[FileResult]:
    """Cached results here until the first file to lint; from there, workers if there are enough files."""
    for index, path in enumerate(files):
        result, data = linter.cached(path)
        if result is not None:
            yield result
            continue
        rest = files[index + 1:]
        workers = min(jobs, (len(rest) + 1) // MIN_FILES_PER_WORKER)
        if workers <= 1:
            yield linter.lint(path, data)
            for more in rest:
                yield linter(more)
            return
        yield from _parallel(files[index:], linter, workers, factory)
        return


# ------------------------------------------------------------------ worker processes

_LINTER: Optional[Linter] = None  # a pool worker's copy, set by _init_worker


def _fork_available() -> bool:
    return hasattr(os, "fork")


def _parallel(files: list[str], linter: Linter, workers: int,
              factory: Optional[Callable[[], Settings]]) -> Iterator[FileResult]:
    """Forked workers where the system can fork (forkrun.py); a pool of new interpreters elsewhere."""
    if _fork_available():
        from .forkrun import (
            run_forked,  # (with pickle, select, signal: a run of a few files never forks)
        )

        linter.ready()  # loaded once here, inherited by every worker
        gc.freeze()  # what the workers inherit is never collected: no copying of shared pages to scan it
        results = run_forked(files, linter.in_worker, workers)
    elif factory is not None:
        results = _pooled(files, linter, workers, factory)
    else:
        results = ((linter(path), []) for path in files)
    for result, found in results:
        if linter.index is not None:
            for record in found:
                linter.index.record(*record)
        yield result


def _pooled(files: list[str], linter: Linter, workers: int,
            factory: Callable[[], Settings]) -> Iterator[tuple[FileResult, list[tuple]]]:
    """A pool of new interpreters, each building its own settings with `factory`."""
    import multiprocessing

    chunk = max(1, min(16, len(files) // (workers * 8)))
    window = _Window(WINDOW_PER_WORKER * workers)
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(factory, linter.cache)) as pool:
        try:
            for item in pool.imap(_worker, window.feed(files), chunksize=chunk):
                window.release()
                yield item
        finally:
            window.stop()


class _Window:
    """Lets the pool's feeder thread run at most `size` files ahead of the caller, so results
    that arrive early do not pile up in memory when the output is slow."""

    def __init__(self, size: int):
        self._slots = threading.Semaphore(size)
        self._stopped = False

    def feed(self, items: Iterable[str]) -> Iterator[str]:
        for item in items:
            self._slots.acquire()
            if self._stopped:
                return
            yield item

    def release(self) -> None:
        self._slots.release()

    def stop(self) -> None:
        """Unblock the feeder so the pool can shut down when the caller stops early."""
        self._stopped = True
        self._slots.release()


def _init_worker(factory: Callable[[], Settings], cache: "Optional[Cache]") -> None:
    """In a new pool worker: a linter of its own, which keeps no index."""
    global _LINTER
    _LINTER = Linter(Deferred(factory), cache)


def _worker(path: str) -> tuple[FileResult, list[tuple]]:
    assert _LINTER is not None
    return _LINTER.in_worker(path)
