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

`workbench check` warns about a missing field of the four. What ``workbench promote`` asks
depends on the source's aggregation repository (``[aggregation] header`` in source.toml):
``"comment"``, a leading ``--`` comment saying what the query computes (every query of
Dropsonde's repository starts with one); ``"questions"``, an answer to each of Pulp's
questions (``QUESTIONS``).
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
# Pulp's telemetry working group's "List of Questions for Every Metric To Be Gathered"
# (https://hackmd.io/@pulp/telemetry_notes), with "How can we sanitize this output?", which its
# proposal template (https://hackmd.io/@pulp/telemetry_template) asks after the personal-data one.
QUESTIONS: dict[str, str] = {
    "question": "What question will this help us answer?",
    "example": "What is a specific example of the data to be gathered?",
    "gathered": "How will this metric be stored in the database or gathered at runtime?",
    "load": "Will the gathering and/or storage of this cause unacceptable burden/load on Pulp?",
    "personal data": "Is this metric Personally-Identifiable-Data?",
    "sanitization": "How can we sanitize this output?",
    "pulpcore version": "What pulpcore version will this be collected with?",
    "approved": "Is this approved/not-approved?",
}
_FIELD_RE = re.compile(
    r"^--\s?(question|example|gathered|load|personal data|sanitization|pulpcore version|approved"
    r"|privacy)\s*:(.*)$",
    re.I,
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


def policy_problems(sql: str, policy: str | None) -> list[str]:
    """What the leading comment lacks for an aggregation repository's ``policy`` (None:
    nothing is asked); empty when it has everything."""

    if policy == "comment":
        text = _description(sql)
        if not text:
            return ["no leading `--` comment saying what the query computes"]
        if "TODO" in text:
            return ["the leading comment still says TODO"]
        return []
    if policy == "questions":
        header = parse_header(sql)
        missing = [k for k in QUESTIONS if not header.fields.get(k)]
        todo = [k for k in QUESTIONS if "TODO" in header.fields.get(k, "")]
        problems = []
        if missing:
            asked = ", ".join(f"`-- {k}:` ({QUESTIONS[k]})" for k in missing)
            problems.append(f"the header does not answer {asked}")
        if todo:
            problems.append(f"{', '.join(f'`-- {k}:`' for k in todo)} still say(s) TODO")
        personal = header.fields.get("personal data", "")
        if personal and not re.match(r"(yes|no)\b", personal, re.I):
            problems.append("`-- personal data:` must start with yes or no")
        return problems
    return []


def _description(sql: str) -> str:
    """The text of the leading ``--`` comment block, privacy exemptions left out."""
    lines = sql.splitlines()[: parse_header(sql).end]
    words: list[str] = []
    exemption = False
    for raw in lines:
        body = raw.strip()[2:]
        if re.match(r"\s*privacy\s*:", body, re.I):
            exemption = True
        elif not (exemption and body.startswith("  ")):
            exemption = False
            words.append(body.strip())
    return " ".join(w for w in words if w)


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
    # a plugin directory's table shares its program's production name: locally, that name
    # reads the program's own table, so its queries name theirs (promote writes production's)
    table = source.table if source.program else source.production_table or source.table
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
    answers = {
        "question": f"TODO what question does {name} answer?",
        "example": "TODO an example row of its output, e.g. date=2026-11-15, sites=42",
        "gathered": "TODO which fields of the stored reports it reads",
        "load": "TODO any new gathering or storage it needs, and its cost",
        "personal data": "no, TODO say why (only aggregates leave the private table)",
        "sanitization": sanitized,
        "pulpcore version": "TODO the pulpcore version that collects those fields",
        "approved": "TODO where and when it was approved",
    }
    asked = QUESTIONS if source.aggregation.header == "questions" else FIELDS
    header = "".join(f"-- {key}: {answers[key]}\n" for key in asked)
    return header + (f"SELECT\n  CURRENT_DATE() AS date,\n  {counted}\nFROM `{table}`\n{where}")
