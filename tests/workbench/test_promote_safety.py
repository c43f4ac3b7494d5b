"""`workbench promote` writes like a careful tool (issue 14): no symlinked or outside targets,
the umask honoured, no empty --to, no output name ending in whitespace or a control character."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from workbench.cli import main

QUERY = ROOT / "queries" / "dropsonde" / "module_usage.sql"


@pytest.fixture
def promote(small_data: Path, capsys, monkeypatch):
    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setenv("WORKBENCH_ROOT", str(ROOT))
        code = main(["promote", *args, "--db", str(small_data / "workbench.duckdb")])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_a_symlinked_target_is_refused_and_untouched(tmp_path: Path, promote) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "module_usage.sql").symlink_to(secret)
    for extra in ((), ("--force",)):
        code, stdout, err = promote(str(QUERY), "--to", str(out), *extra)
        assert code != 0 and "symbolic link" in err
        assert "hunter2" not in stdout + err
    assert secret.read_text() == "password=hunter2\n"
    assert (out / "module_usage.sql").is_symlink()


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_written_files_follow_the_umask(tmp_path: Path, promote, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        code, _, err = promote(str(QUERY), "--to", str(tmp_path))
    finally:
        os.umask(old)
    assert code == 0, err
    assert (tmp_path / "module_usage.sql").stat().st_mode & 0o777 == mode


@pytest.mark.parametrize("to", ["", "   ", "out\n", "out "])
def test_a_bad_to(to: str, promote, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        promote(str(QUERY), "--to", to)
    assert exc.value.code == 2


@pytest.mark.parametrize("stem", ["usage\n", "usage ", "usage\t", "us age"])
def test_output_names_end_in_no_whitespace(tmp_path: Path, stem: str, promote) -> None:
    query = tmp_path / f"{stem}.sql"
    shutil.copy(QUERY, query)
    code, _, err = promote(str(query), "--to", str(tmp_path / "out"))
    assert code != 0 and "not a valid BigQuery table name" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
