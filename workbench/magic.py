"""``%%bigquery`` offline: the cell magic of the bigquery-magics package, run on the workbench.

It accepts bigquery-magics' arguments, parsed as bigquery-magics parses them (IPython's
``magic_arguments``; ``%%bigquery?`` lists them), so a notebook cell runs unchanged on BigQuery:
``%%bigquery df --params {"min": 3}`` stores the result in ``df``; without a destination
the DataFrame is displayed; ``$var`` as the whole cell body runs the query held in a
variable (e.g. ``sql = workbench.load_query("queries/dropsonde/site_count.sql")``).
Errors print one ``ERROR:`` message on stderr, as bigquery-magics does, never a traceback.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import string
import sys
from typing import Any

# IPython is loaded already wherever this module is (``%load_ext workbench``), and
# ``workbench --help`` never imports it.
from IPython.core.error import UsageError
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from wbcore.errors import TooDeepError, UserError
from workbench.arguments import count
from workbench.translate import approximate_lines, parse
from workbench.translate.context import DP_NOISE_OFF_NOTE

ENGINES = ("local", "bigquery", "pandas")  # pandas: bigquery-magics' name for the default


def _variable_name(text: str) -> str:
    if not text.isidentifier():
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid variable name")
    return text


def split_params(line: str) -> tuple[str | None, str]:
    """Take ``--params VALUE`` out of the line before shell-style splitting.

    As in bigquery-magics: the value is a dict literal (quotes and spaces kept as typed)
    or a ``$variable``; the rest of the line is parsed as ordinary options.
    """
    m = re.search(r"(^|\s)--params(\s+|=)", line)
    if not m:
        return None, line
    start, i = m.start(), m.end()
    if line[i : i + 1] == "{":
        depth, quote = 0, ""
        j = i
        while j < len(line):
            ch = line[j]
            if quote:
                if ch == "\\":
                    j += 1
                elif ch == quote:
                    quote = ""
            elif ch in "'\"":
                quote = ch
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        end = j + 1
    else:
        end = i
        while end < len(line) and not line[end].isspace():
            end += 1
    value = line[i:end]
    rest = line[:start] + " " + line[end:]
    if re.search(r"(^|\s)--params(\s|=|$)", rest):
        raise UserError("Duplicate --params option.")
    return value, rest


def parse_params(text: str | None, user_ns: dict[str, Any]) -> dict[str, Any]:
    """``--params`` as bigquery-magics takes it: a dict literal / JSON, or ``$variable``."""
    if text is None:
        return {}
    text = text.strip()
    if not text:
        raise UserError("--params needs a value")
    if text.startswith("$"):
        name = text[1:]
        if name not in user_ns:
            raise UserError(f"--params: variable {name!r} does not exist")
        value = user_ns[name]
    else:
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                raise UserError(
                    "--params is not a correctly formatted JSON string or a JSON serializable dictionary"
                ) from None
    if not isinstance(value, dict):
        raise UserError("--params must be a dictionary of parameter names to values")
    return value


def resolve_query(body: str, user_ns: dict[str, Any], pyformat: bool) -> str:
    query = body.strip()
    if query.startswith("$") and query[1:].isidentifier():
        name = query[1:]
        if name not in user_ns:
            raise UserError(f"Unknown query, variable {name} does not exist.")
        query = user_ns[name]
        if isinstance(query, bytes):
            query = query.decode("utf-8")
        if not isinstance(query, str):
            raise UserError(f"Query variable {name} must be a string or a bytes-like value.")
    if pyformat:
        query = _pyformat(query, user_ns)
    if not query.strip():
        raise UserError("the cell holds no query")
    if not re.search(r"\s", query.strip()):
        # bigquery-magics previews a table when the cell is just a table id.
        query = f"SELECT * FROM `{query.strip().strip('`')}`"
    return query


def _pyformat(query: str, user_ns: dict[str, Any]) -> str:
    names = [f for _, f, _, _ in string.Formatter().parse(query) if f]
    missing = [n for n in names if n not in user_ns]
    if missing:
        raise UserError(f"--pyformat: undefined name(s) {', '.join(missing)}")
    return query.format_map(user_ns)


def query_origin(body: str) -> tuple[str, int]:
    """Where the query's lines are counted from, as the user sees them.

    A query typed in the cell is counted from the cell, whose ``%%bigquery`` line is line 1
    (JupyterLab's line numbers): SQL line 1 is cell line 2, plus any blank lines stripped
    before it. A ``$variable`` query is counted from its own first line.
    """
    stripped = body.strip()
    if stripped.startswith("$") and stripped[1:].isidentifier():
        return stripped, 0
    leading = body[: len(body) - len(body.lstrip())]
    return "cell", 1 + leading.count("\n")


def _in_cell(exc: UserError, label: str, offset: int) -> UserError:
    """A query error located in the query text, relocated to the cell (or the variable).

    Query text (not a file) is labelled ``query`` by wbcore.sqlfile.read_sql.
    """
    if exc.file in (None, "query") and exc.line is not None:
        exc.file, exc.line = label, exc.line + offset
    return exc


def run_cell(line: str, cell: str, user_ns: dict[str, Any]) -> Any:
    """Run one ``%%bigquery`` cell; returns the DataFrame to display, or None."""
    params_text, line = split_params(line)
    args = parse_arguments(line)
    engine = args.engine or "local"
    if engine == "bigframes":
        raise UserError(
            "--engine bigframes is not supported offline; use --engine local or bigquery"
        )
    if engine not in ENGINES:
        raise UserError(f"--engine {engine!r}: expected one of local, bigquery")
    if args.use_legacy_sql:
        raise UserError("legacy SQL is not supported: the workbench speaks BigQuery standard SQL")
    params = parse_params(params_text, user_ns)
    query = resolve_query(cell, user_ns, args.pyformat)
    if engine == "bigquery":
        if args.dp_noise == "off":
            raise UserError("--dp_noise off applies offline only (BigQuery always adds the noise)")
        return run_on_bigquery(query, params, args, user_ns)
    label, offset = query_origin(cell)
    try:
        return _run_offline(query, params, args, user_ns, label, offset)
    except UserError as exc:
        raise _in_cell(exc, label, offset) from None


def _run_offline(
    query: str,
    params: dict[str, Any],
    args: argparse.Namespace,
    user_ns: dict[str, Any],
    label: str,
    offset: int,
) -> Any:
    from workbench import default
    from workbench.workbench import Workbench

    wb = Workbench(db=args.db) if args.db else default()
    if args.dry_run:
        tr = wb.translate(query)
        reads = ", ".join(tr.tables) or "no table"
        print(
            f"Query validated offline: reads {reads}; rules: {', '.join(tr.rules) or 'none'}.",
            file=sys.stderr,
        )
        if args.destination_var:
            user_ns[args.destination_var] = tr
        return None
    if args.destination_table:
        print(
            "--destination_table is ignored offline (the local dataset is read-only).",
            file=sys.stderr,
        )
    wb.engine.dp_noise = args.dp_noise != "off"
    try:
        df = wb.query(query, params)
    finally:
        wb.engine.dp_noise = True
    if df.attrs.get("dp_noise") == "off":
        print(f"info: {DP_NOISE_OFF_NOTE}", file=sys.stderr)
    _approximate_notice(query, label, offset)
    if args.max_results is not None:
        df = df.head(args.max_results)
    if args.destination_var:
        user_ns[args.destination_var] = df
        return None
    return df


def _approximate_notice(query: str, label: str = "cell", offset: int = 0) -> None:
    """An info line when the cell uses approximate functions: exact here, estimates on BigQuery."""
    notice, lines = approximate_lines(parse(query))
    if lines:
        where = f"{label} line" if label != "cell" else "line"
        numbers = ", ".join(str(n + offset) for n in lines)
        print(f"info: {notice} ({where} {numbers})", file=sys.stderr)


def parse_arguments(line: str) -> argparse.Namespace:
    """The magic's options (``--params`` taken out already), parsed by its IPython parser.

    A bad option ends as a UserError (one ``ERROR:`` message), not IPython's UsageError.
    """
    try:
        return parse_argstring(bigquery, line)
    except UsageError as exc:
        raise UserError(f"%%bigquery: {exc}") from None
    except ValueError as exc:  # shell-style splitting: an unbalanced quote
        raise UserError(f"%%bigquery: cannot parse the options ({exc})") from None


# bigquery-magics' own arguments (bigquery_magics/bigquery.py), so a cell runs unchanged on
# BigQuery, plus --db. Offline, the options that only tune BigQuery's clients are accepted
# and have no effect. ``%%bigquery?`` shows this list.
@magic_arguments("%bigquery")
@argument(
    "destination_var",
    nargs="?",
    type=_variable_name,
    help="If provided, save the output to this variable instead of displaying it.",
)
@argument(
    "--destination_table",
    default=None,
    help="<dataset_id>.<table_id> for the result on BigQuery: ignored offline (the dataset is "
    "read-only), refused with --engine bigquery (a notebook never writes to BigQuery).",
)
@argument("--project", default=None, help="Project that runs the query (--engine bigquery).")
@argument(
    "--max_results",
    type=count,
    default=None,
    help="Maximum number of rows in the DataFrame (default: all rows).",
)
@argument("--maximum_bytes_billed", default=None, help="BigQuery only: bytes billed at most.")
@argument(
    "--dry_run",
    action="store_true",
    help="Validate the query without running it (offline: its tables and rules; "
    "--engine bigquery: the bytes it would process).",
)
@argument(
    "--use_legacy_sql", action="store_true", help="Refused: the workbench speaks standard SQL."
)
@argument(
    "--bigquery_api_endpoint", default=None, help="BigQuery API endpoint (--engine bigquery)."
)
@argument("--bqstorage_api_endpoint", default=None, help="Accepted; no effect offline.")
@argument("--no_query_cache", action="store_true", help="Do not use cached query results.")
@argument("--use_bqstorage_api", action="store_true", help="Accepted; no effect (deprecated).")
@argument("--use_rest_api", action="store_true", help="Accepted; no effect offline.")
@argument("--verbose", action="store_true", help="Accepted; no effect offline.")
@argument(
    "--params",
    nargs="+",
    default=None,
    help='Query parameters: a dictionary literal or JSON ({"num": 17}), or $variable '
    "naming a dictionary; @num in the query.",
)
@argument("--use_geodataframe", default=None, help="Accepted; no effect offline.")
@argument("--progress_bar_type", default=None, help="Accepted; no effect offline.")
@argument("--location", default=None, help="Location that runs the query (--engine bigquery).")
@argument(
    "--engine",
    default=None,
    help="local or pandas (default): offline on the DuckDB dataset; bigquery: on BigQuery.",
)
@argument("--graph", action="store_true", help="Accepted; no effect offline.")
@argument(
    "--pyformat",
    action="store_true",
    help="Python string formatting of the query text with the notebook's variables "
    "(no escaping: use --params for values).",
)
@argument("--db", default=None, help="Offline only: the DuckDB database to query.")
@argument(
    "--dp_noise",
    default="on",
    choices=("on", "off"),
    help="Offline only: off runs a WITH DIFFERENTIAL_PRIVACY query without its noise "
    "(bounded values for debugging, marked in the DataFrame's attrs['dp_noise']).",
)
def bigquery(line: str, cell: str | None = None) -> Any:
    """Run BigQuery standard SQL offline on the workbench dataset (bigquery-magics' arguments)."""
    from IPython import get_ipython

    ip = get_ipython()
    try:
        return run_cell(line, cell or "", ip.user_ns if ip else {})
    except UserError as exc:
        print(f"\nERROR:\n {exc}", file=sys.stderr)
        return None
    except RecursionError:
        print(f"\nERROR:\n {TooDeepError()}", file=sys.stderr)
        return None


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext workbench``: the ``%%bigquery`` magic, and deterministic offline charts."""
    from workbench import charts

    charts.enable(ipython)
    ipython.register_magic_function(bigquery, magic_kind="line_cell", magic_name="bigquery")


# -- %%bigquery --engine bigquery ------------------------------------------------------


def _int_option(name: str, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise UserError(f"{name} {value!r} is not an integer") from None


def run_on_bigquery(query: str, params: dict[str, Any], args: Any, user_ns: dict[str, Any]) -> Any:
    """``%%bigquery --engine bigquery``: the same cell on BigQuery, as bigquery-magics runs it.

    ``--dry_run`` reports the bytes the query would process (the DryRunResult goes to the
    destination variable); otherwise the result is a DataFrame with the local engine's dtypes.
    """
    from workbench.engines.base import format_bytes
    from workbench.engines.bigquery import BigQueryEngine
    from workbench.output import to_dataframe

    if args.destination_table:
        raise UserError(
            "--destination_table is not supported by the workbench: it never writes to "
            "BigQuery from a notebook (promote the query instead)"
        )
    max_results = _int_option("--max_results", args.max_results)
    max_bytes = _int_option("--maximum_bytes_billed", args.maximum_bytes_billed)
    engine = BigQueryEngine.connect(args.project, args.location, args.bigquery_api_endpoint)
    if args.dry_run:
        result = engine.dry_run(query, params)
        if not result.valid:
            raise UserError(f"query is invalid on BigQuery: {result.error}")
        print(
            f"Query validated on BigQuery. This query will process "
            f"{format_bytes(result.bytes_processed)}.",
            file=sys.stderr,
        )
        if args.destination_var:
            user_ns[args.destination_var] = result
        return None
    table = engine.run(
        query,
        params,
        max_results=max_results,
        maximum_bytes_billed=max_bytes,
        use_query_cache=not args.no_query_cache,
    )
    df = to_dataframe(table)
    if args.destination_var:
        user_ns[args.destination_var] = df
        return None
    return df
