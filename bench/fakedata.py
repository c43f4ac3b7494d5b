"""Benchmark: `workbench fake-data` (the whole command) against a row-at-a-time generator.

The row-at-a-time generator is written in the style of `dropsonde dev example`: one dict
per report, independent uniform sampling with the `random` module, one `json.dumps` per
line. Both produce the same number of reports; throughput is counted in nested elements
(rows plus list items) per second. Peak memory (max RSS of the child process) is taken at
two population sizes, N and 5N sites.

    python bench/fakedata.py [--sites N]       (run by `make bench`)
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKBENCH = Path(sys.executable).with_name("workbench")
OS = ["RedHat", "Debian", "Windows", "Suse", "FreeBSD", "Darwin", "Archlinux", "AIX"]


def row_at_a_time(reports: int, out: Path, seed: int = 0) -> int:
    """The baseline: returns the number of nested elements written."""
    rnd = random.Random(seed)
    forge = json.loads((ROOT / "fakedata" / "vocab" / "forge-modules.json").read_text())["modules"]
    end = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)
    elements = 0
    with out.open("w") as fh:
        for _ in range(reports):
            mods = rnd.sample(forge, rnd.randrange(100))
            classes = rnd.sample(forge, rnd.randrange(100))
            row = {
                "message_id": uuid.UUID(int=rnd.getrandbits(128)).hex,
                "site_id": base64.b64encode(rnd.randbytes(64)).decode(),
                "product": "dropsonde",
                "version": f"0.0.{rnd.randrange(9)}",
                "timestamp": (end - dt.timedelta(seconds=rnd.randrange(84 * 86400))).strftime(
                    "%Y-%m-%d %H:%M:%S UTC"
                ),
                "ip": ".".join(str(rnd.randrange(1, 255)) for _ in range(4)),
                "dependencies": [
                    {
                        "name": m.replace("-", "/"),
                        "version_requirement": f">= {rnd.randrange(5)}.0.0",
                    }
                    for m in rnd.sample(forge, rnd.randrange(10))
                ],
                "environment_count": rnd.randrange(50),
                "modules": [
                    {
                        "name": m.split("-", 1)[-1],
                        "slug": m,
                        "version": f"{rnd.randrange(8)}.{rnd.randrange(20)}.{rnd.randrange(20)}",
                    }
                    for m in mods
                ],
                "classes": [
                    {"name": m.split("-", 1)[-1].capitalize(), "count": rnd.randrange(750)}
                    for m in classes
                ],
                "unused_modules": [
                    {
                        "name": m.split("-", 1)[-1],
                        "slug": m,
                        "version": f"{rnd.randrange(8)}.{rnd.randrange(20)}.{rnd.randrange(20)}",
                    }
                    for m in rnd.sample(forge, rnd.randrange(20))
                ],
                "unused_classes": [
                    {"name": m.split("-", 1)[-1].capitalize()}
                    for m in rnd.sample(forge, rnd.randrange(50))
                ],
                "class_platforms": [
                    {
                        "name": m.split("-", 1)[-1].capitalize(),
                        "platform": rnd.choice(OS),
                        "count": rnd.randrange(100),
                    }
                    for m in rnd.sample(forge, rnd.randrange(100))
                ],
                "puppetfile_ruby_methods": [
                    {"name": rnd.choice(["mod", "forge", "moduledir"]), "count": rnd.randrange(10)}
                    for _ in range(rnd.randrange(3))
                ],
            }
            elements += 1 + sum(len(v) for v in row.values() if isinstance(v, list))
            fh.write(json.dumps(row) + "\n")
    return elements


def timed_child(cmd: list[str]) -> tuple[float, int]:
    """(seconds, peak RSS in MB) of a child process."""
    code = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter(); subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL)\n"
        "print(json.dumps([time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *cmd], check=True, capture_output=True, text=True
    )
    seconds, kb = json.loads(out.stdout)
    return seconds, kb // 1024


def fake_data(sites: int, out: Path) -> dict:
    seconds, mb = timed_child(
        [str(WORKBENCH), "fake-data", "--sites", str(sites), "--out", str(out)]
    )
    manifest = json.loads((out / "dropsonde" / "dataset.json").read_text())
    return {
        "seconds": seconds,
        "mb": mb,
        "rows": manifest["rows"],
        "elements": manifest["elements"],
    }


def generate_only(sites: int, out: Path) -> float:
    code = (
        "import sys; from fakedata import load_source; from fakedata.generate import Options\n"
        "from fakedata.write import write_dataset\n"
        f"s = load_source({str(ROOT / 'schemas' / 'dropsonde')!r})\n"
        f"write_dataset(s, Options.for_source(s, sites={sites}), {str(out)!r})\n"
    )
    return timed_child([sys.executable, "-c", code])[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=1000, help="N (the second run uses 5N)")
    args = parser.parse_args(argv)
    n = args.sites
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        small = fake_data(n, tmp_path / "n")
        gen = generate_only(n, tmp_path / "g")
        start = time.perf_counter()
        base_elements = row_at_a_time(small["rows"], tmp_path / "rows.jsonl")
        base_seconds = time.perf_counter() - start
        large = fake_data(5 * n, tmp_path / "5n")
    ours = small["elements"] / small["seconds"]
    ours_large = large["elements"] / large["seconds"]
    base = base_elements / base_seconds
    rows = [
        (
            "row-at-a-time (dropsonde dev example style)",
            small["rows"],
            base_elements,
            base_seconds,
            base,
            "-",
        ),
        (
            f"workbench fake-data --sites {n}",
            small["rows"],
            small["elements"],
            small["seconds"],
            ours,
            small["mb"],
        ),
        (
            "  of which generate + Parquet (no DuckDB load)",
            small["rows"],
            small["elements"],
            gen,
            small["elements"] / gen,
            "-",
        ),
        (
            f"workbench fake-data --sites {5 * n}",
            large["rows"],
            large["elements"],
            large["seconds"],
            ours_large,
            large["mb"],
        ),
    ]
    print("| run | reports | elements | seconds | elements/s | peak MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r, e, s, rate, mb in rows:
        print(f"| {name} | {r:,} | {e:,} | {s:.2f} | {rate:,.0f} | {mb} |")
    print()
    print(f"speedup, whole command vs row-at-a-time: {ours / base:.1f}x (target >= 50x)")
    print(f"speedup, generate + Parquet vs row-at-a-time: {small['elements'] / gen / base:.1f}x")
    print(f"peak memory at {5 * n} vs {n} sites: {large['mb'] / small['mb']:.2f}x (target <= 1.2x)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
