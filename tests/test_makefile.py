"""The Makefile regenerates a source's dataset when its schema files are newer than it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


def plan(project: Path, target: str) -> str:
    """What `make -n TARGET` would run (nothing is run)."""
    proc = subprocess.run(
        ["make", "-n", target], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_a_schema_newer_than_its_dataset_is_regenerated(tmp_path):
    project = tmp_path / "p"
    project.mkdir()
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    shutil.copytree(ROOT / "schemas", project / "schemas")
    made = project / "data" / "pulp" / "dataset.json"
    made.parent.mkdir(parents=True)
    made.write_text("{}")
    old = made.stat().st_mtime - 60
    for name in ("pyproject.toml", "uv.lock"):  # an environment installed from them
        shutil.copy(ROOT / name, project / name)
        os.utime(project / name, (old, old))
    uv = re.search(r"^UV_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M)
    assert uv is not None
    for stamp in (".venv/.installed", f".tools/uv-{uv[1]}/bin/uv"):
        (project / stamp).parent.mkdir(parents=True, exist_ok=True)
        (project / stamp).touch()
    for f in (project / "schemas" / "pulp").iterdir():
        os.utime(f, (old, old))
    assert "fake-data --source pulp" not in plan(project, "data/pulp/dataset.json")
    os.utime(project / "schemas" / "pulp" / "analytics-schema.json")  # edited now
    assert ".venv/bin/workbench fake-data --source pulp" in plan(project, "data/pulp/dataset.json")
    os.utime(project / "schemas" / "pulp" / "analytics-schema.json", (old, old))
    os.utime(project / "schemas" / "pulp" / "source.toml")
    assert "fake-data --source pulp" in plan(project, "data/pulp/dataset.json")
    # a plugin file added beside the program's
    (project / "schemas" / "pulp" / "source.toml").touch()
    os.utime(project / "schemas" / "pulp" / "source.toml", (old, old))
    (project / "schemas" / "pulp" / "chatops.json").write_text("[]")
    assert "fake-data --source pulp" in plan(project, "data/pulp/dataset.json")
