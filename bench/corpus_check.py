"""The corpus check: what a change adds to and removes from cablelint's findings on real cables.

    python bench/corpus_check.py                  # the per-code diff against bench/corpus-snapshot.tsv
    python bench/corpus_check.py --update         # rewrite the snapshot with today's findings
    python bench/corpus_check.py --show T007      # each T007 finding with the cable's line under it

Every shared corpus (../shared/corpus/cablegate, cablegate-extra) is linted with a fixed --as-of,
--no-cache and preview rules on, by the `cablelint` next to this Python (or --cablelint PATH). The
snapshot keeps, per finding, the cable, line, column, code, severity and a hash of the message:
no cable text, one sorted line per finding, so that a change's effect on it reads as a diff. As
ruff's ecosystem check does, the report counts per code what a change adds and removes, and shows
a few examples of each; a finding that only moved (same cable, code and message, another place)
or was reworded (same place, another message) is counted apart, so a reading change that shifts
lines does not pass for a rule change.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
CORPORA = (SHARED / "corpus" / "cablegate", SHARED / "corpus" / "cablegate-extra")
SNAPSHOT = HERE / "corpus-snapshot.tsv"
AS_OF = "2026-12-01"
SEVERITY_LETTER = {"error": "E", "warning": "W", "info": "I"}
HEADER = (f"# cablelint corpus check snapshot (bench/corpus_check.py --update); as-of {AS_OF}, preview rules on.\n"
          "# cable (corpus/file without suffix), line, column, code, severity (E/W/I), blake2b-32 of the message\n")


class Finding(NamedTuple):
    cable: str
    line: int
    column: int
    code: str
    severity: str          # E, W or I
    digest: str            # hash of the message (the message itself may quote the cable)
    message: str = ""      # known for findings of a run, not for those read from the snapshot

    @property
    def key(self) -> tuple:
        return self.cable, self.line, self.column, self.code, self.digest


def message_digest(message: str) -> str:
    return hashlib.blake2b(message.encode("utf-8"), digest_size=4).hexdigest()


def default_cablelint() -> str:
    beside = Path(sys.executable).with_name("cablelint")
    return str(beside) if beside.is_file() else (shutil.which("cablelint") or "cablelint")


def supports_preview(cablelint: str) -> bool:
    """An older cablelint (a baseline) may not have --preview yet."""
    shown = subprocess.run([cablelint, "--help"], capture_output=True, text=True, check=False)
    return "--preview" in shown.stdout


def lint(cablelint: str, corpora: Iterable[Path]) -> list[Finding]:
    """The findings of every corpus, with the settings fixed: no cache, the as-of day, JSON, and
    a working directory of its own (no config file found upwards can change the result)."""
    if os.sep in cablelint:
        cablelint = os.path.abspath(cablelint)  # it runs in a working directory of its own
    options = ["--no-cache", "--as-of", AS_OF, "--format", "json"]
    if supports_preview(cablelint):
        options.append("--preview")
    found: list[Finding] = []
    with tempfile.TemporaryDirectory(prefix="corpus-check-") as cwd:
        for corpus in corpora:
            if not corpus.is_dir():
                raise SystemExit(f"corpus_check: {corpus} is absent (the shared corpus is not checked out)")
            run = subprocess.run([cablelint, *options, str(corpus)], capture_output=True, text=True, cwd=cwd,
                                 check=False, env={**os.environ, "CABLELINT_REPLAY": "off"})
            if run.returncode not in (0, 1):
                raise SystemExit(f"corpus_check: {cablelint} exited {run.returncode} on {corpus}:\n{run.stderr}")
            for item in json.loads(run.stdout):
                relative = Path(item["path"]).resolve().relative_to(corpus.resolve())
                cable = f"{corpus.name}/{relative.with_suffix('').as_posix()}"
                found.append(Finding(cable, item["line"], item["column"], item["code"],
                                     SEVERITY_LETTER[item["severity"]], message_digest(item["message"]),
                                     item["message"]))
    return sorted(found)


def write_snapshot(path: Path, findings: list[Finding]) -> None:
    rows = "".join(f"{f.cable}\t{f.line}\t{f.column}\t{f.code}\t{f.severity}\t{f.digest}\n" for f in findings)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(HEADER + rows, encoding="utf-8")
    os.replace(temporary, path)


def read_snapshot(path: Path) -> list[Finding]:
    if not path.is_file():
        raise SystemExit(f"corpus_check: no snapshot at {path}; make one with --update")
    found = []
    for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not row or row.startswith("#"):
            continue
        parts = row.split("\t")
        if len(parts) != 6:
            raise SystemExit(f"corpus_check: {path}:{number}: expected 6 tab-separated fields")
        cable, line, column, code, severity, digest = parts
        found.append(Finding(cable, int(line), int(column), code, severity, digest))
    return found


class Change(NamedTuple):
    added: list[Finding]
    removed: list[Finding]
    moved: list[tuple[Finding, Finding]]      # (before, after): same cable, code and message
    reworded: list[tuple[Finding, Finding]]   # (before, after): same cable, place and code


def compare(before: list[Finding], after: list[Finding]) -> Change:
    """Findings matched as a multiset on (cable, line, column, code, message hash); what is left
    is paired as moved, then as reworded, and the rest is added or removed."""
    remaining = collections.Counter(f.key for f in before)
    added = []
    for finding in after:
        if remaining[finding.key]:
            remaining[finding.key] -= 1
        else:
            added.append(finding)
    removed = []
    for finding in before:
        if remaining[finding.key]:
            remaining[finding.key] -= 1
            removed.append(finding)
    moved, added, removed = _pair(removed, added, lambda f: (f.cable, f.code, f.digest))
    reworded, added, removed = _pair(removed, added, lambda f: (f.cable, f.code, f.line, f.column))
    return Change(added, removed, moved, reworded)


def _pair(removed: list[Finding], added: list[Finding], key) -> tuple[list, list, list]:
    waiting: dict[tuple, list[Finding]] = collections.defaultdict(list)
    for finding in removed:
        waiting[key(finding)].append(finding)
    pairs, unpaired = [], []
    for finding in added:
        if waiting.get(key(finding)):
            pairs.append((waiting[key(finding)].pop(0), finding))
        else:
            unpaired.append(finding)
    left = [f for queue in waiting.values() for f in queue]
    return pairs, unpaired, sorted(left)


class CableLines:
    """The lines of corpus cables as cablelint numbers them (LF, a CR before it dropped; UTF-8,
    else Latin-1), read on demand: the snapshot holds no cable text, the report shows some."""

    def __init__(self, corpora: Iterable[Path]):
        self.folders = {corpus.name: corpus for corpus in corpora}
        self.read: dict[str, list[str]] = {}

    def line(self, cable: str, number: int) -> str:
        if cable not in self.read:
            self.read[cable] = self._load(cable)
        lines = self.read[cable]
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def _load(self, cable: str) -> list[str]:
        corpus, _, name = cable.partition("/")
        folder = self.folders.get(corpus)
        matches = sorted(folder.glob(name + ".*")) if folder else []
        if not matches:
            return []
        data = matches[0].read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def _clip(text: str, width: int = 110) -> str:
    text = text.replace("\t", " ").rstrip()
    return text if len(text) <= width else text[:width - 3] + "..."


def _severities(findings: Iterable[Finding]) -> dict[str, str]:
    seen: dict[str, set[str]] = collections.defaultdict(set)
    for finding in findings:
        seen[finding.code].add(finding.severity)
    return {code: "".join(sorted(letters)) for code, letters in seen.items()}


def report(before: list[Finding], after: list[Finding], change: Change, lines: CableLines, examples: int,
           prefix: str) -> int:
    """Print the counts table and the examples; return how many findings changed."""
    def keep(finding: Finding) -> bool:
        return finding.code.startswith(prefix.upper())

    count_before = collections.Counter(f.code for f in before if keep(f))
    count_after = collections.Counter(f.code for f in after if keep(f))
    added = collections.Counter(f.code for f in change.added if keep(f))
    removed = collections.Counter(f.code for f in change.removed if keep(f))
    moved = collections.Counter(a.code for _, a in change.moved if keep(a))
    reworded = collections.Counter(a.code for _, a in change.reworded if keep(a))
    sev_before, sev_after = _severities(before), _severities(after)
    codes = sorted(set(count_before) | set(count_after))
    print(f"{'code':<6} {'severity':<9} {'before':>7} {'after':>7} {'added':>7} {'removed':>8} {'moved':>7} "
          f"{'reworded':>9}")
    for code in codes:
        severity = sev_after.get(code) or sev_before.get(code, "")
        if sev_before.get(code) and sev_after.get(code) and sev_before[code] != sev_after[code]:
            severity = f"{sev_before[code]}->{sev_after[code]}"
        print(f"{code:<6} {severity:<9} {count_before[code]:>7} {count_after[code]:>7} {_signed(added[code], '+'):>7} "
              f"{_signed(removed[code], '-'):>8} {moved[code]:>7} {reworded[code]:>9}")
    print(f"{'total':<16} {sum(count_before.values()):>7} {sum(count_after.values()):>7} "
          f"{_signed(sum(added.values()), '+'):>7} {_signed(sum(removed.values()), '-'):>8} "
          f"{sum(moved.values()):>7} {sum(reworded.values()):>9}")
    _recoded(change, prefix.upper())
    for code in codes:
        _examples(code, "added", [f for f in change.added if f.code == code], lines, examples)
        _examples(code, "removed", [f for f in change.removed if f.code == code], lines, examples)
        _examples(code, "reworded", [a for _, a in change.reworded if a.code == code], lines, examples)
    return sum(added.values()) + sum(removed.values()) + sum(moved.values()) + sum(reworded.values())


def _recoded(change: Change, prefix: str) -> None:
    """Findings that changed code at the same place (a rule split in two, a finding handed to
    another rule): they are added and removed above; here they are counted by pair of codes."""
    removed_at = collections.defaultdict(list)
    for finding in change.removed:
        removed_at[finding.cable, finding.line, finding.column].append(finding.code)
    pairs = collections.Counter()
    for finding in change.added:
        for code in removed_at.get((finding.cable, finding.line, finding.column), ()):
            if code != finding.code and (finding.code.startswith(prefix) or code.startswith(prefix)):
                pairs[code, finding.code] += 1
    for (old, new), count in sorted(pairs.items()):
        print(f"  {count} at the same place: {old} -> {new}")


def _signed(count: int, sign: str) -> str:
    return f"{sign}{count}" if count else "0"


def _examples(code: str, what: str, findings: list[Finding], lines: CableLines, limit: int) -> None:
    if not findings or limit <= 0:
        return
    print(f"\n{code} {what} ({len(findings)}):")
    # spread over cables: the first finding of as many different cables as the limit allows
    picked, seen = [], set()
    for finding in findings:
        if finding.cable not in seen:
            picked.append(finding)
            seen.add(finding.cable)
    picked = (picked + [f for f in findings if f not in picked])[:limit]
    for finding in picked:
        where = f"{finding.cable}:{finding.line}:{finding.column}"
        said = finding.message or f"(message {finding.digest}) | {_clip(lines.line(finding.cable, finding.line), 90)}"
        print(f"  {where} {_clip(said)}")


def show(findings: list[Finding], code: str, lines: CableLines, limit: Optional[int], sample: Optional[int],
         seed: int) -> None:
    """Each finding of `code` (a code or a prefix) with the cable's line and a caret at the column."""
    chosen = [f for f in findings if f.code.startswith(code.upper())]
    if sample is not None and sample < len(chosen):
        chosen = sorted(random.Random(seed).sample(chosen, sample))
    if limit is not None:
        chosen = chosen[:limit]
    for finding in chosen:
        text = lines.line(finding.cable, finding.line).replace("\t", " ")
        print(f"{finding.cable}:{finding.line}:{finding.column}: {finding.code} [{finding.severity}] {finding.message}")
        print(f"    {finding.line:>5} | {text.rstrip()}")
        print(f"    {'':>5} | {' ' * (finding.column - 1)}^")
    print(f"({len(chosen)} shown)")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the snapshot with this run's findings")
    parser.add_argument("--cablelint", default=default_cablelint(), metavar="PATH", help="the cablelint to run")
    parser.add_argument("--before", metavar="PATH", help="compare with what this cablelint finds (messages "
                                                         "included) rather than with the snapshot")
    parser.add_argument("--snapshot", type=Path, default=SNAPSHOT, metavar="FILE")
    parser.add_argument("--corpus", type=Path, action="append", metavar="DIR", help="a corpus folder (repeatable; "
                        "default: cablegate and cablegate-extra of ../shared/corpus)")
    parser.add_argument("--examples", type=int, default=3, metavar="N", help="examples per code and kind of change")
    parser.add_argument("--code", default="", metavar="PREFIX", help="only codes starting with PREFIX")
    parser.add_argument("--check", action="store_true", help="exit 1 when anything changed")
    parser.add_argument("--show", metavar="CODE", help="print every finding of CODE (or prefix) with its line")
    parser.add_argument("--limit", type=int, metavar="N", help="with --show: at most N findings")
    parser.add_argument("--sample", type=int, metavar="N", help="with --show: N findings drawn at random")
    parser.add_argument("--seed", type=int, default=15, help="with --sample: the draw (default 15)")
    args = parser.parse_args(argv)
    corpora = tuple(args.corpus or CORPORA)
    after = lint(args.cablelint, corpora)
    lines = CableLines(corpora)
    if args.show:
        show(after, args.show, lines, args.limit, args.sample, args.seed)
        return 0
    if args.update:
        write_snapshot(args.snapshot, after)
        print(f"corpus_check: {len(after)} findings written to {args.snapshot}")
        return 0
    before = lint(args.before, corpora) if args.before else read_snapshot(args.snapshot)
    changed = report(before, after, compare(before, after), lines, args.examples, args.code)
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
