"""Load YAML rule sets: `extends`, validation with file:line:column errors, an immutable RuleSet."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any, Iterable, Optional, Protocol

from ..errors import undecodable_at
from . import schema
from .catalog import lookup
from .customrules import parse_custom_rule
from .rulesetmodel import RuleSet, build_ruleset
from .yamlpos import locate, strict_loader

# Files are read with pyyaml's safe loader (the C one when present), which constructs no Python
# object from a tag, refusing duplicate keys and alias bombs (yamlpos.py); positions for error
# messages come from ruamel.yaml, on the error path only.
# Merging never mutates what was loaded.

MAX_RULE_FILE_BYTES = 8 * 1024 * 1024


class RuleFileError(Exception):
    """A rule or config file cannot be used; the message starts with PATH:LINE:COLUMN."""


class DocumentStore(Protocol):
    """Where documents already parsed and validated are kept, by their bytes (cache/rulecache.py
    is one; the caller chooses, so this layer never reaches up to the caches)."""

    def get(self, data: bytes) -> Optional[dict]: ...

    def put(self, data: bytes, document: dict) -> None: ...


def bundled_dir() -> Path:
    """The bundled rule sets: `cablelint/rules/` of an installed package, else `rules/` of a
    checkout (the package is `linter/cablelint/`, two levels below the checkout)."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "rules", package.parents[1] / "rules"):
        if (candidate / "default.yaml").is_file():
            return candidate
    return package / "rules"


def bundled_names() -> list[str]:
    return sorted(p.stem for p in bundled_dir().glob("*.yaml"))


def load(extra: Iterable[str | os.PathLike] = (), base: Optional[str] = "default",
         store: Optional[DocumentStore] = None) -> RuleSet:
    """The default rule set (or `base`) with each of `extra` layered over it in order; documents
    are kept in and taken from `store` when one is given."""
    layers: list[tuple[Path, dict]] = []
    seen: set[Path] = set()
    if base:
        collect(resolve_name(base, None), layers, seen, (), store)
    for path in extra:
        collect(Path(path).resolve(), layers, seen, (), store)
    return build_ruleset(layers)


def read_regular(path: str | os.PathLike, limit: int, what: str) -> bytes:
    """The bytes of the regular file at `path`, refusing anything larger than `limit`; OSError
    with a message naming `what` otherwise. A FIFO, a device (`/dev/zero`) or a socket is refused
    before a byte is read: opening without blocking and reading at most `limit` + 1 bytes means
    that no named file can hang the run or fill the memory."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(path, flags)
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, f"{what} is not a regular file")
        if status.st_size > limit:
            raise OSError(errno.EFBIG, f"{what} is larger than {limit} bytes")
        parts, total = [], 0
        while total <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
    finally:
        os.close(handle)
    if total > limit:
        raise OSError(errno.EFBIG, f"{what} is larger than {limit} bytes")
    return b"".join(parts)


def load_document(path: Path, store: Optional[DocumentStore] = None) -> dict:
    """One YAML mapping from `path`, safely; RuleFileError with a position otherwise."""
    try:
        data = read_regular(path, MAX_RULE_FILE_BYTES, "the rule file")
    except OSError as exc:
        raise RuleFileError(f"{path}:1:1: cannot read: {exc.strerror or exc}") from None
    kept = store.get(data) if store else None  # these very bytes parsed and validated before
    if kept is not None:
        return kept
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleFileError(f"{path}:{undecodable_at(exc)}: not UTF-8 text (byte {exc.start})") from None
    document = parse_mapping(text, path, "a rule set", RuleFileError)
    try:
        validate_document(document)
    except schema.SchemaError as exc:
        line, column = locate(text, exc.path) or (1, 1)
        raise RuleFileError(f"{path}:{line}:{column}: {exc.message}") from None
    if store:
        store.put(data, document)
    return document


def parse_mapping(text: str, path: Path, what: str, error: type[Exception]) -> dict:
    """The YAML mapping in `text`, read safely (no tag constructs an object, no key appears twice,
    aliases stay within a budget: yamlpos.strict_loader); `error` with PATH:LINE:COLUMN when it
    is not valid YAML or not a mapping."""
    import yaml  # here, not at the top: a run answered from the cache reads no YAML

    try:
        document = yaml.load(text, Loader=strict_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if "could not determine a constructor" in problem or "python/" in problem:
            problem = f"YAML tag refused (the file may hold plain data only): {problem}"
        raise error(f"{path}:{where}: {_short(problem)}") from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise error(f"{path}:1:1: invalid YAML: {_short(str(exc))}") from None
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise error(f"{path}:1:1: {what} must be a YAML mapping, found {type(document).__name__}")
    return document


def _short(problem: str, limit: int = 160) -> str:
    """A parser's message, cut: it may quote the file (a tag, a character), and the file may be
    any readable file that `extends` named."""
    return problem if len(problem) <= limit else problem[:limit] + "..."


def resolve_name(name: str, relative_to: Optional[Path]) -> Path:
    """A bundled name (`default`) or a path, relative to the extending file's folder."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", name) and (bundled_dir() / f"{name}.yaml").is_file():
        return (bundled_dir() / f"{name}.yaml").resolve()
    base = relative_to.parent if relative_to else Path.cwd()
    return (base / name).resolve()


