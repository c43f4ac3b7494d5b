"""Benchmark: every query in queries/ at production scale, translated against hand-written DuckDB.

Issue 17's targets: at 100,000 sites of each source (Dropsonde, Pulp, PACE), each translated
query uses at most 1.2x the CPU of a hand-written DuckDB equivalent (kept beside this file in
``bench/handwritten/<source>/<query>.sql``, written for the heaviest queries), and peaks under
600 MB. Every run is its own child process (``python bench/scale.py --child``: the workbench's
sandboxed connection to the same database, the SQL text run once, the rows fetched as Arrow
as the engine does); CPU is
the query's own (user + system, every DuckDB thread, ``getrusage`` around the run), peak
memory the child's whole peak RSS from ``wait4`` (Python, DuckDB and the result included).
Each figure is the lowest CPU of ``--repeat`` runs (other jobs share the machine) with the
highest peak. The hand-written query must return the translated query's rows (compared as
sorted rows), or the table says so. ``--before`` adds the translation without the
``streamed-unnest`` rule (DuckDB's own lateral UNNEST), the baseline that rule is measured
against.

The datasets are generated once under ``build/scale/`` (``workbench fake-data --sites N
--processes 1 --out ...``, never into data/) and reused while their manifests say N sites.

A run of every query on the default datasets writes its table into docs/performance.md
(block ``queries-at-scale``; ``--no-write`` not to).

    python bench/scale.py [--sites SOURCE=N ...] [--repeat R] [--before] [--only Q ...] [--out DIR]
    (run by `make bench`)
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HANDWRITTEN = Path(__file__).resolve().parent / "handwritten"
WORKBENCH = Path(sys.executable).with_name("workbench")
# 100,000 Dropsonde sites (one report a week: ~1.07M rows over 84 days), and Pulp and PACE
# datasets of similar size: Pulp systems post daily (~45 rows each), PACE installs upload
# about every five days (~17 rows each), so ~1.1M rows each.
SITES = {"dropsonde": 100_000, "pulp": 24_000, "pace": 64_000}
CPU_TARGET, MB_TARGET = 1.2, 600
RULE = "streamed-unnest"


def dataset(out: Path, sizes: dict[str, int]) -> Path:
    """``out/workbench.duckdb`` with each source at its number of sites, generated if missing."""
    for source, sites in sizes.items():
        manifest = out / source / "dataset.json"
        if manifest.is_file() and json.loads(manifest.read_text())["sites"] == sites:
            continue
        print(f"generating {source} at {sites:,} sites under {out} ...", flush=True)
        cmd = [str(WORKBENCH), "fake-data", "--source", source, "--sites", str(sites)]
        cmd += ["--out", str(out), "--processes", "1"]
        subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return out / "workbench.duckdb"


def child(db: str, sql_file: str) -> int:
    """Run one DuckDB statement on the workbench's connection; print CPU, wall, rows, digest."""
    from workbench import Workbench
    from workbench.translate import functions
    from workbench.translate.functions import ROUND, TRUNC

    wb = Workbench(root=ROOT, db=Path(db))
    conn = wb.engine.connection
    sql = Path(sql_file).read_text()
    # Before the clock starts: every BigQuery function the workbench defines (the engine
    # registers those a statement calls), and one call of each Arrow UDF (ROUND/TRUNC with
    # digits), whose first call in a process costs ~0.2 s of CPU once (NumPy, Arrow's compute
    # kernels), no part of the plan the two forms differ in.
    functions.register(conn)
    conn.execute(
        f"SELECT {ROUND}(1.5::DOUBLE, 1::BIGINT), {TRUNC}(1.5::DOUBLE, 1::BIGINT)"
    ).fetchall()
    before, t = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    table = conn.sql(sql).to_arrow_table()  # as the engine fetches a result
    wall, after = time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    rows = [tuple(map(_plain, r.values())) for r in table.to_pylist()]
    digest = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
    print(json.dumps({"cpu": cpu, "wall": wall, "rows": len(rows), "digest": digest}))
    return 0


