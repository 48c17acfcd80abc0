"""The caches' common ground: where they live, their digest, how an entry is written, and the
fingerprint of cablelint's own code that every key includes."""

from __future__ import annotations

import os
import stat
import sys

from .. import __version__

try:  # `import hashlib` first loads OpenSSL, about 5 ms; CPython builds blake2b in as _blake2
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python implementation, whose hashlib may provide it
    from hashlib import (
        blake2b,  # (CPython's does not take OpenSSL's: without _blake2 this fails too)
    )

# Kept to the standard library's lightest modules (no pathlib, no typing): the replay of an
# unchanged run (replay.py) starts from here and must answer in a few milliseconds.

CACHE_ENV = "CABLELINT_CACHE_DIR"
DEFAULT_DIR = ".cablelint_cache"
LAYOUT = "v1"
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # cablelint/


def cache_top() -> str:
    """$CABLELINT_CACHE_DIR, else .cablelint_cache/ in the working directory."""
    return os.environ.get(CACHE_ENV) or DEFAULT_DIR


def digest(*parts: bytes) -> bytes:
    """One digest of several parts, each prefixed by its length so no two splits collide."""
    hasher = blake2b(digest_size=20)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()


def content_digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=20).digest()


MAX_DIGESTED_BYTES = 64 * 1024 * 1024


def file_digest(path: str | os.PathLike) -> bytes | None:
    """The digest of a regular file's bytes; None for anything else (missing, unreadable, a FIFO
    or a device, which would block or never end, or over MAX_DIGESTED_BYTES)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_DIGESTED_BYTES:
            return None
        parts, total = [], 0
        while total <= MAX_DIGESTED_BYTES:
            chunk = os.read(handle, 1 << 20)
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
        return content_digest(b"".join(parts)) if total <= MAX_DIGESTED_BYTES else None
    except OSError:
        return None
    finally:
        os.close(handle)


_fingerprint: list = []


def code_fingerprint() -> bytes:
    """cablelint's version and the bytes of its modules, so an edited checkout is a new version too
    (computed once: the result cache and the parsed rule sets both ask)."""
    if not _fingerprint:
        parts = [__version__.encode(), _PACKAGE.encode()]
        for root, dirs, names in os.walk(_PACKAGE):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                if name.endswith(".py"):
                    path = os.path.join(root, name)
                    parts += [os.path.relpath(path, _PACKAGE).encode(), file_digest(path) or b"?"]
        _fingerprint.append(digest(*parts))
    return _fingerprint[0]


def write_unsynced(target: str | os.PathLike, data: bytes, quiet: bool = False) -> None:
    """Write `data` to a temporary file beside `target`, then rename it over `target` (for every
    cache file: entries, manifests, the stat index, run records, parsed rule sets). Unlike
    fix.atomic.write_atomic there is no fsync: a cache entry lost in a crash is only a miss, and
    syncing every entry would make the cold run pay a disk flush per file."""
    folder = os.path.dirname(os.fspath(target))
    temp = os.path.join(folder, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
    try:
        try:
            handle = open(temp, "xb")
        except FileNotFoundError:  # the folder's first entry
            os.makedirs(folder, exist_ok=True)
            handle = open(temp, "xb")
        with handle:
            handle.write(data)
        os.replace(temp, target)
    except OSError as exc:
        if not quiet:
            _warn_once(folder, exc)
        try:
            os.unlink(temp)
        except OSError:
            pass


_warned = False


def _warn_once(folder: str, exc: OSError) -> None:
    global _warned
    if not _warned:
        _warned = True
        print(f"cablelint: cannot write the cache ({folder}: {exc.strerror or exc}); "
              "results are not kept", file=sys.stderr)
