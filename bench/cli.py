"""`workbench run` as a whole command against a bare DuckDB script on the same SQL.

For every query in queries/ (default data): the query translated once (``workbench
translate``), then, alternating, ``workbench run FILE`` (its run plan kept: the query run
before, unchanged, ``workbench/plans.py``), ``workbench run FILE`` with plans off
(``WORKBENCH_NO_PLANS=1``: a first run, translated, vetted and checked in full) and a bare
script that opens the same database read-only, runs that DuckDB SQL and prints the rows
(registering the BigQuery functions the query calls, which any DuckDB equivalent would need
too). Each run is its own process; wall time and CPU time (user + system of the child) are
medians of ``REPEAT`` runs. Target (issue 17): the median over queries of run / bare at most
1.5x; ``workbench --help`` under 100 ms. Results go to docs/performance.md ("CLI overhead").
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REPEAT = 3
FIRST = {**os.environ, "WORKBENCH_NO_PLANS": "1"}  # every run in full, as a query's first

BARE = """\
import sys
import duckdb
sql = open(sys.argv[1], encoding="utf-8").read()
conn = duckdb.connect(sys.argv[2], read_only=True)
conn.execute("SET TimeZone = 'UTC'")
names = sys.argv[3:]
if names:
    from workbench.translate import functions
    functions.register(conn, names)
for row in conn.execute(sql).fetchall():
    print(row)
"""


def _timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure() -> tuple[list[Result], float]:
    from workbench.translate import functions
    from workbench.workbench import Workbench

    wb = Workbench(root=ROOT)
    db = str(wb.engine.db_path)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bare.py"
        script.write_text(BARE, encoding="utf-8")
        for path in sorted((ROOT / "queries").glob("*/*.sql")):
            tr = wb.translate(path)
            sql = Path(tmp) / f"{path.stem}.duckdb.sql"
            sql.write_text(tr.duckdb, encoding="utf-8")
            names = sorted(functions.called(tr.tree))
            run = [str(BIN / "workbench"), "run", str(path)]
            bare = [sys.executable, str(script), str(sql), db, *names]
            _timed(run), _timed(bare)  # warm the page cache (and keep the run plan)
            runs, firsts, bares = [], [], []
            for _ in range(REPEAT):
                runs.append(_timed(run))
                firsts.append(_timed(run, FIRST))
                bares.append(_timed(bare))
            results.append(
                (
                    str(path.relative_to(ROOT)),
                    statistics.median(w for w, _ in runs),
                    statistics.median(c for _, c in runs),
                    statistics.median(w for w, _ in bares),
                    statistics.median(c for _, c in bares),
                    statistics.median(c for _, c in firsts),
                )
            )
    wb.close()
    helps = [_timed([str(BIN / "workbench"), "--help"])[0] for _ in range(REPEAT)]
    return results, statistics.median(helps)


Result = tuple[str, float, float, float, float, float]


def table(results: list[Result], help_s: float) -> str:
    lines = [
        "| query | run: wall s | bare: wall s | wall ratio | run: CPU s | bare: CPU s "
        "| CPU ratio | first run: CPU s | first run: CPU ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, rw, rc, bw, bc, fc in results:
        lines.append(
            f"| {name} | {rw:.2f} | {bw:.2f} | {rw / bw:.2f}x | {rc:.2f} | {bc:.2f} "
            f"| {rc / bc:.2f}x | {fc:.2f} | {fc / bc:.2f}x |"
        )
    wall = statistics.median(r[1] / r[3] for r in results)
    cpu = statistics.median(r[2] / r[4] for r in results)
    first = statistics.median(r[5] / r[4] for r in results)
    lines.append(
        f"\nMedian over queries: **{wall:.2f}x** wall, **{cpu:.2f}x** CPU (target at most "
        f"1.5x) for a query run before (its plan kept); a first run (plans off): {first:.2f}x "
        f"CPU; `workbench --help`: {help_s * 1000:.0f} ms (target under 100 ms). "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} when it ended; "
        f"medians of {REPEAT} runs, each its own process."
    )
    return "\n".join(lines)


def main() -> None:
    from bench._pages import DOCS, write_section

    results, help_s = measure()
    text = table(results, help_s)
    print("## CLI overhead: `workbench run` vs a bare DuckDB script\n")
    print(text)
    write_section(DOCS / "performance.md", "cli-overhead", text)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
