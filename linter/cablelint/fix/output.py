"""Writing a report or a baseline to a path the user named, without destroying anything."""

from __future__ import annotations

import errno
import os
import stat
import sys
from typing import NamedTuple, Optional, Sequence

from .atomic import write_atomic

# `--output-file`, `--write-baseline` and `report --output` name a path; what is there decides
# how it is written:
# - a regular file (or nothing yet) is replaced atomically (atomic.py): an interrupted run leaves
#   the old file or the new one;
# - the file standard output or standard error already writes to (`--output-file /dev/stdout`
#   with `>> ci.log`) is written through that stream, after what it printed: opening it again
#   would truncate the log or write over its start;
# - a character device (`/dev/null`, a terminal) or a FIFO is written in place, never truncated
#   and never replaced (root once replaced /dev/null with a regular file); a FIFO nobody reads is
#   an error, not a hang;
# - anything else (a folder, a block device, a socket) is refused;
# - a symbolic link whose target lies outside the working directory's tree is refused, and so is
#   one inside that tree leading out of it on the way (a committed link could otherwise make a
#   run overwrite any file its user may write).

REPLACE, IN_PLACE, STREAM = "replace", "in place", "stream"


class OutputRefused(Exception):
    """The path cannot be written safely; the message says why (without the path)."""


class Target(NamedTuple):
    path: str
    how: str                  # REPLACE, IN_PLACE or STREAM
    fd: Optional[int] = None  # STREAM: the file descriptor of the stream that writes there


def plan(path: str, cwd: Optional[str] = None, streams: Sequence[int] = (1, 2)) -> Target:
    """How `path` is to be written (see above); OutputRefused when it must not be."""
    try:
        status: Optional[os.stat_result] = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise OutputRefused(f"cannot examine it: {exc.strerror or exc}") from None
    if status is not None:
        for fd in streams:
            if _same_file(status, fd):
                return Target(path, STREAM, fd)
        mode = status.st_mode
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            return Target(path, IN_PLACE)
        if stat.S_ISDIR(mode):
            raise OutputRefused("it is a folder")
        if not stat.S_ISREG(mode):
            raise OutputRefused("it is neither a regular file, a character device nor a FIFO")
    _check_links(path, os.getcwd() if cwd is None else cwd)
    return Target(path, REPLACE)


def write(target: Target, data: bytes) -> None:
    """Write `data` as planned; OSError when it cannot be written."""
    if target.how == STREAM:
        _write_stream(target.fd, data)
    elif target.how == IN_PLACE:
        _write_in_place(target.path, data)
    else:
        write_atomic(target.path, data)


def _same_file(status: os.stat_result, fd: int) -> bool:
    try:
        other = os.fstat(fd)
    except (OSError, ValueError):
        return False
    return (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino)


def _inside(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)


def _check_links(path: str, cwd: str) -> None:
    """Refuse the path if it is a symbolic link resolving outside the working directory's tree,
    or passes, inside that tree, through a link that leads out of it."""
    top, real_top = os.path.abspath(cwd), os.path.realpath(cwd)
    absolute = os.path.abspath(path)
    if os.path.islink(absolute) and not _inside(os.path.realpath(absolute), real_top):
        raise OutputRefused(f"it is a symbolic link to {os.path.realpath(absolute)}, outside the working "
                            f"directory's tree {real_top}")
    prefix = os.sep
    for part in absolute.split(os.sep)[1:-1]:
        prefix = os.path.join(prefix, part)
        if os.path.islink(prefix) and (_inside(prefix, top) or _inside(prefix, real_top)):
            if not _inside(os.path.realpath(prefix), real_top):
                raise OutputRefused(f"{prefix} is a symbolic link to {os.path.realpath(prefix)}, outside the "
                                    f"working directory's tree {real_top}")


def _write_stream(fd: Optional[int], data: bytes) -> None:
    """After what the stream printed, through its own descriptor (which keeps its O_APPEND and
    position); a reader that went away is no error, as for the terminal output itself."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    try:
        _write_all(fd, data)
    except BrokenPipeError:
        pass


def _write_in_place(path: str, data: bytes) -> None:
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)  # no O_CREAT, no O_TRUNC
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "it is a FIFO that nobody reads") from None
        raise
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # opened without blocking only so that a FIFO cannot hang the open
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: Optional[int], data: bytes) -> None:
    assert fd is not None
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view[:1 << 20]):]
