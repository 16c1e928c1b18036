"""The architecture's layering, checked on the source: imports point down only."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Lower index = lower layer. A module may import its own layer and the layers below.
LAYERS = [
    {"strategy.errors", "strategy.numbers"},
    {"strategy.forms"},
    {"strategy.solvers"},
    {
        "strategy.sensitivity",
        "strategy.io",
        "strategy.bargaining",
        "strategy.repeated",
        "strategy.cases",
        "strategy.dynamics",
    },
    {"strategy.cli", "strategy.plot", "strategy.display", "strategy.report"},
]


def layer_of(module: str) -> int | None:
    for level, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return level
    return None


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = sorted((ROOT / "strategy").rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down(path: Path) -> None:
    here = layer_of(module_name(path))
    for line, target in imports(path):
        assert not target.startswith("games"), f"{path}:{line}: strategy must never import the case library"
        assert not target.startswith("pygambit"), f"{path}:{line}: pygambit (GPL) is a test oracle only"
        there = layer_of(target)
        if here is not None and there is not None:
            assert there <= here, f"{path}:{line}: {module_name(path)} (layer {here}) imports {target} (layer {there})"


@pytest.mark.parametrize("path", sorted((ROOT / "games").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_case_library_uses_only_public_modules(path: Path) -> None:
    for line, target in imports(path):
        assert not target.startswith("pygambit"), f"{path}:{line}: pygambit is a test oracle only"
        if target.startswith("strategy"):
            private = [part for part in target.split(".") if part.startswith("_")]
            assert not private, f"{path}:{line}: games/ must use strategy's public API, not {target}"


def test_game_files_never_run_code() -> None:
    for path in [*SOURCES, *sorted((ROOT / "games").rglob("*.py"))]:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"eval", "exec", "compile", "sympify"}, f"{path}:{node.lineno}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr not in {"sympify", "parse_expr"}, f"{path}:{node.lineno}"


def _private_owner(target: str) -> str | None:
    """The package whose modules alone may import `target` (the parent of its first private
    part), or ``None`` when `target` is public."""
    parts = target.split(".")
    for k, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:k])
    return None


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_private_modules_stay_inside_their_package(path: Path) -> None:
    here = module_name(path)
    for line, target in imports(path):
        owner = _private_owner(target)
        if owner is not None and target.startswith("strategy"):
            assert here == owner or here.startswith(owner + "."), (
                f"{path}:{line}: {here} imports {target}, private to {owner}; use (or add) a public name"
            )


def _module_graph() -> dict[str, set[str]]:
    """Module -> the strategy modules it imports at module level (not inside functions, not for typing)."""
    known = {module_name(p) for p in SOURCES}
    graph: dict[str, set[str]] = {}
    for path in SOURCES:
        tree = ast.parse(path.read_text(), filename=str(path))
        here = module_name(path)
        edges: set[str] = set()
        for node in tree.body:
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            edges |= {n for n in names if n in known and n != here}
        graph[here] = edges
    return graph


def test_no_import_cycles_between_modules() -> None:
    # Module-level imports only: an import inside a function (lazy loading) runs after both
    # modules exist; a package __init__ importing its own submodules is not a cycle partner.
    graph = _module_graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph[module]):
            if module.startswith(target + "."):  # a submodule importing its package's __init__
                continue
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if state.get(target) is None:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
