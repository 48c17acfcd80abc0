"""The reading survives what publishers do to a cable (bench/reading_invariance.py), on a fixed sample
of the real cables: a guard that the layout-independent reading does not slip back. Skipped without
the shared corpus."""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import pytest

from corpus import SHARED, need

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import reading_invariance  # noqa: E402

# Every 5th cable of both corpora (about 720): the same sample on every run.
STEP = 5
# Transformations that leave the reading of every sampled cable as it was: any disagreement is a
# regression. (Those that still move some readings, `narrow`, `no-blanks`, `lower`, `body-one-line`,
# are measured by the script: `python bench/reading_invariance.py`.)
EXACT = ("crlf", "banner-joined", "export-glued", "header-joined", "indented", "trailing-blanks", "nbsp",
         "markdown", "pilcrow", "quoted", "mailed", "carded", "stamped", "entities", "invisible",
         "entities+invisible", "export-glued+header-joined", "markdown+indented",
         "stamped+mailed", "paged", "stamped+paged", "printed", "printed+indented",
         "form-fed", "printed+form-fed", "tabbed", "numbered-zeros",
         "nbsp-mojibake", "hard-breaks")  # (joined by '+': applied in turn)
# The others, held to at most the share of sampled cables they disagreed on when this was written,
# per field; a reading that gets worse fails.
BOUNDS = {"dashes": 0.003, "double-spaced": 0.006, "markdown+body-reflowed": 0.003,
          "body-reflowed": 0.003, "lower": 0.008, "upper": 0.006, "narrow": 0.01, "no-blanks": 0.006,
          "body-one-line": 0.008, "export-glued+lower": 0.008, "lower+no-blanks": 0.008, "indented+narrow": 0.01,
          "narrow+no-blanks": 0.012, "numbered": 0.002, "numbered-colon": 0.003,
          "pdf-paged": 0.002}


JOINED = ("export-glued+header-joined", "markdown+indented", "markdown+body-reflowed", "export-glued+lower",
          "lower+no-blanks", "indented+narrow", "narrow+no-blanks", "stamped+mailed", "entities+invisible",
          "stamped+paged", "printed+indented", "printed+form-fed")


@pytest.fixture(scope="module")
def disagreements():
    files = sorted(p for name in ("cablegate", "cablegate-extra") for p in need(SHARED / "corpus" / name).glob("*.txt"))
    sample = files[::STEP]
    applied: collections.Counter = collections.Counter()
    differs: dict = collections.defaultdict(list)
    for path in sample:
        rows = reading_invariance.check_one((str(path), (*reading_invariance.TRANSFORMS, *JOINED)))
        for name, field, cable, old, new in rows:
            if not name:
                applied[field] += 1
            else:
                differs[name, field].append((Path(cable).name, old, new))
    return applied, differs


@pytest.mark.parametrize("name", EXACT)
def test_transformations_that_leave_the_reading_as_it_was(disagreements, name):
    applied, differs = disagreements
    assert applied[name] > 100  # the transformation applied to real cables, not to none
    found = {field: rows for (transform, field), rows in differs.items() if transform == name}
    assert found == {}


@pytest.mark.parametrize("name", sorted(BOUNDS))
def test_transformations_that_still_move_a_few_readings_move_no_more(disagreements, name):
    applied, differs = disagreements
    assert applied[name] > 100
    for field in reading_invariance.FIELDS:
        share = len(differs[name, field]) / applied[name]
        assert share <= BOUNDS[name], (name, field, share, differs[name, field][:3])


# Layouts that must not change what is found, finding for finding (the X codes aside)
SAME_FINDINGS = ("crlf", "indented", "nbsp", "trailing-blanks", "banner-joined", "export-glued", "markdown",
                 "quoted")


def test_a_change_of_layout_brings_and_takes_no_finding():
    files = sorted(p for name in ("cablegate", "cablegate-extra") for p in need(SHARED / "corpus" / name).glob("*.txt"))
    changed = []
    applied = collections.Counter()
    for path in files[::STEP]:
        for name, code, cable, change in reading_invariance.findings_one((str(path), SAME_FINDINGS)):
            if not name:
                applied[code] += 1
            else:
                changed.append((name, code, Path(cable).name, change))
    assert min(applied[name] for name in SAME_FINDINGS) > 100
    assert changed == []
