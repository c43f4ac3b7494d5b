"""The query-level differential run: ``python -m tests.workbench.conformance.oracle.run_queries [N] --seed S``.

Prints the counts per outcome per template family and every difference; ``--json`` writes
them as JSON, ``--write-known`` as known_query_differences.toml (what test_query_oracle.py allows).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tests.workbench.conformance.harness import offline_workbench
from tests.workbench.conformance.oracle.differ import KINDS
from tests.workbench.conformance.oracle.query_differ import judge_query
from tests.workbench.conformance.oracle.query_set import ROUND_2, queries


def write_known(path: Path, found: list[dict[str, str]]) -> None:
    """The differences left (temp file, then rename); the SQL in full, it is the key."""
    out = [
        "# Query-level differences the oracle finds that are not fixed yet (issue 15), each",
        "# with the reference evaluator's answer and the workbench's. test_query_oracle.py",
        "# fails on any difference not listed. Written by",
        "# `python -m tests.workbench.conformance.oracle.run_queries N --write-known <this file>`.",
        "",
    ]
    for d in found:
        out.append("[[difference]]")
        for k, v in d.items():
            out.append(f"{k} = {json.dumps(v if k == 'sql' else v[:300], ensure_ascii=False)}")
        out.append("")
    partial = path.with_suffix(".part")
    partial.write_text("\n".join(out), encoding="utf-8")
    partial.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--write-known", type=Path, help="replace the known list with this run's differences"
    )
    parser.add_argument("--show", default="different", help="outcomes to print (comma-separated)")
    parser.add_argument(
        "--only",
        help="only these template families or names (comma-separated; round2: the new ones)",
    )
    args = parser.parse_args(argv)
    shown = set(args.show.split(","))
    counts: Counter[tuple[str, str]] = Counter()
    found: list[dict[str, str]] = []
    printed: list[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as root:
        wb = offline_workbench(Path(root))
        try:
            only = set(args.only.split(",")) if args.only else None
            if only and "round2" in only:
                only |= ROUND_2
            for query in queries(args.count, args.seed, only):
                verdict = judge_query(query, wb)
                counts[(query.family, verdict.kind)] += 1
                if verdict.kind in shown:
                    printed.append(
                        f"{verdict.kind.upper()} [{query.family}/{query.template}] "
                        f"{verdict.how}: {query.sql}\n    reference: {verdict.reference}"
                        f"\n    workbench: {verdict.workbench}"
                    )
                if verdict.kind == "different":
                    found.append(
                        {
                            "family": query.family,
                            "template": query.template,
                            "sql": query.sql,
                            "how": verdict.how,
                            "reference": verdict.reference,
                            "workbench": verdict.workbench,
                        }
                    )
        finally:
            wb.close()
    elapsed = time.perf_counter() - start
    print(f"{'family':16}" + "".join(f"{k:>12}" for k in KINDS))
    for family in sorted({f for f, _ in counts}):
        print(f"{family:16}" + "".join(f"{counts[(family, k)]:>12}" for k in KINDS))
    total = sum(counts.values())
    print(f"{total} queries, {len(found)} different, {elapsed:.1f} s")
    print("\n".join(printed))
    if args.write_known:
        write_known(args.write_known, found)
    if args.json:
        payload = {
            "counts": {f"{f}/{k}": n for (f, k), n in sorted(counts.items())},
            "differences": found,
        }
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
