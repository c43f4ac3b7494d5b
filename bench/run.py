"""`make bench`: every benchmark under bench/, one after the other."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def load(name: str):
    # by path: bench/fakedata.py must not shadow the fakedata package
    spec = importlib.util.spec_from_file_location(
        f"bench_{name}", Path(__file__).with_name(f"{name}.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    print("## fake data")
    sys.exit(load("fakedata").main(sys.argv[1:]))
