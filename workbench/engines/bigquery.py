"""BigQuery for real: the client, dry runs and queries, with one clear message per failure.

The offline engine answers "what would this query return on data shaped like production";
this module asks BigQuery itself, with the same SQL and the production table names left
untouched. Credentials come only from Google's standard mechanisms (Application Default
Credentials, GOOGLE_APPLICATION_CREDENTIALS); nothing here prints, logs or stores them.

``WORKBENCH_BIGQUERY_ENDPOINT=http://127.0.0.1:PORT`` points every command at a local
BigQuery API server (an emulator) with anonymous credentials: the tests use it, and a
real token is never sent to a local server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from wbcore.errors import UserError
from workbench.engines.base import DryRunResult

if TYPE_CHECKING:
    import pyarrow as pa
    from google.cloud import bigquery

    from fakedata.schema import Field, Schema

ENDPOINT_ENV = "WORKBENCH_BIGQUERY_ENDPOINT"
# Billing project for a local server when none is given (it accepts any).
LOCAL_PROJECT = "workbench-local"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# How long one call keeps retrying a BigQuery it cannot reach (or that answers 5xx): the
# client library's default is 10 minutes per request, nested in more for a query job (whose
# restarts, job_retry, are off: a failed job is BigQuery's error, shown at once), which left
# an unreachable endpoint looking like a hung command.
REACH_SECONDS = 30.0
_CREDENTIALS_HELP = (
    "run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS "
    "to a service-account key file"
)


# -- client ---------------------------------------------------------------------------


def bounded_retry() -> Any:
    """The client library's retry of transient failures, given up after ``REACH_SECONDS``."""
    from google.cloud.bigquery.retry import DEFAULT_RETRY

    return DEFAULT_RETRY.with_timeout(REACH_SECONDS)


def endpoint_override(endpoint: str | None = None) -> str | None:
    """The API endpoint to use instead of Google's: an argument, else WORKBENCH_BIGQUERY_ENDPOINT."""
    value = endpoint or os.environ.get(ENDPOINT_ENV) or None
    if value is None:
        return None
    url = urlparse(value)
    if url.scheme not in ("http", "https") or not url.netloc:
        where = "endpoint" if endpoint else ENDPOINT_ENV
        raise UserError(f"{where} {value!r} is not an http(s)://host:port URL")
    return value.rstrip("/")


def connect(
    project: str | None = None,
    location: str | None = None,
    endpoint: str | None = None,
) -> bigquery.Client:
    """A BigQuery client with the standard Google credentials (or anonymous for a local server).

    The endpoint comes from ``endpoint`` or WORKBENCH_BIGQUERY_ENDPOINT. Anonymous credentials
    are used for WORKBENCH_BIGQUERY_ENDPOINT and for any endpoint on this machine (127.0.0.1,
    localhost): a local emulator needs none, and must never receive a real token.
    """
    from google.api_core.client_options import ClientOptions
    from google.cloud import bigquery

    url = endpoint_override(endpoint)
    anonymous = url is not None and (
        endpoint is None or (urlparse(url).hostname or "") in _LOOPBACK
    )
    options = ClientOptions(api_endpoint=url) if url else None
    if anonymous:
        from google.auth.credentials import AnonymousCredentials

        credentials: Any = AnonymousCredentials()
        project = project or os.environ.get("GOOGLE_CLOUD_PROJECT") or LOCAL_PROJECT
    else:
        credentials, found = default_credentials()
        project = project or os.environ.get("GOOGLE_CLOUD_PROJECT") or found
        if not project:
            raise UserError(
                "no Google Cloud project to run BigQuery jobs in: pass --project or set "
                "GOOGLE_CLOUD_PROJECT"
            )
    return bigquery.Client(
        project=project, credentials=credentials, location=location, client_options=options
    )


