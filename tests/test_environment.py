"""pyproject.toml holds the one dependency list; environment.yml must mirror it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# conda-forge names that differ from PyPI's
CONDA_NAMES = {"duckdb": "python-duckdb"}


def _split(req: str) -> tuple[str, str]:
    m = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", req.strip())
    assert m, req
    return m.group(1).lower(), m.group(2).replace(" ", "")


def test_environment_yml_lists_the_same_dependencies():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pypi = {CONDA_NAMES.get(n, n): spec for n, spec in map(_split, deps)}
    lines = (ROOT / "environment.yml").read_text().splitlines()
    start = lines.index("dependencies:") + 1
    conda = {}
    for line in lines[start:]:
        if not line.startswith("  - "):
            break
        name, spec = _split(line[4:])
        if name not in ("python", "pip"):
            conda[name] = spec
    assert conda == pypi
