"""Replace a file's content so that an interruption leaves the old file or the new one, never a
partial one."""

from __future__ import annotations

import contextlib
import io
import os
import re
import secrets
import stat
from typing import Iterator, Optional, TextIO

from .. import patterns

# The new bytes go to a temporary file in the same directory (a rename is only atomic within one
# file system), are flushed and fsync'ed, get the old file's permission bits (and owner, where
# allowed), and then take the old file's place with `os.replace`; the directory is fsync'ed so the
# rename itself survives a crash. A process killed before the rename leaves a temporary file named
# `.NAME.cablelint-PID-RANDOM.tmp` next to the target: the name says what it is, discovery skips it
# (it starts with a dot) and the next write to the same target removes it once PID is gone.

TEMP_MARK = ".cablelint-"
_TEMP_NAME = patterns.compile(r"\.(?P<target>.+)\.cablelint-(?P<pid>\d+)-[0-9a-f]+\.tmp\Z", re.S)
_CHUNK = 1 << 20


def temp_name_for(target: str) -> str:
    """A fresh temporary path next to `target`, recognisable as ours."""
    folder, name = os.path.split(target)
    return os.path.join(folder, f".{name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}.tmp")


def is_temp_for(name: str, target_name: str) -> Optional[int]:
    """The writer's process id when `name` is one of our temporary files for `target_name`."""
    found = _TEMP_NAME.match(name)
    if found is None or found["target"] != target_name:
        return None
    return int(found["pid"])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    return True


def clean_stale(target: str) -> list[str]:
    """Remove temporary files left next to `target` by writers that are no longer running;
    return the paths removed."""
    folder, name = os.path.split(target)
    removed = []
    try:
        entries = os.listdir(folder or ".")
    except OSError:
        return removed
    for entry in entries:
        pid = is_temp_for(entry, name)
        if pid is None or (pid != os.getpid() and _alive(pid)):
            continue
        path = os.path.join(folder, entry)
        try:
            os.unlink(path)
            removed.append(path)
        except OSError:
            pass
    return removed


def write_atomic(path: str, data: bytes) -> None:
    """Replace the content of the file `path` with `data` (or create it), atomically.

    A symbolic link is followed and the file it points to is replaced, so the link stays a link;
    a new file gets the permissions the umask allows. Raises OSError when the file cannot be
    written; the old content is then untouched.
    """
    target = os.path.realpath(path)
    try:
        before: Optional[os.stat_result] = os.stat(target)
    except FileNotFoundError:
        before = None
    clean_stale(target)
    temp = temp_name_for(target)
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(handle, view[:_CHUNK])
                view = view[written:]
            os.fsync(handle)
            _keep_owner_and_mode(handle, before)
        finally:
            os.close(handle)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _sync_directory(os.path.dirname(target))


@contextlib.contextmanager
def atomic_text(path: str | os.PathLike) -> Iterator[TextIO]:
    """A text stream (UTF-8, LF) whose content replaces `path` when the block ends without error:
    an interrupted run never leaves half a report or half a baseline."""
    buffer = io.StringIO()
    yield buffer
    write_atomic(os.fspath(path), buffer.getvalue().encode("utf-8"))


def _keep_owner_and_mode(handle: int, before: Optional[os.stat_result]) -> None:
    if before is None:  # a new file: what an ordinary open() would have given it
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle, 0o666 & ~umask)
        return
    if hasattr(os, "fchown"):
        try:
            os.fchown(handle, before.st_uid, before.st_gid)
        except OSError:
            pass  # only the owner's group or root may give a file away; the mode still follows
    os.fchmod(handle, stat.S_IMODE(before.st_mode))


def _sync_directory(folder: str) -> None:
    """Make the rename durable; not every platform lets a directory be opened."""
    try:
        handle = os.open(folder or ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
