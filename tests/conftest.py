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
