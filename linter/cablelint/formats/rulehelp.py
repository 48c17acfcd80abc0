"""Each rule's documentation in Markdown, made from the rule registry alone: the section of the rule
pages (docs/rules.md) and the `help.markdown` of SARIF, so the two always say the same."""

from __future__ import annotations

import functools
import json
import re
from typing import Iterable, NamedTuple

from .. import patterns
from ..checks.registry import RuleSpec
from ..policy import precision, ruleset

# The citations a rationale carries, in the forms the registry writes them ('E.O. 12958: N/A' is an
# E.O. line quoted as an example, not a citation). Sources are listed
# from these so that a new rule's sources appear on regeneration with no second place to edit.
_CITATIONS = patterns.compile(
    r"32 CFR 2001\.\d+(?:\([a-z0-9]+\))*(?:, 2001\.\d+(?:\([a-z0-9]+\))*)*"
    r"|\b\d FAH-\d(?: H-\d+(?:\.\d+)?)?"
    r"|E\.O\. \d{5}(?!:)(?: sections? \d+\.\d+(?:\([a-z]\))?(?: and \d+\.\d+)?)?"  # not an E.O. line quoted
    r"|\bsection \d+\.\d+(?:\([a-z]\))? of E\.O\. \d{5}"
    r"|ISOO Directive No\. \d+"
    r"|\b\d\d STATE \d{6}\b"
    r"|\bISM-ID-\d+")
_CFR_SECTION = patterns.compile(r"2001\.\d+(?:\([a-z0-9]+\))*")

FAMILIES = {"X": "Input", "S": "Structure", "P": "Portion marking", "A": "Classification authority",
            "D": "Declassification", "T": "TAGS", "R": "Release gate (only with --release)"}

INTRO = """\
Every rule cablelint applies: its code (a family letter and three digits, stable once released),
its kebab-case name, its default severity, when it fires, why (the policy it enforces and where
that policy is written), a failing and a passing example, and its options. The default severity
follows the rule's measured precision on real cables judged by hand (`rules/precision.tsv`):
>= 95% may be an error, 90-95% a warning, 80-90% info, below 80% a preview rule, off unless asked
for; where that lowers the catalog's severity, both are shown. `cablelint explain CODE` prints the
same in a terminal; `cablelint rules` lists the severities in force under your rule sets. A rule
set may change a rule's severity, switch it off or set its options:

```yaml
extends: [default]
rules:
  P004: off                  # off | error | warning | info
  T003: {severity: error}
```

Sources: 32 CFR Part 2001 is the directive implementing the executive orders on classified
national security information
([eCFR](https://www.ecfr.gov/current/title-32/subtitle-B/chapter-XX/part-2001)); E.O. 13526 is
published by the National Archives
([ISOO](https://www.archives.gov/isoo/policy-documents/cnsi-eo.html)), the earlier orders
(E.O. 12356, E.O. 12958, E.O. 13292) and ISOO's directives in the Federal Register; the Foreign
Affairs Handbooks (5 FAH-1 Correspondence, 5 FAH-2 Telecommunications, 5 FAH-3 TAGS/Terms) are at
[fam.state.gov](https://fam.state.gov/); State telegrams are cited by their reference
(`05 STATE 226504`).
"""


def sources(rationale: str) -> list[str]:
    """The documents a rationale cites, in order, each once ('32 CFR 2001.21(c), 2001.23(b)(4)'
    gives two)."""
    found: list[str] = []
    for match in _CITATIONS.finditer(rationale):
        text = match.group(0)
        parts = [f"32 CFR {s}" for s in _CFR_SECTION.findall(text)] if text.startswith("32 CFR") else [text]
        found.extend(part for part in parts if part not in found)
    return found


def _fence(text: str) -> str:
    """A fenced block longer than any run of backticks in the text, so the example cannot end it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


class InForce(NamedTuple):
    """A rule as the bundled default rule set runs it, and the evidence behind that."""

    severity: str   # when it runs
    preview: bool   # off unless asked for (--preview, or --select of its code)
    measured: str   # its measured precision, described ("85.2% of 61", "not measured")


@functools.lru_cache(maxsize=None)
def _defaults() -> tuple[ruleset.RuleSet, dict]:
    return ruleset.load(), precision.load()


def in_force(spec: RuleSpec) -> InForce:
    """The default in force: the catalog's severity as the bundled rule set (rules/default.yaml)
    sets it from the rule's measured precision (rules/precision.tsv)."""
    defaults, measured = _defaults()
    found = measured.get(spec.code)
    return InForce(defaults.severity(spec.code, spec.severity), spec.code in defaults.preview,
                   found.describe() if found is not None else precision.NOT_MEASURED)


def _default_line(spec: RuleSpec) -> str:
    rule = in_force(spec)
    if rule.preview:
        said = (f"off by default: a preview rule ({rule.severity} with `--preview` or `--select {spec.code}`; "
                f"catalog: {spec.severity})")
    elif rule.severity != spec.severity:
        said = f"default severity **{rule.severity}** (catalog: {spec.severity})"
    else:
        said = f"default severity **{rule.severity}**"
    return f"{said} · measured precision {rule.measured}"


def default_column(spec: RuleSpec) -> str:
    rule = in_force(spec)
    return "preview" if rule.preview else rule.severity


def body(spec: RuleSpec) -> str:
    """A rule's documentation without its heading: what the rule pages and SARIF's help show."""
    gate = " · only with `--release`, where it is always an error" if spec.release_only else ""
    cited = sources(spec.rationale)
    parts = [
        f"`{spec.name}` · {_default_line(spec)}{gate}",
        f"**Fires when** {_sentence(spec.summary)}",
        f"**Why.** {_sentence(spec.rationale)}",
        f"**Fails:**\n\n{_fence(spec.bad)}",
        f"**Passes:**\n\n{_fence(spec.good)}",
        "**Sources:** " + ("; ".join(cited) if cited else "none cited; the reason above stands on its own."),
    ]
    if spec.options:
        options = ", ".join(f"`{name}` (default `{json.dumps(value)}`)" for name, value in spec.options.items())
        parts.append(f"**Options** (in a rule set, under `rules: {spec.code}:`): {options}.")
    return "\n\n".join(parts) + "\n"


def anchor(code: str) -> str:
    """The fragment of a rule's section on the rule pages (its heading is the bare code)."""
    return code.lower()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def page(rules: Iterable[RuleSpec]) -> str:
    """docs/rules.md: the index table, then one section per rule, grouped by family."""
    rules = list(rules)
    out = ["# cablelint rules\n",
           "<!-- Generated from the rule registry by `python -m cablelint.cli.rulesdoc`; do not edit. -->\n",
           INTRO,
           "| code | name | default | fires when |\n| --- | --- | --- | --- |"]
    out.extend(f"| [{r.code}](#{anchor(r.code)}) | {r.name} | {default_column(r)} | {_cell(r.summary)} |"
               for r in rules)
    family = None
    for spec in rules:
        if spec.code[0] != family:
            family = spec.code[0]
            out.append(f"\n## {family}: {FAMILIES.get(family, 'Other rules')}")
        out.append(f"\n### {spec.code}\n\n{body(spec).rstrip()}")
    out.append("\n## Custom rules\n\nA rule set may define its own rules, C100 to C999, as a pattern on one part of "
               "the cable (README, Rule sets); they are documented in the rule set that defines them.")
    return "\n".join(out) + "\n"
