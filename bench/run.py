"""`make bench`: run every benchmark module under bench/ (each has a main())."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    modules = sorted(p for p in HERE.glob("*.py") if p.name not in ("run.py", "__init__.py"))
    if not modules:
        print("no benchmarks yet", file=sys.stderr)
    for path in modules:
        spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"\n## {path.stem}\n", flush=True)
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
