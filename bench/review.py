"""The hand-judged review set: findings of the shared corpora, each read in its cable and judged TP
(a real defect of the cable), FP (cablelint is wrong) or ART (made by the publisher: a cut, a
redaction, a re-flow, a splice, a re-typed copy).

    python bench/review.py sample [--size 520] [--seed 15] [--out FILE]   findings to judge, stratified
    python bench/review.py report [--write]     each code's precision, weighted by how often it fires
    python bench/review.py check                exit 1 if a finding judged FP or ART is back or a TP is gone

The set is `tests/data/review_set.tsv` (cable, line, code, verdict, reason; no cable text). `report
--write` writes `rules/precision.tsv`, from which `cablelint rules` shows each rule's measured
precision and tests/test_precision.py holds each default severity to it (>= 95% error, 90-95%
warning, 80-90% info, below 80% off as a preview rule). The lint it compares with is the corpus
check's (bench/corpus_check.py): both corpora, as of 2026-12-01, preview rules on.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import corpus_check  # noqa: E402  (a script beside this one)

REVIEW = ROOT / "tests" / "data" / "review_set.tsv"
PRECISION = ROOT / "rules" / "precision.tsv"
VERDICTS = ("TP", "FP", "ART")
HEADER = "cable\tline\tcode\tverdict\treason"


_SEVERITIES = {"E": "error", "W": "warning", "I": "info"}


def findings(cablelint: str) -> list[dict]:
    """Every finding of the shared corpora as the corpus check lints them: cable is
    'corpus/file-without-suffix'."""
    if cablelint == "cablelint":
        cablelint = corpus_check.default_cablelint()
    return [{"cable": f.cable, "line": f.line, "column": f.column, "code": f.code,
             "severity": _SEVERITIES[f.severity], "message": f.message}
            for f in corpus_check.lint(cablelint, corpus_check.CORPORA)]


def load_review(path: Path = REVIEW) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line == HEADER:
            continue
        parts = line.split("\t")
        if len(parts) != 5 or parts[3] not in VERDICTS or not parts[1].isdigit() or not parts[4].strip():
            raise SystemExit(f"{path}:{number}: expected cable, line, code, verdict (TP/FP/ART) and a reason")
        rows.append({"cable": parts[0], "line": int(parts[1]), "code": parts[2], "verdict": parts[3],
                     "reason": parts[4]})
    return rows


def sample(found: list[dict], size: int, seed: int) -> list[dict]:
    """At least 8 of each code (all of a code with fewer), the rest in proportion to how often each
    code fires; informational codes get their 8."""
    by_code: dict[str, list[dict]] = collections.defaultdict(list)
    for finding in found:
        by_code[finding["code"]].append(finding)
    judged_volume = sum(len(v) for k, v in by_code.items() if v[0]["severity"] != "info")
    rng = random.Random(seed)
    chosen = []
    for code in sorted(by_code):
        items = sorted(by_code[code], key=lambda f: (f["cable"], f["line"], f["column"]))
        share = 0 if items[0]["severity"] == "info" else round(len(items) * (size - 60) / max(judged_volume, 1))
        chosen += rng.sample(items, min(len(items), max(8, share)))
    return sorted(chosen, key=lambda f: (f["code"], f["cable"], f["line"]))


def measure(found: list[dict], review: list[dict]) -> dict[str, dict]:
    """Per code: how often it fires, and the verdicts of its judged findings that it still reports."""
    present = {(f["cable"], f["line"], f["code"]) for f in found}
    volume = collections.Counter(f["code"] for f in found)
    severity = {f["code"]: f["severity"] for f in found}
    table: dict[str, dict] = {}
    for row in review:
        entry = table.setdefault(row["code"], {"TP": 0, "FP": 0, "ART": 0, "gone_tp": 0})
        if (row["cable"], row["line"], row["code"]) in present:
            entry[row["verdict"]] += 1
        elif row["verdict"] == "TP":
            entry["gone_tp"] += 1
    for code, entry in table.items():
        entry["volume"] = volume.get(code, 0)
        entry["severity"] = severity.get(code, "-")
        judged = entry["TP"] + entry["FP"] + entry["ART"]
        entry["judged"] = judged
        entry["precision"] = entry["TP"] / judged if judged else None
    return table


def report(table: dict[str, dict], out=sys.stdout) -> None:
    print(f"{'code':<6}{'sev':<9}{'fires':>6}{'judged':>8}{'TP':>5}{'FP':>5}{'ART':>5}{'precision':>11}", file=out)
    for code in sorted(table):
        e = table[code]
        shown = f"{e['precision']:.1%}" if e["precision"] is not None else "-"
        print(f"{code:<6}{e['severity']:<9}{e['volume']:>6}{e['judged']:>8}{e['TP']:>5}{e['FP']:>5}{e['ART']:>5}"
              f"{shown:>11}", file=out)
    for severity in ("error", "warning", "info"):
        rows = [e for e in table.values() if e["severity"] == severity and e["precision"] is not None]
        volume = sum(e["volume"] for e in rows)
        if volume:
            weighted = sum(e["precision"] * e["volume"] for e in rows) / volume
            print(f"{severity}s, weighted by how often each code fires: {weighted:.1%} over {volume} findings",
                  file=out)


def write_precision(table: dict[str, dict], codes: list[str], path: Path = PRECISION) -> None:
    head = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    lines = head + ["code\tjudged\ttp\tfp\tart\tprecision"]
    for code in codes:
        e = table.get(code)
        if e is None or not e["judged"]:
            lines.append(f"{code}\t-\t-\t-\t-\tnot measured")
        else:
            lines.append(f"{code}\t{e['judged']}\t{e['TP']}\t{e['FP']}\t{e['ART']}\t{e['precision']:.1%}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("sample", "report", "check"))
    parser.add_argument("--cablelint", default="cablelint")
    parser.add_argument("--size", type=int, default=520)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--write", action="store_true", help="report: also write rules/precision.tsv")
    args = parser.parse_args(argv)
    found = findings(args.cablelint)
    if args.command == "sample":
        rows = sample(found, args.size, args.seed)
        text = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"
        (args.out.write_text(text, encoding="utf-8") if args.out else sys.stdout.write(text))
        print(f"review: {len(rows)} findings sampled", file=sys.stderr)
        return 0
    review = load_review()
    table = measure(found, review)
    if args.command == "report":
        report(table)
        if args.write:
            codes = [line.split("\t")[0] for line in PRECISION.read_text(encoding="utf-8").splitlines()
                     if line and not line.startswith("#") and not line.startswith("code\t")]
            write_precision(table, codes)
        return 0
    present = {(f["cable"], f["line"], f["code"]) for f in found}
    back = [r for r in review if r["verdict"] != "TP" and (r["cable"], r["line"], r["code"]) in present]
    gone = [r for r in review if r["verdict"] == "TP" and (r["cable"], r["line"], r["code"]) not in present]
    for row in back:
        print(f"back: {row['cable']}:{row['line']} {row['code']} judged {row['verdict']}: {row['reason']}")
    for row in gone:
        print(f"gone: {row['cable']}:{row['line']} {row['code']} judged TP: {row['reason']}")
    return 1 if back or gone else 0


if __name__ == "__main__":
    sys.exit(main())
