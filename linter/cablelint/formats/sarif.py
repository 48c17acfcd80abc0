"""SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) reads."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Optional, TextIO
from urllib.parse import quote

from .. import __version__
from ..checks import lookup
from ..checks.diagnostics import Diagnostic, FileResult
from ..checks.registry import RuleSpec
from ..fix.baseline import result_fingerprints
from .base import Formatter, json_text
from .rulehelp import anchor, body, in_force

# One run; the driver lists a rule entry for every code that occurs (short and full description,
# help text, default level); each result names its rule, level (`info` becomes `note`), message,
# file (relative to the working directory) and region. `partialFingerprints` carry the baseline
# fingerprint, so code scanning recognises an alert again after lines above it moved.

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "cablelint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# The rule pages: `cablelint/docs/rules.md` of an installed package, else `docs/rules.md` of a
# checkout (the package is `linter/cablelint/`, two levels below the checkout).
_PACKAGE = Path(__file__).resolve().parents[1]
RULE_PAGES = (_PACKAGE / "docs" / "rules.md", _PACKAGE.parents[1] / "docs" / "rules.md")


@functools.lru_cache(maxsize=None)
def project_url(label: str) -> Optional[str]:
    """A URL of pyproject's [project.urls], as the installed metadata has it (None when absent)."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        for entry in metadata("cablelint").get_all("Project-URL") or ():
            name, _, url = entry.partition(",")
            if name.strip().lower() == label and url.strip():
                return url.strip()
    except (ImportError, PackageNotFoundError, ValueError):
        pass
    return None


@functools.lru_cache(maxsize=None)
def rule_pages() -> Optional[str]:
    """The absolute URI of the rule pages: [project.urls] Documentation where the project is
    published, else the page installed with cablelint as a file: URI (it opens on the machine
    that wrote the log); None when neither exists. Never an invented host."""
    published = project_url("documentation")
    if published:
        return published
    return next((page.as_uri() for page in RULE_PAGES if page.is_file()), None)


def information_uri() -> Optional[str]:
    return project_url("homepage") or rule_pages()


def artifact_uri(path: str, cwd: Path) -> str:
    """A relative URI reference for files under the working directory, a file: URI otherwise."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(cwd)
    except ValueError:
        return absolute.as_uri()
    return quote(os.fsencode(relative.as_posix()), safe="/")  # (a name's bytes as on disk: `bad%FE.txt`)


def rule_entry(code: str, example: Diagnostic) -> dict:
    """The reportingDescriptor of one code: from the registry, or from a custom rule's diagnostic."""
    spec: Optional[RuleSpec] = lookup(code)
    if spec is None or spec.code != code:  # a custom rule (C100-C999) is known only by its findings
        name = example.name or code
        return {"id": code, "name": name, "shortDescription": {"text": f"custom rule {name}"},
                "fullDescription": {"text": f"A custom rule from a rule set: {name}."},
                "help": {"text": f"Defined in a YAML rule set ({code} {name}); see that file."},
                "defaultConfiguration": {"level": LEVELS[example.severity]}}
    help_text = (f"{spec.summary}.\n\nWhy: {spec.rationale}\n\nFails:\n{spec.bad}\n\nPasses:\n{spec.good}\n\n"
                 f"More: cablelint explain {spec.code}")
    entry = {"id": spec.code, "name": spec.name, "shortDescription": {"text": spec.summary},
             "fullDescription": {"text": spec.rationale}, "help": {"text": help_text, "markdown": body(spec)},
             "defaultConfiguration": _default_configuration(spec)}
    pages = rule_pages()
    if pages is not None:
        entry["helpUri"] = f"{pages.split('#')[0]}#{anchor(spec.code)}"
    return entry


def _default_configuration(spec: RuleSpec) -> dict:
    """The default in force (rules/default.yaml, from measured precision); a preview rule is off."""
    rule = in_force(spec)
    configuration = {"level": LEVELS.get(rule.severity, "warning")}
    if rule.preview:
        configuration["enabled"] = False
    return configuration


def result_entry(diagnostic: Diagnostic, index: int, uri: str, fingerprint: str) -> dict:
    region = {"startLine": diagnostic.line, "startColumn": diagnostic.column,
              "endLine": max(diagnostic.end_line, diagnostic.line)}
    if region["endLine"] > diagnostic.line or diagnostic.end_column >= diagnostic.column:
        region["endColumn"] = diagnostic.end_column  # SARIF's end column is exclusive, like ours
    entry = {"ruleId": diagnostic.code, "ruleIndex": index, "level": LEVELS[diagnostic.severity],
             "message": {"text": diagnostic.message},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
             "partialFingerprints": {FINGERPRINT_KEY: fingerprint}}
    if diagnostic.suggestion is not None:
        entry["properties"] = {"suggestion": diagnostic.suggestion}
    return entry


class SarifFormatter(Formatter):
    """Collects results and writes one SARIF log at the end (the rules list depends on all of them)."""

    def __init__(self, stream: TextIO):
        super().__init__(stream)
        self.cwd = Path(os.getcwd())
        self.rules: list[dict] = []
        self.rule_index: dict[str, int] = {}
        self.results: list[dict] = []

    def add(self, result: FileResult) -> None:
        if not result.diagnostics:
            return
        uri = artifact_uri(result.path, self.cwd)
        for diagnostic, fingerprint in zip(result.diagnostics, result_fingerprints(result, self.cwd)):
            if diagnostic.code not in self.rule_index:
                self.rule_index[diagnostic.code] = len(self.rules)
                self.rules.append(rule_entry(diagnostic.code, diagnostic))
            self.results.append(result_entry(diagnostic, self.rule_index[diagnostic.code], uri, fingerprint))

    def end(self) -> None:
        driver = {"name": "cablelint", "version": __version__, "semanticVersion": __version__}
        information = information_uri()
        if information is not None:
            driver["informationUri"] = information
        driver["rules"] = self.rules
        log = {"$schema": SCHEMA_URI, "version": "2.1.0",
               "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints",
                         "results": self.results}]}
        self.stream.write(json_text(log, indent=2))
        self.stream.write("\n")
