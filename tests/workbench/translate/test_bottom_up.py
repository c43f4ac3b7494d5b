"""Rules rewrite children before parents (``rules._sql.bottom_up``).

A rule that walks ``list(tree.find_all(...))`` (parents first) and replaces each node by a
check holding copies of its children loses the check of a nested node of the same kind:
the inner node is rewritten in the detached original, not in the copy the tree holds
(``1 / (1 / 0)`` returned 0.0, ``SQRT(LN(-1))`` NaN). This reads the rule modules' source
(Python's own parser) and fails on such a loop over a kind that can nest.
"""

from __future__ import annotations

import ast
from pathlib import Path

import workbench.translate.rules as rules_package

RULES_DIR = Path(rules_package.__file__).parent
# Kinds that never hold a node of their own kind, or whose loop only raises a refusal.
LEAVES = {"Literal", "DataType", "Table", "Parameter", "Unnest", "Column", "Identifier"}


def _kinds(call: ast.Call) -> set[str]:
    return {a.attr for a in call.args if isinstance(a, ast.Attribute)}


def _parents_first_rewrites(source: str) -> list[str]:
    found = []
    for loop in ast.walk(ast.parse(source)):
        if not isinstance(loop, ast.For) or not isinstance(loop.iter, ast.Call):
            continue
        it = loop.iter
        if not (isinstance(it.func, ast.Name) and it.func.id == "list" and it.args):
            continue
        inner = it.args[0]
        if not (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and inner.func.attr == "find_all"
            and isinstance(inner.func.value, ast.Name)
            and inner.func.value.id == "tree"  # the statement a rule is given
        ):
            continue
        kinds = _kinds(inner)
        replaces = any(
            isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and n.func.attr == "replace"
            for n in ast.walk(loop)
        )
        if replaces and not kinds <= LEAVES:
            found.append(f"line {loop.lineno}: {sorted(kinds)}")
    return found


def test_the_check_finds_a_parents_first_rewrite() -> None:
    bad = "for node in list(tree.find_all(exp.Div)):\n    node.replace(paren(node.copy()))\n"
    assert _parents_first_rewrites(bad)
    good = "for node in bottom_up(tree, exp.Div):\n    node.replace(paren(node.copy()))\n"
    assert not _parents_first_rewrites(good)


def test_every_rule_rewrites_children_first() -> None:
    found = {
        path.name: hits
        for path in sorted(RULES_DIR.glob("*.py"))
        if (hits := _parents_first_rewrites(path.read_text(encoding="utf-8")))
    }
    assert not found, found