def default_credentials() -> tuple[Any, str | None]:
    """Application Default Credentials, or one clear message saying what is missing.

    google-auth's own messages are replaced: they are long, and a key file's problems are
    best described by its path alone (its content is secret).
    """
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    key = os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")
    if key and not os.path.isfile(key):
        raise UserError(
            f"GOOGLE_APPLICATION_CREDENTIALS names {key}, which is not a file; point it at a "
            "service-account key file, or unset it to use `gcloud auth application-default login`"
        )
    try:
        return google.auth.default()
    except DefaultCredentialsError:
        if key:
            raise UserError(
                f"GOOGLE_APPLICATION_CREDENTIALS names {key}, which is not a valid Google "
                "credentials file (expected a service-account or authorized-user JSON key)"
            ) from None
        raise UserError(f"no Google Cloud credentials found: {_CREDENTIALS_HELP}") from None


def _credential_source() -> str:
    key = os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")
    return f"GOOGLE_APPLICATION_CREDENTIALS ({key})" if key else "application default credentials"


def _oauth_reason(exc: BaseException) -> str:
    """Only the OAuth error code of a refused credential (e.g. invalid_grant), never its text."""
    args = getattr(exc, "args", ())
    if len(args) > 1 and isinstance(args[1], dict) and isinstance(args[1].get("error"), str):
        return args[1]["error"]
    if args and isinstance(args[0], str):
        code = args[0].split(":", 1)[0].strip()
        if code.replace("_", "").isalnum() and len(code) <= 40:
            return code
    return type(exc).__name__


def _api_message(exc: Any) -> str:
    """The first line of BigQuery's own error message."""
    text = str(getattr(exc, "message", "") or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextmanager
def api_errors(where: str, client: bigquery.Client | None = None) -> Iterator[None]:
    """Turn google-auth / google-api-core / connection failures into one UserError line."""
    import requests
    from google.api_core import exceptions as api
    from google.auth import exceptions as auth

    try:
        yield
    except UserError:
        raise
    except auth.DefaultCredentialsError:
        raise UserError(f"no Google Cloud credentials found: {_CREDENTIALS_HELP}") from None
    except auth.RefreshError as exc:
        raise UserError(
            f"Google refused the credentials from {_credential_source()} "
            f"({_oauth_reason(exc)}); {_CREDENTIALS_HELP}",
            file=where,
        ) from None
    except auth.TransportError:
        raise UserError(
            f"cannot reach Google's token service to check the credentials from "
            f"{_credential_source()}",
            file=where,
        ) from None
    except (api.Unauthorized, api.Forbidden) as exc:
        raise UserError(
            f"BigQuery refused access ({exc.code}): {_api_message(exc)}", file=where
        ) from None
    except api.GoogleAPICallError as exc:
        raise UserError(f"BigQuery: {_api_message(exc)}", file=where) from None
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout):
        raise UserError(f"cannot reach BigQuery at {_url(client)}", file=where) from None
    except api.RetryError as exc:
        if isinstance(exc.cause, api.GoogleAPICallError):
            raise UserError(f"BigQuery: {_api_message(exc.cause)}", file=where) from None
        raise UserError(
            f"cannot reach BigQuery at {_url(client)} (gave up after {REACH_SECONDS:g} s)",
            file=where,
        ) from None


def _url(client: bigquery.Client | None) -> str:
    return client._connection.API_BASE_URL if client is not None else "its API endpoint"


# -- schema ---------------------------------------------------------------------------


def schema_fields(schema: Schema) -> list[bigquery.SchemaField]:
    """The source's exact BigQuery schema: names, types, modes, descriptions, nested RECORDs."""
    return [schema_field(f) for f in schema]


def schema_field(f: Field) -> bigquery.SchemaField:
    from google.cloud import bigquery

    return bigquery.SchemaField(
        f.name,
        f.type,
        mode=f.mode,
        description=f.description or None,
        fields=[schema_field(c) for c in f.fields],
    )


# -- queries --------------------------------------------------------------------------


def query_parameters(params: dict[str, Any] | None) -> list[Any]:
    """Named query parameters with types inferred from the Python values, as bigquery-magics does.

    bigquery-magics hands ``--params`` to google-cloud-bigquery's DB-API helper; using the
    same helper gives the same types (int → INT64, float → FLOAT64, str → STRING, a list →
    ARRAY, a timezone-aware datetime → TIMESTAMP, ...).
    """
    if not params:
        return []
    from google.cloud.bigquery.dbapi import _helpers, exceptions

    out = []
    for name, value in params.items():
        try:
            out.extend(_helpers.to_query_parameters({name: value}, {}))
        except (exceptions.ProgrammingError, NotImplementedError, TypeError, ValueError):
            kind = type(value).__name__
            raise UserError(
                f"query parameter @{name}: cannot infer a BigQuery type from a {kind} value"
            ) from None
    return out


