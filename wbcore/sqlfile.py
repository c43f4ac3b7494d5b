"""Reading one query: a ``.sql`` file (found from the project root too) or SQL text itself.

Every command, the magic and the Python API read queries through ``read_sql``, so a missing,
binary or empty file gets the same one-line error everywhere.
"""

from __future__ import annotations

import os
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


def read_sql(sql_or_path: str | Path) -> tuple[str, str]:
    """(SQL text, name for messages): a path to a .sql file, or SQL text itself."""
    if isinstance(sql_or_path, Path) or (
        isinstance(sql_or_path, str)
        and sql_or_path.strip().endswith(".sql")
        and "\n" not in sql_or_path
    ):
        path = Path(sql_or_path)
        if not path.is_file() and not path.is_absolute():
            alt = find_root() / path
            path = alt if alt.is_file() else path
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise UserError("file not found", file=sql_or_path) from None
        except IsADirectoryError:
            raise UserError("is a directory, not a .sql file", file=sql_or_path) from None
        except UnicodeDecodeError:
            raise UserError("not UTF-8 text", file=sql_or_path) from None
        except OSError as exc:
            raise UserError(f"cannot read ({exc.strerror})", file=sql_or_path) from None
        if not text.strip():
            raise UserError("empty file", file=sql_or_path)
        return text, str(sql_or_path)
    return str(sql_or_path), "query"
