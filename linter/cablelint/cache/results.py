"""The result cache: a file whose bytes, rule sets, options and cablelint code are unchanged is not
linted again."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple, Optional

from ..checks.diagnostics import Diagnostic, FileResult
from ..policy.rulesetmodel import Settings
from . import (
    CACHE_ENV,
    DEFAULT_DIR,
    LAYOUT,
    cache_top,
    code_fingerprint,
    content_digest,
    digest,
    file_digest,
    write_unsynced,
)

# Layout (under `$CABLELINT_CACHE_DIR`, else `.cablelint_cache/` in the working directory):
#
# CACHEDIR.TAG, .gitignore      mark the folder as a cache (backup tools and git skip it)
# v1/rulesets/<digest>.json     which rule-set files a set of --rules files resolves to
# v1/entries/<ab>/<rest>.json   one file's diagnostics
# v1/stat/<cwd digest>.json     file status -> content digest, to skip re-reading (statindex.py)
# v1/runs/<digest>.json         a whole run's output, replayed when nothing changed (replay.py)
#
# An entry's key is a blake2b digest of the run key and of the file's path and bytes. The run key
# digests cablelint's version and source code, the bytes of every rule-set file in force, and every
# lint option except those that only change how results are shown or which files are found. A run
# opens one cache per configuration that applies to some of its files (cli/profiles.py): the
# options are that config's (its path, its rule settings, its per-file keys), so each entry is keyed
# on the config that applied to its file. Entries are written to a temporary
# file and renamed into place, so a reader sees a whole entry or none and two runs may share the
# folder; an entry that cannot be read or decoded is a miss. The rule-set manifest lets a run whose
# rule files are all unchanged skip loading YAML: the files it names are hashed, not parsed.

# `options` below is the command line's LintOptions, a dataclass read field by field; it is typed
# Any because the command line is the layer above this one.

TAG_NAME = "CACHEDIR.TAG"
TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This folder is a cache of cablelint results; `cablelint clean` removes it.\n")
# Options that change how results are shown or run, never which diagnostics a file gets.
PRESENTATION = frozenset({
    "paths", "format", "fail_on", "jobs", "statistics", "exit_zero", "debug", "cache", "dask", "output_file",
    "output_format", "baseline", "write_baseline", "show_config", "color", "origins", "fix", "diff",
    "command_line", "quiet", "stdin_filename", "exclude", "extend_exclude", "force_exclude", "respect_gitignore"})
_GITIGNORE = b"# created by cablelint\n*\n"
# An entry row: line, column, code, end line, end column, name, severity, message, suggestion.
_ROW_TYPES = (int, int, str, int, int, str, str, str, (str, type(None)))


def cache_dir() -> Path:
    """Where the cache lives: $CABLELINT_CACHE_DIR, else .cablelint_cache/ here."""
    return Path(cache_top())


def option_values(options: Any) -> bytes:
    """Every option that can change a file's diagnostics (new options count unless listed in
    PRESENTATION, so forgetting one costs a miss, never a stale result)."""
    values = sorted((f.name, repr(getattr(options, f.name))) for f in dataclasses.fields(options)
                    if f.name not in PRESENTATION)
    return repr(values).encode()


class Cache(NamedTuple):
    """An open cache for one run: its folder, the run key entries derive from, and the rule-set
    files that key was computed over (as the manifest named them)."""

    root: Path
    run_key: bytes
    rule_files: tuple[str, ...]
    manifest: Path
    base: bytes  # digest of the code fingerprint and the options

    def confirm(self, files: Iterable[str | os.PathLike]) -> "Cache":
        """The cache for the rule-set files actually loaded. A manifest goes stale when a file it
        names starts extending another one; the key is then recomputed over the loaded files
        (before anything is written under the stale one) and the manifest rewritten."""
        loaded = tuple(str(f) for f in files)
        if loaded == self.rule_files:
            return self
        write_unsynced(self.manifest, json.dumps(list(loaded)).encode())
        return _open(self.root, self.manifest, self.base, loaded) or self

    def key(self, path: str, data: bytes) -> str:
        return self.key_from(path, content_digest(data))

    def key_from(self, path: str, content: bytes) -> str:
        """The entry key of `path` whose bytes have the digest `content`."""
        return digest(self.run_key, path.encode("utf-8", "surrogateescape"), content).hex()

    def _entry(self, key: str) -> str:
        # plain strings, not Path objects: a warm run builds one of these per file
        return os.path.join(self._entries, key[:2], f"{key[2:]}.json")

    @property
    def _entries(self) -> str:
        return os.path.join(os.fspath(self.root), "entries")

    def get(self, key: str, path: str) -> Optional[FileResult]:
        """The stored result, or None when absent, unreadable or not a well-formed entry."""
        try:
            with open(self._entry(key), "rb") as handle:
                record = json.loads(handle.read())
            if record["path"] != path:
                return None
            rows = record["diagnostics"]
            if not all(len(row) == len(_ROW_TYPES) and all(map(isinstance, row, _ROW_TYPES)) for row in rows):
                return None
            return FileResult(path, tuple(Diagnostic(path, *row) for row in rows))
        except (OSError, ValueError, KeyError, TypeError, RecursionError):  # (a forged 100,000-deep nesting)
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store a result; results with internal errors are not kept (they must show again)."""
        if result.errors:
            return
        rows = [[d.line, d.column, d.code, d.end_line, d.end_column, d.name, d.severity, d.message, d.suggestion]
                for d in result.diagnostics]
        data = json.dumps({"path": result.path, "diagnostics": rows}).encode()  # ASCII: a path may not be UTF-8
        write_unsynced(Path(self._entry(key)), data)


