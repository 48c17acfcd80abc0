"""One path linted, through the result cache when there is one: the unit of work every runner
(this process, forked or pooled workers, Dask workers) hands out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

from ..cache import content_digest
from ..cache.statindex import stamp
from ..checks.diagnostics import FileResult
from ..parse.source import read_limited
from ..policy.rulesetmodel import Settings
from .engine import MAX_FILE_BYTES, ActiveRule, active_rules, lint_bytes, lint_file

if TYPE_CHECKING:
    from ..cache.results import Cache
    from ..cache.statindex import StatIndex


class Deferred:
    """Settings made on first use, then kept: a fully cached run never loads the rule sets."""

    def __init__(self, make: Callable[[], Settings]):
        self._make = make
        self._value: Optional[Settings] = None

    @property
    def loaded(self) -> Optional[Settings]:
        """The settings if they have been made, else None (nothing is loaded)."""
        return self._value

    def __call__(self) -> Settings:
        if self._value is None:
            self._value = self._make()
        return self._value


class Linter:
    """Lints one path, through the cache when there is one. Lives in the parent and, copied, in
    each worker."""

    def __init__(self, settings: Callable[[], Settings], cache: "Optional[Cache]"):
        self.settings = settings
        self.cache = cache
        self._rules: Optional[tuple[ActiveRule, ...]] = None
        self.index: "Optional[StatIndex]" = None  # in the parent: status -> digest, to skip reads
        self.found: Optional[list[tuple]] = None  # in a worker: digests to send the parent's index
        self._hashed: tuple[Optional[bytes], bytes] = (None, b"")  # the last bytes read and their digest

    def ready(self) -> None:
        """Load the rule set, settle the cache key on the files it came from, build the grammar."""
        if self._rules is not None:
            return
        settings = self.settings()
        if self.cache is not None:
            self.cache = self.cache.confirm(settings.ruleset.files)
        self._rules = active_rules(settings)
        from ..checks import context  # noqa: F401
        from ..parse import build  # noqa: F401  (imported here once, not in every worker)
        from ..parse.grammar import grammar

        grammar()  # built once here, so forked workers inherit it

    def cached(self, path: str) -> tuple[Optional[FileResult], Optional[bytes]]:
        """The cached result of `path` if there is one, else the bytes read (None if unreadable)."""
        if self.cache is None:
            return None, None
        known = self.index.digest(path) if self.index is not None else None
        if known is not None:
            hit = self.cache.get(self.cache.key_from(path, known), path)
            if hit is not None:
                return hit, None
        status, now = stamp(path)  # before the read: a later change must not match this record
        try:
            data = read_limited(path, MAX_FILE_BYTES)
        except OSError:
            return None, None
        if len(data) > MAX_FILE_BYTES:
            return None, None
        digest = content_digest(data)
        self._hashed = (data, digest)  # lint() stores the result under it, without hashing again
        if status is not None:
            if self.index is not None:
                self.index.record(path, status, digest, now)
            elif self.found is not None:
                self.found.append((path, status, digest, now))
        return self.cache.get(self.cache.key_from(path, digest), path), data

    def lint(self, path: str, data: Optional[bytes] = None) -> FileResult:
        self.ready()
        settings, rules = self.settings(), self._rules
        if data is None:
            return lint_file(path, settings, rules)
        result = lint_bytes(path, data, settings, rules)
        if self.cache is not None:
            hashed, digest = self._hashed
            self.cache.put(self.cache.key_from(path, digest if hashed is data else content_digest(data)), result)
        return result

    def __call__(self, path: str) -> FileResult:
        result, data = self.cached(path)
        return result if result is not None else self.lint(path, data)

    def in_worker(self, path: str) -> tuple[FileResult, list[tuple]]:
        """In a worker process: the file's result, and the content digests found on the way (the
        parent's index records them; a worker keeps none of its own)."""
        if self.found is None:  # the worker's first file
            self.index, self.found = None, []
        result = self(path)
        found, self.found = self.found, []
        return result, found
