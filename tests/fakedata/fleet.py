"""Shared helpers of the fleet-model tests: generate a source's rows, group them by entity."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fakedata import Source, load_source
from fakedata.generate import Options, decoded, generate
from tests.conftest import ROOT


def source(name: str) -> Source:
    return load_source(ROOT / "schemas" / name)


def generated_rows(name: str, sites: int, days: int) -> list[dict[str, Any]]:
    """Every row the source's model generates, as Python dicts in the exact schema types."""
    from fakedata.arrow import arrow_schema

    src = source(name)
    opts = Options.for_source(src, sites=sites, days=days)
    target = arrow_schema(src.schema)
    return [r for b in generate(src, opts) for r in decoded(b, target).to_pylist()]


def by_entity(rows: list[dict[str, Any]], column: str) -> dict[Any, list[dict[str, Any]]]:
    """Rows per installation, each installation's reports in time order."""
    out: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r[column]].append(r)
    for reports in out.values():
        reports.sort(key=lambda r: r["timestamp"])
    return out
