"""Lint over forked worker processes, the results streamed in the files' order."""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import sys
from typing import Any, Callable, Iterator, Sequence

# A worker is a fork of this process made once the rule sets are loaded and the grammar built, so
# it starts with everything in place: it inherits the list of files and is only ever sent chunk
# numbers. The files are cut into chunks of a few files. The parent writes chunk numbers into one
# task pipe that all workers read (a read of one 4-byte record from a pipe is atomic, as GNU make's
# job server relies on), so whichever worker is free takes the next chunk and the workers finish
# together however the cost of the files varies. Each worker writes each chunk's results, pickled
# with their chunk number, to a result pipe of its own; the parent polls those pipes, keeps results
# that come early, and hands them on in the files' order.
#
# Memory stays bounded whatever the number of files: the parent writes a chunk number only when
# fewer than `AHEAD_PER_WORKER` chunks per worker are waiting to be handed on, so no worker runs
# far ahead of a slow file or of a slow reader of the output. There is no queue object, no thread
# and no process pool, which would cost every run more than the tasks do. A worker ends with
# os._exit when the task pipe is closed (it has nothing to tear down).
#
# Only where `os.fork` exists; runner.py uses a pool of new interpreters elsewhere.

_TASK = struct.Struct("<I")
_STOP = 0xFFFFFFFF  # the task that tells a worker there are no more
_LENGTH = struct.Struct("<Q")
CHUNK_FILES = 8  # a result message per chunk; small chunks keep the workers evenly loaded
AHEAD_PER_WORKER = 4


class WorkerLost(RuntimeError):
    """A worker process ended before sending the results of its files."""


def run_forked(files: Sequence[str], lint_one: Callable[[str], Any], workers: int) -> Iterator[Any]:
    """`lint_one(path)` for each of `files`, computed in `workers` forked processes, in order."""
    chunks = [files[start:start + CHUNK_FILES] for start in range(0, len(files), CHUNK_FILES)]
    workers = min(workers, len(chunks))  # a worker without a chunk would only cost a fork
    if not workers:
        return
    sys.stdout.flush()  # a fork copies unwritten output; flushed, there is none to write twice
    sys.stderr.flush()
    task_read, task_write = os.pipe()
    pids: list[int] = []
    results: list[int] = []  # each worker's result pipe (read end)
    try:
        for _worker in range(workers):
            read_end, write_end = os.pipe()
            try:
                pid = os.fork()
            except OSError:
                os.close(read_end)
                os.close(write_end)
                raise
            if pid == 0:
                os.close(task_write)  # else the task pipe would never reach its end for this worker
                for fd in [read_end, *results]:
                    os.close(fd)
                _work(chunks, lint_one, task_read, write_end)
            os.close(write_end)
            pids.append(pid)
            results.append(read_end)
        os.close(task_read)
        task_read = -1
        yield from _collect(chunks, workers, task_write, results)
    finally:
        for fd in [task_read, task_write, *results]:  # also after a failed fork
            if fd >= 0:
                _close(fd)
        _reap(pids)


def _collect(chunks: list[Sequence[str]], workers: int, task_write: int, results: list[int]) -> Iterator[Any]:
    """Hand out chunk numbers, receive results, yield them in order."""
    poller = select.poll()
    for fd in results:
        poller.register(fd, select.POLLIN)
    open_pipes = len(results)
    early: dict[int, list] = {}
    handed = 0
    for wanted in range(len(chunks)):
        limit = min(len(chunks), wanted + AHEAD_PER_WORKER * workers)
        if handed < limit:
            tasks = list(range(handed, limit)) + ([_STOP] * workers if limit == len(chunks) else [])
            _write_all(task_write, b"".join(_TASK.pack(k) for k in tasks))
            handed = limit
        while wanted not in early:
            if not open_pipes:
                raise WorkerLost(_lost(chunks[wanted]))
            for fd, _event in poller.poll():
                message = _receive(fd)
                if message is None:  # the worker is gone: normal only once every chunk is handed out
                    if handed < len(chunks):
                        raise WorkerLost(_lost(chunks[wanted]))
                    poller.unregister(fd)
                    open_pipes -= 1
                else:
                    early[message[0]] = message[1]
        yield from early.pop(wanted)


def _lost(waiting: Sequence[str]) -> str:
    return f"a worker process ended while {waiting[0]} (and {len(waiting) - 1} more files) waited to be linted"


def _work(chunks: list[Sequence[str]], lint_one: Callable[[str], Any], task_read: int, fd: int) -> None:
    """The worker's whole life: take a chunk number, lint, send, until there are none. Never returns."""
    status = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent stops a worker it no longer needs
        # (not closed here but by os._exit, after a failure is said: the parent takes the pipe's end
        # for the worker's and stops it, which could come before the worker had said why; each
        # message is flushed as it is written)
        pipe = os.fdopen(fd, "wb")
        while True:
            task = os.read(task_read, _TASK.size)
            number = _TASK.unpack(task)[0] if len(task) == _TASK.size else _STOP
            if number == _STOP:  # (or the parent is gone)
                break
            data = pickle.dumps((number, [lint_one(path) for path in chunks[number]]),
                                protocol=pickle.HIGHEST_PROTOCOL)
            pipe.write(_LENGTH.pack(len(data)) + data)
            pipe.flush()
    except (BrokenPipeError, KeyboardInterrupt):
        status = 1  # the parent stopped reading, or the user stopped the run: nothing to say
    except BaseException as exc:  # noqa: B036 (whatever it was, the worker must not go on as a copy of the parent)
        status = 70
        try:  # straight to the descriptor: a forked child must not rely on sys.stderr's buffer and lock
            os.write(2, f"cablelint: worker process failed: {type(exc).__name__}: {exc}\n".encode("utf-8", "replace"))
        except BaseException:  # noqa: B036
            pass
    finally:
        os._exit(status)


def _receive(fd: int) -> tuple[int, list] | None:
    """One message from a worker's result pipe: (chunk number, results); None at its end."""
    head = _read_exact(fd, _LENGTH.size)
    data = _read_exact(fd, _LENGTH.unpack(head)[0]) if head else b""
    return pickle.loads(data) if data else None


def _read_exact(fd: int, size: int) -> bytes:
    """`size` bytes, or b"" if the pipe ends first. Unbuffered, so that poll() sees all that is
    left to read (a buffered reader could hold a whole message poll() would not report)."""
    parts, left = [], size
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            return b""
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


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
