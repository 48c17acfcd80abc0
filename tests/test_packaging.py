"""The wheel ships every subpackage and the bundled rule sets (a non-editable install must work)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")


def test_every_subpackage_is_listed_for_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    package = ROOT / "linter" / "cablelint"
    found = {"cablelint"} | {"cablelint." + ".".join(p.parent.relative_to(package).parts)
                             for p in package.rglob("__init__.py") if p.parent != package}
    assert found <= listed, f"missing from pyproject packages: {sorted(found - listed)}"
    assert config["package-dir"]["cablelint.rules"] == "rules"
    assert "*.yaml" in config["package-data"]["cablelint.rules"]
