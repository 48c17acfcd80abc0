"""YAML as rule and config files are read: pyyaml's safe loader, with duplicate keys and alias
bombs refused; and where a key stands, from ruamel.yaml, on the error path only."""

from __future__ import annotations

from typing import Any, Optional

# pyyaml's safe loader (the C one when present: parsing the bundled rule sets in pure Python costs
# several times more) constructs no Python object from a tag, but it keeps the last of two equal
# keys (`R001: error` then `R001: off` silently switched a rule off) and expands aliases without
# limit (nine aliases of nine aliases... ran for minutes and took gigabytes). `strict_loader` adds
# both checks in Python, where pyyaml builds mappings, so the C parser keeps its speed.
#
# Positions come from ruamel.yaml, whose round-trip loader keeps them; it is only called when a
# rule file has a problem, so a clean run never pays for it.

# Values that aliases may add beyond the nodes written in the file. Rule sets and configs use an
# alias or two for a repeated list; this is far above that and far below what hurts.
ALIAS_BUDGET = 10_000

_LOADER: list = []  # the loader class, made on first use (it subclasses pyyaml's)


def strict_loader() -> Any:
    """pyyaml's safe loader class that refuses duplicate keys and alias bombs (see above)."""
    if not _LOADER:
        _LOADER.append(_make_loader())
    return _LOADER[0]


def _make_loader() -> Any:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc, valid-type]
        def get_single_data(self) -> Any:
            node = self.get_single_node()
            if node is None:
                return None
            _check_aliases(node, yaml)
            return self.construct_document(node)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, yaml.MappingNode):
                _check_duplicates(self, node, yaml)
            return super().construct_mapping(node, deep)

    return StrictLoader


def _check_duplicates(loader: Any, node: Any, yaml: Any) -> None:
    """Refuse a mapping that names one key twice (a merge key `<<` may be overridden)."""
    first: dict = {}
    for key_node, _value in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            earlier = first.setdefault(key, key_node)
        except TypeError:  # an unhashable key: the safe loader itself refuses it
            continue
        if earlier is not key_node:
            from .schema import shown

            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {shown(key)} (first at line {earlier.start_mark.line + 1}); "
                            "a key may appear once in a mapping", key_node.start_mark)


def _check_aliases(root: Any, yaml: Any) -> None:
    """Refuse a document whose aliases expand to more than ALIAS_BUDGET values beyond the nodes
    written, or refer to themselves. Walks the node graph once, without recursion: each node's
    expanded size is kept, so a node reached again (through an alias) adds its size at once."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    extra = 0
    stack: list = [(root, None, False)]
    while stack:
        node, where, done = stack.pop()
        ident = id(node)
        if done:
            on_path.discard(ident)
            size[ident] = 1 + sum(size[id(child)] for child, _ in _children(node, yaml))
            continue
        if ident in on_path:
            raise yaml.composer.ComposerError(None, None, "an alias refers to a node that contains it; refused",
                                              where or node.start_mark)
        if ident in size:  # reached again: through an alias
            extra += size[ident]
            if extra > ALIAS_BUDGET:
                raise yaml.composer.ComposerError(
                    None, None, f"aliases expand to more than {ALIAS_BUDGET} values; refused (an alias bomb?)",
                    where or node.start_mark)
            continue
        on_path.add(ident)
        stack.append((node, where, True))
        for child, mark in reversed(_children(node, yaml)):
            stack.append((child, mark, False))


def _children(node: Any, yaml: Any) -> list:
    """(child node, where it stands) pairs: a mapping's keys and values, a sequence's items."""
    if isinstance(node, yaml.MappingNode):
        pairs = []
        for key, value in node.value:
            pairs += [(key, key.start_mark), (value, key.start_mark)]
        return pairs
    if isinstance(node, yaml.SequenceNode):
        return [(item, node.start_mark) for item in node.value]
    return []


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
