"""Where a key stands in a YAML file: ruamel.yaml keeps positions that pyyaml's plain data lacks."""

from __future__ import annotations

from typing import Optional

# Only called when a rule file has a problem, so the (slower) round-trip loader never costs a
# clean run anything.


def locate(text: str, path: tuple) -> Optional[tuple[int, int]]:
    """1-based (line, column) of the deepest key of `path` that exists in the YAML `text`."""
    from ruamel.yaml import YAML  # imported on the error path only
    from ruamel.yaml.error import YAMLError

    try:
        node = YAML(typ="rt", pure=True).load(text)
    except (YAMLError, ValueError, TypeError, RecursionError):
        return None
    found: Optional[tuple[int, int]] = None
    for key in path:
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        try:
            if isinstance(key, int) and isinstance(node, list):
                line, column = lc.item(key)
                node = node[key]
            elif hasattr(node, "keys") and key in node:
                line, column = lc.key(key)
                node = node[key]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
        found = (line + 1, column + 1)
    return found
