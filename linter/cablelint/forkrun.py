"""Lint over forked worker processes, the results streamed in the files' order.

A worker is a fork of this process made once the rule sets are loaded and the grammar built, so
it starts with everything in place and is sent nothing: it inherits the list of files. The files
are cut into chunks and each chunk is given to the worker with the fewest bytes so far, so the
workers finish together. A worker lints its chunks in order and writes each chunk's results,
pickled, to a pipe of its own; the parent knows which worker has chunk k and reads the chunks in
order from their pipes. There is no queue, no thread and no task message, which is what a
process pool would cost on every run. A pipe holds little, so a worker that runs ahead waits on
it: memory stays bounded however many files there are and however slow the output. A worker
ends with os._exit once its last chunk is written (it has nothing to tear down).

Only where `os.fork` exists; runner.py uses a process pool elsewhere.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
from typing import Any, Callable, Iterator, Sequence

_LENGTH = struct.Struct("<Q")
# Results of one chunk come back in one message; small chunks keep the workers evenly loaded.
CHUNK_FILES = 8
PIPE_BYTES = 1 << 20


class WorkerLost(RuntimeError):
    """A worker process ended before sending the results of its files."""


def run_forked(files: Sequence[str], lint_one: Callable[[str], Any], workers: int) -> Iterator[Any]:
    """`lint_one(path)` for each of `files`, computed in `workers` forked processes, in order."""
    chunks = [files[start:start + CHUNK_FILES] for start in range(0, len(files), CHUNK_FILES)]
    workers = min(workers, len(chunks))  # a worker without a chunk would only cost a fork
    owner = _deal(chunks, workers)
    sys.stdout.flush()  # a fork copies unwritten output; flushed, there is none to write twice
    sys.stderr.flush()
    pids: list[int] = []
    pipes: list = []
    try:
        for worker in range(workers):
            read_end, write_end = os.pipe()
            _widen(write_end)
            pid = os.fork()
            if pid == 0:
                os.close(read_end)
                for earlier in pipes:
                    earlier.close()  # another worker's pipe: its end must close when the parent's does
                _work([chunk for k, chunk in enumerate(chunks) if owner[k] == worker], lint_one, write_end)
            os.close(write_end)
            pids.append(pid)
            pipes.append(os.fdopen(read_end, "rb"))
        for k, chunk in enumerate(chunks):
            yield from _receive(pipes[owner[k]], chunk)
    finally:
        for pipe in pipes:
            pipe.close()
        _reap(pids)


def _widen(fd: int) -> None:
    """A pipe of up to 1 MB where the system allows (Linux): a worker that is a few chunks ahead
    of the one the parent reads goes on working instead of waiting."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):
        pass


def _deal(chunks: list[Sequence[str]], workers: int) -> list[int]:
    """The worker of each chunk: the one with the fewest bytes so far (lint time follows size)."""
    load = [0] * workers
    owner = []
    for chunk in chunks:
        worker = load.index(min(load))
        owner.append(worker)
        load[worker] += sum(_size(path) for path in chunk) + 1
    return owner


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def _work(chunks: list[Sequence[str]], lint_one: Callable[[str], Any], fd: int) -> None:
    """The worker's whole life: lint, send, exit. Never returns."""
    status = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent stops a worker it no longer needs
        with os.fdopen(fd, "wb") as pipe:
            for chunk in chunks:
                data = pickle.dumps([lint_one(path) for path in chunk], protocol=pickle.HIGHEST_PROTOCOL)
                pipe.write(_LENGTH.pack(len(data)))
                pipe.write(data)
                pipe.flush()
    except (BrokenPipeError, KeyboardInterrupt):
        status = 1  # the parent stopped reading, or the user stopped the run: nothing to say
    except BaseException as exc:  # noqa: B036 (whatever it was, the worker must not go on as a copy of the parent)
        status = 70
        try:
            print(f"cablelint: worker process failed: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        except BaseException:  # noqa: B036
            pass
    finally:
        os._exit(status)


def _receive(pipe, chunk: Sequence[str]) -> list:
    head = pipe.read(_LENGTH.size)
    data = pipe.read(_LENGTH.unpack(head)[0]) if len(head) == _LENGTH.size else b""
    if not data:
        raise WorkerLost(f"a worker process ended before linting {chunk[0]} (and {len(chunk) - 1} more files)")
    return pickle.loads(data)


def _reap(pids: list[int]) -> None:
    """Wait for every worker; one still working (the caller stopped early) is stopped first."""
    for pid in pids:
        try:
            finished, _status = os.waitpid(pid, os.WNOHANG)
            if finished == 0:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass
