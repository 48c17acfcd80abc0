"""Where the shared real-cable corpus is, for tests that skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
CABLEGATE = SHARED / "corpus" / "cablegate"
SEED = SHARED / "corpus" / "seed"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is not part of the project)")
    return path
