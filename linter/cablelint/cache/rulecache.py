"""Parsed rule-set files, kept as JSON: what __pycache__ is to Python modules."""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any, Optional

from ..patterns import user_cache_folder
from . import blake2b, code_fingerprint, write_unsynced

# Parsing the bundled YAML rule sets (about 60 KB) and importing the YAML library cost more than
# linting a hundred cables, and a pre-commit run pays it on every commit. A rule-set file that
# parsed and validated is therefore kept, as the plain data it parsed to, under a key that digests
# its bytes and cablelint's code (validation depends on the rules the code registers); any other
# bytes are another key, so a kept document can never be stale. JSON holds no objects and runs
# nothing when read. Documents holding values JSON cannot carry (only dates are encoded, as
# {"\u0000date": "YYYY-MM-DD"}) are simply not kept.
#
# The folder is $CABLELINT_RULES_CACHE, else $XDG_CACHE_HOME/cablelint, else ~/.cache/cablelint;
# it is shared by every working directory (unlike the result cache) and `--no-cache` does not
# bypass it, as Python does not bypass its bytecode. CABLELINT_RULES_CACHE=off turns it off. A
# folder that cannot be written costs the speed-up, nothing else.

LAYOUT = "parsed-rules-v1"
_DATE = "\x00date"


class _NotPlainData(Exception):
    pass


def folder() -> Optional[str]:
    return user_cache_folder(LAYOUT)


def _entry(data: bytes) -> Optional[str]:
    where = folder()
    if where is None:
        return None
    key = blake2b(code_fingerprint() + data, digest_size=20).hexdigest()
    return os.path.join(where, f"{key}.json")


def get(data: bytes) -> Optional[dict]:
    """The kept document parsed from `data`, or None."""
    entry = _entry(data)
    if entry is None:
        return None
    try:
        with open(entry, "rb") as handle:
            document = json.loads(handle.read(), object_hook=_decode)
    except (OSError, ValueError, RecursionError):
        return None
    return document if isinstance(document, dict) else None


def put(data: bytes, document: dict) -> None:
    """Keep `document`, the validated parse of `data`, if it is plain data."""
    entry = _entry(data)
    if entry is None:
        return
    try:
        text = json.dumps(_encode(document), ensure_ascii=False, allow_nan=False)
    except (_NotPlainData, ValueError):
        return
    write_unsynced(entry, text.encode(), quiet=True)


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) and key != _DATE for key in value):
            raise _NotPlainData  # JSON keys are strings: an int key would come back as text
        return {key: _encode(item) for key, item in value.items()}
    if type(value) is dt.date:
        return {_DATE: value.isoformat()}
    raise _NotPlainData  # a timestamp, binary, a set...: parsed afresh each time


def _decode(mapping: dict) -> Any:
    if len(mapping) == 1 and _DATE in mapping:
        return dt.date.fromisoformat(mapping[_DATE])
    return mapping
