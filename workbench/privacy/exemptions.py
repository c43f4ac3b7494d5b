"""Reviewed exemptions: allowed by a reviewer in the aggregation repository, not by the author.

A query may ask for an exemption in its header (``-- privacy: allow <rule> because
<reason>``), but it takes effect only when the reviewed file (``privacy-exemptions.toml``,
kept by the aggregation repository's maintainers) lists the same query and rule with the
SHA-256 of the query's text, so any later edit of the query needs a new review::

    [[exemption]]
    source = "dropsonde"
    query = "environments_per_site"
    rule = "k-anonymity"
    reason = "a histogram bucket is one number of environments"
    reviewer = "maintainer-handle"
    sha256 = "…"  # `workbench check` prints the hash to put here

An exemption the file does not list (or lists for another text) is an error; one for a rule
the query no longer breaks is reported.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from wbcore.errors import UserError
from wbcore.tomlfile import read_toml
from workbench import header as hdr
from workbench.privacy.analysis import EXEMPTABLE, Finding

REVIEWED_FILE = "privacy-exemptions.toml"
# Rules whose findings depend on the dataset the check runs on.
DATA_DEPENDENT_RULES = frozenset({"k-anonymity"})

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: _Text
    query: _Text
    rule: _Text
    reason: _Text
    reviewer: _Text
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    exemption: list[_Entry] = Field(default_factory=list)


@dataclass(frozen=True)
class Reviewed:
    """The reviewed exemptions of one file, by (source, query, rule)."""

    path: Path | None
    entries: dict[tuple[str, str, str], _Entry]

    @classmethod
    def none(cls) -> Reviewed:
        return cls(None, {})

    def get(self, source: str, query: str, rule: str) -> _Entry | None:
        return self.entries.get((source, query, rule))


def load_reviewed(path: Path | None) -> Reviewed:
    """Read the reviewed file (an absent file lists nothing). Mistakes end as one UserError."""
    if path is None or not path.exists():
        return Reviewed(path, {})
    data = read_toml(path)
    try:
        parsed = _File.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise UserError(f"{where}: {error['msg']}", file=path) from None
    entries: dict[tuple[str, str, str], _Entry] = {}
    for i, entry in enumerate(parsed.exemption):
        key = (entry.source, entry.query, entry.rule)
        if key in entries:
            raise UserError(f"exemption.{i}: {'/'.join(key)} is listed twice", file=path)
        entries[key] = entry
    return Reviewed(path, entries)


def query_hash(sql: str) -> str:
    """The SHA-256 of a query's text, as the reviewed file records it."""
    return hashlib.sha256(sql.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Reported:
    """A finding in a file, after exemptions and --strict."""

    path: str
    line: int
    rule: str
    message: str
    severity: str  # "error", "warning", "info" (never fails a check)
    allowed: str | None = None  # the reviewed reason, when an exemption covers it

    def format(self) -> str:
        if self.allowed is not None:
            return (
                f"{self.path}:{self.line}: {self.rule}: allowed (because {self.allowed}): "
                f"{self.message}"
            )
        label = {"warning": "warning: ", "info": "info: "}.get(self.severity, "")
        return f"{self.path}:{self.line}: {self.rule}: {label}{self.message}"


def apply_exemptions(
    shown: str,
    sql: str,
    found: list[Finding],
    reviewed: Reviewed | None = None,
    source: str = "",
    query: str = "",
) -> list[Reported]:
    """Findings as reported: those a reviewed exemption covers are shown as allowed."""
    reviewed = reviewed or Reviewed.none()
    exemptions, malformed = hdr.exemptions(sql)
    out: list[Reported] = []
    reasons: dict[str, str] = {}
    digest = query_hash(sql)
    listed = reviewed.path.name if reviewed.path else REVIEWED_FILE
    for ex in exemptions:
        if ex.rule not in EXEMPTABLE:
            out.append(
                Reported(
                    shown,
                    ex.line,
                    "exemption",
                    f"rule {ex.rule!r} cannot be allowed; exemptable rules: "
                    f"{', '.join(EXEMPTABLE)}",
                    "error",
                )
            )
            continue
        entry = reviewed.get(source, query, ex.rule)
        if entry is None or entry.sha256 != digest:
            why = (
                f"is not listed in the reviewed {listed}"
                if entry is None
                else f"was reviewed in {listed} for another text of this query"
            )
            out.append(
                Reported(
                    shown,
                    ex.line,
                    "exemption",
                    f"`privacy: allow {ex.rule}` {why}, so it allows nothing: a reviewer of the "
                    f'aggregation repository lists source = "{source}", query = "{query}", '
                    f'rule = "{ex.rule}", sha256 = "{digest}"',
                    "error",
                )
            )
            continue
        reasons.setdefault(ex.rule, f"{ex.reason}; reviewed by {entry.reviewer}")
    for line, message in malformed:
        out.append(Reported(shown, line, "exemption", message, "error"))
    used: set[str] = set()
    for f in found:
        reason = reasons.get(f.rule) if f.severity != "info" else None
        if reason is not None:
            used.add(f.rule)
        out.append(Reported(shown, f.line, f.rule, f.message, f.severity, reason))
    for ex in exemptions:
        # k-anonymity depends on the data: an exemption that allows nothing on this dataset
        # may be needed on another (or on BigQuery), so only static rules are flagged unused.
        if ex.rule in reasons and ex.rule not in used and ex.rule not in DATA_DEPENDENT_RULES:
            out.append(
                Reported(
                    shown,
                    ex.line,
                    "exemption",
                    f"`privacy: allow {ex.rule}` allows nothing in this query: remove it",
                    "warning",
                )
            )
            used.add(ex.rule)
    out.sort(key=lambda r: (r.line, r.rule))
    return out
