"""Custom rules (C100-C999) declared in YAML: a scope, a pattern and a message."""

from __future__ import annotations

import re
from typing import Any, NamedTuple, Optional

from .. import patterns
from . import schema

# Patterns run in RE2 (google-re2), whose matching time grows linearly with the text, whatever the
# pattern: no pattern can backtrack, so none can hang a run, in a worker process, a thread (--dask)
# or anywhere else, and no time limit (SIGALRM) is needed. What RE2 cannot run (back-references,
# look-around, possessive quantifiers, repeats over 1000) is refused when the rule file is loaded,
# and so is a pattern whose compiled program is larger than MAX_PROGRAM steps: the time per
# character grows with it (a 1,000-step program costs about 2 microseconds a character at worst).
# RE2 is imported only when a rule set defines a custom rule (about 4 ms).
#
# RE2's syntax is Python's for everything else, with ASCII meanings for \d, \w, \s and \b, and
# `\z` for the end of the text (Python's `\Z`).

MAX_PATTERN_LENGTH = 1000
MAX_PROGRAM = 1000
_NAME = patterns.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class CustomRule(NamedTuple):
    code: str
    name: str
    severity: str
    scope: str
    pattern: Any                    # an RE2 compiled pattern (search, finditer; .pattern is the text)
    mode: str                       # forbid: fire where found; require: fire when absent
    marking: tuple[str, ...]        # paragraph scope: only paragraphs with these levels
    message: str

    def with_severity(self, severity: str) -> "CustomRule":
        return self._replace(severity=severity)


_FIELDS = schema.record(
    {"name": schema.string, "scope": schema.one_of(*schema.CUSTOM_SCOPES), "pattern": schema.string,
     "message": schema.string},
    {"severity": schema.one_of(*schema.SEVERITY_OR_OFF), "mode": schema.one_of("forbid", "require"),
     "marking": schema.strings, "ignore-case": schema.boolean, "summary": schema.string},
)


def parse_custom_rule(code: str, value: Any, path: tuple) -> Optional[CustomRule]:
    """Validate and compile one custom rule; SchemaError (with the key path) when it is wrong."""
    if value is False or isinstance(value, str) or value is None:
        if value is not False:  # YAML 1.1 reads a bare `off` as false
            schema.one_of(*schema.SEVERITY_OR_OFF)(path, value)
        return None  # a severity for a rule defined in another layer
    if isinstance(value, dict) and value.get("severity") is False:
        value = {**value, "severity": "off"}  # a bare `off` is false in YAML 1.1
    if isinstance(value, dict) and "pattern" not in value and set(value) <= {"severity"}:
        schema.one_of(*schema.SEVERITY_OR_OFF)(path + ("severity",), value.get("severity"))
        return None
    _FIELDS(path, value)
    if not _NAME.fullmatch(value["name"]):
        raise schema.SchemaError(path + ("name",), f"rule name {schema.shown(value['name'])} must be kebab-case")
    if value.get("marking") and value["scope"] != "paragraph":
        raise schema.SchemaError(path + ("marking",), "`marking` applies to scope: paragraph only")
    pattern = compile_safely(value["pattern"], path + ("pattern",), bool(value.get("ignore-case")))
    return CustomRule(code=code, name=value["name"], severity=value.get("severity", "warning"),
                      scope=value["scope"], pattern=pattern, mode=value.get("mode", "forbid"),
                      marking=tuple(m.upper() for m in value.get("marking", [])), message=value["message"])


def compile_safely(text: str, path: tuple, ignore_case: bool = False) -> Any:
    """The pattern compiled by RE2; SchemaError (at `path`) when RE2 cannot run it or it is too
    large to run fast."""
    if len(text) > MAX_PATTERN_LENGTH:
        raise schema.SchemaError(path, f"pattern is longer than {MAX_PATTERN_LENGTH} characters")
    try:
        import re2
    except ImportError as exc:  # pragma: no cover - google-re2 is a dependency
        raise schema.SchemaError(path, f"custom rules need the google-re2 package, which cannot be imported "
                                       f"here ({exc}): pip install google-re2") from None
    options = re2.Options()
    options.log_errors = False  # RE2 would print its own message on standard error
    options.case_sensitive = not ignore_case
    try:
        compiled = re2.compile(text, options)
    except (re2.error, TypeError, ValueError, OverflowError) as exc:
        why = exc.args[0] if exc.args else exc
        why = why.decode("utf-8", "replace") if isinstance(why, bytes) else str(why)
        raise schema.SchemaError(path, f"pattern refused: the linear-time engine (RE2) cannot run it: "
                                       f"{why[:80]} ({_hint(text, why)})") from None
    if compiled.programsize > MAX_PROGRAM:
        raise schema.SchemaError(path, f"pattern refused: it compiles to {compiled.programsize} steps, more than "
                                       f"{MAX_PROGRAM}; matching time grows with them (simplify it, e.g. "
                                       "fewer or smaller bounded repeats)")
    return compiled


def _hint(text: str, why: str) -> str:
    """What the RE2 error most likely means to someone who wrote a Python pattern."""
    if "escape" in why and re.search(r"\\[1-9]", text):
        return "a back-reference; RE2 does not run them"
    if "perl operator" in why or "(?=" in text or "(?!" in text or "(?<" in text.replace("(?P<", ""):
        return "look-ahead or look-behind; RE2 does not run them"
    if "repetition operator" in why:
        return "a possessive quantifier; RE2 does not run them"
    if "repetition size" in why:
        return "a repeat over 1000; RE2 allows at most 1000"
    return "invalid regular expression"
