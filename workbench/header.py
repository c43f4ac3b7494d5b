"""The metadata header of a query, and reviewed privacy exemptions written as comments.

Pulp's telemetry working group asks four questions of every metric before it is
published; the header answers them in the query's leading comment block, so reviewers
and the public table's readers see them next to the SQL:

    -- question: How many sites use each public module, by version?
    -- example: date=2026-11-15, slug=puppetlabs-stdlib, version=9.6.0, sites=212
    -- personal data: no, counts of sites per public module
    -- sanitization: site_id is only counted (COUNT DISTINCT); modules are public Forge slugs

A field continues on the following comment lines until the next field. A reviewed
exemption from a privacy rule is a comment anywhere in the file:

    -- privacy: allow k-anonymity because module slugs are public Forge data
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import TokenError

if TYPE_CHECKING:
    from fakedata.source import Source

FIELDS: dict[str, str] = {
    "question": "what question the metric answers",
    "example": "an example of its output",
    "personal data": "whether it is personal data (yes or no, and why)",
    "sanitization": "how it is sanitized (what keeps identifiers out)",
}
_FIELD_RE = re.compile(
    r"^--\s?(question|example|personal data|sanitization|privacy)\s*:(.*)$", re.I
)
_EXEMPTION_RE = re.compile(
    r"^privacy\s*:\s*allow\s+([a-z][a-z0-9-]*)\s+because\s+(\S.*)$", re.I | re.S
)


@dataclass
class Header:
    """The fields of a leading comment block (lower-case keys), and where it ends."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    end: int = 0  # number of lines in the leading comment block


@dataclass(frozen=True)
class Exemption:
    line: int
    rule: str
    reason: str


def parse_header(text: str) -> Header:
    """Read the metadata fields of the leading ``--`` comment block."""
    header = Header()
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            if header.fields or current:
                break
            continue
        if not line.startswith("--"):
            break
        header.end = number
        m = _FIELD_RE.match(line)
        if m:
            key = " ".join(m.group(1).lower().split())
            current = None if key == "privacy" else key
            if current:
                header.fields[current] = m.group(2).strip()
                header.lines[current] = number
            continue
        if current:
            more = line[2:].strip()
            header.fields[current] = f"{header.fields[current]} {more}".strip()
    return header


def header_problems(header: Header) -> list[tuple[int, str]]:
    """(line, message) for each missing or unfinished header field."""
    if not header.fields:
        keys = ", ".join(f"`-- {k}:`" for k in FIELDS)
        return [
            (
                1,
                f"no metadata header: start the file with {keys} lines "
                "(`workbench new` writes a template)",
            )
        ]
    problems = []
    for key, why in FIELDS.items():
        value = header.fields.get(key, "")
        line = header.lines.get(key, header.end or 1)
        if not value:
            problems.append((line, f"the header lacks `-- {key}:` ({why})"))
        elif "TODO" in value:
            problems.append((line, f"`-- {key}:` still says TODO ({why})"))
    personal = header.fields.get("personal data", "")
    if personal and not re.match(r"(yes|no)\b", personal, re.I):
        problems.append(
            (header.lines["personal data"], "`-- personal data:` must start with yes or no")
        )
    return problems


def exemptions(sql: str) -> tuple[list[Exemption], list[tuple[int, str]]]:
    """Every ``-- privacy: allow <rule> because <reason>`` comment, and malformed ones.

    Comments are found by sqlglot's tokenizer, so text inside string literals never counts.
    """

    try:
        tokens = Dialect.get_or_raise("bigquery").tokenize(sql)
    except TokenError:
        return [], []
    # An exemption continues on following comment lines indented by two or more spaces.
    comments: list[str] = []
    continuing = False
    for raw in (c for tok in tokens for c in tok.comments):
        if re.match(r"\s*privacy\s*:", raw, re.I):
            comments.append(raw.strip())
            continuing = True
        elif continuing and raw.startswith("  ") and raw.strip():
            comments[-1] += " " + raw.strip()
        else:
            continuing = False
    lines = sql.splitlines()
    found: list[Exemption] = []
    bad: list[tuple[int, str]] = []
    for comment in comments:
        first = comment[:40]
        line = next((i for i, text in enumerate(lines, 1) if first in text), 1)
        m = _EXEMPTION_RE.match(" ".join(comment.split()))
        if m:
            found.append(Exemption(line, m.group(1).lower(), m.group(2).strip()))
        else:
            bad.append(
                (line, "malformed exemption: write `-- privacy: allow <rule> because <reason>`")
            )
    return found, bad


def template(name: str, source: Source) -> str:
    """A new query with the metadata header to fill in (it checks, with TODO warnings)."""
    entity = source.entity
    table = source.production_table or source.table
    counted = f"COUNT(DISTINCT {entity}) AS sites" if entity else "COUNT(*) AS reports"
    sanitized = (
        f"TODO how identifiers stay out (e.g. {entity} is only counted with COUNT(DISTINCT))"
        if entity
        else "TODO how identifiers stay out of the output"
    )
    columns = {f.name: f.type for f in source.schema}
    where = ""
    if columns.get("timestamp") == "TIMESTAMP":
        where = (
            "WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), "
            f"INTERVAL {source.cadence_days} DAY)\n"
        )
    return (
        f"-- question: TODO what question does {name} answer?\n"
        "-- example: TODO an example row of its output, e.g. date=2026-11-15, sites=42\n"
        "-- personal data: no, TODO say why (only aggregates leave the private table)\n"
        f"-- sanitization: {sanitized}\n"
        "SELECT\n"
        "  CURRENT_DATE() AS date,\n"
        f"  {counted}\n"
        f"FROM `{table}`\n"
        f"{where}"
    )
