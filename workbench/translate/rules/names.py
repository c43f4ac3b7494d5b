"""Name rules: which table a name reads, how columns resolve, what output columns are called."""

from __future__ import annotations

import re

from sqlglot import exp
from sqlglot.dialects.bigquery import BigQuery
from sqlglot.errors import OptimizeError
from sqlglot.optimizer.annotate_types import annotate_types
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import Scope, traverse_scope
from sqlglot.schema import MappingSchema

from wbcore.errors import NAME, UNKNOWN_NAME, UserError
from workbench.translate.context import Context, Translation, UnsupportedError, line_of, table_name
from workbench.translate.rules import outer_paths, using_joins
from workbench.translate.rules._sql import cast, nodes
from workbench.translate.rules.ordinals import check_ordinals
from workbench.translate.rules.value_tables import value_table_fields

# what to do about a name the query's tables do not have
SCHEMA_HINT = "`workbench schema --source SOURCE` lists the columns"


def visible_cte(table: exp.Table, name: str) -> bool:
    """Whether ``name`` at ``table`` means a WITH query, by BigQuery's scoping.

    A WITH query is visible in the main query and in the WITH queries after it (in its own
    body too under RECURSIVE), not before it nor outside its statement: a name that merely
    equals some WITH query elsewhere must still be a table the source declares.
    """
    key = name.lower()
    node: exp.Expression = table
    last_cte: exp.CTE | None = None
    while node.parent is not None:
        if isinstance(node, exp.CTE):
            last_cte = node
        child, node = node, node.parent
        with_ = node.args.get("with_") if isinstance(node, exp.Query) else None
        if not isinstance(with_, exp.With):
            continue
        ctes = list(with_.expressions)
        visible = ctes
        if child is with_:  # inside the body of one of these WITH queries
            at = next(i for i, c in enumerate(ctes) if c is last_cte)
            visible = ctes[: at + (1 if with_.args.get("recursive") else 0)]
        if any(c.alias_or_name.lower() == key for c in visible):
            return True
    return False


def _cased(name: str) -> str:
    """A table name as BigQuery compares it: the project in any case, the dataset and table
    as written (they are case-sensitive)."""
    parts = name.split(".")
    return ".".join([p.lower() for p in parts[:-2]] + parts[-2:])


