"""The one exception family for bad user input, as data: formatted once, never parsed.

A ``UserError`` carries what went wrong (``message``) and where (``file``, ``line``,
``column``), the SQL ``construct`` it is about and a ``hint``; code that needs the line
reads ``.line``, never the text. ``str()`` is the one text form the CLI and the magic
print. Messages must name the culprit and never hold identifiers, credentials or values
from report rows. ``condition`` classes an error of the SQL itself where BigQuery's analyzer
may word the same condition (``UNKNOWN_NAME``, ``NAME``, ``SYNTAX``), so code that compares
the two reads the class, not the text.
"""

from __future__ import annotations

import os
from typing import Self

# conditions of the SQL itself (UserError.condition)
UNKNOWN_NAME = "unknown name"  # a column or field no FROM item provides
NAME = "name"  # another name-resolution error: ambiguous, a USING key, a join sqlglot refuses
SYNTAX = "syntax"  # the text does not parse as BigQuery's grammar


class UserError(Exception):
    """A problem with the user's input: schema, SQL, path, option."""

    def __init__(
        self,
        message: str,
        *,
        file: str | os.PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
        construct: str | None = None,
        hint: str | None = None,
        condition: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = None if file is None else str(file)
        self.line = line
        self.column = column
        self.construct = construct
        self.hint = hint
        self.condition = condition

    def at(self, file: str | os.PathLike[str] | None = None, line: int | None = None) -> Self:
        """Fill in where the error is, unless a more precise place is already known."""
        if self.file is None and file is not None:
            self.file = str(file)
        if self.line is None and line is not None:
            self.line = line
        return self

    def located_message(self) -> str:
        """The message with its line (no file): what a per-file report lists."""
        text = self.message + (f"; {self.hint}" if self.hint else "")
        return f"line {self.line}: {text}" if self.line and not self.column else text

    def __str__(self) -> str:
        text = self.message + (f"; {self.hint}" if self.hint else "")
        if self.column is not None and self.line is not None:
            return f"{self.file or 'query'}:{self.line}:{self.column}: {text}"
        where = [self.file] if self.file else []
        if self.line is not None:
            where.append(f"line {self.line}")
        return ": ".join([*where, text])


class UnsupportedError(UserError):
    """A BigQuery construct that cannot be answered offline exactly as BigQuery would."""

    def __init__(self, construct: str, why: str, line: int | None = None) -> None:
        super().__init__(
            f"{construct} is not supported offline: {why}", line=line, construct=construct
        )
        self.why = why


class TooDeepError(UserError):
    """Input nested deeper than the analysis can follow (a RecursionError caught at the edge)."""

    def __init__(self, file: str | None = None) -> None:
        super().__init__(
            "nested too deeply to analyse (expressions, subqueries or JSON values hundreds "
            "of levels deep); BigQuery refuses such queries too",
            file=file,
        )
