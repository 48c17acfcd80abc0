""""Ignore CODE in this file": the config text with a per-file ignore added, edited round trip
(ruamel.yaml) so that its comments, order and quoting stay as the user wrote them."""

from __future__ import annotations

import glob
import io
import os
from pathlib import Path
from typing import Any, Optional

from ...policy import schema
from .. import config

KEY = "per-file-ignores"


class IgnoreError(Exception):
    """The config file cannot take the ignore (not a mapping, not YAML, a value of another shape)."""


def file_pattern(document: Path, config_folder: Path) -> str:
    """The `per-file-ignores` glob that names `document` alone: relative to the config's folder,
    with a `/` so that it is anchored there (a bare name would match in any folder), and the glob
    characters of the name escaped."""
    relative = Path(os.path.relpath(document, config_folder)).as_posix()
    if "/" not in relative:
        relative = "./" + relative
    return glob.escape(relative)


def add_ignore(text: Optional[str], pattern: str, code: str) -> str:
    """`text` (a `.cablelint.yaml`, None for a new one) with `code` ignored for `pattern`; the text
    unchanged when it is already ignored there. IgnoreError when the file cannot take it."""
    try:
        config.code_list((KEY, pattern), [code])  # a rule code the config would accept
    except schema.SchemaError as exc:
        raise IgnoreError(exc.message) from None
    from ruamel.yaml import YAML, YAMLError
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    try:
        document: Any = yaml.load(text) if text and text.strip() else None
    except YAMLError as exc:
        raise IgnoreError(f"the config file is not valid YAML ({' '.join(str(exc).split())[:120]})") from None
    if document is None:
        document = CommentedMap()
    if not isinstance(document, CommentedMap):
        raise IgnoreError("the config file is not a YAML mapping")
    entries = document.get(KEY)
    if entries is None:
        entries = document[KEY] = CommentedMap()
    if not isinstance(entries, CommentedMap):
        raise IgnoreError(f"its `{KEY}` is not a mapping of patterns to codes")
    codes = entries.get(pattern)
    if codes is None:
        codes = CommentedSeq([code])
        codes.fa.set_flow_style()  # `path: [CODE]`, as per-file ignores are usually written
        # first: the comment lines after an entry belong to it in ruamel.yaml, so a new last entry
        # would be written below the comments that introduce the next key
        entries.insert(0, pattern, codes)
    elif isinstance(codes, list):
        if code in [str(c).strip().upper() for c in codes]:
            return text or ""
        codes.append(code)
    elif isinstance(codes, str):
        if code in [c.strip().upper() for c in codes.split(",")]:
            return text or ""
        entries[pattern] = f"{codes}, {code}" if codes.strip() else code
    else:
        raise IgnoreError(f"the codes of `{pattern}` are neither a list nor a comma-separated string")
    out = io.StringIO()
    try:
        yaml.dump(document, out)
    except YAMLError as exc:  # a document it read but cannot write back (it keeps every construct it reads)
        raise IgnoreError(f"the config file cannot be rewritten ({' '.join(str(exc).split())[:120]})") from None
    return out.getvalue()
