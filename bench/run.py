"""`make bench`: every benchmark module under bench/ (each has a ``main()``), one after the other."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(path: Path):
    # by path: bench/fakedata.py must not shadow the fakedata package
    spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    # `python bench/run.py` puts bench/ first on sys.path, where fakedata.py would shadow
    # the fakedata package: the benchmarks import the project's packages, not each other.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    # bench/translate.py runs the conformance cases through their harness in tests/.
    sys.path.insert(0, str(HERE.parent))
    for path in sorted(HERE.glob("*.py")):
        if path.stem == "run" or path.stem.startswith("_"):  # _pages.py: a helper
            continue
        print(f"# bench/{path.name}\n", flush=True)
        load(path).main()
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
