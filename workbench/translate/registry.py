"""The translation rules, each with its name, phase and what it handles, in the order they run.

A rule rewrites the BigQuery syntax tree in place and returns whether it changed anything,
or raises ``UnsupportedError``/``UserError``. Rule functions live by area in
``rules/<area>.py`` (names, clock, dates, strings, binary, maths, numbers, arrays, aggregates,
comparisons, structs, clauses, debugging, refusals, unnest, batches), each area with its tests in
``tests/workbench/translate/rules/test_<area>.py``.

``RULES`` runs in list order, and the list is ordered by phase (a test checks it):
  BEFORE_QUALIFY  rewrites sqlglot's qualifier must see (table names, implicit UNNEST aliases)
  QUALIFY         BigQuery name resolution; annotates every node with its BigQuery type
  RESOLVE         references the qualifier leaves unresolved (select-list aliases)
  REFUSE          functions no rule handles are refused, before any rule adds DuckDB functions
  REWRITE         typed rewrites, each one difference between the engines
  LITERALS        literal types (every typed rule has read them by now)
  SAFE            ``SAFE.f()``: turns the run-time checks the rewrites built into NULLs
                  (``f``'s own; its arguments were guarded in REWRITE, ``safe-arguments``)
  PARAMETERS      ``@name`` becomes DuckDB's ``$name``
A new rule goes into its area's module and into this list, in its phase; a function call
that sqlglot leaves unrecognised (``exp.Anonymous``) is handled only if a rule names it in
``handles``, which is where the refusal rule gets its list from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

from workbench.translate.context import DP_NOISE_OFF_RULE, DP_RULE
from workbench.translate.rules import (
    aggregates,
    approximate,
    arguments,
    array_casts,
    array_paths,
    arrays,
    batches,
    binary,
    bytes_bits,
    casts,
    civil_ranges,
    civil_text,
    clauses,
    clock,
    comparisons,
    correlated_paths,
    date_formats,
    dates,
    debugging,
    dp,
    extended_signatures,
    field_names,
    float_range,
    frame_offsets,
    grouping_sets,
    hll,
    interval_checks,
    intervals,
    json_access,
    json_paths,
    json_values,
    local_aggregates,
    maths,
    name_case,
    names,
    navigation,
    numbers,
    numeric,
    output_columns,
    pivots,
    quantified_like,
    range_variables,
    refusals,
    regexps,
    shared_nodes,
    strings,
    struct_supertypes,
    structs,
    text_forms,
    time_arithmetic,
    trigonometry,
    unnest,
    value_tables,
    window_sums,
    windows,
    with_order,
    zone_local,
    zone_text,
    zones,
)

if TYPE_CHECKING:
    from sqlglot import exp

    from workbench.translate.context import Context, Translation


class Phase(IntEnum):
    BEFORE_QUALIFY = 1
    QUALIFY = 2
    RESOLVE = 3
    REFUSE = 4
    REWRITE = 5
    LITERALS = 6
    SAFE = 7
    PARAMETERS = 8


@dataclass(frozen=True)
class Rule:
    name: str
    phase: Phase
    why: str
    apply: Callable[[exp.Expression, Context, Translation], bool]
    # BigQuery functions or constructs the rule rewrites (upper case, BigQuery's names)
    handles: tuple[str, ...] = ()
    # shown with the rule's name when it fires: what the user should know about the result
    notice: str = ""

    @property
    def fired_as(self) -> str:
        """The rule's entry in ``Translation.rules``: its name, and its notice if it has one."""
        return f"{self.name} ({self.notice})" if self.notice else self.name


def _refuse_missing_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    return refusals.no_duckdb_function(tree)


def _refuse_unverified_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    return refusals.function_allowlist(tree, out.bigquery)


