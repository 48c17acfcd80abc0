"""Run the engine over many files: in this process, or over worker processes with the results
streamed back in the files' order, so output is stable and memory does not grow with the run."""

from __future__ import annotations

import multiprocessing
import os
import sys
from typing import Callable, Iterable, Iterator, Optional

from .discovery import STDIN
from .engine import ActiveRule, FileResult, Settings, active_rules, lint_bytes, lint_file

# Set in the parent before workers fork, so each worker inherits the loaded rule set.
_SETTINGS: Optional[Settings] = None
_RULES: tuple[ActiveRule, ...] = ()
_FACTORY: Optional[Callable[[], Settings]] = None

# Below this many files, starting workers costs more than it saves (pre-commit runs).
MIN_FILES_PER_WORKER = 8


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def lint_one(path: str, settings: Settings, rules: tuple[ActiveRule, ...]) -> FileResult:
    if path == STDIN:
        return lint_bytes(STDIN, sys.stdin.buffer.read(), settings, rules)
    return lint_file(path, settings, rules)


def run(files: Iterable[str], settings: Settings, jobs: int,
        factory: Optional[Callable[[], Settings]] = None) -> Iterator[FileResult]:
    """Results for `files`, in order. `factory` rebuilds the settings in a worker that cannot
    inherit them (platforms without fork)."""
    files = list(files)
    rules = active_rules(settings)
    workers = min(jobs, len(files) // MIN_FILES_PER_WORKER)
    if workers <= 1 or STDIN in files:
        for path in files:
            yield lint_one(path, settings, rules)
        return
    yield from _parallel(files, settings, rules, workers, factory)


def _parallel(files, settings, rules, workers, factory) -> Iterator[FileResult]:
    global _SETTINGS, _RULES, _FACTORY
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods else "spawn"
    if method != "fork" and factory is None:
        for path in files:
            yield lint_one(path, settings, rules)
        return
    _SETTINGS, _RULES, _FACTORY = settings, rules, factory
    context = multiprocessing.get_context(method)
    chunk = max(1, min(16, len(files) // (workers * 8)))
    initializer = None if method == "fork" else _init_worker
    initargs = () if method == "fork" else (factory,)
    with context.Pool(workers, initializer=initializer, initargs=initargs) as pool:
        yield from pool.imap(_worker, files, chunksize=chunk)


def _init_worker(factory: Callable[[], Settings]) -> None:
    global _SETTINGS, _RULES
    _SETTINGS = factory()
    _RULES = active_rules(_SETTINGS)


def _worker(path: str) -> FileResult:
    return lint_one(path, _SETTINGS, _RULES)