def map_table_names(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Production, public-example and local names all read the local DuckDB table.

    An unaliased table keeps its BigQuery short name as alias, so `table.column`
    references written against the production name still resolve.
    """

    changed = False
    for table in nodes(tree, exp.Table):  # a call in FROM: refused by function-allowlist
        if not table.name or isinstance(table.this, exp.Unnest):
            continue
        name = table_name(table)
        if table.args.get("version") is not None:  # FOR SYSTEM_TIME AS OF: never dropped
            raise UnsupportedError(
                "FOR SYSTEM_TIME AS OF",
                "the local table has no history: it holds every fake report at once, not the "
                "table as it was at a time",
                line_of(table),
            )
        if not table.args.get("db") and visible_cte(table, name):
            continue
        info = ctx.lookup(name)
        if info is not None and _cased(name) not in {_cased(n) for n in info.names}:
            # BigQuery's dataset and table names are case-sensitive: another table there
            raise UserError(
                f"unknown table {name!r}",
                line=line_of(table),
                construct=name,
                hint="BigQuery's dataset and table names are case-sensitive; "
                f"known tables: {', '.join(sorted(info.names))}",
            )
        if info is None:
            known = sorted({n for t in ctx.tables for n in t.names})
            hint = f"; known tables: {', '.join(known)}" if known else "; no dataset is loaded"
            raise UserError(
                f"unknown table {name!r}", line=line_of(table), construct=name, hint=hint[2:]
            )
        if info.local not in out.tables:
            out.tables.append(info.local)
        alias = table.alias or table.name
        new = exp.Table(this=exp.to_identifier(info.local))
        if alias != info.local or table.alias:
            new.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
        if new.sql() != table.sql():
            changed = True
        table.replace(new)
    return changed


def only_source_tables(tree: exp.Expression, sources: list[str]) -> None:
    """The translated statement names no table but the source tables and its WITH queries.

    The last check of every translation, on the DuckDB tree: every rule's output passes
    it, so a rule that let a name through (a catalog view, the workbench's own tables, a
    qualified name) cannot reach DuckDB. Source tables are unqualified names, resolved in
    the schema that holds only them.
    """
    for table in nodes(tree, exp.Table):
        if not isinstance(table.this, exp.Func) and (
            not table.name or isinstance(table.this, exp.Unnest)
        ):
            continue
        name = table.name if not isinstance(table.this, exp.Func) else ""
        qualified = table.args.get("db") or table.args.get("catalog")
        if name and not qualified and (name in sources or visible_cte(table, name)):
            continue
        raise UserError(
            "the translated query names a table that is not a source table (a translation "
            "bug: please report it)",
            line=line_of(table),
        )


def qualify_bigquery(
    tree: exp.Expression,
    schema: dict[str, dict[str, str]],
    mapping: MappingSchema | None = None,
    retried: bool = False,
) -> exp.Expression:
    """sqlglot's qualifier with BigQuery's name resolution; unknown columns as a UserError.

    The one qualification of the project: translation and the privacy analysis must
    resolve every name the same way. ``mapping``: ``schema`` as a sqlglot schema, built once.
    """

    _free_generated_aliases(tree)
    value_table_fields(tree, schema)  # ``slug`` in ``FROM t, UNNEST(t.modules) AS m`` is m.slug
    _check_using(tree, mapping or schema)
    check_ordinals(tree)  # BigQuery's error for GROUP BY / ORDER BY 9 (sqlglot's has no line)
    # the qualifier changes the tree as it goes: a copy to qualify again (outer_paths)
    bare = not retried and outer_paths.bare_unnests(tree, apply=False)
    fallback = tree.copy() if bare else None
    using = using_joins.mark(tree)
    try:
        qualified = qualify(
            tree,
            schema=mapping or schema,
            dialect="bigquery",
            validate_qualify_columns=False,
            quote_identifiers=False,
            identify=False,
        )
    except AssertionError:  # sqlglot's qualifier met a shape it asserts away (ORDER BY 1
        # over a star of repeated column names): no BigQuery condition to report
        raise UnsupportedError(
            "this query's column references",
            "sqlglot's qualifier cannot resolve them (a star over repeated column names?)",
            line_of(tree),
        ) from None
    except OptimizeError as exc:  # sqlglot's own refusal (e.g. an unknown table)
        if fallback is not None:
            # UNNEST(arr) of an enclosing row's column: qualified with that row's item, once
            # (the class of the failure is not read from sqlglot's message)
            outer_paths.bare_unnests(fallback)
            return qualify_bigquery(fallback, schema, mapping, retried=True)
        _missing_inside(tree, mapping or schema)
        raise UserError(str(exc).split("\n")[0], condition=NAME) from None
    if using:
        using_joins.settle(qualified)
    # What sqlglot's validate_qualify_columns refuses, found on the tree itself (so the error
    # carries the node's line and name as data, not as text to parse back).
    unknown: list[tuple[exp.Column, Scope]] = []
    for scope in traverse_scope(qualified):
        if not isinstance(scope.expression, exp.Select):
            continue
        if scope.external_columns and not scope.is_correlated_subquery and not scope.pivots:
            unknown.insert(0, (scope.external_columns[0], scope))
            break
        unknown.extend((c, scope) for c in scope.unqualified_columns)
    if unknown:
        col, scope = unknown[0]
        name = f"{col.table}.{col.name}" if col.table else col.name
        if not col.table and len(_providers(scope, col.name, mapping or schema)) > 1:
            # sqlglot leaves a name two FROM items provide unqualified: BigQuery's
            # "Column name x is ambiguous", not an unknown column
            raise UserError(
                f"column name {col.name} is ambiguous",
                line=line_of(col),
                construct=col.name,
                condition=NAME,
            )
        raise UserError(
            f"unknown column {name!r}",
            line=line_of(col),
            construct=name,
            hint=SCHEMA_HINT,
            condition=UNKNOWN_NAME,
        )
    return qualified


def _item_columns(item: exp.Expression, schema: MappingSchema | dict) -> set[str] | None:
    """The column names a FROM item (a table, a subquery or its SELECT) provides, when they
    are known (None: not known)."""
    query = item.this if isinstance(item, exp.Subquery) else item
    if isinstance(query, exp.Select):
        projections = query.expressions
        if any(isinstance(p, exp.Star) or isinstance(p.this, exp.Star) for p in projections):
            return None
        return {p.alias_or_name.lower() for p in projections}
    known = isinstance(schema, MappingSchema) and isinstance(item, exp.Table)
    if known and not isinstance(item.this, exp.Unnest | exp.Func):
        try:
            names = schema.column_names(item)
        except Exception:  # a WITH query or unknown table: not known here
            return None
        return {c.lower() for c in names} or None
    return None


def _missing_inside(tree: exp.Expression, schema: MappingSchema | dict) -> None:
    """``x.nope`` where the FROM item ``x`` has no column ``nope``: BigQuery's "Name nope not
    found inside x", with the line (sqlglot's qualifier says only "Unknown column: nope").

    Asked only once the qualifier has refused, so it costs a valid query nothing.
    """
    for scope in traverse_scope(tree):
        for col in scope.columns:
            if not col.table or col.args.get("db") or col.table not in scope.selected_sources:
                continue
            item, source = scope.selected_sources[col.table]
            query = source.expression if isinstance(source, Scope) else item
            known = _item_columns(query, schema)
            if known is not None and col.name.lower() not in known:
                raise UserError(
                    f"name {col.name} not found inside {col.table}",
                    line=line_of(col),
                    condition=UNKNOWN_NAME,
                    construct=f"{col.table}.{col.name}",
                    hint=None if isinstance(source, Scope) else SCHEMA_HINT,
                )


def _check_using(tree: exp.Expression, schema: MappingSchema | dict) -> None:
    """``JOIN r USING (a)`` where ``r`` has no column ``a``: BigQuery's error (sqlglot's
    qualifier says "Cannot automatically join")."""
    for join in nodes(tree, exp.Join):
        using = join.args.get("using") or []
        right = _item_columns(join.this, schema)
        if right is None:
            continue
        for name in using:
            if name.name.lower() not in right:
                raise UserError(
                    f"column {name.name} in USING clause not found on right side of join",
                    line=line_of(join),
                    construct=name.name,
                )


def _providers(scope: Scope, name: str, schema: MappingSchema | dict) -> list[str]:
    """The FROM items of ``scope`` that have a column ``name`` (as far as they are known)."""
    wanted = name.lower()
    found = []
    for alias, (item, _) in scope.selected_sources.items():
        if wanted in (_item_columns(item, schema) or set()):
            found.append(alias)
    return found


def _free_generated_aliases(tree: exp.Expression) -> None:
    """Rename table aliases spelled like the qualifier's own (``_0``, ``_1``...).

    sqlglot names unaliased sources ``_0``, ``_1``... without looking at the names in use,
    so ``FROM (SELECT ...) AS _0, UNNEST(_0.ps)`` (or a tree qualified once before) ends in
    "Alias already used". A whole-query rename to an unused name keeps every binding.
    """
    generated = re.compile(r"^_\d+$")
    names = {a.name for a in nodes(tree, exp.TableAlias) if generated.match(a.name)}
    if not names:
        return
    used = {i.name for i in nodes(tree, exp.Identifier)}
    renames = {}
    for name in sorted(names):
        new = f"_t{name}"
        while new in used:
            new = f"_{new}"
        used.add(new)
        renames[name] = new
    for alias in nodes(tree, exp.TableAlias):
        if alias.name in renames:
            alias.set("this", exp.to_identifier(renames[alias.name]))
    for column in nodes(tree, exp.Column):
        if column.table in renames:
            column.set("table", exp.to_identifier(renames[column.table]))


_SCHEMA: tuple[tuple, dict[str, dict[str, str]], MappingSchema] | None = None

# BigQuery functions sqlglot parses as anonymous calls, with the type BigQuery gives them:
# untyped, a rule that needs the type (NaN comparisons, NaN ordering, MIN of NaN) would
# skip ``IEEE_DIVIDE(0, 0) > 0`` and answer as DuckDB does.
RETURN_TYPES = {"IEEE_DIVIDE": exp.DataType.build("DOUBLE")}
_ANONYMOUS = BigQuery.EXPRESSION_METADATA[exp.Anonymous]["annotator"]


def _annotate_anonymous(annotator: object, node: exp.Anonymous) -> None:
    known = RETURN_TYPES.get(node.name.upper())
    if known is None:
        _ANONYMOUS(annotator, node)
    else:
        annotator._set_type(node, known.copy())  # type: ignore[attr-defined]


METADATA = {**BigQuery.EXPRESSION_METADATA, exp.Anonymous: {"annotator": _annotate_anonymous}}


def _schema(ctx: Context) -> tuple[dict[str, dict[str, str]], MappingSchema]:
    """The context's tables, and as one sqlglot schema built once per set of tables: building
    it parses every column type, a third of a qualification when done per query (contexts
    that differ only in their parameters share it)."""
    global _SCHEMA
    if _SCHEMA is None or _SCHEMA[0] is not ctx.tables:
        tables = {t.local: t.columns for t in ctx.tables}
        _SCHEMA = (ctx.tables, tables, MappingSchema(tables, dialect="bigquery"))
    return _SCHEMA[1], _SCHEMA[2]


def qualify_columns(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Resolve every column as BigQuery does (an UNNEST alias may equal a column name).

    DuckDB resolves `modules.slug` in `FROM t, UNNEST(modules) AS modules` differently
    (the table column wins, or it is ambiguous); qualifying on the BigQuery tree first
    makes every reference explicit before DuckDB sees it.
    """

    schema, mapping = _schema(ctx)
    qualified = qualify_bigquery(tree, schema, mapping)
    if qualified is not tree:
        tree.replace(qualified)
    # Every later rule asks for BigQuery types (DATE vs TIMESTAMP, INT64 vs FLOAT64).
    metadata = _with_parameters(ctx.parameters) if ctx.parameters else METADATA
    annotate_types(qualified, schema=mapping, expression_metadata=metadata, dialect="bigquery")
    return True


