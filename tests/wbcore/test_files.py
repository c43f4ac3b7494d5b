"""wbcore.files.write_atomic: a file is written whole or not at all, nothing left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from wbcore.files import write_atomic


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.json"  # the directory is made
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text(encoding="utf-8") == "two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["b.json"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "c.json"
    write_atomic(target, "old")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "\udcff")  # a lone surrogate cannot be written as UTF-8
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]


def test_a_directory_in_the_way_is_an_oserror_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "d.json").mkdir()
    with pytest.raises(OSError):
        write_atomic(tmp_path / "d.json", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["d.json"]
