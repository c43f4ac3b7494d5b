"""fakedata's modules form layers: no import cycle, not even inside a function.

An import inside a function or an ``if TYPE_CHECKING:`` block hides a cycle from Python,
not from the reader (``source`` once imported ``generate`` inside ``load_source`` while
``generate`` imported ``source``); so every import statement counts here.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "fakedata"


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module → the fakedata modules it imports anywhere in its text."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module(path)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    deps.add(".".join([*base, *([node.module] if node.module else [])]))
                elif node.module:
                    deps.add(node.module)
            elif isinstance(node, ast.Import):
                deps |= {alias.name for alias in node.names}
        graph[module] = {d for d in deps if d.startswith("fakedata.") and d != module}
    return graph


def test_the_import_graph_has_no_cycle():
    graph = import_graph()
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None


def test_source_sits_below_the_generator():
    graph = import_graph()
    assert "fakedata.source" in graph["fakedata.generate"]
    assert "fakedata.generate" not in graph["fakedata.source"]
    # the fleet model names come from below both: the population module
    assert "fakedata.population" in graph["fakedata.source_file"]
    assert "fakedata.population" in graph["fakedata.generate"]
