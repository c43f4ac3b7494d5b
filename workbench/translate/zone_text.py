"""Time zones inside text and zone arguments that are not literals, as DuckDB SQL macros
(issue 15), with their Python twins for literals (a test keeps the two equal).

BigQuery reads a TIMESTAMP's text as ``civil[zone]``: the zone ``Z``, an offset right after
the time (``+7``, ``+07:30``, ``-0930``) or, after one space, ``UTC`` with an offset or a
zone name; a zone argument is an offset (``UTC`` optional) or a name.
https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#time_zones
DuckDB reads ``' UTC+07:30'`` as +07 (the minutes lost), a one-digit hour not at all and a
bare offset as a zone argument not at all, and its names are ICU's, case-insensitive
('utc' is no zone in BigQuery). The macros give each text DuckDB's exact spelling of the same
instant ('...+07:30', zone argument 'GMT+07:30'), or NULL where BigQuery raises.
"""

from __future__ import annotations

import functools
import re
import zoneinfo

TIMESTAMP_TEXT = "wb_timestamp_text"
ZONE = "wb_zone"
CIVIL_TEXT = "wb_civil_text"
EARLIER = "wb_earlier"
TEXT_ZONE = "wb_text_zone"

_DATE = r"\d{1,4}-\d{1,2}-\d{1,2}"
_CLOCK = r"[ Tt]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?"
CIVIL = f"{_DATE}(?:{_CLOCK})?"
# an offset's digits: H, HH, HHM or HHMM, or H[H]:M[M]; at most 14 hours
_DIGITS = r"(\d{1,4}|\d{1,2}:\d{1,2})"
_AT_TIME = f"({_DATE}{_CLOCK})"
_Z = f"{_AT_TIME}[zZ]"
_OFFSET = f"{_AT_TIME}(?: UTC)?([+-]){_DIGITS}"
_NAMED = f"{_AT_TIME} ([A-Za-z][A-Za-z0-9_/+-]*)"
ZONE_OFFSET = f"(?:UTC)?([+-]){_DIGITS}"
# ICU's names: IANA's, less the SystemV ones IANA dropped (and matched with their case).
# The macros hold them as a list of literals, filled in where a connection registers them
# (``names_sql``): a subquery in a macro cannot stand under TRY (SAFE.TIMESTAMP(x)).
NAMES_QUERY = "SELECT name FROM pg_timezone_names() WHERE name NOT LIKE 'SystemV/%' ORDER BY name"
_NAMES = "(__wb_zone_names__)"


def names_sql(conn: object, body: str) -> str:
    """A macro body with the zone names of ``conn``'s DuckDB (ICU) written in as literals."""
    if _NAMES not in body:
        return body
    names = [row[0] for row in conn.execute(NAMES_QUERY).fetchall()]  # type: ignore[attr-defined]
    return body.replace(_NAMES, "(" + ", ".join(_q(name) for name in names) + ")")


def _q(pattern: str) -> str:
    return "'" + pattern.replace("'", "''") + "'"


def _offset_sql(sign: str, digits: str) -> str:
    """'±HH:MM' of an offset's sign and digits (SQL), NULL past 14:00 or 59 minutes."""
    h = (
        f"CAST(CASE WHEN contains({digits}, ':') THEN split_part({digits}, ':', 1) "
        f"WHEN length({digits}) <= 2 THEN {digits} ELSE {digits}[1:2] END AS INTEGER)"
    )
    m = (
        f"CAST(CASE WHEN contains({digits}, ':') THEN split_part({digits}, ':', 2) "
        f"WHEN length({digits}) <= 2 THEN '0' ELSE {digits}[3:] END AS INTEGER)"
    )
    return (
        f"(CASE WHEN {m} < 60 AND {h} * 60 + {m} <= 840 THEN {sign} || "
        f"lpad(CAST({h} AS VARCHAR), 2, '0') || ':' || lpad(CAST({m} AS VARCHAR), 2, '0') END)"
    )


def _group(value: str, pattern: str, n: int) -> str:
    return f"regexp_extract({value}, {_q('^' + pattern + '$')}, {n})"


def _spaced(civil: str) -> str:
    """The date and time joined by a space (DuckDB does not read a lowercase 't')."""
    return f"regexp_replace({civil}, {_q('^(' + _DATE + ')[Tt]')}, '\\1 ')"


