"""Benchmark: where the memory of the two PACE window queries goes at production scale.

Issue 17 wants every query under 600 MB at production scale; in one pass (the translation's
shape) ``pace/command_runs`` and ``pace/command_error_share`` peak at about 1.4 GB and 860 MB.
This benchmark keeps the evidence of where that goes and what brings it down, on
bench/scale.py's dataset and with its method (each statement in its own child on the
workbench's sandboxed connection, CPU from ``getrusage``, the child's peak RSS from ``wait4``,
lowest CPU of ``--repeat`` runs with the highest peak):

- the hand-written queries (bench/handwritten/pace: the installs in batches, one after the
  other, in a recursive CTE);
- ``bench/probes/pace/*.sql``: the one-pass forms, also with a memory limit low enough for
  DuckDB to spill to its temporary directory (beside the database; the engine's
  ``WORKBENCH_DUCKDB_MEMORY_LIMIT``), other formulations (``<query>_*``, checked to return
  the hand-written query's rows), and parts of the query alone (``part_*``: the scan, each
  window, a floor with integer keys);
- DuckDB's own account: ``duckdb_memory()`` polled every 50 ms from a second cursor while a
  one-pass form runs (a plain read-only connection, in a child of its own), the peak of each
  memory tag (WINDOW, HASH_TABLE, ...): which operators hold the memory.

A run with the default dataset writes its block into docs/performance.md (``pace-memory``).

    python bench/pace_memory.py [--repeat R] [--no-write]   (run by `make bench`)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HANDWRITTEN = HERE / "handwritten" / "pace"
PROBES = HERE / "probes" / "pace"
QUERIES = ("command_runs", "command_error_share")
# Low enough that the child (about 190 MB before DuckDB allocates) stays under 600 MB.
SPILL_LIMIT = "400MB"
MEMORY_ENV = "WORKBENCH_DUCKDB_MEMORY_LIMIT"  # workbench.engines.dataset.MEMORY_ENV


def _scale() -> ModuleType:
    """bench/scale.py (its dataset and measure()), loaded as bench/run.py loads each benchmark."""
    from bench.run import load

    return load(HERE / "scale.py")


@contextmanager
def _memory_limit(limit: str):
    """The children's DuckDB memory limit (the engine reads it from the environment)."""
    before = os.environ.get(MEMORY_ENV)
    os.environ[MEMORY_ENV] = limit
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(MEMORY_ENV, None)
        else:
            os.environ[MEMORY_ENV] = before


def tags_child(db: str, sql_file: str) -> int:
    """Run one statement on a plain read-only connection; print each memory tag's peak (MB)."""
    import duckdb

    conn = duckdb.connect(db, read_only=True)
    conn.execute("SET TimeZone = 'UTC'")
    peaks: dict[str, int] = {}
    done = threading.Event()

    def poll() -> None:
        cursor = conn.cursor()
        while not done.is_set():
            for tag, used in cursor.execute(
                "SELECT tag, memory_usage_bytes FROM duckdb_memory()"
            ).fetchall():
                peaks[tag] = max(peaks.get(tag, 0), used)
            time.sleep(0.05)

    watcher = threading.Thread(target=poll)
    watcher.start()
    try:
        conn.sql(Path(sql_file).read_text()).fetchall()
    finally:
        done.set()
        watcher.join()
    print(json.dumps({t: b >> 20 for t, b in sorted(peaks.items(), key=lambda x: -x[1]) if b}))
    return 0


def tags(db: Path, sql_file: Path) -> dict[str, int]:
    cmd = [sys.executable, __file__, "--tags", str(db), str(sql_file)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out)


def _description(path: Path) -> str:
    """A probe's first line, a comment: what the statement is."""
    first = path.read_text().splitlines()[0]
    if not first.startswith("-- "):
        raise SystemExit(f"bench/pace_memory.py: {path} does not start with a '-- ' comment")
    return first[3:].strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each statement")
    parser.add_argument(
        "--no-write",
        dest="write",
        action="store_false",
        help="do not write the block into docs/performance.md",
    )
    parser.add_argument("--tags", nargs=2, metavar=("DB", "SQL_FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.tags:
        return tags_child(*args.tags)
    scale = _scale()
    db = scale.dataset(ROOT / "build" / "scale", scale.SITES)
    load = os.getloadavg()[0]
    lines = [
        "| statement | what it is | rows | CPU s | peak MB | same rows |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]

    def row(name: str, what: str, m: dict, same: str = "") -> None:
        lines.append(f"| `{name}` | {what} | {m['rows']:,} | {m['cpu']:.2f} | {m['mb']} | {same} |")
        print(lines[-1], flush=True)

    digests, batched, one_pass, ratios = {}, {}, {}, {}
    for query in QUERIES:
        batched[query] = m = scale.measure(
            db, (HANDWRITTEN / f"{query}.sql").read_text(), args.repeat
        )
        digests[query] = m["digest"]
        row(f"handwritten/pace/{query}", "hand-written, in batches of installs", m, "(reference)")
    for probe in sorted(PROBES.glob("*.sql")):
        m = scale.measure(db, probe.read_text(), args.repeat)
        query = next((q for q in QUERIES if probe.stem.startswith(q + "_")), None)
        same = "" if query is None else "yes" if m["digest"] == digests[query] else "**no**"
        row(f"probes/pace/{probe.stem}", _description(probe), m, same)
        if probe.stem.endswith("_one_pass"):
            one_pass[query] = m
            with _memory_limit(SPILL_LIMIT):
                s = scale.measure(db, probe.read_text(), args.repeat)
            same = "yes" if s["digest"] == digests[query] else "**no**"
            row(f"probes/pace/{probe.stem}", f"the same, memory limit {SPILL_LIMIT}", s, same)
            ratios[query] = s["cpu"] / max(m["cpu"], 1e-3)
    lines.append("")
    for query in QUERIES:
        peaks = tags(db, PROBES / f"{query}_one_pass.sql")
        shown = ", ".join(f"{t} {mb:,}" for t, mb in peaks.items() if mb >= 16)
        lines.append(f"- `duckdb_memory()` peaks (MB) of `{query}` in one pass: {shown}")
    for query, ratio in ratios.items():
        cpu = batched[query]["cpu"] / max(one_pass[query]["cpu"], 1e-3)
        lines.append(
            f"- `{query}`, CPU against one pass: hand-written in batches {cpu:.2f}x; "
            f"one pass with memory limit {SPILL_LIMIT} (DuckDB spills) {ratio:.2f}x"
        )
    load = max(load, os.getloadavg()[0])
    lines.append(
        f"- data: pace {scale.SITES['pace']:,} installs; machine: {os.cpu_count()} cores, "
        f"load average up to {load:.1f}; lowest CPU of {args.repeat} runs, highest peak"
    )
    print("\n".join(lines[-5:]))
    if args.write:
        sys.path.insert(0, str(ROOT))
        from bench._pages import DOCS, write_section

        write_section(DOCS / "performance.md", "pace-memory", "\n".join(lines))
        print("\nwritten to docs/performance.md")
    return 0


if __name__ == "__main__":
    # run as a script, bench/ is first on sys.path, where fakedata.py shadows the package
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    sys.path.insert(0, str(ROOT))  # bench.run, bench._pages
    sys.exit(main())
