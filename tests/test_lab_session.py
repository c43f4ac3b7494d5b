"""`make lab` leaves git clean: a lab session that opens every notebook, starts its kernel,
runs nothing and saves it as JupyterLab's autosave does changes no tracked byte, and the
notebooks open trusted (their stored charts show without Run All).

The server is the one `make lab` starts (jupyter lab), on copies of the notebooks, after the
same `jupyter trust` step, talking REST on 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_jupyter_server import Server, running

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_make_lab_trusts_the_notebooks_first() -> None:
    dry = subprocess.run(
        ["make", "-n", "-W", "pyproject.toml", "lab"], cwd=ROOT, capture_output=True, text=True
    ).stdout.splitlines()
    trust = [i for i, line in enumerate(dry) if "jupyter trust notebooks/*.ipynb" in line]
    lab = [i for i, line in enumerate(dry) if "jupyter lab " in line]
    assert trust and lab and trust[0] < lab[0], dry


@pytest.fixture(scope="module")
def lab(
    small_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Path]]:
    work = tmp_path_factory.mktemp("lab")
    copies = work / "notebooks"
    copies.mkdir()
    for nb in NOTEBOOKS:
        shutil.copy2(nb, copies / nb.name)
    env = {
        **os.environ,
        "WORKBENCH_ROOT": str(ROOT),
        "WORKBENCH_DB": str(small_data / "workbench.duckdb"),
        "JUPYTER_DATA_DIR": str(work / "data"),
        "JUPYTER_CONFIG_DIR": str(work / "config"),
        "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
    }
    jupyter = [sys.executable, "-m", "jupyter"]
    subprocess.run(
        [*jupyter, "trust", *sorted(str(p) for p in copies.glob("*.ipynb"))],
        env=env,
        check=True,
        capture_output=True,
    )
    app = ["jupyter", "lab", f"--notebook-dir={copies}"]
    with running(app, env, work / "lab.log") as srv:
        yield srv, copies


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_open_run_nothing_save_close_changes_no_byte(lab, notebook: Path) -> None:
    server, copies = lab
    before = notebook.read_bytes()
    model = server.request("GET", f"/api/contents/{notebook.name}?content=1")
    code = [c for c in model["content"]["cells"] if c["cell_type"] == "code"]
    assert code and all(c["metadata"].get("trusted") is True for c in code), "not trusted"
    session = server.request(
        "POST",
        "/api/sessions",
        {"path": notebook.name, "type": "notebook", "kernel": {"name": "python3"}},
    )
    try:
        # JupyterLab's autosave and Ctrl-S send back the model it loaded.
        server.request(
            "PUT",
            f"/api/contents/{notebook.name}",
            {"type": "notebook", "format": "json", "content": model["content"]},
        )
    finally:
        server.request("DELETE", f"/api/sessions/{session['id']}")
    assert (copies / notebook.name).read_bytes() == before
    assert notebook.read_bytes() == before
