"""Measured precision of each rule (rules/precision.tsv) and the severity that evidence allows.

Severity follows evidence, as ../shared/spec/rules.md heads its catalog: a rule whose findings,
judged by hand on real cables, are right at least 95% of the time may be an error, 90-95% a
warning, 80-90% info, and below 80% it is off by default, a preview rule that a user opts into.
The review script writes the file; `cablelint rules` shows it beside each rule's status, and a
test fails when a default in rules/default.yaml is stricter than its evidence allows.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple, Optional

from .ruleset import bundled_dir

FILE_NAME = "precision.tsv"
COLUMNS = ("code", "judged", "tp", "fp", "art", "precision")
NOT_MEASURED = "not measured"
# (lowest precision, the strictest default it allows), strictest first
THRESHOLDS = ((0.95, "error"), (0.90, "warning"), (0.80, "info"))
PREVIEW = "preview"
RANK = {"error": 3, "warning": 2, "info": 1, PREVIEW: 0, "off": 0}


class PrecisionFileError(Exception):
    """The precision file cannot be used; the message starts with PATH:LINE."""


class Measure(NamedTuple):
    """One rule's findings judged by hand: true (a real defect of the cable), false (cablelint is
    wrong) and made by the publisher (a cut, a redaction, a re-flow; counted against the rule)."""

    judged: int
    tp: int
    fp: int
    art: int

    @property
    def precision(self) -> Optional[float]:
        return self.tp / self.judged if self.judged else None

    def describe(self) -> str:
        if not self.judged:
            return NOT_MEASURED
        return f"{_percent(self.precision)} of {self.judged}"


def _percent(value: Optional[float]) -> str:
    return NOT_MEASURED if value is None else f"{value * 100:.1f}%"


def allowed(precision: Optional[float]) -> Optional[str]:
    """The strictest default severity `precision` allows ("preview" below 80%); None when the
    rule is not measured, which constrains nothing yet."""
    if precision is None:
        return None
    for lowest, severity in THRESHOLDS:
        if precision >= lowest:
            return severity
    return PREVIEW


def too_strict(default: str, measure: Optional[Measure]) -> Optional[str]:
    """Why `default` (a severity, "off" or "preview") is stricter than `measure` allows, or None."""
    limit = allowed(measure.precision) if measure is not None else None
    if limit is None or RANK[default] <= RANK[limit]:
        return None
    return (f"default {default} but measured precision {measure.describe()} allows at most {limit} "
            f"(>= 95% error, 90-95% warning, 80-90% info, below 80% preview)")


def bundled_path() -> Path:
    return bundled_dir() / FILE_NAME  # shipped beside the bundled rule sets


def load(path: Optional[Path] = None) -> dict[str, Measure]:
    """code -> Measure from the precision file (the bundled one by default); codes marked
    "not measured" are kept with nothing judged."""
    path = path or bundled_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PrecisionFileError(f"{path}:1: cannot read: {exc.strerror or exc}") from None
    measures: dict[str, Measure] = {}
    header_seen = False
    for number, row in enumerate(text.splitlines(), 1):
        if not row.strip() or row.startswith("#"):
            continue
        fields = row.split("\t")
        if not header_seen:
            if tuple(fields) != COLUMNS:
                raise PrecisionFileError(f"{path}:{number}: expected the header {' '.join(COLUMNS)}")
            header_seen = True
            continue
        code, measure = _row(path, number, fields)
        if code in measures:
            raise PrecisionFileError(f"{path}:{number}: {code} is listed twice")
        measures[code] = measure
    return measures


def _row(path: Path, number: int, fields: list[str]) -> tuple[str, Measure]:
    where = f"{path}:{number}"
    if len(fields) != len(COLUMNS):
        raise PrecisionFileError(f"{where}: expected {len(COLUMNS)} tab-separated fields, found {len(fields)}")
    code, counts, shown = fields[0], fields[1:5], fields[5]
    if shown == NOT_MEASURED and all(c == "-" for c in counts):
        return code, Measure(0, 0, 0, 0)
    try:
        judged, tp, fp, art = (int(c) for c in counts)
    except ValueError:
        raise PrecisionFileError(f"{where}: counts must be whole numbers (or '-' with '{NOT_MEASURED}')") from None
    if min(judged, tp, fp, art) < 0 or judged != tp + fp + art or judged == 0:
        raise PrecisionFileError(f"{where}: judged must be tp + fp + art and more than 0")
    measure = Measure(judged, tp, fp, art)
    if shown != _percent(measure.precision):
        raise PrecisionFileError(f"{where}: precision {shown!r} disagrees with the counts "
                                 f"({_percent(measure.precision)})")
    return code, measure
