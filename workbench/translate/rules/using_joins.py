"""``JOIN ... USING (k)``: the merged column ``k`` as BigQuery defines it, join by join.

BigQuery's ``k`` after ``l JOIN r USING (k)`` is ``l.k`` for an INNER or LEFT join, ``r.k``
for a RIGHT join and ``COALESCE(l.k, r.k)`` for a FULL join; a later ``USING (k)`` joins on
that merged ``k``. sqlglot's qualifier always writes ``COALESCE`` of every source's ``k``
(so ``INT64 JOIN FLOAT64 USING (k)`` read as FLOAT64) and joins a later ``USING (k)`` on
the first source's ``k`` (after a RIGHT or FULL join, the wrong rows). The joins are marked
before the qualifier runs and their keys settled after it, on the qualified tree.

``SELECT * REPLACE (k + 1 AS k) FROM l JOIN r USING (k)``: sqlglot's star expansion writes the
merged ``k`` and drops a REPLACE of it (the query answered ``k``, not ``k + 1``). Such an entry
is taken out of the star before the qualifier runs, qualified as an extra column of the
SELECT, and put in the merged column's place after it.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import UnsupportedError, line_of

_USING = "bq_using"  # Join.meta: the names in its USING list
_WRITTEN = "bq_written"  # Coalesce.meta: a COALESCE the query (or an earlier rule) wrote
_REPLACES = "bq_replaces"  # Alias.meta: (key, index of its star) of a REPLACE of a USING key


def mark(tree: exp.Expression) -> bool:
    """Record each join's USING names, and the COALESCE calls already in the tree."""
    marked = False
    for join in tree.find_all(exp.Join):
        using = join.args.get("using")
        if using:
            join.meta[_USING] = [i.name.lower() for i in using if isinstance(i, exp.Identifier)]
            marked = True
    if marked:
        for call in tree.find_all(exp.Coalesce):
            call.meta[_WRITTEN] = True
        for select in list(tree.find_all(exp.Select)):
            _hold_key_replacements(select)
    return marked


def _hold_key_replacements(select: exp.Select) -> None:
    """``* REPLACE (e AS k)`` of a USING key ``k``: ``e`` leaves the star as an extra column."""
    keys = {n for j in select.args.get("joins") or [] for n in j.meta.get(_USING, [])}
    if not keys:
        return
    for i, proj in enumerate(list(select.expressions)):
        if not isinstance(proj, exp.Star):
            continue
        entries = proj.args.get("replace") or []
        held = [e for e in entries if isinstance(e, exp.Alias) and e.alias.lower() in keys]
        if not held:
            continue
        earlier = select.expressions[:i]
        if any(isinstance(p, exp.Star) or isinstance(p.this, exp.Star) for p in earlier):
            raise UnsupportedError(
                "SELECT * REPLACE of a USING column after another star",
                "the merged column's place is not known before the first star is expanded",
                line_of(proj),
            )
        proj.set("replace", [e for e in entries if e not in held] or None)
        for n, entry in enumerate(held):
            extra = exp.Alias(this=entry.this.copy(), alias=exp.to_identifier(f"_wb_replace{n}"))
            extra.meta[_REPLACES] = (entry.alias.lower(), i)
            select.append("expressions", extra)


def _place_key_replacements(select: exp.Select) -> None:
    """The held REPLACE expressions (qualified now) in place of the merged columns."""
    extras = [p for p in select.expressions if _REPLACES in p.meta]
    if not extras:
        return
    kept = [p for p in select.expressions if _REPLACES not in p.meta]
    for extra in extras:
        key, start = extra.meta[_REPLACES]
        for proj in kept[start:]:
            if isinstance(proj, exp.Alias) and proj.alias.lower() == key:
                proj.set("this", extra.this.copy())
                break
    select.set("expressions", kept)


def settle(tree: exp.Expression) -> None:
    """After qualification: each USING join's condition on its left side's merged key, and
    every reference to a merged key (sqlglot's COALESCE) as BigQuery's merged column."""
    for select in list(tree.find_all(exp.Select)):
        _place_key_replacements(select)
    for select in list(tree.find_all(exp.Select)):
        joins = select.args.get("joins") or []
        if not any(_USING in j.meta for j in joins):
            continue
        merged: dict[str, exp.Expression] = {}
        tables: dict[str, set[str]] = {}
        for join in joins:
            names = join.meta.get(_USING)
            if not names:
                continue
            conditions = list(_conditions(join.args.get("on")))
            if len(conditions) != len(names):
                return  # not the shape the qualifier writes: leave the query as it is
            fixed = []
            for name, cond in zip(names, conditions, strict=True):
                right = cond.expression
                if not (isinstance(cond, exp.EQ) and isinstance(right, exp.Column)):
                    return
                left = merged.get(name, cond.this)
                fixed.append(exp.EQ(this=left.copy(), expression=right.copy()))
                tables.setdefault(name, set()).update(_tables(cond.this) | {right.table})
                side = (join.side or "").upper()
                if side == "RIGHT":
                    merged[name] = right.copy()
                elif side == "FULL":
                    full = exp.Coalesce(this=left.copy(), expressions=[right.copy()])
                    full.meta[_WRITTEN] = True  # BigQuery's merged column: kept as it is
                    merged[name] = full
                else:
                    merged[name] = left.copy()
            join.set("on", exp.and_(*fixed, copy=False))
        _replace_references(select, merged, tables)


def _conditions(on: exp.Expression | None) -> list[exp.Expression]:
    if on is None:
        return []
    return list(on.flatten()) if isinstance(on, exp.And) else [on]


def _tables(node: exp.Expression) -> set[str]:
    return {c.table for c in node.find_all(exp.Column)}


def _replace_references(
    select: exp.Select, merged: dict[str, exp.Expression], tables: dict[str, set[str]]
) -> None:
    """sqlglot's ``COALESCE(l.k, r.k, ...)`` for an unqualified ``k`` (or ``*``) of this
    SELECT becomes the merged ``k``."""
    for call in list(select.find_all(exp.Coalesce)):
        if call.meta.get(_WRITTEN) or call.find_ancestor(exp.Select) is not select:
            continue
        args = [call.this, *call.expressions]
        if not all(isinstance(a, exp.Column) for a in args):
            continue
        name = args[0].name.lower()
        if name not in merged or any(a.name.lower() != name for a in args):
            continue
        if not {a.table for a in args} <= tables[name]:
            continue
        call.replace(merged[name].copy())
