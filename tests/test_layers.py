"""The package's layers (ARCHITECTURE.md): no module imports a layer above its own, and no two
modules import each other, directly or round a loop, deferred and type-checking imports included."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "linter" / "cablelint"
# Bottom up. A module may import its own layer and those below it.
LAYERS = ("errors", "parse", "policy", "checks", "cache", "run", "fix", "formats", "report", "cli")
# Modules at the top of the package that every layer may use.
SHARED = {"cablelint", "cablelint.errors", "cablelint.patterns", "cablelint.regexcompat"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every cablelint module `path` imports, wherever the import statement stands."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "cablelint"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = ".".join(base[: len(base) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target.split(".")[0] != "cablelint":
                continue
            found.add(target)
            for alias in node.names:  # `from . import x` imports the module x when there is one
                if _is_module(f"{target}.{alias.name}"):
                    found.add(f"{target}.{alias.name}")
    found.discard(name)
    return found


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _layer(module: str) -> int | None:
    """The layer's index; None for the shared modules, -1 for a module outside every layer."""
    parts = module.split(".")
    if module in SHARED:
        return None
    if module == "cablelint.__main__":  # `python -m cablelint`: the command line
        return LAYERS.index("cli")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else -1


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_belongs_to_a_layer():
    strays = [m for m in _graph() if _layer(m) == -1]
    assert not strays, f"modules outside every layer (put them in a subpackage of LAYERS): {strays}"


def _upward(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for module, imported in graph.items():
        own = _layer(module)
        for target in imported:
            theirs = _layer(target)
            if own is not None and theirs is not None and theirs > own:
                found.append(f"{module} imports {target} ({LAYERS[own]} -> {LAYERS[theirs]})")
    return sorted(found)


def _cycles(graph: dict[str, set[str]]) -> list[str]:
    found = []
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done

    def walk(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            # importing a submodule runs its package's __init__ first; that is not a cycle of ours
            if module.startswith(target + "."):
                continue
            if state.get(target) == 1:
                found.append(" -> ".join(path[path.index(target):] + [target]))
            elif target in graph and not state.get(target):
                walk(target, path + [target])
        state[module] = 2

    for module in graph:
        if not state.get(module):
            walk(module, [module])
    return found


def test_no_module_imports_a_layer_above_its_own():
    upward = _upward(_graph())
    assert not upward, "\n".join(upward)


def test_no_import_cycles():
    cycles = _cycles(_graph())
    assert not cycles, "\n".join(cycles)


def test_the_checks_catch_an_upward_import_and_a_cycle():
    graph = {"cablelint.parse.model": {"cablelint.cli.options", "cablelint.errors"},
             "cablelint.cli.options": {"cablelint.parse.model"}}
    assert _upward(graph) == ["cablelint.parse.model imports cablelint.cli.options (parse -> cli)"]
    assert _cycles(graph) == ["cablelint.parse.model -> cablelint.cli.options -> cablelint.parse.model"]
    assert _layer("cablelint.stray") == -1


def test_an_import_anywhere_in_a_module_is_seen():
    """Deferred, type-checking and `from . import module` forms all count."""
    imported = _imports(PACKAGE / "run" / "engine.py")
    assert {"cablelint.checks", "cablelint.parse.build", "cablelint.checks.context"} <= imported


def test_no_folder_holds_more_than_fifteen_modules():
    crowded = {str(d.relative_to(PACKAGE)): n for d in [PACKAGE, *PACKAGE.rglob("*/")]
               if d.name != "__pycache__" and (n := len(list(d.glob("*.py")))) > 15}
    assert not crowded, crowded
