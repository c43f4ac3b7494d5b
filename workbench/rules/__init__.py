"""The named translation rules, in the order they run.

A rule rewrites the BigQuery syntax tree in place and returns whether it changed
anything, or raises ``UnsupportedError``/``UserError``. Rules are grouped by area, one
module each (names, clock, dates, strings, maths, arrays, aggregates, refusals); each has
its own tests in ``tests/workbench/rules/test_<area>.py``. Rules that need names resolved
or types known run after ``qualify-columns``, which also annotates every node with its
BigQuery type. Rules that build run-time checks run before ``safe-prefix``, which turns
those checks into NULLs under ``SAFE.``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlglot import exp

    from workbench.translate import Context, Translation


@dataclass(frozen=True)
class Rule:
    name: str
    why: str
    apply: Callable[[exp.Expression, Context, Translation], bool]


def _rules() -> list[Rule]:
    from workbench.rules import (
        aggregates,
        arrays,
        clock,
        comparisons,
        dates,
        maths,
        names,
        refusals,
        strings,
    )

    r = Rule
    return [
        r(
            "table-names",
            "production and public table names read the local table",
            names.map_table_names,
        ),
        r(
            "output-names",
            "unnamed output columns are f0_, f1_, ... as in BigQuery",
            names.output_names,
        ),
        r(
            "pinned-clock",
            "CURRENT_DATE() etc. evaluate at the dataset's as-of date",
            clock.pin_clock,
        ),
        r(
            "implicit-unnest",
            "FROM t, t.arr names the element after the array",
            names.implicit_unnest,
        ),
        r(
            "qualify-columns",
            "columns resolve as in BigQuery (UNNEST aliases)",
            names.qualify_columns,
        ),
        r(
            "select-alias-references",
            "GROUP BY/HAVING/ORDER BY may name a select-list alias of an UNNEST field",
            names.select_alias_references,
        ),
        r(
            "unknown-functions",
            "functions without a known-exact translation are refused",
            refusals.unknown_functions,
        ),
        r(
            "result-arrays",
            "NULL arrays show as []; NULL elements in results are errors",
            arrays.result_arrays,
        ),
        r(
            "approximate-aggregates",
            "APPROX_* estimates are refused (BigQuery's sketches)",
            aggregates.approximate,
        ),
        r("numeric-type", "NUMERIC is DECIMAL(38, 9); BIGNUMERIC is refused", maths.numeric_type),
        r(
            "integer-results",
            "SUM/COUNTIF of INT64 are INT64 (overflow is an error)",
            maths.integer_results,
        ),
        r(
            "long-double-rounding",
            "ROUND/TRUNC(FLOAT64, digits) in long double, as GoogleSQL's math.cc",
            maths.long_double_rounding,
        ),
        r("rounding", "ROUND/TRUNC/CEIL/FLOOR/SIGN result types", maths.rounding),
        r("division", "/ is FLOAT64; / DIV MOD by zero raise an error", maths.division),
        r(
            "ieee-safe-arithmetic",
            "IEEE_DIVIDE, SAFE_ADD & co., RANGE_BUCKET",
            maths.ieee_and_safe_arithmetic,
        ),
        r("domain-errors", "SQRT/LN/LOG of negative numbers raise an error", maths.domain_errors),
        r(
            "float-to-int64",
            "CAST(FLOAT64 AS INT64) rounds half away from zero",
            maths.float_to_int,
        ),
        r(
            "string-to-int64",
            "CAST(STRING AS INT64) accepts only integer text",
            maths.string_to_int,
        ),
        r(
            "float-to-string",
            "CAST(FLOAT64 AS STRING) is refused (text form differs)",
            maths.float_to_string,
        ),
        r(
            "string-to-bool",
            "CAST(STRING AS BOOL) accepts only 'true' and 'false'",
            maths.string_to_bool,
        ),
        r(
            "extract-parts",
            "DAYOFWEEK from 1 = Sunday, WEEK from Sunday with week 0, ISOWEEK",
            dates.extract_parts,
        ),
        r(
            "date-results",
            "DATE_TRUNC/DATE_ADD/DATE_SUB on a DATE return a DATE",
            dates.date_results,
        ),
        r("timestamp-diff", "TIMESTAMP_DIFF counts whole elapsed units", dates.timestamp_diff),
        r(
            "timestamp-results",
            "TIMESTAMP_MILLIS/PARSE_TIMESTAMP return TIMESTAMP",
            dates.timestamp_results,
        ),
        r("unix-epoch", "UNIX_SECONDS/UNIX_MILLIS round down", dates.unix_epoch),
        r("printf-format", "FORMAT('%s-%d', ...) is printf-style", strings.printf_format),
        r("format-elements", "FORMAT_DATE/TIMESTAMP elements and time zone", dates.format_elements),
        r("time-functions", "TIME_TRUNC; STRING(ts, zone) refused", dates.time_functions),
        r(
            "substr-positions",
            "SUBSTR position 0 / negative positions / negative length",
            strings.substr_positions,
        ),
        r("code-points", "TO_CODE_POINTS / CODE_POINTS_TO_STRING", strings.code_points),
        r("aggregate-limit", "ARRAY_AGG/STRING_AGG(... LIMIT n)", aggregates.aggregate_limit),
        r(
            "concat-agg-limit",
            "ARRAY_CONCAT_AGG(... LIMIT n) keeps the first n arrays",
            aggregates.concat_agg_limit,
        ),
        r(
            "struct-equality",
            "STRUCT = STRUCT compares fields with three-valued logic",
            comparisons.struct_equality,
        ),
        r(
            "nan-ordering",
            "ORDER BY a FLOAT64 puts NaN after NULL and before every number",
            comparisons.nan_ordering,
        ),
        r(
            "nan-comparisons",
            "comparisons with NaN are FALSE; MIN of NaN",
            comparisons.nan_comparisons,
        ),
        r("date-plus-days", "DATE + INT64 adds days", comparisons.date_plus_days),
        r("like-escape", "LIKE patterns escape % and _ with a backslash", strings.like_escape),
        r(
            "logical-right-shift",
            "x >> n fills with zeros; shifts of 64 or more give 0",
            maths.bit_shifts,
        ),
        r(
            "struct-unnest",
            "FROM UNNEST(array of structs) AS s keeps s a STRUCT",
            arrays.struct_unnest,
        ),
        r("array-subscripts", "arr[OFFSET(i)] outside the array is an error", arrays.subscripts),
        r(
            "array-functions",
            "ARRAY_CONCAT with NULL is NULL; ARRAY_FIRST/LAST",
            arrays.array_functions,
        ),
        r("offset-from-zero", "UNNEST ... WITH OFFSET counts from 0", names.offset_from_zero),
        r("number-literals", "0.1 is FLOAT64, integer arithmetic is INT64", maths.number_literals),
        r("safe-prefix", "SAFE.f() returns NULL where f raises", maths.safe_prefix),
        r("query-parameters", "@name parameters are bound by name", names.query_parameters),
    ]


RULES: list[Rule] = _rules()
