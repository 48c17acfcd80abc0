"""Shared pytest set-up."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_result_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test gets an empty result cache of its own: a result cached by one test (perhaps with a
    rule monkeypatched) must never answer for another, and no test writes into the checkout."""
    monkeypatch.setenv("CABLELINT_CACHE_DIR", str(tmp_path_factory.mktemp("cablelint-cache")))
    # the same for parsed rule sets (rulecache.py), which would otherwise go to ~/.cache
    monkeypatch.setenv("CABLELINT_RULES_CACHE", str(tmp_path_factory.mktemp("cablelint-rules")))


@pytest.fixture
def parser_failing_on(monkeypatch: pytest.MonkeyPatch):
    """`parser_failing_on(marker)`: from then on the parser raises ValueError("parser exploded") on
    any cable with a line holding `marker` (a stand-in for a parser bug)."""
    from cablelint.run import engine

    real_build = engine.build

    def fail_on(marker: str) -> None:
        def fragile(source):
            if any(marker in line for line in source.lines):
                raise ValueError("parser exploded")
            return real_build(source)

        monkeypatch.setattr(engine, "build", fragile)

    return fail_on
