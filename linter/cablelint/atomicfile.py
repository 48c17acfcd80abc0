"""Write a file all at once or not at all: a temporary file beside it, renamed over it at the end.

An interrupted run (Ctrl-C, a crash, a full disk) then never leaves half a SARIF report or half
a baseline where a CI step or the next run would read it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator, TextIO


@contextlib.contextmanager
def atomic_text(path: str | os.PathLike) -> Iterator[TextIO]:
    """A text stream (UTF-8, LF) whose content replaces `path` when the block ends without error."""
    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=target.resolve().parent)
    try:
        os.chmod(temporary, _mode_for(target))
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or those a new file gets (mkstemp's are owner-only)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
