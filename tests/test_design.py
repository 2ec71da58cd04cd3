"""The shape of the code (shared/DESIGN.md), kept by tests: text at the edges, sibling
domain modules over a small leaf, files read and written only at the edges."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "beancount_timeroi"

LEAF = ("names", "money", "errors")
SIBLINGS = ("timelog", "rates", "channels", "touches", "contents", "budgets")
PURE = (
    *LEAF,
    "config",
    "configvalues",
    "configchannels",
    "configimport",
    "yamlsource",
    *SIBLINGS,
    "attribution",
    "postings",
    "valuation",
    "directives",
    "periods",
    "engine",
    "postinglines",
    "tally",
    "summary",
    "checks",
    "ledgerlines",
    "plan",
    "report",
)
"""The modules between the edges: they compute, and never translate a text or open a file."""


def imports(module: str) -> set[str]:
    """The package's modules that ``module`` imports (``beancount_timeroi.x`` -> ``x``)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "beancount_timeroi":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("beancount_timeroi."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.split(".")[1]
                for alias in node.names
                if alias.name.startswith("beancount_timeroi.")
            )
    return found


def calls(module: str) -> set[str]:
    """The names of the functions ``module`` calls by a plain name (``open``, ``_``)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    return {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }


@pytest.mark.parametrize("module", PURE)
def test_the_modules_that_compute_leave_text_to_the_edges(module: str) -> None:
    """Messages are data (``errors.msg``); only the edges translate them."""
    assert "i18n" not in imports(module)
    assert not {"_", "n_"} & calls(module)


@pytest.mark.parametrize("module", PURE)
def test_the_modules_that_compute_read_no_file(module: str) -> None:
    assert "open" not in calls(module)


@pytest.mark.parametrize("module", LEAF)
def test_the_leaf_depends_on_nothing_but_itself(module: str) -> None:
    assert imports(module) <= set(LEAF)


@pytest.mark.parametrize("module", SIBLINGS)
def test_sibling_domain_modules_never_import_each_other(module: str) -> None:
    """Time entries, rates, channels, touches, contents and budgets depend on the leaf
    and on ``config``."""
    assert imports(module) & set(SIBLINGS) == set()
    assert imports(module) <= {*LEAF, "config"}


def test_the_design_lists_every_module_that_computes() -> None:
    """A new module is placed on purpose: among those that compute, or at an edge."""
    edges = {"__init__", "plugin", "ledger", "i18n", "cli", "yearend", "logtime"}
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    assert modules - edges == set(PURE)


MAX_MODULE, MAX_CLASS, MAX_FUNCTION = 450, 150, 60
"""Lines, docstrings included: past these a module holds two concepts, a class or a
function two jobs."""


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _sources(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_every_module_class_and_function_stays_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    too_long = (
        [f"module: {len(text.splitlines())} lines"] if len(text.splitlines()) > MAX_MODULE else []
    )
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            assert node.end_lineno is not None
            size = node.end_lineno - node.lineno + 1
            limit = MAX_CLASS if isinstance(node, ast.ClassDef) else MAX_FUNCTION
            if size > limit:
                too_long.append(f"{node.name} (line {node.lineno}): {size} lines")
    assert too_long == []


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in _sources()}


def _runtime_imports(path: Path) -> set[str]:
    """The package modules ``path`` imports when it is imported: at its top level, not
    under ``if TYPE_CHECKING`` nor inside a function (``from package import module``
    names the module)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module in MODULES:
            for alias in node.names:
                inner = f"{node.module}.{alias.name}"
                found.add(inner if inner in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in MODULES)
    return found


def test_no_module_imports_itself_through_others() -> None:
    """The import graph has no cycle; a package's ``__init__`` imported by its own
    modules aside (Python imports it first)."""
    graph = {module: _runtime_imports(path) for module, path in MODULES.items()}
    state: dict[str, int] = {}  # 1: being visited, 2: done
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for name in sorted(graph[module]):
            if module.startswith(name + "."):
                continue
            if state.get(name) == 1:
                cycles.append([*trail, module, name])
            elif name not in state:
                visit(name, [*trail, module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert cycles == []


def test_the_contributors_map_names_every_module() -> None:
    """docs/architecture.md's module map stays the map of the package (the example
    scenarios' own modules aside)."""
    text = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [
        str(path.relative_to(PACKAGE))
        for path in _sources()
        if "example" not in path.relative_to(PACKAGE).parts
        and path.stem != "__init__"
        and f"`{path.stem}" not in text
    ]
    assert missing == []
