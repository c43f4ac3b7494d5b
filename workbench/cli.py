"""The ``workbench`` command: a thin argparse layer over ``Workbench``.

Every user error ends as one line on stderr, ``workbench: error: <message>``, and a
non-zero exit; never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from wbcore.errors import TooDeepError, UserError
from workbench.arguments import count
from workbench.engines.base import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from collections.abc import Callable

ENGINES = ("local", "bigquery")  # where `run` and `check` send a query (--engine)


HELP_WIDTH = 79  # descriptions are wrapped to this; examples are kept as written


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and epilogs as written (examples line up); option help wrapped, with
    room for the longest command name."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=28, width=HELP_WIDTH)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction):
            # argparse measures the command names one indent short, so `fake-data` would
            # wrap its help onto the next line
            names = [len(a.metavar or a.dest) for a in action._get_subactions()]
            width = max(names, default=0) + self._current_indent + 2 * self._indent_increment
            self._action_max_length = max(self._action_max_length, width)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors pointing at ``--help``, examples kept as written, and
    an epilog that may be computed only when help is shown (``late_epilog``)."""

    def __init__(self, *args, late_epilog: Callable[[], str] | None = None, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        if kwargs.get("description"):
            kwargs["description"] = textwrap.fill(kwargs["description"], HELP_WIDTH)
        super().__init__(*args, **kwargs)
        self.late_epilog = late_epilog

    def format_help(self) -> str:
        if self.late_epilog is not None:
            self.epilog = self.late_epilog() + (f"\n\n{self.epilog}" if self.epilog else "")
            self.late_epilog = None
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a YYYY-MM-DD date") from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value < 1e7:
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number of seconds")
    return value


def _directory(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty directory name")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text) or text != text.rstrip():
        raise argparse.ArgumentTypeError(f"{text!r}: control characters or trailing spaces")
    return Path(text)


def with_params(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="query parameter @NAME (VALUE parsed as JSON, else a string); repeatable "
        "(default: none)",
    )


def with_exemptions(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--exemptions",
        type=Path,
        default=None,
        metavar="FILE",
        help="the reviewed privacy-exemptions.toml (default: the project's own)",
    )


def _examples(*lines: tuple[str, str]) -> str:
    """An epilog of commands, each under a comment saying what it does (copy and paste)."""
    return "examples:\n" + "\n".join(
        (f"  # {what}\n" if what else "") + f"  {cmd}" for cmd, what in lines
    )


def _population_defaults() -> str:
    """fake-data's epilog: each source's own defaults, read from its source.toml when help is
    shown (tomllib only: `workbench --help` must not pay for validating sources)."""
    from fakedata.source import population_defaults
    from wbcore.sqlfile import find_root

    schemas = find_root() / "schemas"
    lines = ["defaults per source ([population] in schemas/SOURCE/source.toml):"]
    names = sorted(p.name for p in schemas.iterdir() if p.is_dir()) if schemas.is_dir() else []
    width = max((len(n) for n in names), default=0)
    for name in names:
        try:
            pop = population_defaults(schemas / name)
        except UserError as exc:
            lines.append(f"  {name:<{width}}  (unreadable: {exc})")
            continue
        lines.append(
            f"  {name:<{width}}  --sites {pop.sites} --days {pop.days} --seed {pop.seed} "
            f"--as-of {pop.as_of}"
        )
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="workbench",
        description="Write and test BigQuery telemetry aggregation queries offline.",
        epilog=_examples(
            ("workbench schema --source dropsonde", "the columns a query can use"),
            ("workbench fake-data --source pulp", "generate and load one source's dataset"),
            ("workbench run queries/dropsonde/module_usage.sql", "run a query offline"),
            ("workbench new my_statistic --source dropsonde", "scaffold a query with its header"),
            ("workbench check queries/dropsonde", "syntax, tables, privacy gate, group sizes"),
            (
                "workbench promote queries/dropsonde/my_statistic.sql --to ../dropsonde-aggregation",
                "",
            ),
        )
        + "\n\n`workbench COMMAND --help` tells more; the README walks the whole path.",
    )
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, metavar="COMMAND"
    )

    def with_source(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--source",
            default=None,
            metavar="NAME|DIR",
            help="source name (schemas/NAME) or schema directory (default: dropsonde)",
        )

    def with_db(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db",
            type=Path,
            default=None,
            metavar="FILE",
            help="DuckDB database (default: $WORKBENCH_DB, else data/workbench.duckdb)",
        )
        p.add_argument(
            "--timeout",
            type=_seconds,
            default=None,
            metavar="SECONDS",
            help=f"stop a local query after this long (default: {DEFAULT_TIMEOUT:g})",
        )

    def with_engine(p: argparse.ArgumentParser, local: str, bigquery: str, project: str) -> None:
        """``--engine`` (and its ``--project``), defined once; each command says what it does."""
        p.add_argument(
            "--engine",
            choices=ENGINES,
            default="local",
            help=f"local: {local}; bigquery: {bigquery} (default: local)",
        )
        with_project(p, f"--engine bigquery: {project}")

    def with_project(p: argparse.ArgumentParser, what: str, default: str = "") -> None:
        default = default or "$GOOGLE_CLOUD_PROJECT, else the credentials' own"
        p.add_argument("--project", metavar="PROJECT", help=f"{what} (default: {default})")

    p = sub.add_parser(
        "schema",
        help="print the merged BigQuery JSON schema of a source",
        description="Print a source's schema as BigQuery JSON: the plugin schemas merged, "
        "as `dropsonde dev schema` prints it. These are the columns a query can use.",
        epilog=_examples(
            ("workbench schema", "Dropsonde's columns"),
            ("workbench schema --source pulp", "another source"),
            ("workbench schema --source path/to/plugin-dir", "a directory of new plugin schemas"),
        ),
    )
    with_source(p)

    p = sub.add_parser(
        "fake-data",
        help="generate the fake dataset and load it into DuckDB",
        description="Generate a randomized dataset that follows the source's schema exactly, "
        "write it as Parquet under --out/SOURCE/ and (re)load its table into the DuckDB "
        "database. Same seed and options: the same data, byte for byte.",
        late_epilog=_population_defaults,
        epilog=_examples(
            ("workbench fake-data", "the default dataset of dropsonde"),
            ("workbench fake-data --source pulp", "another source"),
            ("workbench fake-data --sites 2000 --seed 7 --out /tmp/big", "a larger one elsewhere"),
        ),
    )
    with_source(p)
    p.add_argument(
        "--sites", type=count, metavar="N", help="number of installations (default: see below)"
    )
    p.add_argument(
        "--days",
        type=count,
        metavar="N",
        help="days covered, ending at --as-of (default: see below)",
    )
    p.add_argument(
        "--seed",
        type=count,
        metavar="N",
        help="random seed; same seed, same data (default: see below)",
    )
    p.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="last day of the dataset, CURRENT_DATE() offline (default: see below)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="output directory, its workbench.duckdb included (default: data/)",
    )
    p.add_argument(
        "--jsonl",
        action="store_true",
        help="also write BigQuery JSON Lines (default: Parquet only)",
    )
    p.add_argument(
        "--processes",
        type=count,
        default=0,
        metavar="N",
        help="worker processes; the data do not depend on it (default: 0, which is one "
        "per CPU, at most 4, with --jsonl, else none)",
    )

    for name, helptext, description, examples in (
        (
            "run",
            "run one BigQuery-dialect query offline",
            "Run one BigQuery-dialect query on the fake dataset (or on BigQuery with --engine "
            "bigquery) and print its rows. A query that would fail `workbench check` still "
            "runs, with one `note:` line on stderr.",
            (
                ("workbench run queries/dropsonde/site_count.sql", "a query file"),
                ("workbench run --sql 'SELECT COUNT(*) AS n FROM community_metrics'", ""),
                ("workbench run q.sql --param min=3 --format csv", "@min = 3, CSV output"),
            ),
        ),
        (
            "translate",
            "print the DuckDB SQL a query becomes, and the rules that fired",
            "Print the DuckDB SQL a BigQuery-dialect query is translated to (stdout) and the "
            "translation rules that fired (stderr, `-- rules: ...`).",
            (("workbench translate queries/dropsonde/module_usage.sql", ""),),
        ),
    ):
        p = sub.add_parser(
            name, help=helptext, description=description, epilog=_examples(*examples)
        )
        group = p.add_mutually_exclusive_group(required=True)
        group.add_argument("file", nargs="?", type=Path, help="a .sql file (one statement)")
        group.add_argument("--sql", metavar="TEXT", help="SQL text instead of a file")
        with_db(p)
        p.add_argument(
            "--today",
            action="store_true",
            help="CURRENT_DATE() reads the real clock (default: the dataset's as-of date)",
        )
        if name == "run":
            p.add_argument(
                "--format",
                choices=("table", "csv", "json"),
                default="table",
                help="table: aligned columns to read; csv; json: one object per row "
                "(default: table)",
            )
            with_params(p)
            with_engine(
                p,
                local="offline on the DuckDB dataset",
                bigquery="on BigQuery, SQL unchanged",
                project="the project that runs the job",
            )

    p = sub.add_parser(
        "publish",
        help="load the generated dataset into a BigQuery table",
        description="Load the dataset fake-data generated into a BigQuery table with the "
        "source's exact schema (the table is replaced; its dataset is created if missing).",
        epilog=_examples(
            (
                "workbench publish --table dataops-puppet-public-data.community.community_metrics",
                "",
            ),
            ("workbench publish --source pulp --table my-project.telemetry.pulp_analytics", ""),
        ),
    )
    with_source(p)
    p.add_argument(
        "--table",
        required=True,
        metavar="PROJECT.DATASET.TABLE",
        help="the table to write, replaced if it exists (required)",
    )
    p.add_argument("--location", help="location of a dataset that gets created (default: US)")
    with_project(p, "project that runs the load job", default="the table's")
    p.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="DIR",
        help="where fake-data wrote the dataset (default: data/)",
    )

    p = sub.add_parser(
        "compare",
        help="compare a query offline with the published example table",
        description="Run a query offline and on BigQuery against the published example "
        "table, and compare the results: rows as a multiset unless the outermost SELECT has "
        "ORDER BY; FLOAT64 values within 4 ULPs are equal; column names and types must match. "
        "Only queries that pass the privacy gate are compared. Exit 1 when the results differ.",
        epilog=_examples(
            (
                "workbench publish --table my-project.community.community_metrics",
                "publish the dataset first",
            ),
            (
                "workbench compare queries/dropsonde/weekly_active_sites.sql "
                "--table my-project.community.community_metrics --project my-project",
                "then compare a query offline and there",
            ),
        ),
    )
    p.add_argument("file", type=Path, help="a .sql file")
    p.add_argument(
        "--table",
        default=None,
        metavar="PROJECT.DATASET.TABLE",
        help="where `workbench publish` loaded the dataset (default: the source's public table)",
    )
    with_project(p, "the project that runs the BigQuery job")
    with_db(p)
    with_params(p)
    with_exemptions(p)

    p = sub.add_parser(
        "check",
        help="check queries: syntax, tables, privacy, run, header",
        description="Check queries the way the aggregation repository's review needs: "
        "valid BigQuery (GoogleSQL's analyzer), only the source's table, the privacy gate "
        "(identifiers opaque, aggregated output, groups of at least k entities), a run on "
        "the data, and the metadata header. Exit status 1 when an error is found.",
        epilog=_examples(
            ("workbench check", "every query under queries/"),
            ("workbench check queries/dropsonde", "one source's directory"),
            ("workbench check queries/dropsonde/site_count.sql --strict", "warnings fail too"),
        ),
    )
    p.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="PATH",
        help=".sql files or directories of them (default: queries/)",
    )
    with_db(p)
    p.add_argument("--strict", action="store_true", help="warnings are errors too (default: off)")
    with_params(p)
    with_exemptions(p)
    with_engine(
        p,
        local="run on the fake dataset",
        bigquery="dry-run on BigQuery (validity, tables, bytes)",
        project="the project that runs the dry runs",
    )

    p = sub.add_parser(
        "new",
        help="scaffold a query with the metadata header",
        description="Write queries/SOURCE/NAME.sql: the metadata header the aggregation "
        "repository asks for (with TODOs to fill in) and a query to start from.",
        epilog=_examples(
            ("workbench new module_counts", "queries/dropsonde/module_counts.sql"),
            ("workbench new plugin_usage --source pulp", "queries/pulp/plugin_usage.sql"),
        ),
    )
    p.add_argument("name", help="the output table's name (the file is queries/SOURCE/NAME.sql)")
    with_source(p)

    p = sub.add_parser(
        "promote",
        help="check queries and write them for the aggregation repository",
        description="Check queries (as `workbench check`), then write each in the form its "
        "source's aggregation repository accepts. Nothing is written unless every query "
        "passes.",
        epilog=_examples(
            (
                "workbench promote queries/dropsonde/site_count.sql",
                "to build/aggregation/dropsonde",
            ),
            ("workbench promote queries/dropsonde --to ../dropsonde-aggregation/queries", ""),
        ),
    )
    p.add_argument(
        "files", nargs="+", type=Path, metavar="PATH", help=".sql files or directories of them"
    )
    p.add_argument(
        "--to",
        type=_directory,
        default=None,
        metavar="DIR",
        help="where to write (default: promote_to of the source's source.toml)",
    )
    with_db(p)
    p.add_argument(
        "--force", action="store_true", help="overwrite a different existing file (default: off)"
    )
    p.add_argument("--strict", action="store_true", help="refuse on warnings too (default: off)")
    p.add_argument(
        "--bigquery-dry-run",
        action="store_true",
        help="also dry-run each promoted query on BigQuery before writing anything (default: off)",
    )
    with_project(p, "--bigquery-dry-run: the project that runs the dry runs")
    p.add_argument(
        "--exemptions",
        type=Path,
        default=None,
        metavar="FILE",
        help="the reviewed privacy-exemptions.toml (default: --to's own, else the project's)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return 1
    except RecursionError:  # deep input the layers below did not catch: one message still
        print(f"workbench: error: {TooDeepError()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _workbench(args: argparse.Namespace):
    from workbench.workbench import Workbench

    return Workbench(
        db=getattr(args, "db", None),
        today=getattr(args, "today", False),
        timeout=getattr(args, "timeout", None),
    )


def cmd_schema(args: argparse.Namespace) -> int:
    source = _workbench(args).source(args.source)
    print(json.dumps(source.schema.to_json(), indent=2))
    return 0


class Progress:
    """The progress bar of ``workbench fake-data``: on stderr, only when stderr is a terminal
    (tests and CI capture it: nothing is printed there), once a run has taken half a second.

    tqdm, not rich: tqdm does exactly this with its own options (``disable=None`` turns the
    bar off when the stream is not a terminal, ``delay``, ``leave=False`` wipes it), has no
    dependencies, imports in half the time of ``rich.progress`` (about 50 ms against 100 ms
    here), and draws from the caller's thread, where rich's display refreshes from a thread
    of its own, which would be alive when fake-data forks its worker processes.
    """

    DELAY = 0.5  # seconds before the bar appears: short runs print only their summary

    def __init__(self, total: int, unit: str, stream: TextIO | None = None) -> None:
        # tqdm is imported here, not at the top: only fake-data draws a bar, and
        # `workbench --help` must not pay for it.
        from tqdm import tqdm

        class Bar(tqdm):
            # tqdm's monitor thread would be running when fake-data forks its workers.
            monitor_interval = 0

        self.bar = Bar(
            total=max(total, 1),
            unit=f" {unit}",
            file=stream or sys.stderr,
            disable=None,  # None: off unless the stream is a terminal
            delay=self.DELAY,
            leave=False,
            dynamic_ncols=True,
        )

    def __call__(self, done: int, label: str = "") -> None:
        """``done`` of the total so far; ``label`` names a step after the counting (loading)."""
        bar = self.bar
        if bar.disable:
            return
        if label:
            bar.set_postfix_str(label, refresh=False)
        if done > bar.n:
            bar.update(done - bar.n)  # redraws at most every 0.1 s
        if label and bar.format_dict["elapsed"] >= self.DELAY:
            bar.refresh()  # a new step shows at once

    def close(self) -> None:
        self.bar.close()


def cmd_fake_data(args: argparse.Namespace) -> int:
    wb = _workbench(args)
    source = wb.source(args.source)
    started = time.perf_counter()
    sites = args.sites if args.sites is not None else source.population.sites
    progress = Progress(sites, "sites")
    try:
        manifest = wb.fake_data(
            source,
            out=args.out,
            jsonl=args.jsonl,
            progress=progress,
            sites=args.sites,
            days=args.days,
            seed=args.seed,
            as_of=args.as_of,
            processes=args.processes,
        )
    finally:
        progress.close()
    elapsed = time.perf_counter() - started
    directory = wb.dataset_dir(source, args.out)
    size = sum(f.stat().st_size for f in directory.iterdir() if f.is_file())
    print(
        f"{source.name}: {manifest.rows:,} reports from {manifest.sites:,} sites over "
        f"{manifest.days} days before {manifest.as_of} (seed {manifest.seed}) → {directory} "
        f"({size / 1e6:.1f} MB), table {manifest.table} in {args.out / 'workbench.duckdb' if args.out else wb.db_path} "
        f"in {elapsed:.1f}s",
        file=sys.stderr,
    )
    return 0


def _sql_arg(args: argparse.Namespace) -> str | Path:
    if args.sql is not None:
        # argparse (3.11) turns `--sql=--` into [] rather than the text "--"
        if not isinstance(args.sql, str) or not args.sql.strip():
            raise UserError("--sql: empty query")
        return args.sql
    return args.file


def _params(items: list[str]) -> dict[str, object]:
    params: dict[str, object] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier():
            raise UserError(f"--param {item!r}: expected NAME=VALUE")
        try:
            params[name] = json.loads(value)
        except json.JSONDecodeError:
            params[name] = value
    return params


def cmd_run(args: argparse.Namespace) -> int:
    from workbench.output import render

    if args.engine == "bigquery":
        from wbcore.sqlfile import read_sql
        from workbench.engines.bigquery import BigQueryEngine

        if args.db is not None or args.today:
            raise UserError("--db and --today apply to --engine local only")
        sql, where = read_sql(_sql_arg(args))
        table = BigQueryEngine.connect(args.project).run(sql, _params(args.param), where)
        sys.stdout.write(render(table, args.format))
        return 0
    from workbench.output import render_rows

    wb = _workbench(args)
    names, rows = wb.rows(_sql_arg(args), _params(args.param))
    sys.stdout.write(render_rows(names, rows, args.format))
    broken = wb.privacy_errors(_sql_arg(args))
    if broken:
        print(
            f"workbench: note: this query would fail `workbench check` ({', '.join(broken)}); "
            "do not publish its output",
            file=sys.stderr,
        )
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    result = _workbench(args).publish(
        args.table, args.source, args.data, project=args.project, location=args.location
    )
    print(result.summary())
    return 0


def cmd_translate(args: argparse.Namespace) -> int:
    tr = _workbench(args).translate(_sql_arg(args))
    # the tree DuckDB runs, laid out for reading (comments are the BigQuery file's own)
    text = tr.tree.sql(dialect="duckdb", pretty=True, comments=False) if tr.tree else tr.duckdb
    print(text + ";")
    print(f"-- rules: {', '.join(tr.rules) or 'none'}", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    report = _workbench(args).check(
        args.files or None,
        strict=args.strict,
        engine=args.engine,
        project=args.project,
        params=_params(args.param),
        exemptions=args.exemptions,
    )
    for finding in report.findings:
        print(finding.format())
    print(f"workbench check: {report.summary()}", file=sys.stderr)
    return 1 if report.failed else 0


def cmd_compare(args: argparse.Namespace) -> int:
    result = _workbench(args).compare(
        args.file, args.table, args.project, _params(args.param), args.exemptions
    )
    print(result.report())
    print(f"workbench compare: {result.note()}", file=sys.stderr)
    return 0 if result.identical else 1


def cmd_new(args: argparse.Namespace) -> int:
    wb = _workbench(args)
    path = wb.new_query(args.name, wb.source(args.source))
    cwd = Path.cwd()
    shown = path.relative_to(cwd) if path.is_relative_to(cwd) else path
    print(f"wrote {shown}: fill in the header's TODOs, then `workbench check {shown}`")
    return 0


def cmd_promote(args: argparse.Namespace) -> int:
    _workbench(args).promote(
        args.files,
        to=args.to,
        force=args.force,
        strict=args.strict,
        bigquery_dry_run=args.bigquery_dry_run,
        project=args.project,
        exemptions=args.exemptions,
    )
    return 0


COMMANDS = {
    "schema": cmd_schema,
    "fake-data": cmd_fake_data,
    "run": cmd_run,
    "translate": cmd_translate,
    "check": cmd_check,
    "compare": cmd_compare,
    "new": cmd_new,
    "promote": cmd_promote,
    "publish": cmd_publish,
}


if __name__ == "__main__":
    sys.exit(main())
