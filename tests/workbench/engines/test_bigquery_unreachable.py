"""A BigQuery endpoint nothing answers on is one clear error within ``REACH_SECONDS``, not a
command that looks hung: google-cloud-bigquery retries a refused connection for 10 minutes per
request by default, and a query job's own retries around that for longer."""

from __future__ import annotations

import socket
import time

import pytest

from tests.cli import main_in_process as run
from workbench.engines import bigquery


@pytest.fixture()
def nowhere(monkeypatch: pytest.MonkeyPatch) -> str:
    with socket.socket() as s:  # a port just free: nothing listens on it
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    monkeypatch.setenv(bigquery.ENDPOINT_ENV, url)
    monkeypatch.setattr(bigquery, "REACH_SECONDS", 2.0)
    return url


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "--engine", "bigquery", "--project", "p", "--sql", "SELECT 1"],
        ["publish", "--table", "my-project.community.community_metrics"],
    ],
    ids=["run", "publish"],
)
def test_an_unreachable_endpoint_is_one_error_soon(nowhere, capsys, argv, small_data):
    if argv[0] == "publish":
        argv = [*argv, "--data", str(small_data)]
    started = time.monotonic()
    code, out, err = run(capsys, *argv)
    elapsed = time.monotonic() - started
    assert code == 1 and out == ""
    assert err.startswith("workbench: error: ") and err.count("\n") == 1, err
    assert f"cannot reach BigQuery at {nowhere}" in err
    # the client library's default would be 600 s and more; 2 s of retries and a margin
    assert elapsed < 20, elapsed
