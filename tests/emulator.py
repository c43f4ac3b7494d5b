"""A local BigQuery API server for the ``bigquery`` tests: bqemulator, in its own process.

bqemulator pins versions of sqlglot and DuckDB that the project cannot share, so it lives
in the ``.bqemu/`` virtual environment that ``make bqemu`` (and so ``make test``) builds.
Its DuckDB extensions are installed under ``.bqemu/home``, which is the emulator's HOME:
it never reaches out to download one.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT

BQEMU = Path(os.environ.get("WORKBENCH_BQEMU", ROOT / ".bqemu"))
PROJECT = "workbench-test"


# Straight to 127.0.0.1, whatever proxy the environment names.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class EmulatorMissing(RuntimeError):
    pass


def missing() -> str | None:
    """Why the emulator cannot start (its environment is not built), or None."""
    if (BQEMU / "bin" / "bqemulator").is_file() and (BQEMU / ".installed").is_file():
        return None
    return (
        f"the BigQuery emulator environment is missing ({BQEMU}); build it with "
        "`make bqemu` (make test does), or deselect these tests with -m 'not bigquery'"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(tmp_path_factory) -> Iterator[str]:
    """The emulator for a test fixture; a test fails (never skips) where it cannot start:
    CI must run the ``bigquery`` tests."""
    import pytest

    problem = missing()
    if problem:
        pytest.fail(problem, pytrace=False)
    with emulator(tmp_path_factory.mktemp("bqemu") / "emulator.log") as url:
        yield url


@contextmanager
def emulator(log: Path, timeout: float = 60.0) -> Iterator[str]:
    """Start bqemulator on 127.0.0.1 (a free port); yields its endpoint URL once it answers."""
    problem = missing()
    if problem:
        raise EmulatorMissing(problem)
    exe = BQEMU / "bin" / "bqemulator"
    port = _free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(BQEMU / "home"),
        "BQEMU_LOG_LEVEL": "warning",
        "OTEL_SDK_DISABLED": "true",
        "NO_PROXY": "127.0.0.1,localhost",
    }
    argv = [
        str(exe),
        "start",
        "--rest-host=127.0.0.1",
        f"--rest-port={port}",
        "--grpc-host=127.0.0.1",
        "--grpc-port=0",
        "--ephemeral",
        f"--project={PROJECT}",
        "--log-level=warning",
    ]
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"the BigQuery emulator exited ({proc.returncode}):\n"
                    + log.read_text(errors="replace")[-3000:]
                )
            try:
                with _DIRECT.open(f"{url}/healthz", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the BigQuery emulator did not answer within {timeout:.0f}s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
