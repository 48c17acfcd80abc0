"""Custom rules (C100-C999) declared in YAML: a scope, a pattern and a message."""

from __future__ import annotations

import re
import warnings
from typing import Any, NamedTuple, Optional

from . import schema

try:  # the regular-expression parser of the standard library (moved in Python 3.11)
    import re._constants as _sre_constants  # type: ignore[import-not-found]
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# Patterns are checked when the rule file is loaded: a pattern that can backtrack exponentially
# (a quantifier inside a quantifier, a quantified alternation, a back-reference) is refused with a
# clear message. At run time, matching is also bounded in time (`checks/custom.py`).

MAX_PATTERN_LENGTH = 1000
# Even without nesting, each unbounded quantifier multiplies the work of a failing search by the
# line length (`.*.*.*@` took minutes on a 1,024-character line). More than MAX_UNBOUNDED are
# refused; a pattern with more than one (a quantifier allowing more than WIDE repetitions counts)
# is "slow-capable" and only runs under a time limit (checks/custom.py).
MAX_UNBOUNDED = 3
WIDE = 100
_REPEATS = {_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT}
_POSSESSIVE = getattr(_sre_constants, "POSSESSIVE_REPEAT", None)
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class CustomRule(NamedTuple):
    code: str
    name: str
    severity: str
    scope: str
    pattern: re.Pattern
    mode: str                       # forbid: fire where found; require: fire when absent
    slow_capable: bool              # several unbounded quantifiers: may take polynomial time
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
        raise schema.SchemaError(path + ("name",), f"rule name {value['name']!r} must be kebab-case")
    if value.get("marking") and value["scope"] != "paragraph":
        raise schema.SchemaError(path + ("marking",), "`marking` applies to scope: paragraph only")
    pattern = compile_safely(value["pattern"], path + ("pattern",), bool(value.get("ignore-case")))
    return CustomRule(code=code, name=value["name"], severity=value.get("severity", "warning"),
                      scope=value["scope"], pattern=pattern, mode=value.get("mode", "forbid"),
                      slow_capable=unbounded_count(pattern.pattern, pattern.flags) > 1,
                      marking=tuple(m.upper() for m in value.get("marking", [])), message=value["message"])


def compile_safely(text: str, path: tuple, ignore_case: bool = False) -> re.Pattern:
    if len(text) > MAX_PATTERN_LENGTH:
        raise schema.SchemaError(path, f"pattern is longer than {MAX_PATTERN_LENGTH} characters")
    try:
        with warnings.catch_warnings():
            # re's FutureWarning ("possible set union") is about later Pythons; printed mid-run it
            # would only be noise, and the pattern means what it means today
            warnings.simplefilter("ignore", FutureWarning)
            parsed = _sre_parse.parse(text, re.IGNORECASE if ignore_case else 0)
            compiled = re.compile(text, re.IGNORECASE if ignore_case else 0)
    except (re.error, OverflowError, RecursionError, ValueError) as exc:
        raise schema.SchemaError(path, f"invalid regular expression: {exc}") from None
    problem = _danger(parsed, inside_repeat=False)
    unbounded = _count_unbounded(parsed)
    if problem is None and unbounded > MAX_UNBOUNDED:
        problem = f"it has {unbounded} unbounded quantifiers (at most {MAX_UNBOUNDED} allowed)"
    if problem is not None:
        raise schema.SchemaError(path, f"pattern refused: it could take exponential time on some text ({problem}); "
                                       "simplify it")
    return compiled


def unbounded_count(text: str, flags: int = 0) -> int:
    """How many quantifiers of `text` allow more than WIDE repetitions."""
    return _count_unbounded(_sre_parse.parse(text, flags & re.IGNORECASE))


def _items(parsed) -> list:
    return list(parsed.data if hasattr(parsed, "data") else parsed)


def _danger(parsed, inside_repeat: bool) -> Optional[str]:
    """Why a parsed pattern may backtrack catastrophically, or None."""
    for op, arg in _items(parsed):
        if op in _REPEATS or op == _POSSESSIVE:
            low, high, sub = arg
            repeats = high is _sre_constants.MAXREPEAT or high > 1
            if inside_repeat and repeats:
                return "a quantifier inside a quantifier"
            if repeats and _has_branch(sub):
                return "a quantified alternation"
            problem = _danger(sub, inside_repeat or repeats)
            if problem:
                return problem
        elif op == _sre_constants.SUBPATTERN:
            problem = _danger(arg[-1], inside_repeat)
            if problem:
                return problem
        elif op == _sre_constants.BRANCH:
            for branch in arg[1]:
                problem = _danger(branch, inside_repeat)
                if problem:
                    return problem
        elif op in (_sre_constants.GROUPREF, getattr(_sre_constants, "GROUPREF_EXISTS", None)):
            return "a back-reference"
        elif op in (_sre_constants.ASSERT, _sre_constants.ASSERT_NOT):
            problem = _danger(arg[1], inside_repeat)
            if problem:
                return problem
    return None


def _has_branch(parsed) -> bool:
    for op, arg in _items(parsed):
        if op == _sre_constants.BRANCH:
            return True
        if op == _sre_constants.SUBPATTERN and _has_branch(arg[-1]):
            return True
    return False


def _count_unbounded(parsed) -> int:
    count = 0
    for op, arg in _items(parsed):
        if op in _REPEATS or op == _POSSESSIVE:
            count += arg[1] is _sre_constants.MAXREPEAT or arg[1] > WIDE or arg[1] > WIDE
            count += _count_unbounded(arg[2])
        elif op == _sre_constants.SUBPATTERN:
            count += _count_unbounded(arg[-1])
        elif op == _sre_constants.BRANCH:
            count += sum(_count_unbounded(b) for b in arg[1])
        elif op in (_sre_constants.ASSERT, _sre_constants.ASSERT_NOT):
            count += _count_unbounded(arg[1])
    return count
