"""The differential mutation test over the real corpus (skipped when the corpus is absent)."""

from __future__ import annotations

import collections

from corpus import CABLEGATE, need
from mutation_harness import run, summary


def test_injected_defects_are_found_at_their_line_and_nothing_else_appears():
    outcomes = run(need(CABLEGATE))
    print("\n" + summary(outcomes))
    assert len(outcomes) > 5000
    hits = sum(o.hit for o in outcomes) / len(outcomes)
    unrelated = sum(bool(o.unrelated) for o in outcomes) / len(outcomes)
    assert hits >= 0.95, summary(outcomes)
    assert unrelated <= 0.03, summary(outcomes)
    per_kind = collections.defaultdict(list)
    for outcome in outcomes:
        per_kind[outcome.kind].append(outcome.hit)
    for kind, results in per_kind.items():
        assert sum(results) / len(results) >= 0.9, f"{kind}: {sum(results)}/{len(results)}"