_TIMESTAMP_BODY = (
    f"CASE WHEN regexp_full_match(s, {_q(CIVIL)}) THEN {_spaced('s')} "
    f"WHEN regexp_full_match(s, {_q(_Z)}) THEN {_spaced(_group('s', _Z, 1))} || '+00:00' "
    f"WHEN regexp_full_match(s, {_q(_OFFSET)}) THEN {_spaced(_group('s', _OFFSET, 1))} || "
    f"{_offset_sql(_group('s', _OFFSET, 2), _group('s', _OFFSET, 3))} "
    f"WHEN regexp_full_match(s, {_q(_NAMED)}) AND {_group('s', _NAMED, 2)} IN {_NAMES} "
    f"THEN {_spaced(_group('s', _NAMED, 1))} || ' ' || {_group('s', _NAMED, 2)} END"
)
_ZONE_BODY = (
    f"CASE WHEN regexp_full_match(z, {_q(ZONE_OFFSET)}) THEN 'GMT' || "
    f"{_offset_sql(_group('z', ZONE_OFFSET, 1), _group('z', ZONE_OFFSET, 2))} "
    f"WHEN z IN {_NAMES} THEN z END"
)
_CIVIL_BODY = _spaced("s")
# ``i``: DuckDB's instant for a local time in zone ``z``, the later of two where the clocks
# went back (by an hour, or Lord Howe's half hour); BigQuery takes the earlier one
_EARLIER_BODY = (  # i and z bound once (a macro's arguments are copied where they are used)
    "list_transform([{'i': i, 'z': z}], lambda p: CASE "
    "WHEN timezone(p.z, p.i - INTERVAL 1 HOUR) = timezone(p.z, p.i) THEN p.i - INTERVAL 1 HOUR "
    "WHEN timezone(p.z, p.i - INTERVAL 30 MINUTE) = timezone(p.z, p.i) "
    "THEN p.i - INTERVAL 30 MINUTE ELSE p.i END)[1]"
)
_TEXT_ZONE_BODY = (
    f"CASE WHEN regexp_full_match(s, {_q(_OFFSET)}) THEN 'UTC' "
    f"WHEN regexp_full_match(s, {_q(_NAMED)}) AND {_group('s', _NAMED, 2)} IN {_NAMES} "
    f"THEN {_group('s', _NAMED, 2)} ELSE 'UTC' END"
)

# name -> (parameters, body), as ``dp_noise.MACROS``: registered on a connection that calls them
MACROS: dict[str, tuple[tuple[str, ...], str]] = {
    TIMESTAMP_TEXT: (("s",), _TIMESTAMP_BODY),
    ZONE: (("z",), _ZONE_BODY),
    CIVIL_TEXT: (("s",), _CIVIL_BODY),
    EARLIER: (("i", "z"), _EARLIER_BODY),
    TEXT_ZONE: (("s",), _TEXT_ZONE_BODY),
}


# -- the same, in Python, for literals (checked when the query is translated) --------------
def _offset(sign: str, digits: str) -> str | None:
    if ":" in digits:
        hours, minutes = (int(p) for p in digits.split(":"))
    elif len(digits) <= 2:
        hours, minutes = int(digits), 0
    else:
        hours, minutes = int(digits[:2]), int(digits[2:])
    if minutes >= 60 or hours * 60 + minutes > 840:
        return None
    return f"{sign}{hours:02d}:{minutes:02d}"


def _space(civil: str) -> str:
    return re.sub(f"^({_DATE})[Tt]", r"\1 ", civil)


@functools.cache
def _lower_names() -> dict[str, str]:
    # the IANA names (tzdata), read once: only for a literal zone name
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def known_name(name: str) -> bool:
    """Whether ``name`` is an IANA zone name as written (tzdata's list, read once)."""
    return name in _lower_names().values()


def wrong_case(name: str) -> bool:
    """Whether ``name`` is a zone name only in another case ('utc', 'america/new_york'):
    BigQuery's names are case-sensitive, ICU's (DuckDB's) are not."""
    known = _lower_names().get(name.lower())
    return known is not None and known != name


def timestamp_text(text: str, names: frozenset[str] | None = None) -> str | None:
    """DuckDB's spelling of TIMESTAMP text, None where BigQuery raises; a zone name is kept
    as written (``names``, when given, are the zones BigQuery knows; without, a name only
    in the wrong case is refused)."""
    if re.fullmatch(CIVIL, text):
        return _space(text)
    if m := re.fullmatch(_Z, text):
        return _space(m.group(1)) + "+00:00"
    if m := re.fullmatch(_OFFSET, text):
        offset = _offset(m.group(2), m.group(3))
        return None if offset is None else _space(m.group(1)) + offset
    if m := re.fullmatch(_NAMED, text):
        if (m.group(2) not in names) if names is not None else wrong_case(m.group(2)):
            return None
        return _space(m.group(1)) + " " + m.group(2)
    return None


def named_zone(text: str) -> str | None:
    """The zone name TIMESTAMP text (as ``timestamp_text`` spells it) ends with, if any."""
    if re.fullmatch(_OFFSET, text) or re.fullmatch(_Z, text):
        return None
    m = re.fullmatch(_NAMED, text)
    return m.group(2) if m else None


def zone(text: str, names: frozenset[str] | None = None) -> str | None:
    """ICU's id for a zone argument ('+7:30' → 'GMT+07:30'), None where BigQuery raises."""
    if m := re.fullmatch(ZONE_OFFSET, text):
        offset = _offset(m.group(1), m.group(2))
        return None if offset is None else f"GMT{offset}"
    if (text not in names) if names is not None else wrong_case(text):
        return None
    return text