def dry_run(
    sql: str,
    client: bigquery.Client,
    params: dict[str, Any] | None = None,
    where: str = "query",
) -> DryRunResult:
    """Validate ``sql`` on BigQuery (a dry run: nothing runs, nothing is billed).

    A query BigQuery rejects (syntax, unknown name, missing table) is a result with
    ``valid=False``; credentials or access problems raise UserError, as they say nothing
    about the query.
    """
    from google.api_core import exceptions as api
    from google.cloud import bigquery

    config = bigquery.QueryJobConfig(
        dry_run=True, use_query_cache=False, query_parameters=query_parameters(params)
    )
    with api_errors(where, client):
        try:
            job = client.query(sql, job_config=config, retry=bounded_retry(), job_retry=None)
        except (api.BadRequest, api.NotFound) as exc:
            return DryRunResult(valid=False, error=_api_message(exc))
    tables = tuple(f"{t.project}.{t.dataset_id}.{t.table_id}" for t in job.referenced_tables or [])
    columns = tuple((f.name, f.field_type) for f in job.schema or [])
    return DryRunResult(
        valid=True,
        bytes_processed=job.total_bytes_processed,
        referenced_tables=tables,
        statement_type=job.statement_type,
        columns=columns,
    )


def require_valid(
    sql: str,
    client: bigquery.Client,
    where: str,
    allowed_tables: tuple[str, ...] | None = None,
    params: dict[str, Any] | None = None,
) -> DryRunResult:
    """Dry-run ``sql``; UserError naming ``where`` if BigQuery rejects it or it reads a table
    outside ``allowed_tables``. For ``workbench check --engine bigquery`` and
    ``workbench promote --bigquery-dry-run``."""
    result = dry_run(sql, client, params, where)
    if not result.valid:
        raise UserError(f"{result.summary()}", file=where)
    foreign = result.foreign_tables(allowed_tables) if allowed_tables is not None else None
    if foreign:
        raise UserError(foreign, file=where)
    return result


def run(
    sql: str,
    client: bigquery.Client,
    params: dict[str, Any] | None = None,
    *,
    where: str = "query",
    max_results: int | None = None,
    maximum_bytes_billed: int | None = None,
    use_query_cache: bool = True,
) -> pa.Table:
    """Run ``sql`` on BigQuery exactly as written; the result as an Arrow table.

    Arrow, like the local engine's ``Workbench.arrow``, so rendering and DataFrame dtypes
    are shared by both engines.
    """
    from google.cloud import bigquery

    config = bigquery.QueryJobConfig(
        query_parameters=query_parameters(params),
        use_query_cache=use_query_cache,
        maximum_bytes_billed=maximum_bytes_billed,
    )
    with api_errors(where, client):
        job = client.query(sql, job_config=config, retry=bounded_retry(), job_retry=None)
        rows = job.result(max_results=max_results, retry=bounded_retry(), job_retry=None)
        return rows.to_arrow(create_bqstorage_client=False)


class BigQueryEngine:
    """BigQuery itself, through one client: the SQL as written, production names untouched."""

    name = "bigquery"
    offline = False

    def __init__(self, client: bigquery.Client) -> None:
        self.client = client

    @classmethod
    def connect(
        cls, project: str | None = None, location: str | None = None, endpoint: str | None = None
    ) -> BigQueryEngine:
        return cls(connect(project, location, endpoint))

    def run(
        self,
        sql: str,
        params: dict[str, Any] | None = None,
        where: str = "query",
        **options: Any,
    ) -> pa.Table:
        return run(sql, self.client, params, where=where, **options)

    def dry_run(
        self, sql: str, params: dict[str, Any] | None = None, where: str = "query"
    ) -> DryRunResult:
        return dry_run(sql, self.client, params, where)

    def tables(self, sql: str, where: str = "query") -> list[str]:
        """The tables BigQuery says the statement reads (its dry run's referenced tables)."""
        return list(require_valid(sql, self.client, where).referenced_tables)
