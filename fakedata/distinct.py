"""Lists whose items do not repeat: one REPEATED value never holds the same item twice where
its name (or a ``unique`` rule) says it is a set, not a sample.

A list of ``{name, count}`` is a histogram: two items named ``deploy`` in one report would be
a report no real client sends. Items are drawn with replacement (vectorized, like every other
value), then the repeats found in each list are drawn again a few times; those left (a list
longer than the values there are) are dropped, so such a list comes out shorter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fakedata.arrow import arrow_type
from fakedata.heuristics import unique_by_name, vocabulary_for
from fakedata.schema import Field

if TYPE_CHECKING:
    from fakedata.field_rules import Rule

REDRAWS = 8  # rounds of drawing repeats again before the ones left are dropped
Redraw = Callable[[Field, int, str], pa.Array]  # (field, how many, its rule key) → values
Derive = Callable[[Field, str, dict[str, pa.Array]], None]  # fills a record's derived fields


def unique_list(f: Field, key: str, rule: Rule | None) -> bool:
    """Whether a REPEATED scalar never repeats an item: ``unique``, else by default when its
    name picks a curated list (``tags``, ``environments``: sets, not samples)."""
    if rule is not None and rule.unique is not None:
        return rule.unique
    parent = key.rsplit(".", 2)[-2] if key.count(".") else ""
    return not f.is_record and f.type == "STRING" and vocabulary_for(f.name, parent) is not None


def unique_leaves(f: Field, key: str, rules: dict[str, Rule]) -> list[Field]:
    """The leaves of a REPEATED RECORD that never repeat within one list: those with
    ``unique = true``, and by default those whose name identifies the item (``name``,
    ``slug``, ``key``...) unless their rule says ``unique = false``."""
    out = []
    for c in f.fields:
        rule = rules.get(f"{key}.{c.name}".lower())
        flag = rule.unique if rule is not None else None
        if c.is_record or c.repeated:
            continue
        if flag or (flag is None and unique_by_name(c.name) and c.type == "STRING"):
            out.append(c)
    return out


def distinct_items(
    f: Field,
    key: str,
    inner: pa.Array,
    lengths: np.ndarray,
    rules: dict[str, Rule],
    redraw: Redraw,
    derive: Derive,
) -> tuple[pa.Array, np.ndarray]:
    """``inner`` (the items of all lists, in order; ``lengths`` per list) with no value of a
    unique field twice in one list, and the lists' new lengths."""
    segment = np.repeat(np.arange(len(lengths)), lengths)
    if f.is_record:
        fields = unique_leaves(f, key, rules)
        if not fields:
            return inner, lengths
        derived = {
            c.name
            for c in f.fields
            if (r := rules.get(f"{key}.{c.name}".lower())) is not None and r.derive
        }
        names = {c.name.lower(): c.name for c in f.fields}
        if "slug" in names and "name" in names and f"{key}.name" not in rules:
            derived.add(names["name"])  # follows the slug (ValueFactory._derive)
        children = {c.name: inner.field(i) for i, c in enumerate(f.fields)}
    else:
        fields, derived, children = [f], set(), {f.name: inner}
    for c in fields:
        ckey = (f"{key}.{c.name}" if f.is_record else key).lower()
        values = children[c.name]
        for _ in range(REDRAWS):
            again = repeats(segment, values)
            if not again.any() or c.name in derived:
                break
            where = np.flatnonzero(again)
            values = _put(
                values, where, redraw(Field(c.name, c.type, "NULLABLE"), len(where), ckey)
            )
        children[c.name] = values
    keep = np.ones(len(segment), dtype=bool)
    if f.is_record:
        derive(f, key, children)
        for c in fields:
            keep &= ~repeats(segment, children[c.name])
        struct_type = arrow_type(Field(f.name, "RECORD", "NULLABLE", fields=f.fields))
        inner = pa.StructArray.from_arrays(
            [children[c.name] for c in f.fields], fields=list(struct_type)
        )
    else:
        inner = children[f.name]
        keep &= ~repeats(segment, inner)
    if keep.all():
        return inner, lengths
    return inner.filter(pa.array(keep)), np.bincount(segment[keep], minlength=len(lengths))


def repeats(segment: np.ndarray, values: pa.Array) -> np.ndarray:
    """Per item: whether the same value came earlier in the same list (NULLs never repeat)."""
    if len(values) == 0:
        return np.zeros(0, dtype=bool)
    codes = pc.dictionary_encode(values).indices
    code = np.asarray(codes.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    order = np.lexsort((np.arange(len(code)), code, segment))
    same = np.zeros(len(code), dtype=bool)
    same[1:] = (segment[order][1:] == segment[order][:-1]) & (code[order][1:] == code[order][:-1])
    out = np.zeros(len(code), dtype=bool)
    out[order] = same & (code[order] >= 0)
    return out


def _put(values: pa.Array, where: np.ndarray, fresh: pa.Array) -> pa.Array:
    """``values`` with the items at ``where`` replaced by ``fresh``, in order."""
    if not isinstance(fresh, pa.Array):
        fresh = pa.array(fresh, values.type)
    index = np.arange(len(values))
    index[where] = len(values) + np.arange(len(where))
    return pa.concat_arrays([values, fresh.cast(values.type)]).take(pa.array(index))
