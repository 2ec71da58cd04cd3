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
    "engine",
    "summary",
    "checks",
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