def _plain(value: object) -> object:
    """A value as the rows compare it: a whole DECIMAL (DuckDB's SUM is HUGEINT) is an int."""
    if isinstance(value, decimal.Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def measure(db: Path, sql: str, repeat: int) -> dict:
    """The lowest CPU of ``repeat`` child runs of ``sql``, with the highest peak RSS (MB)."""
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as fh:
        fh.write(sql)
    runs = []
    try:
        for _ in range(repeat):
            cmd = [sys.executable, __file__, "--child", str(db), fh.name]
            p = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
            out = p.stdout.read()
            _, status, usage = os.wait4(p.pid, 0)
            p.stdout.close()
            if os.waitstatus_to_exitcode(status):
                raise SystemExit(f"bench/scale.py: a child failed on:\n{sql[:300]}")
            runs.append(json.loads(out) | {"mb": usage.ru_maxrss // 1024})
    finally:
        Path(fh.name).unlink()
    best = min(runs, key=lambda r: r["cpu"])
    return best | {"mb": max(r["mb"] for r in runs)}


def translations(db: Path, path: Path) -> tuple[str, str | None]:
    """The translated DuckDB SQL of a query, and (when the rule fires) the SQL without it."""
    from workbench import Workbench
    from workbench.translate import registry

    wb = Workbench(root=ROOT, db=db)
    sql = path.read_text()
    tr = wb.translate(sql)
    if RULE not in tr.rules:
        return tr.duckdb, None
    every = registry.RULES
    registry.RULES = tuple(r for r in every if r.name != RULE)
    try:
        return tr.duckdb, wb.translate(sql).duckdb
    finally:
        registry.RULES = every
        wb.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sites",
        nargs="*",
        default=(),
        metavar="SOURCE=N",
        help="sites of a source (default: " + ", ".join(f"{k}={v}" for k, v in SITES.items()) + ")",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each query (lowest CPU)")
    parser.add_argument("--before", action="store_true", help=f"also without {RULE}")
    parser.add_argument("--out", type=Path, help="dataset directory (default build/scale-N)")
    parser.add_argument("--only", nargs="*", default=(), help="source/query names to run")
    parser.add_argument(
        "--no-write",
        dest="write",
        action="store_false",
        help="do not write the table into docs/performance.md (a run of every query does)",
    )
    parser.add_argument("--child", nargs=2, metavar=("DB", "SQL_FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child)
    sizes = SITES | {k: int(v) for k, v in (item.split("=", 1) for item in args.sites)}
    if args.only:  # only the datasets of the queries asked for are generated and reported
        sizes = {s: n for s, n in sizes.items() if any(q.startswith(f"{s}/") for q in args.only)}
    db = dataset(args.out or ROOT / "build" / "scale", sizes)
    load = os.getloadavg()[0]
    header = (
        "| query | rows | translated CPU s | peak MB | hand-written CPU s | peak MB "
        "| CPU ratio | same rows |"
    )
    rule = "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    if args.before:
        header += f" without {RULE}: CPU s | peak MB | CPU vs translated |"
        rule += " ---: | ---: | ---: |"
    lines, misses = [header, rule], []
    for path in sorted((ROOT / "queries").glob("*/*.sql")):
        name = f"{path.parent.name}/{path.stem}"
        if args.only and name not in args.only:
            continue
        translated, without = translations(db, path)
        t = measure(db, translated, args.repeat)
        cells = [f"`{name}`", f"{t['rows']:,}", f"{t['cpu']:.2f}", str(t["mb"])]
        hand_file = HANDWRITTEN / path.parent.name / path.name
        if hand_file.is_file():
            h = measure(db, hand_file.read_text(), args.repeat)
            ratio = t["cpu"] / max(h["cpu"], 1e-3)
            same = "yes" if h["digest"] == t["digest"] else "**no**"
            cells += [f"{h['cpu']:.2f}", str(h["mb"]), f"{ratio:.2f}x", same]
            if ratio > CPU_TARGET or same != "yes":
                misses.append(f"{name}: {ratio:.2f}x the hand-written CPU, same rows: {same}")
        else:
            cells += ["", "", "", ""]
        if t["mb"] >= MB_TARGET:
            misses.append(f"{name}: peak {t['mb']} MB")
        if args.before:
            if without is None:
                cells += ["", "", ""]
            else:
                b = measure(db, without, 1)
                cells += [f"{b['cpu']:.2f}", str(b["mb"]), f"{b['cpu'] / t['cpu']:.2f}x"]
        lines.append("| " + " | ".join(cells) + " |")
        print(lines[-1] if len(lines) > 3 else "\n".join(lines), flush=True)
    load = max(load, os.getloadavg()[0])
    rows = {
        source: json.loads((db.parent / source / "dataset.json").read_text())["rows"]
        for source in sizes
    }
    lines += [
        "",
        f"- targets: translated <= {CPU_TARGET}x the hand-written CPU, peak < {MB_TARGET} MB: "
        + ("all met" if not misses else "missed: " + "; ".join(misses)),
        "- data: "
        + ", ".join(f"{s} {sizes[s]:,} sites ({rows[s]:,} rows)" for s in sizes)
        + f"; machine: {os.cpu_count()} cores, load average up to {load:.1f} during the runs, "
        + f"{dt.date.today()}; lowest CPU of {args.repeat} runs",
    ]
    print("\n".join(lines[-3:]))
    if args.write and not args.only and not args.sites and args.out is None:
        sys.path.insert(0, str(ROOT))  # bench/ is not a package: its helper by the root
        from bench._pages import DOCS, write_section

        write_section(DOCS / "performance.md", "queries-at-scale", "\n".join(lines))
        print("\nwritten to docs/performance.md")
    return 0


if __name__ == "__main__":
    # run as a script, bench/ is first on sys.path, where fakedata.py shadows the package
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    sys.exit(main())
