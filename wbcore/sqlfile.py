"""Reading one query: a ``.sql`` file (found from the project root too) or SQL text itself.

Every command, the magic and the Python API read queries through ``read_sql``, so a missing,
binary or empty file gets the same one-line error everywhere.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from wbcore.errors import UserError

__all__ = ["find_root", "read_sql"]


def find_root(start: Path | None = None) -> Path:
    """The project root: the nearest directory upwards holding ``schemas/`` and ``pyproject.toml``.

    Notebooks run with their own folder as working directory; walking up lets them find
    the project's schemas and data without configuration. Outside any project, the
    checkout this package is installed from (``pip install -e .``) is used. WORKBENCH_ROOT
    overrides both.
    """
    env = os.environ.get("WORKBENCH_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    installed = Path(__file__).resolve().parent.parent
    for candidate in (*(here, *here.parents), installed):
        if (candidate / "schemas").is_dir() and (candidate / "pyproject.toml").is_file():
            return candidate
    return here


# A query is one statement: the aggregation repository's longest is a few kB. The limit keeps
# a mistaken path (a log, a dump) or a generated wall of SQL from exhausting memory or time.
MAX_QUERY_BYTES = 1_000_000


def read_sql(sql_or_path: str | Path) -> tuple[str, str]:
    """(SQL text, name for messages): a path to a .sql file, or SQL text itself.

    A file must be a regular file (not a FIFO, device or directory, which would block or
    never end) of at most ``MAX_QUERY_BYTES``; SQL text has the same limit.
    """
    if isinstance(sql_or_path, Path) or (
        isinstance(sql_or_path, str)
        and sql_or_path.strip().endswith(".sql")
        and "\n" not in sql_or_path
    ):
        path = Path(sql_or_path)
        if not path.is_file() and not path.is_absolute():
            alt = find_root() / path
            path = alt if alt.is_file() else path
        return _read_file(path, str(sql_or_path)), str(sql_or_path)
    text = str(sql_or_path)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        raise UserError(f"the query is longer than {MAX_QUERY_BYTES:,} bytes", file="query")
    return text, "query"


def _read_file(path: Path, shown: str) -> str:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UserError("file not found", file=shown) from None
    except OSError as exc:
        raise UserError(f"cannot read ({exc.strerror})", file=shown) from None
    if stat.S_ISDIR(info.st_mode):
        raise UserError("is a directory, not a .sql file", file=shown)
    if not stat.S_ISREG(info.st_mode):
        raise UserError("not a regular file (a FIFO, socket or device?)", file=shown)
    if info.st_size > MAX_QUERY_BYTES:
        raise UserError(f"larger than {MAX_QUERY_BYTES:,} bytes: not a query file", file=shown)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_QUERY_BYTES + 1)
    except OSError as exc:
        raise UserError(f"cannot read ({exc.strerror})", file=shown) from None
    if len(data) > MAX_QUERY_BYTES:
        raise UserError(f"larger than {MAX_QUERY_BYTES:,} bytes: not a query file", file=shown)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError("not UTF-8 text", file=shown) from None
    if "\x00" in text:
        raise UserError("not a text file (it holds NUL bytes)", file=shown)
    if not text.strip():
        raise UserError("empty file", file=shown)
    return text
