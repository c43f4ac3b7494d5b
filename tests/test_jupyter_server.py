"""A real Jupyter server on 127.0.0.1: list the notebooks over REST, run one in a real kernel.

This is what `make lab` starts (jupyter lab is the same server with the Lab UI on top).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import websocket

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, port: int, token: str) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.ws = f"ws://127.0.0.1:{port}"
        self.token = token

    def request(self, method: str, path: str, body: dict | None = None) -> dict | list:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read().decode()
        return json.loads(text) if text else {}


def wait_until_up(srv: Server, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    """Until the server answers its status API; fails with the end of its log if it dies."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            srv.request("GET", "/api/status")
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"jupyter did not start: {log.read_text()[-2000:]}")
            time.sleep(0.3)


@contextmanager
def running(app: list[str], env: dict[str, str], log: Path) -> Iterator[Server]:
    """A Jupyter server app (``jupyter_server``, ``jupyter lab``) on 127.0.0.1, a free port and
    a fresh token, until the block ends."""
    port, token = free_port(), secrets.token_hex(16)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            *app,
            "--ip=127.0.0.1",
            f"--port={port}",
            "--no-browser",
            f"--IdentityProvider.token={token}",
            "--allow-root",
        ],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
        env=env,
    )
    srv = Server(port, token)
    try:
        wait_until_up(srv, proc, log)
        yield srv
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def server(small_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("jupyter") / "server.log"
    env = {**os.environ, "WORKBENCH_ROOT": str(ROOT), "JUPYTER_PLATFORM_DIRS": "1"}
    # the notebooks read the small test dataset, not the user's data/ folder
    env["WORKBENCH_DB"] = str(small_data / "workbench.duckdb")
    app = ["jupyter_server", f"--ServerApp.root_dir={ROOT / 'notebooks'}"]
    with running([*app, "--ServerApp.open_browser=False"], env, log) as srv:
        yield srv


def test_notebooks_are_listed_over_rest(server: Server):
    listing = server.request("GET", "/api/contents/")
    names = {item["name"] for item in listing["content"] if item["type"] == "notebook"}
    expected = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert "getting_started.ipynb" in names and names == expected


def execute(ws: websocket.WebSocket, session: str, code: str) -> list[dict]:
    msg_id = uuid.uuid4().hex
    ws.send(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "msg_type": "execute_request",
                    "username": "test",
                    "session": session,
                    "version": "5.3",
                    "date": "",
                },
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "buffers": [],
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": True,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
            }
        )
    )
    replies: list[dict] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        msg = json.loads(ws.recv())
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        replies.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return replies
    raise AssertionError("kernel did not finish in time")


def test_getting_started_runs_in_a_real_kernel_of_the_server(server: Server):
    nb = server.request("GET", "/api/contents/getting_started.ipynb")["content"]
    session = server.request(
        "POST",
        "/api/sessions",
        {"path": "getting_started.ipynb", "type": "notebook", "kernel": {"name": "python3"}},
    )
    kernel_id = session["kernel"]["id"]
    ws = websocket.create_connection(
        f"{server.ws}/api/kernels/{kernel_id}/channels?token={server.token}", timeout=120
    )
    try:
        outputs = []
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            replies = execute(ws, uuid.uuid4().hex, cell["source"])
            errors = [r for r in replies if r["msg_type"] == "error"]
            assert not errors, errors[0]["content"]["evalue"]
            outputs.extend(
                r for r in replies if r["msg_type"] in ("execute_result", "display_data")
            )
    finally:
        ws.close()
        server.request("DELETE", f"/api/sessions/{session['id']}")
    charts = [o for o in outputs if "image/svg+xml" in o["content"]["data"]]
    assert charts and charts[-1]["content"]["data"]["text/plain"].startswith(
        "<Chart: Most used Forge modules"
    )
    tables = [o for o in outputs if "text/html" in o["content"]["data"]]
    assert any("puppetlabs-stdlib" in t["content"]["data"]["text/html"] for t in tables)
