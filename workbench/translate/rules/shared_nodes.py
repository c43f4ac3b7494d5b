"""Type nodes that sqlglot's type annotation shares between the tree and an annotation.

Annotating ``STRUCT(CAST(x AS NUMERIC) AS f)`` builds the struct's type from the very
``DataType`` object of the CAST, which becomes that object's parent: the node is in the
CAST's ``to`` but its ``parent`` is the annotation. A rule that replaces it
(``numeric-type``: NUMERIC is DECIMAL(38, 9)) then replaced it in the annotation only,
and the CAST stayed DuckDB's DECIMAL(18, 3): ``STRUCT(NUMERIC '1.0001' AS x)`` gave 1.000.
Each such node gets its own copy in the tree, so a rewrite lands where the SQL is.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import nodes


def unshare_type_nodes(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Every DataType held by a node but parented elsewhere becomes the node's own copy."""
    changed = False
    for node in nodes(tree, exp.Expression, bfs=False):
        for key, value in list(node.args.items()):
            if isinstance(value, exp.DataType) and value.parent is not node:
                node.set(key, value.copy())
                changed = True
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, exp.DataType) and item.parent is not node:
                        value[i] = item.copy()
                        value[i].parent, value[i].arg_key, value[i].index = node, key, i
                        changed = True
    return changed
