"""The stored notebooks stay deterministic on every machine nbval runs on.

numpy's default sort (quicksort) is not stable and, since numpy 2.0, picks a SIMD kernel by CPU:
on a tie (two modules both at 35 sites) the row kept by ``.head(10)`` depended on the machine CI
ran on, and the stored chart differed there. Every sort in a notebook therefore names a stable
kind, so ties keep the query's own ORDER BY.
"""

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SORTS = {"sort_values", "sort_index", "argsort", "nlargest", "nsmallest"}


def python_of(cell: dict) -> str:
    """The cell's Python, IPython magics (``%``, ``%%``, ``!``) left out."""
    source = "".join(cell["source"])
    if source.startswith("%%"):
        return ""
    return "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))


def unstable_sorts(code: str) -> list[str]:
    """Calls that sort without kind='stable' (nlargest/nsmallest: without keep=)."""
    found = []
    for node in ast.walk(ast.parse(code)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        if name not in SORTS:
            continue
        words = {k.arg: k.value for k in node.keywords}
        if name in {"sort_values", "sort_index", "argsort"}:
            kind = words.get("kind")
            if not (isinstance(kind, ast.Constant) and kind.value in {"stable", "mergesort"}):
                found.append(ast.unparse(node))
        elif "keep" not in words:
            found.append(ast.unparse(node))
    return found


def test_the_checker_finds_an_unstable_sort():
    assert unstable_sorts("s.sort_values(ascending=False).head(10)")
    assert unstable_sorts("s.nlargest(10)")
    assert not unstable_sorts("s.sort_values(ascending=False, kind='stable').head(10)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_sort_in_a_notebook_is_stable(path):
    cells = json.loads(path.read_text())["cells"]
    bad = [call for cell in cells if cell["cell_type"] == "code" for call in unstable_sorts(python_of(cell))]
    assert not bad, f"{path.name}: sort without kind='stable' (ties differ by CPU): {bad}"
