"""Run every benchmark module under bench/ (each has a ``main()``)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    sys.path.insert(0, str(HERE))
    for path in sorted(HERE.glob("*.py")):
        if path.stem in ("run", "__init__"):
            continue
        print(f"# bench/{path.name}\n")
        importlib.import_module(path.stem).main()
        print()


if __name__ == "__main__":
    main()
