"""The full differential run: ``python -m tests.workbench.conformance.oracle.run [COUNT]``.

Prints the counts per outcome per function family and every difference, and writes them as
JSON to the path given by ``--json`` (for the report and for regression cases).
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
from tests.workbench.conformance.oracle.differ import KINDS, judge
from tests.workbench.conformance.oracle.generator import expressions


def write_known(path: Path, found: list[dict[str, str]]) -> None:
    """The differences left, for test_oracle.py (temp file, then rename)."""
    out = [
        "# Differences the oracle finds that are not fixed yet (issue 15), each with the",
        "# reference evaluator's answer and the workbench's. test_oracle.py fails on any",
        "# difference not listed. Written by",
        "# `python -m tests.workbench.conformance.oracle.run --write-known <this file>`.",
        "",
    ]
    for d in found:
        out.append("[[difference]]")
        out += [f"{k} = {json.dumps(d[k][:300], ensure_ascii=False)}" for k in d]
        out.append("")
    partial = path.with_suffix(".part")
    partial.write_text("\n".join(out), encoding="utf-8")
    partial.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=3000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--write-known",
        type=Path,
        help="replace known_differences.toml with this run's differences",
    )
    parser.add_argument(
        "--family", action="append", help="judge only this family's expressions (repeatable)"
    )
    args = parser.parse_args(argv)
    counts: Counter[tuple[str, str]] = Counter()
    found: list[dict[str, str]] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as root:
        wb = offline_workbench(Path(root))
        try:
            for template, text in expressions(args.count, args.seed):
                if args.family and template.family not in args.family:
                    continue
                verdict = judge(text, wb)
                counts[(template.family, verdict.kind)] += 1
                if verdict.kind == "different":
                    found.append(
                        {
                            "family": template.family,
                            "function": template.name,
                            "expression": text,
                            "how": verdict.how,
                            "reference": verdict.reference,
                            "workbench": verdict.workbench,
                        }
                    )
        finally:
            wb.close()
    elapsed = time.perf_counter() - start
    families = sorted({f for f, _ in counts})
    print(f"{'family':14}" + "".join(f"{k:>12}" for k in KINDS))
    for family in families:
        print(f"{family:14}" + "".join(f"{counts[(family, k)]:>12}" for k in KINDS))
    print(f"{'total':14}" + "".join(f"{sum(counts[(f, k)] for f in families):>12}" for k in KINDS))
    print(f"{sum(counts.values())} expressions in {elapsed:.1f} s")
    for d in found:
        print(
            f"DIFFERENT [{d['family']}/{d['function']}] {d['how']}: {d['expression']}\n"
            f"    reference: {d['reference'][:300]}\n    workbench: {d['workbench'][:300]}"
        )
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
