"""The fake-data command: bad input, the pinned-clock invariant, atomic regeneration."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from workbench.cli import main


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["fake-data", *args])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sites", "0"], "--sites must be at least 1, not 0"),
        (["--days", "0"], "--days must be at least 1"),
        (["--source", "nope"], "unknown source 'nope'"),
    ],
)
def test_bad_options_fail_cleanly(capsys, tmp_path, args, message):
    code, err = run(capsys, *args, "--out", str(tmp_path / "d"))
    assert code == 1 and err.startswith("workbench: error: ") and message in err
    assert "Traceback" not in err and not (tmp_path / "d").exists()


def test_bad_as_of_is_refused_by_the_parser(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["fake-data", "--as-of", "2026-02-30", "--out", str(tmp_path)])
    assert exc.value.code == 2
    assert "'2026-02-30' is not a YYYY-MM-DD date" in capsys.readouterr().err


def test_unwritable_out_is_named(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, err = run(capsys, "--sites", "3", "--out", str(blocker / "sub"))
    assert code == 1 and str(blocker / "sub") in err and "cannot create" in err


def test_summary_line_and_pinned_clock_invariant(capsys, tmp_path):
    code, err = run(
        capsys, "--sites", "40", "--days", "20", "--as-of", "2025-03-01", "--out", str(tmp_path)
    )
    assert code == 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "reports from 40 sites" in lines[0]
    conn = duckdb.connect(str(tmp_path / "workbench.duckdb"), read_only=True)
    conn.execute("SET TimeZone = 'UTC'")
    first, last, sites = conn.execute(
        "SELECT min(timestamp), max(timestamp), count(DISTINCT site_id) FROM community_metrics"
    ).fetchone()
    midnight = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    assert midnight - dt.timedelta(days=20) <= first and last < midnight and sites == 40


def test_regeneration_killed_half_way_leaves_the_previous_dataset(tmp_path, root):
    exe = [sys.executable, "-m", "workbench.cli", "fake-data", "--out", str(tmp_path)]
    subprocess.run([*exe, "--sites", "30"], check=True, capture_output=True, cwd=root)
    db = tmp_path / "workbench.duckdb"

    def snapshot():
        conn = duckdb.connect(str(db), read_only=True)
        try:
            return conn.execute(
                "SELECT count(*), count(DISTINCT site_id) FROM community_metrics"
            ).fetchone()
        finally:
            conn.close()

    before = snapshot()
    parquet = (tmp_path / "dropsonde" / "part-00000.parquet").read_bytes()
    big = [*exe, "--sites", "150000", "--processes", "2"]
    for workers in (False, True):  # killed starting, then generating (~15 s) with workers
        proc = subprocess.Popen(big, cwd=root, stderr=subprocess.DEVNULL)
        if workers:  # the command and its two worker processes
            deadline = time.monotonic() + 20
            while len(_matching(str(tmp_path))) < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(_matching(str(tmp_path))) == 3
            time.sleep(0.5)
        else:
            time.sleep(0.8)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait() == -signal.SIGKILL  # killed, not finished before the kill
        assert not _workers_left(str(tmp_path), wait=5.0), "worker processes outlived the kill"
        assert snapshot() == before
        assert (tmp_path / "dropsonde" / "part-00000.parquet").read_bytes() == parquet


def test_worker_processes_change_the_speed_never_the_bytes(capsys, tmp_path):
    """`--processes` forks workers for the row groups; the files are the same byte for byte."""
    made = []
    for n in ("1", "2", "0"):
        code, err = run(capsys, "--sites", "1500", "--days", "21", "--processes", n,
                        "--out", str(tmp_path / n))  # fmt: skip
        assert code == 0, err
        made.append((tmp_path / n / "dropsonde" / "part-00000.parquet").read_bytes())
    assert made[0] == made[1] == made[2]
    with pytest.raises(SystemExit) as exc:
        main(["fake-data", "--processes", "-1", "--out", str(tmp_path / "bad")])
    assert exc.value.code == 2
    assert "argument --processes: '-1' must not be negative" in capsys.readouterr().err


def _matching(marker: str) -> list[int]:
    """Processes whose command line mentions ``marker`` (forked workers share the parent's)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                if marker.encode() in fh.read():
                    found.append(int(entry))
        except OSError:
            continue
    return found


def _workers_left(marker: str, wait: float) -> list[int]:
    """``_matching(marker)``, after up to ``wait`` seconds for it to become empty."""
    deadline = time.monotonic() + wait
    while True:
        left = _matching(marker)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(monkeypatch):
    from workbench.cli import Progress

    monkeypatch.setattr(Progress, "DELAY", 0.05)
    for stream, shown in ((io.StringIO(), False), (_Terminal(), True)):
        progress = Progress(1000, "sites", stream=stream)
        progress(10)
        time.sleep(0.1)  # past the delay
        progress(500)
        progress(1000, "loading into DuckDB")
        progress.close()
        text = stream.getvalue()
        if shown:
            assert "500/1000" in text and "sites" in text and "loading into DuckDB" in text
            assert text.endswith("\r")  # wiped on close: the summary line starts clean
        else:
            assert text == ""


def test_progress_bar_waits_before_it_shows():
    from workbench.cli import Progress

    stream = _Terminal()
    progress = Progress(1000, "sites", stream=stream)
    progress(999)
    progress.close()
    assert "999" not in stream.getvalue()
