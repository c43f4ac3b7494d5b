"""The installed command as a user runs it, in its own process, and what one error looks like."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def workbench(
    *argv: str, db: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess:
    """``workbench ARGV...`` from the project root; ``db``: a data directory (WORKBENCH_DB)."""
    env = {**os.environ}
    if db is not None:
        env["WORKBENCH_DB"] = str(db / "workbench.duckdb")
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def one_error(proc: subprocess.CompletedProcess, *words: str) -> None:
    """A failure shown as one `workbench: error:` line (no traceback) holding every word."""
    assert proc.returncode != 0
    assert proc.stderr.startswith("workbench: error: "), proc.stderr[-500:]
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr[-500:]
    for word in words:
        assert word in proc.stderr, proc.stderr


def main_in_process(capsys, *argv: str) -> tuple[int, str, str]:
    """``workbench ARGV...`` in this process (``workbench.cli.main``): exit code, stdout,
    stderr; argparse's exits are codes too."""
    from workbench.cli import main

    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err
