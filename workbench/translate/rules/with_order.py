"""``WITH RECURSIVE a AS (SELECT ... FROM b), b AS (...)``: a WITH RECURSIVE query may read a
later one (query-syntax#with_clause: with RECURSIVE, "a CTE can reference itself or a CTE
defined after it"). sqlglot's qualifier, and DuckDB, look a name up only among the earlier
ones ("unknown table 'b'"), so the queries are put in dependency order first; a cycle
between two queries is BigQuery's error (the analyzer's gate says so) and is left as it is.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation
from workbench.translate.rules._sql import nodes


def _reads(cte: exp.CTE, names: set[str]) -> set[str]:
    """The other WITH queries of the clause that ``cte`` reads (by unqualified name)."""
    own = cte.alias_or_name.lower()
    found = {
        t.name.lower()
        for t in cte.this.find_all(exp.Table)
        if not t.args.get("db") and t.name.lower() in names
    }
    return found - {own}


def recursive_with_order(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """The queries of a WITH RECURSIVE clause in an order where each reads only earlier ones."""
    changed = False
    for with_ in nodes(tree, exp.With):
        if not with_.args.get("recursive"):
            continue
        ctes = list(with_.expressions)
        names = {c.alias_or_name.lower() for c in ctes}
        reads = {c.alias_or_name.lower(): _reads(c, names) for c in ctes}
        done: list[exp.CTE] = []
        placed: set[str] = set()
        pending = list(ctes)
        while pending:
            ready = [c for c in pending if reads[c.alias_or_name.lower()] <= placed]
            if not ready:
                break  # a cycle: BigQuery's error, from the analyzer's gate
            first = ready[0]
            done.append(first)
            placed.add(first.alias_or_name.lower())
            pending.remove(first)
        if pending or [id(c) for c in done] == [id(c) for c in ctes]:
            continue
        with_.set("expressions", done)
        changed = True
    return changed