# ------------------------------------------------------------------ the run key


def prepare(options: Any, settings: Callable[[], Settings]) -> Optional[Cache]:
    """Open the cache for this run, or None with --no-cache, --dask or --release (the gate trusts
    no entry that whoever can write the folder could have forged). Rule sets the cache cannot
    vouch for are loaded now, so their errors stop the run before any file is linted; `settings`
    builds (and keeps) them."""
    if not getattr(options, "cache", True) or getattr(options, "dask", None) or getattr(options, "release", False):
        settings()
        return None
    root = cache_dir() / LAYOUT
    code, values = code_fingerprint(), option_values(options)
    extra = [str(Path(p).resolve()) for p in options.rules]
    # The working directory counts too: a config file found upwards from it may add rule layers.
    inputs = [code, values, os.fsencode(os.getcwd()), *(e.encode() + (file_digest(e) or b"?") for e in extra)]
    manifest = root / "rulesets" / f"{digest(*inputs).hex()}.json"
    base = digest(code, values)
    files = _read_manifest(manifest)
    cache = _open(root, manifest, base, files) if files is not None else None
    if cache is None:
        loaded = tuple(str(f) for f in settings().ruleset.files)
        _ensure_tagged(root.parent)
        write_unsynced(manifest, json.dumps(list(loaded)).encode())
        cache = _open(root, manifest, base, loaded)
    return cache


def _open(root: Path, manifest: Path, base: bytes, files: tuple[str, ...]) -> Optional[Cache]:
    """The cache keyed on `files`' bytes; None when one of them cannot be read."""
    parts = [base]
    for name in files:
        content = file_digest(name)
        if content is None:
            return None
        parts.append(name.encode() + content)
    return Cache(root, digest(*parts), files, manifest, base)


def _read_manifest(path: Path) -> Optional[tuple[str, ...]]:
    try:
        files = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if isinstance(files, list) and files and all(isinstance(f, str) for f in files):
        return tuple(files)
    return None


def _ensure_tagged(top: Path) -> None:
    """Mark the folder as a cache the first time it is made."""
    tag = top / TAG_NAME
    if tag.is_file():
        return
    write_unsynced(tag, TAG_TEXT.encode())
    if not (top / ".gitignore").exists():  # never replace a .gitignore someone else wrote
        write_unsynced(top / ".gitignore", _GITIGNORE)


# ------------------------------------------------------------------ cablelint clean


def _ours(tag: Path) -> bool:
    """`tag` is the CACHEDIR.TAG cablelint writes into its cache folder."""
    try:
        return tag.is_file() and tag.read_bytes() == TAG_TEXT.encode()
    except OSError:
        return False


def clean(argv: Iterable[str]) -> int:
    """`cablelint clean`: remove the cache folder (only what cablelint wrote into it)."""
    import argparse
    import shutil

    parser = argparse.ArgumentParser(prog="cablelint clean",
                                     description=f"Remove the result cache (${CACHE_ENV}, else ./{DEFAULT_DIR}).")
    parser.parse_args(list(argv))
    top = cache_dir()
    if not top.exists():
        print(f"cablelint: no cache at {top}")
        return 0
    if not _ours(top / TAG_NAME):
        # (a folder named by $CABLELINT_CACHE_DIR that cablelint did not tag may hold anything, a `v1/`
        # of someone else's among it: nothing is removed)
        print(f"cablelint: {top} is not a cablelint cache (no {TAG_NAME} of cablelint's); left alone", file=sys.stderr)
        return 2
    try:
        if (top / LAYOUT).exists():
            shutil.rmtree(top / LAYOUT)
        (top / TAG_NAME).unlink()
        ignore = top / ".gitignore"
        if ignore.is_file() and ignore.read_bytes() == _GITIGNORE:
            ignore.unlink()
        if not any(top.iterdir()):
            top.rmdir()
    except OSError as exc:
        print(f"cablelint: cannot remove {exc.filename or top}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"cablelint: removed the cache at {top}")
    return 0