def _refuse_unknown_functions(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    return refusals.unknown_functions(tree, HANDLED_FUNCTIONS)


RULES: tuple[Rule, ...] = (
    # -- issue 15: first of all, on the calls as written (later rules add calls of their own,
    # DuckDB's too); before names resolve, as BigQuery looks a function up before its arguments
    Rule(
        "function-allowlist",
        Phase.BEFORE_QUALIFY,
        "a call runs offline only if its BigQuery name is verified (functions_offline.OFFLINE); "
        "a name BigQuery lacks is 'Function not found'",
        _refuse_unverified_functions,
    ),
    Rule(
        "unnest-alias-paths",
        Phase.BEFORE_QUALIFY,
        "FROM UNNEST(...) AS t, t.arr: a path from an UNNEST element is an implicit UNNEST",
        names.unnest_alias_paths,
    ),
    Rule(
        "recursive-with-order",
        Phase.BEFORE_QUALIFY,
        "WITH RECURSIVE a AS (... FROM b), b AS (...): a query may read a later one",
        with_order.recursive_with_order,
    ),
    Rule(
        "multi-array-unnest",
        Phase.BEFORE_QUALIFY,
        "UNNEST(a, b) in FROM zips arrays: refused (DuckDB's binder fails on it)",
        correlated_paths.multi_array_unnest,
    ),
    Rule(
        "correlated-array-paths",
        Phase.BEFORE_QUALIFY,
        "ARRAY(SELECT v FROM t.arr v): a FROM path from an outer range variable is an UNNEST",
        correlated_paths.correlated_array_paths,
    ),
    Rule(
        "range-variable-names",
        Phase.BEFORE_QUALIFY,
        "a bare name that is a FROM item's and a column's: BigQuery's whole row, refused",
        range_variables.range_variable_names,
    ),
    Rule(
        "table-names",
        Phase.BEFORE_QUALIFY,
        "production and public table names read the local table",
        names.map_table_names,
    ),
    Rule(
        "output-names",
        Phase.BEFORE_QUALIFY,
        "unnamed output columns are f0_, f1_, ... as in BigQuery",
        names.output_names,
    ),
    Rule(
        "pinned-clock",
        Phase.BEFORE_QUALIFY,
        "CURRENT_DATE() etc. evaluate at the dataset's as-of date",
        clock.pin_clock,
        handles=("CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_DATETIME", "CURRENT_TIME"),
    ),
    Rule(
        "implicit-unnest",
        Phase.BEFORE_QUALIFY,
        "FROM t, t.arr names the element after the array",
        names.implicit_unnest,
    ),
    Rule(
        "grouping-item-keys",
        Phase.BEFORE_QUALIFY,
        "which SELECT items GROUPING SETS/ROLLUP/CUBE name by alias or ordinal (marked)",
        grouping_sets.mark_item_keys,
    ),
    Rule(
        "struct-value-subqueries",
        Phase.BEFORE_QUALIFY,
        "FROM (SELECT AS STRUCT ...) AS t is a table of the STRUCT's fields, t the STRUCT",
        value_tables.struct_value_subqueries,
    ),
    Rule(
        "anonymous-unnest-offset",
        Phase.BEFORE_QUALIFY,
        "FROM UNNEST([...]) WITH OFFSET without an alias keeps its element column (f0_)",
        names.anonymous_unnest_offset,
    ),
    # -- bytes and strings (issue 15), before qualification
    Rule(
        "raw-string-literals",
        Phase.BEFORE_QUALIFY,
        "r'...' is a STRING literal like any other (rules read its value)",
        strings.raw_string_literals,
    ),
    Rule(
        "normalize-modes",
        Phase.BEFORE_QUALIFY,
        "NORMALIZE_AND_CASEFOLD(s, NFKC): the mode is a keyword, not a column",
        binary.normalize_modes,
    ),
    # -- differential privacy (issue 20), before qualification: the plan is plain BigQuery SQL
    Rule(
        DP_RULE,
        Phase.BEFORE_QUALIFY,
        "SELECT WITH DIFFERENTIAL_PRIVACY: contribution bounding, Laplace noise (the DP "
        "library's quantile tree for PERCENTILE_CONT), thresholding",
        dp.differential_privacy,
        handles=dp.HANDLES,
        notice="noise keyed by the dataset's seed and the query text",
    ),
    Rule(
        DP_NOISE_OFF_RULE,
        Phase.BEFORE_QUALIFY,
        "--dp-noise off: the DP plan without its noise, for debugging",
        dp.noise_off,
        notice=dp.NOISE_OFF,
    ),
    Rule(
        "array-tuples",
        Phase.BEFORE_QUALIFY,
        "[STRUCT(...), (x, y)]: a tuple element of an array is a STRUCT (query oracle)",
        field_names.array_tuples,
    ),
    Rule(
        "select-tuples",
        Phase.BEFORE_QUALIFY,
        "SELECT (x, y): a tuple in a SELECT list is a STRUCT, as in an array",
        field_names.select_tuples,
    ),
    Rule(
        "struct-field-names",
        Phase.BEFORE_QUALIFY,
        "STRUCT(a, s.b) names its fields a and b, from the expressions (query oracle)",
        field_names.struct_field_names,
    ),
    Rule(
        "duplicate-field-names",
        Phase.BEFORE_QUALIFY,
        "STRUCT(k, k): two fields of one name are refused (DuckDB's STRUCT cannot hold them)",
        field_names.duplicate_field_names,
    ),
    Rule(
        "null-struct-fields",
        Phase.BEFORE_QUALIFY,
        "a STRUCT field given as NULL is INT64 (a select-list STRUCT outside set operations)",
        field_names.null_struct_fields,
    ),
    Rule(
        "record-written-names",
        Phase.BEFORE_QUALIFY,
        "the names as written, before the qualifier lowercases them (query oracle)",
        name_case.record_written_names,
    ),
    # -- query oracle (issue 15), before qualification: what `*` expands to
    Rule(
        "unpivot-column-order",
        Phase.BEFORE_QUALIFY,
        "UNPIVOT: value columns before the name column, names as written in IN (...)",
        pivots.unpivot_columns,
    ),
    Rule(
        "group-by-subquery-alias",
        Phase.BEFORE_QUALIFY,
        "GROUP BY the alias of a (correlated) scalar subquery groups by that item",
        names.group_by_subquery_alias,
    ),
    Rule(
        "set-operations-by-name",
        Phase.BEFORE_QUALIFY,
        "UNION/INTERSECT/EXCEPT BY NAME and CORRESPONDING (INNER, FULL, LEFT, BY (...)), before "
        "the qualifier expands a * over them",
        clauses.set_operations_by_name,
    ),
    Rule(
        "pivot-for-expression",
        Phase.BEFORE_QUALIFY,
        "PIVOT ... FOR an expression (not a column) is refused",
        pivots.pivot_for_expression,
    ),
    Rule(
        "duplicate-star-names",
        Phase.BEFORE_QUALIFY,
        "a star over a subquery with repeated column names keeps them (DuckDB renamed x_1)",
        output_columns.duplicate_star_names,
    ),
    Rule(
        "qualify-columns",
        Phase.QUALIFY,
        "columns resolve as in BigQuery (UNNEST aliases)",
        names.qualify_columns,
    ),
    Rule(
        "select-alias-references",
        Phase.RESOLVE,
        "GROUP BY/HAVING/ORDER BY may name a select-list alias of an UNNEST field",
        names.select_alias_references,
    ),
    Rule(
        "in-unnest-literals",
        Phase.RESOLVE,
        "string literals in IN UNNEST([...]) take the DATE/TIMESTAMP type they are compared with",
        comparisons.in_unnest_literals,
    ),
    Rule(
        "unknown-functions",
        Phase.REFUSE,
        "functions without a known-exact translation are refused",
        _refuse_unknown_functions,
    ),
    # -- query oracle (issue 15): first of the rewrites, so that each lands in the tree
    Rule(
        "unshare-type-nodes",
        Phase.REWRITE,
        "a type node the annotation shares (STRUCT(NUMERIC ...)) gets its own copy",
        shared_nodes.unshare_type_nodes,
    ),
    Rule(
        "grouped-columns",
        Phase.REWRITE,
        "with GROUPING SETS/ROLLUP/CUBE an item reads its grouped columns, not an expression key",
        grouping_sets.grouped_columns,
    ),
    Rule(
        "outer-column-aggregates",
        Phase.REWRITE,
        "an aggregate of outer columns only is the subquery's (DuckDB gave it to the outer query)",
        local_aggregates.outer_column_aggregates,
    ),
    Rule(
        "timestamp-arguments",
        Phase.REWRITE,
        "DATE_DIFF/DATE_TRUNC/DATETIME_TRUNC/FORMAT_DATETIME of a TIMESTAMP are the "
        "TIMESTAMP_ functions (24-hour days, a TIMESTAMP, the zone read)",
        extended_signatures.timestamp_arguments,
    ),
    Rule(
        "datetime-weeks",
        Phase.REWRITE,
        "DATE_TRUNC/DATETIME_TRUNC(datetime, WEEK) is a DATETIME (DuckDB's was a DATE)",
        extended_signatures.datetime_weeks,
    ),
    Rule(
        "offset-time-zones",
        Phase.REWRITE,
        "a time zone written as a UTC offset ('-08', '+05:30') is ICU's 'GMT-08:00'",
        zones.offset_zones,
    ),
    Rule(
        "zone-arguments",
        Phase.REWRITE,
        "a time zone argument that is not a literal is read at run time as BigQuery reads it",
        zone_text.zone_arguments,
    ),
    Rule(
        "zoned-calls",
        Phase.REWRITE,
        "TIMESTAMP(text, zone), DATETIME(ts, zone), DATE_TRUNC(ts, part, zone) for any zone",
        zones.zoned_calls,
    ),
    Rule(
        "zoned-truncation",
        Phase.REWRITE,
        "TIMESTAMP_TRUNC(ts, HOUR/MINUTE/SECOND, zone) truncates the zone's time of day",
        zone_local.zoned_truncation,
    ),
    Rule(
        "ambiguous-local-times",
        Phase.REWRITE,
        "a local time a zone shows twice (DST ends) is the earlier instant, as in BigQuery",
        zone_local.ambiguous_local_times,
    ),
    Rule(
        "dp-integer-sums",
        Phase.REWRITE,
        "a differentially private SUM of INT64 is INT64: the noisy sum is rounded",
        dp.integral_sums,
    ),
    # -- SAFE and argument errors (issue 15)
    Rule(
        "argument-refusals",
        Phase.REWRITE,
        "INSTR of BYTES with a position, GENERATE_ARRAY of BIGNUMERIC: refused",
        arguments.argument_refusals,
    ),
    Rule(
        "safe-arguments",
        Phase.REWRITE,
        "SAFE.f(args) still raises the errors of args",
        arguments.safe_arguments,
    ),
    Rule(
        "bytes-regexps",
        Phase.REWRITE,
        "regular expressions on BYTES match bytes (one character per byte)",
        binary.bytes_regexps,
    ),
    Rule(
        "argument-errors",
        Phase.REWRITE,
        "negative lengths, step 0, bad positions raise; INSTR occurrences",
        arguments.argument_errors,
    ),
    Rule(
        "regexp-computed-pattern-groups",
        Phase.REWRITE,
        "REGEXP_EXTRACT(_ALL) of a computed pattern returns its group's match; REGEXP_INSTR's "
        "group position is refused",
        regexps.computed_pattern_groups,
    ),
    Rule(
        "regexp-instr-groups",
        Phase.REWRITE,
        "REGEXP_INSTR of a pattern with a capturing group is the group's position",
        regexps.regexp_instr_groups,
    ),
    Rule(
        "numeric-generate-array",
        Phase.REWRITE,
        "GENERATE_ARRAY of NUMERIC: exact, ARRAY<NUMERIC> (FLOAT64 literals coerced)",
        arrays.numeric_generate_array,
    ),
    Rule(
        "float-generate-array",
        Phase.REWRITE,
        "GENERATE_ARRAY of FLOAT64: start + i * step up to end; NaN, 0 and inf steps raise",
        arrays.float_generate_array,
    ),
    # -- end of SAFE and argument errors (issue 15)
    # -- dates, grouping and structs (issue 15)
    Rule(
        "tablesample",
        Phase.REWRITE,
        "TABLESAMPLE is refused (BigQuery samples storage blocks)",
        clauses.tablesample,
    ),
    # -- query oracle round 2 (issue 15)
    Rule(
        "having-modifier",
        Phase.REWRITE,
        "agg(x HAVING MAX/MIN y) is refused but in ANY_VALUE (DuckDB's ARG_MAX/ARG_MIN)",
        aggregates.having_modifier,
    ),
    Rule(
        "struct-select-order",
        Phase.REWRITE,
        "SELECT AS STRUCT ... ORDER BY an item's alias orders by the item's expression",
        value_tables.struct_select_order,
    ),
    Rule(
        "having-max-nan",
        Phase.REWRITE,
        "ANY_VALUE(x HAVING MAX/MIN y) is NULL when y has a NaN (MAX/MIN are NaN, equal to no row)",
        aggregates.having_nan,
    ),
    Rule(
        "pivot-column-names",
        Phase.REWRITE,
        "PIVOT with aliased aggregates: BigQuery's alias_value names read DuckDB's value_alias",
        pivots.pivot_column_names,
    ),
    Rule(
        "limit-counts",
        Phase.REWRITE,
        "LIMIT/OFFSET (and an aggregate's LIMIT) of NULL or a negative count raise",
        clauses.limit_counts,
    ),
    Rule(
        "group-by-all",
        Phase.REWRITE,
        "GROUP BY ALL groups by the items that reference FROM; none: one group",
        clauses.group_by_all,
    ),
    Rule(
        "set-operation-civil-literals",
        Phase.REWRITE,
        "a string literal in a set operation column of DATE/DATETIME/TIME/TIMESTAMP is one",
        civil_text.set_operation_literals,
    ),
    Rule(
        "array-field-access",
        Phase.REWRITE,
        "array_of_structs.field reads the field of every element (an array field flattened)",
        array_paths.array_field_access,
    ),
    Rule(
        "struct-supertypes",
        Phase.REWRITE,
        "STRUCT operands of arrays, IF/CASE/COALESCE, ARRAY_CONCAT, set operations and IS "
        "[NOT] DISTINCT FROM take the first's field names (by position; DuckDB unifies by name)",
        struct_supertypes.struct_supertypes,
    ),
    Rule(
        "partition-by-types",
        Phase.REWRITE,
        "PARTITION BY an ARRAY or STRUCT is an error (groupable in GROUP BY and DISTINCT only)",
        clauses.partition_by_types,
    ),
    Rule(
        "navigation-arguments",
        Phase.REWRITE,
        "LAG/LEAD: negative or non-constant offset, non-constant default raise; the default's "
        "supertype",
        windows.navigation_arguments,
    ),
    Rule(
        "invalid-casts",
        Phase.REWRITE,
        "CAST/SAFE_CAST between types BigQuery does not convert (BOOL to FLOAT64, ...) raise",
        casts.invalid_casts,
    ),
    Rule(
        "null-civil-arguments",
        Phase.REWRITE,
        "DATE_ADD(NULL, ...), TIMESTAMP_TRUNC(text, ...): NULL or text has the function's type",
        casts.null_civil_arguments,
    ),
    Rule(
        "array-element-casts",
        Phase.REWRITE,
        "CAST(array AS ARRAY<T>) casts each element as a scalar (half away from zero, ...); "
        "SAFE_CAST of an ARRAY with an element that fails is NULL",
        array_casts.array_element_casts,
    ),
    Rule(
        "struct-casts",
        Phase.REWRITE,
        "CAST(struct AS STRUCT<...>) converts by field position and takes the target's names",
        casts.struct_casts,
    ),
    Rule(
        "type-parameters",
        Phase.REWRITE,
        "CAST to STRING(L)/BYTES(L) checks the length, to NUMERIC(P, S) rounds and checks the range",
        casts.type_parameters,
    ),
    Rule(
        "civil-differences",
        Phase.REWRITE,
        "DATE - DATE is an INTERVAL of days, TIMESTAMP - TIMESTAMP and TIME - TIME of hours "
        "to microseconds (oracle round 4)",
        intervals.civil_differences,
    ),
    Rule(
        "interval-range",
        Phase.REWRITE,
        "INTERVAL n unit past INTERVAL's range (10000 years) is an error",
        interval_checks.interval_range,
    ),
    Rule(
        "timestamp-interval-months",
        Phase.REWRITE,
        "TIMESTAMP +/- an INTERVAL with months is an error, as in BigQuery",
        interval_checks.timestamp_months,
    ),
    Rule(
        "interval-ranges",
        Phase.REWRITE,
        "INTERVAL 'Y-M D H:M:S' <from> TO <to> read at translation (oracle round 4)",
        intervals.interval_ranges,
    ),
    Rule(
        "make-interval-range",
        Phase.REWRITE,
        "MAKE_INTERVAL of literal parts past INTERVAL's range is an error",
        casts.make_interval_range,
    ),
    Rule(
        "make-interval",
        Phase.REWRITE,
        "MAKE_INTERVAL(year, ..., second) as a sum of to_years ... to_seconds (oracle round 4)",
        intervals.make_interval,
    ),
    Rule(
        "extract-subsecond",
        Phase.REWRITE,
        "EXTRACT(MILLISECOND/MICROSECOND) within the second; parts the type lacks are errors",
        dates.extract_subsecond,
    ),
    Rule(
        "trunc-diff-parts",
        Phase.REWRITE,
        "DAYOFWEEK/DAYOFYEAR in *_TRUNC and *_DIFF are errors",
        dates.trunc_diff_parts,
    ),
    Rule(
        "current-zones",
        Phase.REWRITE,
        "CURRENT_DATE/DATETIME/TIME([zone]) unpinned: the instant's date, datetime, time in zone",
        clock.current_zones,
    ),
    Rule(
        "civil-constructor-text",
        Phase.REWRITE,
        "DATE/TIME of a string literal read it as a TIMESTAMP, DATETIME as a DATETIME; "
        "TIME(timestamp) is UTC's time of day",
        civil_text.civil_constructor_text,
    ),
    Rule(
        "civil-time-literals",
        Phase.REWRITE,
        "DATE/DATETIME/TIME/TIMESTAMP literals outside 0001-9999, 00:00-23:59 are errors",
        civil_ranges.civil_time_literals,
    ),
    Rule(
        "civil-text-constructors",
        Phase.REWRITE,
        "TIMESTAMP/DATETIME/DATE of non-literal text read it as CAST(text AS TIMESTAMP) does",
        zone_text.text_constructors,
    ),
    Rule(
        "civil-text-casts",
        Phase.REWRITE,
        "text cast to DATE/DATETIME/TIMESTAMP must be in BigQuery's form (no spaces, '/')",
        civil_text.civil_text_casts,
    ),
    Rule(
        "civil-time-range",
        Phase.REWRITE,
        "date arithmetic and casts past 9999-12-31 (or TIME 24:00) raise",
        civil_ranges.civil_time_range,
    ),
    Rule(
        "timestamp-time-cast",
        Phase.REWRITE,
        "CAST(TIMESTAMP AS TIME) is the time of day in UTC",
        dates.timestamp_time,
    ),
    Rule(
        "concat-mixed-types",
        Phase.REWRITE,
        "CONCAT and || cast a value that is not STRING or BYTES to STRING (one argument too)",
        text_forms.concat_mixed,
        handles=("CONCAT",),
    ),
    Rule(
        "interval-aggregates",
        Phase.REWRITE,
        "SUM/AVG of INTERVAL values (DuckDB has neither) from the sums of the months, days "
        "and time, a sum past INTERVAL's range an error",
        intervals.interval_aggregates,
    ),
    Rule(
        "interval-forms",
        Phase.REWRITE,
        "INTERVAL range literals, INTERVAL text casts and SUM/AVG of INTERVAL are refused",
        casts.interval_forms,
    ),
    Rule(
        "temporal-text",
        Phase.REWRITE,
        "CAST(TIMESTAMP/DATETIME/TIME AS STRING): 0, 3 or 6 digits, +00",
        dates.temporal_text,
    ),
    Rule(
        "numeric-literal-coercion",
        Phase.REWRITE,
        "a FLOAT64 literal next to a NUMERIC value (an operand, a compared value, a result of "
        "IF/CASE/COALESCE, an array element or STRUCT field) is NUMERIC",
        numeric.numeric_literals,
    ),
    Rule(
        "numeric-set-literals",
        Phase.REWRITE,
        "a FLOAT64 literal column of a UNION whose other branches give NUMERIC is NUMERIC",
        numeric.numeric_set_literals,
    ),
    Rule(
        "struct-star",
        Phase.REWRITE,
        "expr.* of a STRUCT expression: one column per field (DuckDB could not parse it)",
        structs.struct_star,
    ),
    Rule(
        "struct-comparisons",
        Phase.REWRITE,
        "STRUCT in =, IN, IN UNNEST and CASE compares fields with NULL semantics",
        structs.struct_comparisons,
    ),
    Rule(
        "nested-result-arrays",
        Phase.REWRITE,
        "a NULL element of an ARRAY inside a result STRUCT is an error",
        structs.nested_result_arrays,
    ),
    # -- end of issue 15 block
    Rule(
        "result-arrays",
        Phase.REWRITE,
        "NULL arrays show as []; NULL elements in results are errors",
        arrays.result_arrays,
    ),
    # -- approximate functions and name resolution (issue 15)
    Rule(
        "approximate-exact",
        Phase.REWRITE,
        "APPROX_* run exactly (an answer BigQuery gives on small inputs)",
        approximate.approximate_functions,
        handles=("APPROX_COUNT_DISTINCT", "APPROX_QUANTILES", "APPROX_TOP_COUNT", "APPROX_TOP_SUM"),
        notice=approximate.NOTICE,
    ),
    Rule(
        "hll-exact-sets",
        Phase.REWRITE,
        "HLL_COUNT sketches are exact sets; EXTRACT/MERGE equal COUNT(DISTINCT)",
        hll.hll_count,
        handles=hll.HLL_NAMES,
        notice=approximate.NOTICE,
    ),
    # -- end of issue 15's block
    Rule(
        "numeric-type",
        Phase.REWRITE,
        "NUMERIC is DECIMAL(38, 9); BIGNUMERIC is refused",
        maths.numeric_type,
    ),
    Rule(
        "integer-results",
        Phase.REWRITE,
        "SUM/COUNTIF and -(expression) of INT64 are INT64 (overflow is an error)",
        maths.integer_results,
    ),
    # -- floats, NaN and NUMERIC (issue 15)
    Rule(
        "numeric-arithmetic",
        Phase.REWRITE,
        "NUMERIC * and / keep scale 9; AVG(NUMERIC) is NUMERIC",
        numeric.numeric_arithmetic,
    ),
    Rule(
        "numeric-functions",
        Phase.REWRITE,
        "SQRT/LN/POW/SIGN/DIV/SAFE_DIVIDE of NUMERIC are NUMERIC; CAST(NUMERIC AS STRING)",
        numeric.numeric_functions,
    ),
    Rule(
        "float-overflow",
        Phase.REWRITE,
        "FLOAT64 overflow is an error (NULL in SAFE_DIVIDE & co.)",
        numbers.float_overflow,
        handles=tuple(numbers.SAFE_FLOAT),
    ),
    Rule(
        "int64-sum-overflow",
        Phase.REWRITE,
        "SUM of INT64 past the INT64 range is an int64 overflow error",
        numbers.int64_sum_overflow,
    ),
    Rule(
        "nan-between-in",
        Phase.REWRITE,
        "BETWEEN/IN with NaN are FALSE; GREATEST/LEAST of NaN are NaN",
        numbers.nan_between_in,
    ),
    Rule(
        "percentile-range",
        Phase.REWRITE,
        "PERCENTILE_CONT/DISC with a constant percentile outside [0, 1] is BigQuery's error",
        navigation.percentile_range,
    ),
    Rule(
        "percentile-parameters",
        Phase.REWRITE,
        "PERCENTILE_CONT/DISC with a parameter percentile: NULL, NaN or outside [0, 1] "
        "raise BigQuery's error; without OVER refused",
        navigation.percentile_parameters,
    ),
    Rule(
        "numeric-percentile-type",
        Phase.REWRITE,
        "PERCENTILE_CONT(NUMERIC, FLOAT64 percentile) is FLOAT64, as BigQuery types it",
        numbers.numeric_percentile_type,
    ),
    Rule(
        "percentile-null-modifiers",
        Phase.REWRITE,
        "PERCENTILE_CONT/DISC: IGNORE NULLS (the default) dropped, RESPECT NULLS refused",
        navigation.percentile_null_modifiers,
    ),
    Rule(
        "numeric-percentile",
        Phase.REWRITE,
        "PERCENTILE_CONT(NUMERIC, NUMERIC percentile) interpolates exactly, in NUMERIC",
        numeric.numeric_percentile,
    ),
    Rule(
        "exact-disc-percentile",
        Phase.REWRITE,
        "PERCENTILE_DISC's position from its FLOAT64 percentile's exact value (DuckDB: a "
        "DOUBLE product, 0.2 * 5 = 1; -0.0 read from the end)",
        navigation.exact_disc_percentile,
    ),
    Rule(
        "nan-percentile",
        Phase.REWRITE,
        "PERCENTILE_CONT sorts NaN before every number",
        numbers.nan_percentile,
    ),
    Rule(
        "statistical-edges",
        Phase.REWRITE,
        "STDDEV/VAR/COVAR/CORR: NULL below two values, NaN for inf/NaN, NUMERIC exact",
        numbers.statistical_edges,
    ),
    Rule(
        "float-aggregate-range",
        Phase.REWRITE,
        "SUM/AVG/VAR/STDDEV/COVAR/CORR of FLOAT64 past the double range in between: the "
        "values scaled by a power of two (GoogleSQL accumulates in long double)",
        float_range.float_aggregate_range,
    ),
    Rule(
        "countif-zero",
        Phase.REWRITE,
        "COUNTIF over no rows is 0",
        numbers.countif_zero,
    ),
    # -- end of floats, NaN and NUMERIC
    Rule(
        "long-double-rounding",
        Phase.REWRITE,
        "ROUND/TRUNC(FLOAT64, digits) in long double, as GoogleSQL's math.cc",
        maths.long_double_rounding,
        handles=("ROUND", "TRUNC"),
    ),
    Rule(
        "rounding",
        Phase.REWRITE,
        "ROUND/TRUNC/CEIL/FLOOR/SIGN result types",
        maths.rounding,
        handles=("ROUND", "TRUNC", "CEIL", "FLOOR", "SIGN"),
    ),
    Rule(
        "interval-division",
        Phase.REWRITE,
        "INTERVAL / INT64 is an INTERVAL, divided part by part as GoogleSQL divides it",
        intervals.interval_division,
    ),
    Rule(
        "division", Phase.REWRITE, "/ is FLOAT64; / DIV MOD by zero raise an error", maths.division
    ),
    Rule(
        "ieee-safe-arithmetic",
        Phase.REWRITE,
        "IEEE_DIVIDE, SAFE_ADD & co., RANGE_BUCKET",
        maths.ieee_and_safe_arithmetic,
        handles=maths.SAFE_ARITHMETIC,
    ),
    Rule(
        "domain-errors",
        Phase.REWRITE,
        "SQRT/LN/LOG of negative numbers raise an error",
        maths.domain_errors,
        handles=("SQRT", "LN", "LOG", "LOG10", "ACOS", "ASIN", "EXP", "POW", "COT", "CSC"),
    ),
    Rule(
        "float-to-int64",
        Phase.REWRITE,
        "CAST(FLOAT64 AS INT64) rounds half away from zero",
        maths.float_to_int,
    ),
    Rule(
        "string-to-int64",
        Phase.REWRITE,
        "CAST(STRING AS INT64) accepts only integer text",
        maths.string_to_int,
    ),
    Rule(
        "text-number-casts",
        Phase.REWRITE,
        "CAST(STRING AS FLOAT64 | NUMERIC) accepts only BigQuery's number text ('1_000' fails)",
        maths.text_number_casts,
    ),
    Rule(
        "float-to-string",
        Phase.REWRITE,
        "CAST(FLOAT64 AS STRING) is refused (text form differs)",
        maths.float_to_string,
    ),
    Rule(
        "string-to-bool",
        Phase.REWRITE,
        "CAST(STRING AS BOOL) accepts only 'true' and 'false'",
        maths.string_to_bool,
    ),
    Rule(
        "extract-parts",
        Phase.REWRITE,
        "DAYOFWEEK from 1 = Sunday, WEEK from Sunday with week 0, ISOWEEK",
        dates.extract_parts,
    ),
    Rule(
        "date-results",
        Phase.REWRITE,
        "DATE_TRUNC/DATE_ADD/DATE_SUB on a DATE return a DATE",
        dates.date_results,
    ),
    Rule(
        "timestamp-diff",
        Phase.REWRITE,
        "TIMESTAMP_DIFF counts whole elapsed units",
        dates.timestamp_diff,
        handles=("TIMESTAMP_DIFF",),
    ),
    Rule(
        "timestamp-results",
        Phase.REWRITE,
        "TIMESTAMP_MILLIS/PARSE_TIMESTAMP return TIMESTAMP",
        dates.timestamp_results,
    ),
    Rule(
        "parse-elements",
        Phase.REWRITE,
        "PARSE_* format elements as BigQuery reads them (%E*S, %E<n>S, %n, %t, %R, %r, %h); "
        "the ones DuckDB's strptime lacks or reads otherwise (%g, %u, %C, %Q...) refused",
        date_formats.parse_elements,
        handles=("PARSE_DATE", "PARSE_DATETIME", "PARSE_TIME", "PARSE_TIMESTAMP"),
    ),
    Rule(
        "unix-epoch",
        Phase.REWRITE,
        "UNIX_SECONDS/UNIX_MILLIS round down",
        dates.unix_epoch,
        handles=("UNIX_SECONDS", "UNIX_MILLIS"),
    ),
    Rule(
        "printf-format",
        Phase.REWRITE,
        "FORMAT('%s-%d', ...) is printf-style",
        strings.printf_format,
        handles=("FORMAT",),
    ),
    Rule(
        "format-elements",
        Phase.REWRITE,
        "FORMAT_DATE/TIMESTAMP elements and time zone",
        date_formats.format_elements,
        handles=("FORMAT_DATE", "FORMAT_TIMESTAMP"),
    ),
    Rule(
        "time-functions",
        Phase.REWRITE,
        "TIME_TRUNC; STRING(ts, zone) refused",
        dates.time_functions,
    ),
    # -- bytes and strings (issue 15)
    Rule(
        "bytes-casts",
        Phase.REWRITE,
        "CAST between STRING and BYTES is UTF-8 (invalid UTF-8 is an error), not escaped text",
        binary.bytes_casts,
    ),
    Rule(
        "quantified-like",
        Phase.REWRITE,
        "x LIKE ANY/ALL (patterns) or UNNEST(array) is one LIKE per pattern, three-valued",
        quantified_like.quantified_like,
    ),
    Rule(
        "bytes-functions",
        Phase.REWRITE,
        "string functions on BYTES work on the bytes (LPAD, TRIM, SUBSTR, LIKE, STRING_AGG ...)",
        binary.bytes_functions,
        handles=binary.BYTES_FUNCTION_NAMES,
    ),
    Rule(
        "negative-lengths",
        Phase.REWRITE,
        "LEFT/RIGHT/REPEAT/LPAD/RPAD with a negative length (or empty pattern) raise",
        binary.negative_lengths,
    ),
    Rule(
        "split-empty-delimiter",
        Phase.REWRITE,
        "SPLIT('', '') is ['']",
        binary.split_empty_delimiter,
    ),
    Rule("unicode-empty", Phase.REWRITE, "UNICODE('') is 0", binary.unicode_empty),
    Rule(
        "ascii-first-character",
        Phase.REWRITE,
        "ASCII(s) of a STRING starting with a non-ASCII character is an error",
        binary.ascii_first_character,
    ),
    Rule(
        "instr-positions",
        Phase.REWRITE,
        "INSTR(s, sub, position, occurrence): backward search, occurrences, errors",
        binary.instr_positions,
    ),
    Rule(
        "trim-whitespace",
        Phase.REWRITE,
        "TRIM/LTRIM/RTRIM(s) remove Unicode white space, not only spaces",
        binary.trim_whitespace,
    ),
    Rule(
        "reverse-code-points",
        Phase.REWRITE,
        "REVERSE(s) reverses code points, not grapheme clusters",
        binary.reverse_code_points,
    ),
    Rule(
        "full-case-mapping",
        Phase.REWRITE,
        "UPPER/LOWER map case fully (UPPER('ß') is 'SS')",
        binary.full_case_mapping,
    ),
    Rule(
        "text-functions",
        Phase.REWRITE,
        "NORMALIZE(_AND_CASEFOLD), TRANSLATE duplicates, SOUNDEX",
        binary.text_functions,
    ),
    # -- end of bytes and strings (issue 15)
    # -- oracle round 3 (issue 15)
    Rule(
        "chr-code-point",
        Phase.REWRITE,
        "CHR(INT64) checks the code point and calls DuckDB's chr with an INTEGER",
        strings.chr_code_point,
    ),
    Rule(
        "regexp-extract-all-end",
        Phase.REWRITE,
        "REGEXP_EXTRACT_ALL looks for no empty match at the end of a non-empty string",
        strings.regexp_extract_all_end,
    ),
    Rule(
        "regexp-extract-all-unmatched-group",
        Phase.REWRITE,
        "REGEXP_EXTRACT_ALL's element for a group that matched nothing is '', not NULL",
        regexps.regexp_extract_all_unmatched_group,
    ),
    Rule(
        "last-day-null",
        Phase.REWRITE,
        "LAST_DAY of a NULL constant is a NULL DATE",
        dates.last_day_null,
    ),
    Rule(
        "sha512",
        Phase.REWRITE,
        "SHA512 is the 64-byte SHA-512 digest (sqlglot wrote DuckDB's sha256)",
        text_forms.sha512,
    ),
    Rule(
        "to-json-string",
        Phase.REWRITE,
        "TO_JSON_STRING: 'null' for NULL, INT64 beyond 2^53 quoted; other text forms refused",
        text_forms.to_json_string,
    ),
    Rule(
        "json-text-functions",
        Phase.REWRITE,
        "JSON_VALUE/JSON_QUERY/JSON_EXTRACT* of STRING: numbers as written, NULL for no JSON",
        json_paths.json_functions,
    ),
    Rule(
        "json-type-names",
        Phase.REWRITE,
        "JSON_TYPE names BigQuery's kinds ('string', 'number'), not DuckDB's types",
        json_paths.json_type_names,
    ),
    Rule(
        "json-int64",
        Phase.REWRITE,
        "INT64(JSON) takes only whole JSON numbers in range; other input is an error",
        json_paths.json_int64,
    ),
    Rule(
        "json-array-null-elements",
        Phase.REWRITE,
        "JSON_QUERY_ARRAY/JSON_EXTRACT_ARRAY of JSON keep a JSON null element as JSON null",
        json_paths.json_array_nulls,
    ),
    Rule(
        "parse-json",
        Phase.REWRITE,
        "PARSE_JSON and JSON literals keep a repeated name's first value and refuse numbers "
        "FLOAT64 cannot hold (rounded with wide_number_mode=>'round')",
        json_values.parse_json,
        handles=("PARSE_JSON",),
    ),
    # -- end of oracle round 3
    # -- oracle round 4 (issue 15)
    Rule(
        "bytes-bit-operators",
        Phase.REWRITE,
        "~, &, |, ^, << and >> of BYTES work on the bytes (b'' too; a NULL or negative count)",
        bytes_bits.bytes_bit_operators,
    ),
    Rule(
        "bit-aggregate-types",
        Phase.REWRITE,
        "BIT_AND/BIT_OR/BIT_XOR of BYTES refused (BigQuery documents INT64; DuckDB: a raw Binder Error)",
        bytes_bits.bit_aggregate_types,
    ),
    Rule(
        "time-wraparound",
        Phase.REWRITE,
        "TIME_ADD/TIME_SUB wrap around midnight for any INT64 count (no interval overflow)",
        time_arithmetic.time_wraparound,
    ),
    Rule(
        "hyperbolic-functions",
        Phase.REWRITE,
        "COSH/SINH overflow and ACOSH/ATANH domains raise; SEC/CSC/SECH/CSCH/COTH translated",
        trigonometry.hyperbolic_functions,
        handles=("SEC", "CSC", "SECH", "CSCH", "COTH"),
    ),
    Rule(
        "interval-text",
        Phase.REWRITE,
        "CAST(INTERVAL AS STRING) is BigQuery's canonical Y-M D H:M:S[.F]",
        intervals.interval_text,
    ),
    Rule(
        "interval-extract-type",
        Phase.REWRITE,
        "EXTRACT(part FROM INTERVAL) is INT64 (DuckDB: DOUBLE for a NULL constant)",
        intervals.interval_extract_type,
    ),
    # -- end of oracle round 4
    Rule(
        "substr-positions",
        Phase.REWRITE,
        "SUBSTR position 0 / negative positions / negative length",
        strings.substr_positions,
        handles=("SUBSTR",),
    ),
    Rule(
        "code-points",
        Phase.REWRITE,
        "TO_CODE_POINTS / CODE_POINTS_TO_STRING",
        strings.code_points,
        handles=strings.CODE_POINT_FUNCTIONS,
    ),
    Rule(
        "distinct-order",
        Phase.REWRITE,
        "ARRAY_AGG/STRING_AGG(DISTINCT f(x) ORDER BY f(x)): the distinct values, then sorted",
        aggregates.distinct_order,
    ),
    Rule(
        "aggregate-limit",
        Phase.REWRITE,
        "ARRAY_AGG/STRING_AGG(... LIMIT n)",
        aggregates.aggregate_limit,
        handles=("ARRAY_AGG", "STRING_AGG"),
    ),
    Rule(
        "analytic-concat-agg",
        Phase.REWRITE,
        "ARRAY_CONCAT_AGG(a) OVER (...) flattens the window's arrays",
        aggregates.analytic_concat_agg,
    ),
    Rule(
        "concat-agg-limit",
        Phase.REWRITE,
        "ARRAY_CONCAT_AGG(... LIMIT n) keeps the first n arrays",
        aggregates.concat_agg_limit,
        handles=("ARRAY_CONCAT_AGG",),
    ),
    Rule(
        "frame-offset-checks",
        Phase.REWRITE,
        "a parameter frame offset that is NULL, negative or NaN raises BigQuery's error "
        "(DuckDB: a Binder Error, an unclear overflow, or rows for NaN)",
        frame_offsets.frame_offset_checks,
    ),
    Rule(
        "ntile-nth-parameters",
        Phase.REWRITE,
        "NTILE(@n), NTH_VALUE(x, @n) with a NULL or non-positive n raise BigQuery's error "
        "(DuckDB: NULLs, or an unclear error)",
        frame_offsets.ntile_parameters,
    ),
    # -- query oracle (issue 15): before nan-ordering, which would add a second sort key
    Rule(
        "range-frame-keys",
        Phase.REWRITE,
        "a RANGE frame with an offset keeps its one FLOAT64 sort key (NaN peers only NaN)",
        windows.range_frame_keys,
    ),
    Rule(
        "range-frame-wide-keys",
        Phase.REWRITE,
        "a RANGE frame with an offset over an INT64 key computes its bounds in 128 bits "
        "(no overflow at INT64's ends)",
        windows.range_frame_wide_keys,
    ),
    Rule(
        "range-frame-float-bounds",
        Phase.REWRITE,
        "a RANGE frame over a FLOAT64 key with an offset near the double range compares "
        "halves (no bound overflows to inf, which would take the inf rows in)",
        windows.range_frame_float_bounds,
    ),
    Rule(
        "numeric-window-sum",
        Phase.REWRITE,
        "SUM(NUMERIC) OVER (...) sums whole parts and fractions apart (DuckDB's 128-bit "
        "running total overflowed on partial sums of a frame whose total is a NUMERIC)",
        window_sums.numeric_window_sum,
    ),
    Rule(
        "nan-ordering",
        Phase.REWRITE,
        "ORDER BY a FLOAT64 puts NaN after NULL and before every number",
        comparisons.nan_ordering,
    ),
    Rule(
        "nan-comparisons",
        Phase.REWRITE,
        "comparisons with NaN are FALSE; MIN of NaN",
        comparisons.nan_comparisons,
    ),
    Rule(
        "nan-in-sets",
        Phase.REWRITE,
        "x IN (subquery) / IN UNNEST(array) of FLOAT64: NaN is in no set",
        comparisons.nan_in_sets,
    ),
    Rule("date-plus-days", Phase.REWRITE, "DATE + INT64 adds days", comparisons.date_plus_days),
    Rule(
        "like-escape",
        Phase.REWRITE,
        "LIKE patterns escape % and _ with a backslash",
        strings.like_escape,
    ),
    Rule(
        "logical-right-shift",
        Phase.REWRITE,
        "x >> n fills with zeros, x << n drops the bits shifted out; shifts of 64 or more give 0",
        maths.bit_shifts,
    ),
    Rule(
        "streamed-unnest",
        Phase.REWRITE,
        "FROM t, UNNEST(t.arr) is a select-list UNNEST DuckDB streams (no join back on the list)",
        unnest.streamed_unnest,
    ),
    Rule(
        "struct-unnest",
        Phase.REWRITE,
        "FROM UNNEST(array of structs) AS s keeps s a STRUCT",
        arrays.struct_unnest,
    ),
    Rule(
        "json-subscripts",
        Phase.REWRITE,
        "json[i] / json['k']: zero-based positions of arrays, keys of objects, NULL outside",
        json_access.json_subscripts,
    ),
    Rule(
        "array-subscripts",
        Phase.REWRITE,
        "arr[OFFSET(i)] outside the array is an error",
        arrays.subscripts,
    ),
    Rule(
        "array-functions",
        Phase.REWRITE,
        "ARRAY_CONCAT with NULL is NULL; ARRAY_FIRST/LAST; ARRAY_SLICE 0-based; ARRAY_TO_STRING",
        arrays.array_functions,
        handles=("ARRAY_CONCAT", *arrays.ARRAY_ENDS, "ARRAY_SLICE", "ARRAY_TO_STRING"),
    ),
    Rule(
        "error-function",
        Phase.REWRITE,
        "ERROR(message) stops the query with the message",
        debugging.error_function,
        handles=("ERROR",),
    ),
    Rule(
        "offset-from-zero",
        Phase.REWRITE,
        "UNNEST ... WITH OFFSET counts from 0",
        names.offset_from_zero,
    ),
    # After every rewrite: what a rule translated is no longer the function DuckDB lacks.
    Rule(
        "missing-functions",
        Phase.REWRITE,
        "functions DuckDB lacks are refused by the name written",
        _refuse_missing_functions,
    ),
    # -- query oracle (issue 15): last of the rewrites
    Rule(
        "written-name-case",
        Phase.REWRITE,
        "output columns and STRUCT fields keep the case written (SELECT 1 AS Ab: Ab)",
        name_case.written_name_case,
    ),
    # -- query compliance, remaining files (issue 15)
    Rule(
        "group-by-row",
        Phase.REWRITE,
        "GROUP BY a FROM subquery's range variable groups by its columns",
        grouping_sets.row_group_keys,
    ),
    Rule(
        "grouping-ordinals",
        Phase.REWRITE,
        "an integer inside GROUPING SETS/ROLLUP/CUBE (also in a set's parentheses) is an ordinal",
        grouping_sets.grouping_ordinals,
    ),
    Rule(
        "grouping-derived-keys",
        Phase.REWRITE,
        "GROUPING SETS/ROLLUP/CUBE with a column and an expression of it as keys is refused",
        grouping_sets.grouping_derived_keys,
    ),
    Rule(
        "recursive-anchor-types",
        Phase.REWRITE,
        "WITH RECURSIVE: an integer literal of the base term is INT64 (DuckDB's INTEGER "
        "fixed the column's type)",
        clauses.recursive_anchor_types,
    ),
    Rule(
        "pivot-limits",
        Phase.REWRITE,
        "PIVOT forms DuckDB cannot run (a value or an output name twice, a subquery, an "
        "aggregate that needs several) are refused",
        pivots.pivot_limits,
    ),
    # -- issue 17: last of the rewrites, on the statement as DuckDB will run it
    Rule(
        "partition-batches",
        Phase.REWRITE,
        "an aggregation over windows partitioned by a source column runs in batches of it, "
        "one after the other (a window holds all of its input)",
        batches.partition_batches,
    ),
    Rule(
        "stable-window-keys",
        Phase.REWRITE,
        "run-time checks in PARTITION BY / window ORDER BY raise through a stable function",
        windows.stable_window_keys,
    ),
    Rule(
        "anonymous-struct-types",
        Phase.REWRITE,
        "STRUCT<INT64, STRING>: a field with no name is named _0, _1 (DuckDB's type syntax)",
        field_names.anonymous_struct_types,
    ),
    Rule(
        "array-subquery-order-ordinals",
        Phase.REWRITE,
        "ORDER BY a checked column of an ARRAY subquery by position (DuckDB's binder refused)",
        clauses.array_subquery_order_ordinals,
    ),
    Rule(
        "number-literals",
        Phase.LITERALS,
        "0.1 is FLOAT64, integer arithmetic is INT64",
        maths.number_literals,
    ),
    Rule("safe-prefix", Phase.SAFE, "SAFE.f() returns NULL where f raises", maths.safe_prefix),
    Rule(
        "query-parameters",
        Phase.PARAMETERS,
        "@name parameters are bound by name",
        names.query_parameters,
    ),
)

# Every function name some rule handles: the only unrecognised calls the refusal rule lets by.
HANDLED_FUNCTIONS: frozenset[str] = frozenset(h for rule in RULES for h in rule.handles)
