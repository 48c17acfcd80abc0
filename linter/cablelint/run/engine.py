"""Lint one file: decode, build, run the active checks, stamp findings into diagnostics."""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import sys
from typing import TYPE_CHECKING, Any, Callable, Iterable, NamedTuple, Optional

from ..checks import all_rules
from ..checks.diagnostics import Diagnostic, FileResult, Finding, InternalError
from ..parse.source import Source, UnreadableError, decode, read_limited
from ..policy.rulesetmodel import Settings

if TYPE_CHECKING:  # the parser and the checks are imported on first use: a cached run needs neither
    from ..checks.context import Context
    from ..parse.model import Cable

# A check that raises is reported as an internal error naming the file and the rule; the other
# rules and files still run. Nothing here prints.

MAX_FILE_BYTES = 64 * 1024 * 1024
# The release gate: under --release these always run, at severity error, on every file, whatever
# --select, --ignore, per-file ignores and the rule sets say (the caller says so on stderr).
GATE = ("X001", "R001", "R002")


class ActiveRule(NamedTuple):
    """A rule as it runs: `check(ctx, options)` yields its findings. The check and its options are
    kept apart rather than bound in a lambda: the lambda was one more Python call for each rule on
    each cable (about 1 ms over a corpus of 900 cables)."""

    code: str
    name: str
    severity: str
    check: Callable[[Context, Any], Iterable[Finding]]
    options: Any  # the rule's options; for a custom rule, the rule itself (`custom.run(ctx, rule)`)


def _traceback() -> str:
    import traceback  # only when a rule or the parser fails: no run pays for the import otherwise

    return traceback.format_exc()


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(p.upper()) for p in prefixes)


def active_rules(settings: Settings) -> tuple[ActiveRule, ...]:
    """The rules that run under `settings`, with their severities from the rule set."""
    rules: list[ActiveRule] = []

    def wanted(code: str, severity: str) -> bool:
        if severity == "off":
            return False
        if settings.select and not _matches(code, settings.select):
            return False
        return not _matches(code, settings.ignore)

    for spec in all_rules():
        if spec.release_only and not settings.release:
            continue
        gate = settings.release and spec.code in GATE
        if not gate and spec.code in settings.ruleset.preview and not settings.preview \
                and spec.code not in settings.select:
            continue  # a preview rule runs with --preview, or when selected by its full code
        severity = "error" if gate else settings.ruleset.severity(spec.code, spec.severity)
        if gate or wanted(spec.code, severity):
            options = settings.ruleset.rule_options(spec.code, spec.options)
            rules.append(ActiveRule(spec.code, spec.name, severity, spec.check, options))
    from ..checks import custom

    for rule in settings.ruleset.custom:
        if wanted(rule.code, rule.severity):
            rules.append(ActiveRule(rule.code, rule.name, rule.severity, custom.run, rule))
    return tuple(rules)


def build(source: Source) -> "Cable":
    """The parser (`build.build`), imported on first use."""
    from ..parse.build import build as build_cable

    return build_cable(source)


def origin_date(cable: Cable, settings: Settings) -> Optional[dt.date]:
    """--date first, then the date-time group of the routing header (the contract's order)."""
    return settings.date or cable.origin_date


def marked_on(cable: Cable, settings: Settings) -> Optional[dt.date]:
    """The date the checks judge the header's markings by: the origin date, or, in a repeat whose
    header fields are the quoted cable's, the date of the cable repeated (its E.O. line was
    written under the order in force then, not on the day of the repeat)."""
    return cable.repeated_on or origin_date(cable, settings)


def lint_bytes(path: str, data: bytes, settings: Settings,
               rules: Optional[tuple[ActiveRule, ...]] = None) -> FileResult:
    rules = active_rules(settings) if rules is None else rules
    try:
        source = decode(data)
    except UnreadableError as exc:
        return unreadable(path, str(exc), rules)
    try:
        cable = build(source)
    except Exception as exc:  # the grammar is meant to be total; if not, say where
        return FileResult(path, (), (InternalError(path, "parser", f"{type(exc).__name__}: {exc}",
                                                   _traceback()),))
    ignored = _ignored_for(path, settings)
    if not settings.release and not cable.has_cable_structure:
        # a note, a list, a README: skipped (never under --release); per-file-ignores may silence X002
        return FileResult(path) if "X002" in ignored or _matches("X002", ignored) else not_a_cable(path, rules)
    from ..checks.context import Context

    ctx = Context(cable=cable, path=path, ruleset=settings.ruleset, origin_date=marked_on(cable, settings),
                  as_of=settings.as_of)
    diagnostics: list[Diagnostic] = []
    errors: list[InternalError] = []
    for rule in rules:
        if ignored and (rule.code in ignored or _matches(rule.code, ignored)) and not (
                settings.release and rule.code in GATE):
            continue
        try:
            for finding in rule.check(ctx, rule.options):
                diagnostics.append(_stamp(path, rule, finding, cable))
        except Exception as exc:  # a crashing rule must not stop the run; it is reported
            errors.append(InternalError(path, rule.code, f"{type(exc).__name__}: {exc}", _traceback()))
    return FileResult(path, tuple(sorted(diagnostics)), tuple(errors))


