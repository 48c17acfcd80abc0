"""Writes the rule pages, docs/rules.md of a checkout, from the rule registry (a maintainer's
command, not a user's): `python -m cablelint.cli.rulesdoc [--check] [--output FILE]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from ..checks import all_rules
from ..fix.atomic import write_atomic
from ..formats.rulehelp import page

# The pages are regenerated, never edited: a rule's words live in its `rule(...)` entry under
# checks/, its name and default severity in policy/catalog.py. tests/test_rulesdoc.py fails
# when the committed page differs from what this writes.

CHECKOUT = Path(__file__).resolve().parents[3]  # linter/cablelint/cli/ is three below the checkout
CHECKOUT_PAGE = CHECKOUT / "docs" / "rules.md"


def render() -> str:
    return page(all_rules())


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cablelint.cli.rulesdoc",
                                     description="Write the rule pages (docs/rules.md) from the rule registry.")
    parser.add_argument("--output", type=Path, help=f"default: {CHECKOUT_PAGE} (in a checkout)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when the file is out of date")
    args = parser.parse_args(argv)
    if args.output is None:
        if not (CHECKOUT / "pyproject.toml").is_file():
            parser.error("cablelint is not running from a checkout: name the file with --output")
        args.output = CHECKOUT_PAGE
    text = render()
    try:
        current: Optional[str] = args.output.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    if args.check:
        if current != text:
            print(f"{args.output} is out of date: run python -m cablelint.cli.rulesdoc", file=sys.stderr)
            return 1
        return 0
    if current != text:
        write_atomic(str(args.output), text.encode("utf-8"))
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