def _with_parameters(parameters: tuple[tuple[str, str], ...]) -> dict:
    """The annotator's metadata with each ``@name`` typed as its value is (BigQuery's
    parameters are typed; untyped, ``SUM(z - @p)`` was left to DuckDB's SUM type)."""
    types = {name: exp.DataType.build(kind, dialect="bigquery") for name, kind in parameters}

    def annotate(annotator: object, node: exp.Parameter) -> None:
        known = types.get(node.name)
        kind = known.copy() if known is not None else exp.DataType.Type.UNKNOWN
        annotator._set_type(node, kind)  # type: ignore[attr-defined]

    return {**METADATA, exp.Parameter: {"annotator": annotate}}


def implicit_unnest(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``FROM t, t.modules`` names each element ``modules``, as BigQuery's implicit UNNEST does.

    Without the alias the element is anonymous offline and ``modules.slug`` cannot resolve.
    """

    changed = False
    for unnest in nodes(tree, exp.Unnest):
        if unnest.args.get("alias") or not isinstance(unnest.parent, exp.Join | exp.From):
            continue
        arg = unnest.expressions[0] if unnest.expressions else None
        if isinstance(arg, exp.Column) and arg.table:
            unnest.set("alias", exp.TableAlias(columns=[exp.to_identifier(arg.name)]))
            changed = True
    return changed


_SCALAR_ARRAYS = (exp.GenerateSeries, exp.GenerateDateArray, exp.GenerateTimestampArray)


def anonymous_unnest_offset(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``FROM UNNEST([10, 20]) WITH OFFSET`` (no alias) keeps its element column.

    DuckDB's ``WITH ORDINALITY AS _0("offset")`` names the first column, the element, so
    ``offset`` would read 10 and 20 (and ``SELECT *`` lose the element). The element gets
    the name BigQuery shows for an unnamed column (``f0_``); arrays of STRUCTs (whose
    fields are the columns) and arrays of a type unknown before qualification are left alone.
    """

    changed = False
    for unnest in nodes(tree, exp.Unnest):
        if unnest.args.get("alias") or not unnest.args.get("offset"):
            continue
        if len(unnest.expressions) != 1 or not isinstance(unnest.parent, exp.From | exp.Join):
            continue
        arg = unnest.expressions[0]
        scalar = isinstance(arg, _SCALAR_ARRAYS) or (
            isinstance(arg, exp.Array)
            and not any(isinstance(e, exp.Struct | exp.Tuple) for e in arg.expressions)
            and not (
                arg.type is not None
                and arg.type.expressions
                and any(t.is_type(exp.DataType.Type.STRUCT) for t in arg.type.expressions)
            )
        )
        if not scalar:
            continue
        unnest.set("alias", exp.TableAlias(columns=[exp.to_identifier("f0_")]))
        changed = True
    return changed


def offset_from_zero(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``UNNEST(...) WITH OFFSET`` counts from 0 in BigQuery; DuckDB's ordinality counts from 1."""

    changed = False
    for unnest in nodes(tree, exp.Unnest):
        offset = unnest.args.get("offset")
        if not offset:
            continue
        alias = unnest.args.get("alias")
        table = alias.name if alias else ""
        name = offset.name if isinstance(offset, exp.Expression) else "offset"
        scope = unnest.find_ancestor(exp.Select) or tree
        for col in list(scope.find_all(exp.Column)):
            if col.name == name and col.table == table and col.find_ancestor(exp.Unnest) is None:
                col.replace(
                    exp.Paren(this=exp.Sub(this=col.copy(), expression=exp.Literal.number(1)))
                )
                changed = True
    return changed


def output_names(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Unnamed output columns are called ``f0_``, ``f1_``, ... as BigQuery names them.

    Without this, DuckDB would name them after the expression text (and the pinned clock
    would name a CURRENT_DATE() column after the date). Only the outermost SELECT (each
    branch of a set operation) produces names a user sees.
    """

    changed = False
    selects = [tree] if isinstance(tree, exp.Select) else []
    if isinstance(tree, exp.SetOperation):
        selects = [s for s in nodes(tree, exp.Select) if _top_of_set(s, tree)]
    for select in selects:
        anonymous = 0
        for i, proj in enumerate(list(select.expressions)):
            if isinstance(proj, exp.Alias | exp.Star) or (
                isinstance(proj, exp.Column) and not isinstance(proj.this, exp.Star)
            ):
                continue
            call = isinstance(proj, exp.Dot) and isinstance(proj.expression, exp.Anonymous)
            if (isinstance(proj, exp.Dot) and not call) or (
                isinstance(proj, exp.Column) and isinstance(proj.this, exp.Star)
            ):
                continue
            # exp.Alias even for a subquery (alias_ would give it a table alias, which
            # sqlglot's ORDER BY 1 cannot resolve)
            named = exp.Alias(this=proj.copy(), alias=exp.to_identifier(f"f{anonymous}_"))
            select.expressions[i].replace(named)
            anonymous += 1
            changed = True
    return changed


def _top_of_set(select: exp.Select, root: exp.Expression) -> bool:

    node = select.parent
    while node is not None and node is not root:
        if not isinstance(node, exp.SetOperation | exp.Subquery):
            return False
        node = node.parent
    return True


# DuckDB binds a Decimal as DECIMAL(digits, scale) of that value (1.25: DECIMAL(3,2)); a
# NUMERIC parameter is NUMERIC, DECIMAL(38,9), as its value is within it (wbcore/parameters)
_NUMERIC_PARAMETERS = {"NUMERIC": "DECIMAL(38, 9)", "ARRAY<NUMERIC>": "DECIMAL(38, 9)[]"}


def query_parameters(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """BigQuery `@name` parameters become DuckDB named parameters `$name` (a NUMERIC one
    cast to NUMERIC's DECIMAL(38, 9): bound as it came, ``SELECT @n`` was DECIMAL(3, 2))."""

    kinds = dict(ctx.parameters)
    changed = False
    for node in nodes(tree, exp.Parameter):
        name = node.name
        if isinstance(node.this, exp.Parameter):  # @@name: a system variable, no parameter
            raise UnsupportedError(
                f"system variable @@{node.this.name}",
                "offline there is no session or script to read it from",
                line_of(node),
            )
        if not name:
            raise UnsupportedError("positional parameter ?", "use named @parameters", line_of(node))
        if name not in out.parameters:
            out.parameters.append(name)
        bound: exp.Expression = exp.Placeholder(this=name)
        numeric = _NUMERIC_PARAMETERS.get(kinds.get(name, ""))
        node.replace(cast(bound, numeric) if numeric else bound)
        changed = True
    return changed


def select_alias_references(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``GROUP BY slug`` may name the select-list alias of ``m.slug`` (``UNNEST(...) AS m``).

    sqlglot's qualifier leaves such a reference pointing at a FROM item that has no such
    column, and DuckDB then fails to bind it. BigQuery resolves it to the select-list
    expression, so the reference is replaced by that expression. A reference that matches
    neither a FROM item nor an alias is an unknown column.
    """

    changed = False
    for scope in traverse_scope(tree):
        select = scope.expression
        if not isinstance(select, exp.Select):
            continue
        aliases = {p.alias.lower(): p.this for p in select.expressions if isinstance(p, exp.Alias)}
        # An UNNEST source has exactly the columns its alias names (the element, the offset).
        unnest_columns = {}
        for name, source in scope.sources.items():
            node = getattr(source, "expression", source)  # a Scope wraps the UNNEST
            alias = node.args.get("alias") if isinstance(node, exp.Unnest) else None
            if alias is not None and alias.columns:
                unnest_columns[name.lower()] = {c.name.lower() for c in alias.columns}
                offset = node.args.get("offset")
                if isinstance(offset, exp.Identifier):
                    unnest_columns[name.lower()].add(offset.name.lower())
        for key in ("group", "having", "order"):
            clause = select.args.get(key)
            if clause is None:
                continue
            for col in list(clause.find_all(exp.Column)):
                columns = unnest_columns.get(col.table.lower()) if col.table else None
                if columns is None or col.name.lower() in columns:
                    continue
                target = aliases.get(col.name.lower())
                if target is None:
                    raise UserError(
                        f"unknown column {col.name!r}",
                        line=line_of(col),
                        construct=col.name,
                        hint=SCHEMA_HINT,
                        condition=UNKNOWN_NAME,
                    )
                col.replace(target.copy())
                changed = True
    return changed


def group_by_subquery_alias(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``GROUP BY x`` naming ``(SELECT ...) AS x`` groups by that select-list item's ordinal.

    GoogleSQL lets GROUP BY name any select-list alias (query-syntax, GROUP BY). sqlglot's
    qualifier expands the alias into a copy of the subquery and, for a correlated one, leaves
    the outer columns of the select-list original unresolved ("unknown column"); the ordinal
    means the same item and is expanded after the select list is qualified.
    """
    changed = False
    for select in nodes(tree, exp.Select):
        group = select.args.get("group")
        if not group or not group.expressions:
            continue
        aliases = {
            item.alias.lower(): i + 1
            for i, item in enumerate(select.expressions)
            if isinstance(item, exp.Alias) and item.this.find(exp.Select) is not None
        }
        if not aliases:
            continue
        for key in group.expressions:
            if isinstance(key, exp.Column) and not key.table and key.name.lower() in aliases:
                key.replace(exp.Literal.number(aliases[key.name.lower()]))
                changed = True
    return changed


def unnest_alias_paths(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """``FROM UNNEST(...) AS t, t.arr AS e``: a path from an UNNEST's element is an implicit
    UNNEST, as one from a table or subquery alias is (sqlglot's parser knows only those, so
    ``t.arr`` was looked up as a table)."""

    changed = False
    for select in nodes(tree, exp.Select):
        from_ = select.args.get("from_")
        items = [from_.this] if isinstance(from_, exp.From) else []
        refs: set[str] = set()
        for item in items + [j.this for j in select.args.get("joins") or []]:
            alias = item.args.get("alias") if isinstance(item, exp.Unnest) else None
            if isinstance(alias, exp.TableAlias) and alias.columns and not alias.name:
                refs.add(alias.columns[0].name.lower())
        if not refs:
            continue
        for join in select.args.get("joins") or []:
            table = join.this
            if not isinstance(table, exp.Table) or join.args.get("on") or not table.args.get("db"):
                continue
            if table.args.get("catalog") or table.args["db"].name.lower() not in refs:
                continue
            path = exp.column(table.name, table=table.args["db"].name)
            unnest = exp.Unnest(expressions=[path])
            if table.alias:
                unnest.set("alias", exp.TableAlias(columns=[exp.to_identifier(table.alias)]))
            table.replace(unnest)
            changed = True
    return changed
