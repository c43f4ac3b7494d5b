"""The one interface both engines offer, and what a dry run reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import pyarrow as pa


# A local query running longer than this is interrupted (``--timeout``): generous, since the
# fake dataset is small, but no query may hang a notebook or CI.
DEFAULT_TIMEOUT = 600.0


def format_bytes(n: int | None) -> str:
    if n is None:
        return "an unknown number of bytes"
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n:,} bytes ({n / size:.1f} {unit})"
    return f"{n:,} bytes"


@dataclass(frozen=True)
class DryRunResult:
    """What an engine says about a statement without running it."""

    valid: bool
    error: str | None = None
    bytes_processed: int | None = None
    referenced_tables: tuple[str, ...] = ()
    statement_type: str | None = None
    columns: tuple[tuple[str, str], ...] = ()
    engine: str = "BigQuery"

    def unexpected_tables(self, allowed: set[str] | tuple[str, ...]) -> list[str]:
        """Tables the statement reads that are not in ``allowed``.

        The aggregation repository accepts only queries reading the production table.
        Exact comparison: BigQuery dataset and table names are case-sensitive.
        """
        return [t for t in self.referenced_tables if t not in set(allowed)]

    def foreign_tables(self, allowed: tuple[str, ...]) -> str | None:
        """What to say when the statement reads tables outside ``allowed`` (else None)."""
        other = self.unexpected_tables(allowed)
        if not other:
            return None
        return (
            f"reads {', '.join(other)} on {self.engine}; only "
            f"{', '.join(allowed) or 'the source table'} may be read"
        )

    def summary(self) -> str:
        if not self.valid:
            return f"invalid on {self.engine}: {self.error}"
        reads = ", ".join(self.referenced_tables) or "no table reported"
        return (
            f"valid on {self.engine}: {self.statement_type or 'query'} would process "
            f"{format_bytes(self.bytes_processed)}; reads {reads}"
        )


class Engine(Protocol):
    """Where statements run. ``offline``: on the fake dataset (the local engine)."""

    name: str
    offline: bool

    def run(
        self, sql: str, params: dict[str, Any] | None = None, where: str = "query"
    ) -> pa.Table: ...

    def dry_run(
        self, sql: str, params: dict[str, Any] | None = None, where: str = "query"
    ) -> DryRunResult: ...

    def tables(self, sql: str, where: str = "query") -> list[str]: ...
