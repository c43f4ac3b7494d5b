"""`workbench fake-data` deletes only what it made (issue 14): hostile source names, foreign
directories under --out, SIGTERM half-way and leftovers of a killed run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli import one_error, workbench
from tests.conftest import ROOT

FAKE_DATA = [sys.executable, "-m", "workbench.cli", "fake-data"]


def run(*argv: str) -> subprocess.CompletedProcess:
    return workbench("fake-data", *argv, timeout=120)


def source_named(tmp_path: Path, name: str) -> Path:
    """A copy of the Dropsonde source whose source.toml says ``name = <name>``."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "schemas" / "dropsonde", src)
    toml = src / "source.toml"
    toml.write_text(toml.read_text().replace('name = "dropsonde"', f"name = {name!r}"))
    return src


@pytest.mark.parametrize("name", ["../victim", "/tmp/victim", "a/b", "..", ".hidden", "", "x\ny"])
def test_a_source_name_cannot_point_outside_out(tmp_path: Path, name: str) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine")
    out = tmp_path / "out"
    proc = run("--source", str(source_named(tmp_path, name)), "--sites", "5", "--out", str(out))
    one_error(proc, "source.toml", "name")
    assert (victim / "keep.txt").read_text() == "mine"
    assert not out.exists() or not any(out.iterdir())


def test_a_foreign_directory_under_out_is_left_alone(tmp_path: Path) -> None:
    mine = tmp_path / "dropsonde"
    mine.mkdir()
    (mine / "notes.txt").write_text("my own notes")
    one_error(run("--sites", "5", "--out", str(tmp_path)), str(mine), "dataset.json")
    assert (mine / "notes.txt").read_text() == "my own notes"
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]


def test_a_file_where_the_dataset_goes(tmp_path: Path) -> None:
    (tmp_path / "dropsonde").write_text("a file")
    one_error(run("--sites", "5", "--out", str(tmp_path)), "dropsonde")
    assert (tmp_path / "dropsonde").read_text() == "a file"


def test_a_dataset_it_made_is_replaced(tmp_path: Path) -> None:
    assert run("--sites", "5", "--out", str(tmp_path)).returncode == 0
    proc = run("--sites", "6", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert '"sites": 6' in (tmp_path / "dropsonde" / "dataset.json").read_text()


def test_sigterm_half_way_cleans_up_and_keeps_the_old_dataset(tmp_path: Path) -> None:
    assert run("--sites", "20", "--out", str(tmp_path)).returncode == 0
    before = (tmp_path / "dropsonde" / "part-00000.parquet").read_bytes()
    proc = subprocess.Popen(
        [*FAKE_DATA, "--sites", "150000", "--out", str(tmp_path)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".dropsonde.tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmp_path.glob(".dropsonde.tmp-*")), "the run never started writing"
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and "Traceback" not in err
    assert not list(tmp_path.glob(".dropsonde.*")), "temporary directories left behind"
    assert (tmp_path / "dropsonde" / "part-00000.parquet").read_bytes() == before


def test_leftovers_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = tmp_path / f".dropsonde.tmp-{dead.pid}"
    leftover.mkdir()
    (leftover / "part-00000.parquet").write_bytes(b"half")
    assert run("--sites", "5", "--out", str(tmp_path)).returncode == 0
    assert not leftover.exists()
