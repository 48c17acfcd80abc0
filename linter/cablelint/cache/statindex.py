"""What each file's bytes hashed to, by path and file status: a rerun over an unchanged archive
stats its files instead of reading and hashing every byte again."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Optional

from . import blake2b, write_unsynced

# The result cache stays keyed on content; this index only says which content digest a path had
# when its size, modification and change times, inode and device were as recorded. A record is
# trusted only when the file was last changed more than `RACY_SECONDS` before it was hashed: a
# file written again within the same clock tick as the recorded write could keep its times, so
# a recently changed file is always read again (git calls such entries "racily clean"). The index
# is kept per working directory (paths are as given), written atomically at the end of a run, and
# skipped for runs of more than `MAX_FILES` files, so its memory stays small.

MAX_FILES = 50_000
RACY_SECONDS = 2
_clock = time.time_ns  # the time a status is taken (tests move it)
_Record = list  # [size, mtime_ns, ctime_ns, inode, device, digest hex, hashed at (ns)]


def signature(status: os.stat_result) -> list[int]:
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev]


class StatIndex:
    """path -> (file status, content digest) for one working directory."""

    def __init__(self, folder: Path):
        self.path = folder / f"{blake2b(os.fsencode(os.getcwd()), digest_size=12).hexdigest()}.json"
        self.records: dict[str, _Record] = {}
        self.changed = False
        try:
            loaded = json.loads(self.path.read_bytes())
            if isinstance(loaded, dict) and len(loaded) <= MAX_FILES:
                self.records = loaded
        except (OSError, ValueError, RecursionError):
            pass

    def digest(self, path: str) -> Optional[bytes]:
        """The content digest `path` has, if its status is as recorded and the record is trusted."""
        record = self.records.get(path)
        if record is None:
            return None
        try:
            status = os.stat(path)
            if signature(status) != record[:5] or not isinstance(record[5], str):
                return None
            if max(status.st_mtime_ns, status.st_ctime_ns) >= record[6] - RACY_SECONDS * 1_000_000_000:
                return None  # changed too shortly before it was hashed to vouch for it
            return bytes.fromhex(record[5])
        except (OSError, ValueError, TypeError, IndexError):
            return None

    def record(self, path: str, status: list[int], digest: bytes, hashed_at: int) -> None:
        """Remember that `path`, with `status` as read just before hashing, hashed to `digest`."""
        if len(self.records) < MAX_FILES or path in self.records:
            self.records[path] = [*status, digest.hex(), hashed_at]
            self.changed = True

    def save(self) -> None:
        if self.changed:
            write_unsynced(self.path, json.dumps(self.records, separators=(",", ":")).encode())
            self.changed = False


def stamp(path: str) -> tuple[Optional[list[int]], int]:
    """The status of `path` (None if it cannot be read) and the time it was taken, before a read."""
    now = _clock()
    try:
        return signature(os.stat(path)), now
    except OSError:
        return None, now