def collect(path: Path, layers: list, seen: set, chain: tuple, store: Optional[DocumentStore] = None) -> None:
    """Append `path` and, first, the rule sets it extends to `layers` (each once; cycles refused)."""
    if path in chain:
        cycle = " -> ".join(str(p) for p in chain + (path,))
        raise RuleFileError(f"{chain[-1]}:1:1: `extends` forms a cycle: {cycle}")
    if path in seen:
        return
    if not path.is_file():
        where = f"{chain[-1]}:1:1" if chain else f"{path}:1:1"
        if os.path.exists(path):  # a folder, a FIFO, a device: never opened
            raise RuleFileError(f"{where}: rule set {path} is not a regular file")
        raise RuleFileError(f"{where}: rule set {path} does not exist (bundled: {', '.join(bundled_names())})")
    document = load_document(path, store)
    parents = document.get("extends", [])
    for parent in [parents] if isinstance(parents, str) else parents:
        collect(resolve_name(parent, path), layers, seen, chain + (path,), store)
    seen.add(path)
    layers.append((path, document))


def validate_document(document: dict) -> None:
    """Check a loaded rule-set mapping against the schema; SchemaError names the key path."""
    for key, value in document.items():
        if key == "rules":
            _validate_rules(value)
            continue
        checker = schema.SECTIONS.get(key)
        if checker is None:
            allowed = ", ".join(sorted(set(schema.SECTIONS) | {"rules"}))
            raise schema.SchemaError((key,), f"unknown top-level key {schema.shown(key)} (allowed: {allowed})")
        checker((key,), value)


def _validate_rules(rules: Any) -> None:
    if not isinstance(rules, dict):
        raise schema.SchemaError(("rules",), "expected a mapping of rule codes or names")
    for key, value in rules.items():
        path = ("rules", key)
        if not isinstance(key, str):
            raise schema.SchemaError(path, f"rule key {schema.shown(key)} must be a code or a name")
        if schema.CUSTOM_CODE.fullmatch(key):
            parse_custom_rule(key, value, path)
            continue
        spec = lookup(key)
        if spec is None:
            raise schema.SchemaError(path, f"unknown rule {schema.shown(key)} (see `cablelint rules`)")
        if value is False:
            continue  # YAML 1.1 reads a bare `off` as false
        if isinstance(value, str) or value is None:
            schema.one_of(*schema.SEVERITY_OR_OFF)(path, value)
            continue
        if not isinstance(value, dict):
            raise schema.SchemaError(path, "expected off, error, warning, info or a mapping")
        for option, setting in value.items():
            if option == "severity":
                if setting is not False:  # a bare `off` is false in YAML 1.1
                    schema.one_of(*schema.SEVERITY_OR_OFF)(path + (option,), setting)
            elif option == "preview":  # off unless --preview, or a later layer sets its severity
                schema.boolean(path + (option,), setting)
            elif option not in spec.options:
                known = ", ".join(["severity", "preview", *spec.options])
                raise schema.SchemaError(path + (option,),
                                         f"unknown option {schema.shown(option)} for {spec.code} (known: {known})")
            else:
                _check_option(path + (option,), spec.options[option], setting)


def _check_option(path: tuple, default: Any, value: Any) -> None:
    if isinstance(default, bool):
        schema.boolean(path, value)
    elif isinstance(default, int):
        schema.integer(path, value)
    elif isinstance(default, (list, tuple)):
        schema.strings(path, value)
    elif isinstance(default, str):
        schema.string(path, value)


__all__ = ["RuleSet", "RuleFileError", "load", "load_document", "bundled_dir", "bundled_names", "collect",
           "resolve_name", "validate_document"]
