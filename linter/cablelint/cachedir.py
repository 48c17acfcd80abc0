"""Where the cache folder is. Kept apart from cache.py so that the replay of an unchanged run
(replay.py), which must start in a few milliseconds, can find it without importing the rest."""

from __future__ import annotations

import os

CACHE_ENV = "CABLELINT_CACHE_DIR"
DEFAULT_DIR = ".cablelint_cache"
LAYOUT = "v1"


def cache_top() -> str:
    """$CABLELINT_CACHE_DIR, else .cablelint_cache/ in the working directory."""
    return os.environ.get(CACHE_ENV) or DEFAULT_DIR