def lint_file(path: str, settings: Settings, rules: Optional[tuple[ActiveRule, ...]] = None) -> FileResult:
    rules = active_rules(settings) if rules is None else rules
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except OSError as exc:
        return unreadable(path, f"cannot read the file: {exc.strerror or exc}", rules)
    if len(data) > MAX_FILE_BYTES:
        return unreadable(path, f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB", rules)
    return lint_bytes(path, data, settings, rules)


def lint_stdin(path: str, settings: Settings, rules: Optional[tuple[ActiveRule, ...]] = None) -> FileResult:
    """Standard input, read as a file is (at most MAX_FILE_BYTES: `cablelint - </dev/zero` once
    filled the memory) and reported as `path` (`-`, or the --stdin-filename); closed or
    unreadable, it is X001 like an unreadable file."""
    rules = active_rules(settings) if rules is None else rules
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return unreadable(path, "cannot read standard input: it is closed", rules)
    try:
        data = stream.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as exc:
        return unreadable(path, f"cannot read standard input: {getattr(exc, 'strerror', None) or exc}", rules)
    if len(data) > MAX_FILE_BYTES:
        return unreadable(path, f"standard input is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB", rules)
    return lint_bytes(path, data, settings, rules)


def unreadable(path: str, why: str, rules: tuple[ActiveRule, ...]) -> FileResult:
    """X001 for `path` (when X001 is active), saying `why`."""
    return _file_note(path, "X001", why, rules)


def _file_note(path: str, code: str, message: str, rules: tuple[ActiveRule, ...]) -> FileResult:
    """The one finding, at 1:1, of a file no other rule is run on (when `code` is active)."""
    for rule in rules:
        if rule.code == code:
            return FileResult(path, (Diagnostic(path, 1, 1, code, 1, 1, rule.name, rule.severity, message),))
    return FileResult(path)


NOT_A_CABLE = ("no classification line, E.O. line, TAGS, SUBJECT, routing header, Classified By or "
               "portion-marked paragraph: not a cable, not linted")


def not_a_cable(path: str, rules: tuple[ActiveRule, ...]) -> FileResult:
    """X002 for `path` (when X002 is active): the file has none of a cable's structure, so no
    other rule is run on it (a missing classification line is no news about a shopping list)."""
    return _file_note(path, "X002", NOT_A_CABLE, rules)


def _ignored_for(path: str, settings: Settings) -> tuple[str, ...]:
    if not settings.per_file_ignores:
        return ()
    # the path however it was spelled (`cables//x.txt`, `./cables/./x.txt`, a Windows separator) and
    # absolute, as the patterns are anchored (cli/config.anchor_pattern); `/**/` is zero folders too
    # (the absolute form only against an absolute pattern: a name's `*/NAME` would match a folder
    # above the project, `/tmp/...` for `tmp*`)
    posix = path.replace("\\", "/")
    forms = {path, posix, os.path.normpath(posix)}
    forms |= {"./" + form for form in forms if not form.startswith(("/", "./", "../"))}
    absolute = os.path.abspath(posix)
    codes: list[str] = []
    for pattern, ignored in settings.per_file_ignores:
        globs = {pattern, pattern.replace("/**/", "/")}
        if any(fnmatch.fnmatch(form, glob) for glob in globs for form in forms) \
                or (pattern.startswith("/") and any(fnmatch.fnmatch(absolute, glob) for glob in globs)):
            codes.extend(ignored)
    return tuple(codes)


def _stamp(path: str, rule: ActiveRule, finding: Finding, cable: "Cable") -> Diagnostic:
    """The engine, not the check, says which rule and severity a finding is. The position is kept
    inside the file: a check's span past the end of a line (an empty element at a line's end
    once gave column len+2) is pulled back to just after the line's last character; and it is
    the file's on disk (an indented copy is read without its margin: `Cable.on_disk`)."""
    span, lines = finding.span, cable.lines
    line = min(max(span.line, 1), max(len(lines), 1))
    end_line = min(max(span.end_line, line), max(len(lines), 1))

    def width(number: int) -> int:
        return len(lines[number - 1]) + 1 if lines else 1

    column = min(max(span.column, 1), width(line))
    end_column = min(max(span.end_column, 1), width(end_line))
    if end_line == line:
        end_column = max(end_column, column)
    severity = finding.severity or rule.severity
    if not cable.read_as_on_disk:
        from ..parse.model import Span  # (only for a file read otherwise: a cached run imports no parser)

        line, column, end_line, end_column = cable.on_disk(Span(line, column, end_line, end_column))
    return Diagnostic(path=path, line=line, column=column, code=rule.code, end_line=end_line,
                      end_column=end_column, name=rule.name, severity=severity,
                      message=finding.message, suggestion=finding.suggestion)
