"""Credentials: each missing or refused credential is one clear message, never secret material.

Each case runs the real CLI in a fresh process with a controlled environment: no gcloud
configuration, no metadata server (NO_GCE_CHECK), and every connection that is not to
127.0.0.1 sent to a closed local port, so nothing here can reach the network.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from tests.conftest import ROOT


def cli(tmp_path: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "CLOUDSDK_CONFIG": str(home / "gcloud"),
        "NO_GCE_CHECK": "true",
        "GCE_METADATA_HOST": "127.0.0.1:9",
        "GCE_METADATA_IP": "127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "NO_PROXY": "127.0.0.1",
        "WORKBENCH_ROOT": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *argv],
        capture_output=True,
        text=True,
        env={**base, **env},
        cwd=tmp_path,
        timeout=120,
    )


RUN = ("run", "--engine", "bigquery", "--sql", "SELECT 1 AS one")


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("workbench: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    return result.stderr


def test_no_application_default_credentials(tmp_path):
    err = one_error_line(cli(tmp_path, *RUN))
    assert "no Google Cloud credentials found" in err
    assert (
        "gcloud auth application-default login" in err and "GOOGLE_APPLICATION_CREDENTIALS" in err
    )


def test_google_application_credentials_naming_a_missing_file(tmp_path):
    missing = tmp_path / "nowhere" / "key.json"
    err = one_error_line(cli(tmp_path, *RUN, GOOGLE_APPLICATION_CREDENTIALS=str(missing)))
    assert f"GOOGLE_APPLICATION_CREDENTIALS names {missing}, which is not a file" in err


def test_google_application_credentials_naming_a_file_that_is_no_key(tmp_path):
    bad = tmp_path / "key.json"
    bad.write_text('{"type": "service_account", "private_key": "s3cr3t-not-a-key"}')
    err = one_error_line(cli(tmp_path, *RUN, GOOGLE_APPLICATION_CREDENTIALS=str(bad)))
    assert "is not a valid Google credentials file" in err
    assert "s3cr3t" not in err


@pytest.fixture()
def refusing_token_server():
    """A local OAuth token endpoint that refuses every credential, as Google does a revoked key."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = json.dumps(
                {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
            ).encode()
            self.send_response(400)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/token"
    server.shutdown()
    server.server_close()


def service_account_key(token_uri: str) -> dict[str, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return {
        "type": "service_account",
        "project_id": "workbench-test",
        "private_key_id": "0123456789abcdef0123456789abcdef01234567",
        "private_key": pem,
        "client_email": "workbench@workbench-test.iam.gserviceaccount.com",
        "client_id": "123456789012345678901",
        "token_uri": token_uri,
    }


def test_a_refused_credential_is_one_message_without_secrets(tmp_path, refusing_token_server):
    info = service_account_key(refusing_token_server)
    path = tmp_path / "key.json"
    path.write_text(json.dumps(info))
    err = one_error_line(cli(tmp_path, *RUN, GOOGLE_APPLICATION_CREDENTIALS=str(path)))
    assert f"Google refused the credentials from GOOGLE_APPLICATION_CREDENTIALS ({path})" in err
    assert "(invalid_grant)" in err
    pem_body = info["private_key"].splitlines()[1]
    for secret in (pem_body, info["private_key_id"], "PRIVATE KEY", "eyJ", "assertion"):
        assert secret not in err


def test_publish_checks_the_table_name_first(tmp_path):
    err = one_error_line(cli(tmp_path, "publish", "--table", "just_a_table"))
    assert "--table 'just_a_table': has 1 part(s) where PROJECT.DATASET.TABLE has three" in err


def test_an_endpoint_that_is_not_a_url(tmp_path):
    err = one_error_line(cli(tmp_path, *RUN, WORKBENCH_BIGQUERY_ENDPOINT="127.0.0.1:9050"))
    assert "WORKBENCH_BIGQUERY_ENDPOINT '127.0.0.1:9050' is not an http(s)://host:port URL" in err
