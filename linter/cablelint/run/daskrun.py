"""`--dask`: the same lint, spread over a Dask cluster (`pip install 'cablelint[dask]'`)."""

from __future__ import annotations

import collections
import logging
import threading
import uuid
from typing import TYPE_CHECKING, Any, Callable, Iterator

from ..errors import CliError

if TYPE_CHECKING:
    from ..checks.diagnostics import FileResult
    from ..policy.rulesetmodel import Settings

# Files go out in batches; each Dask worker process builds the settings once (from the same
# options, so the same rule sets and dates) and lints its batches with the same engine as a local
# run. Batches come back in order, a bounded number at a time, so the output is byte-identical to a
# local run and the client's memory stays flat. Paths (and --rules files) are sent as they were given:
# the workers must see the same files at the same paths (a shared file system). The result cache is
# not used: it belongs to one machine.

LOCAL = "local"
MAX_BATCH = 64
BATCHES_PER_WORKER = 4  # in flight per worker thread: enough to keep it busy, few enough to stay small
CONNECT_SECONDS = 30
GRACE_SECONDS = 5  # beyond the client's own timeout, before the attempt is abandoned
abandoned = threading.Event()  # a connection attempt still running in a thread: exit without waiting


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise CliError("--dask needs the dask extra: pip install 'cablelint[dask]'") from None
    return distributed


def run(files: list[str], address: str, jobs: int, factory: Callable[[], "Settings"]) -> Iterator["FileResult"]:
    """Results for `files`, in order, linted on the cluster at `address` (or a local one)."""
    distributed = _distributed()
    with _Connection(distributed, address, jobs) as client:
        threads = max(1, sum(client.nthreads().values()))
        batch = max(1, min(MAX_BATCH, len(files) // (threads * 4) or 1))
        token = uuid.uuid4().hex  # names this run's settings on the workers
        pending: collections.deque = collections.deque()
        starts = iter(range(0, len(files), batch))
        for start in starts:
            pending.append(client.submit(_lint_batch, token, factory, files[start:start + batch], pure=False))
            if len(pending) >= threads * BATCHES_PER_WORKER:
                break
        while pending:
            results = pending.popleft().result()
            start = next(starts, None)
            if start is not None:
                pending.append(client.submit(_lint_batch, token, factory, files[start:start + batch], pure=False))
            yield from results


def _connect(distributed: Any, address: str) -> Any:
    """A Client on the scheduler at `address`, within CONNECT_SECONDS and a little more. The
    client's own timeout does not cover everything: against a server that accepts the connection
    and never answers in Dask's protocol it waited for ever. So the connection is made in a
    daemon thread, and abandoned (TimeoutError) when it has not come in time; the process then
    ends without waiting for it (`abandoned`, read by cli.entry)."""
    made: dict[str, Any] = {}

    def connect() -> None:
        try:
            made["client"] = distributed.Client(address, timeout=f"{CONNECT_SECONDS}s")
        except BaseException as exc:  # handed to the waiting thread, raised there
            made["error"] = exc

    worker = threading.Thread(target=connect, name="cablelint-dask-connect", daemon=True)
    worker.start()
    worker.join(CONNECT_SECONDS + GRACE_SECONDS)
    if worker.is_alive():
        abandoned.set()
        raise TimeoutError(f"no answer in Dask's protocol within {CONNECT_SECONDS + GRACE_SECONDS:g} s "
                           "(is it a Dask scheduler?)")
    if "error" in made:
        raise made["error"]
    return made["client"]


class _Connection:
    """A Client on the scheduler at `address`, or on a LocalCluster of `jobs` worker processes."""

    def __init__(self, distributed: Any, address: str, jobs: int):
        self.cluster = None
        try:
            if address == LOCAL:
                self.cluster = distributed.LocalCluster(
                    n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address=None, silence_logs=logging.ERROR)
                self.client = distributed.Client(self.cluster)
            else:
                self.client = _connect(distributed, address)
        except (OSError, TimeoutError, ValueError) as exc:
            self.__exit__()
            where = "a local Dask cluster" if address == LOCAL else f"the Dask scheduler at {address}"
            raise CliError(f"cannot start or reach {where}: {exc}") from None

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *_exc: object) -> None:
        client, self.client = getattr(self, "client", None), None
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


# ------------------------------------------------------------------ on the workers

_LINTERS: dict[str, Any] = {}  # run token -> the worker's linter for that run


def _lint_batch(token: str, factory: Callable[[], "Settings"], paths: list[str]) -> list["FileResult"]:
    """Lint `paths` on a Dask worker; the settings are built on the first batch of a run."""
    from .linter import Deferred, Linter

    linter = _LINTERS.get(token)
    if linter is None:
        _LINTERS.clear()  # one run at a time per worker process is the common case; keep memory flat
        linter = _LINTERS[token] = Linter(Deferred(factory), None)
    return [linter(path) for path in paths]
