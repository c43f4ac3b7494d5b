"""Every query template (round 1 in queries.py, round 2 in queries_more.py, round 6 in
queries_r6.py) and the seeded sequence of queries drawn from them, which the runner and the
CI sample share."""

from __future__ import annotations

import random

from tests.workbench.conformance.oracle import queries as round_1
from tests.workbench.conformance.oracle import queries_more as round_2
from tests.workbench.conformance.oracle import queries_r6 as round_6
from tests.workbench.conformance.oracle.query_differ import Query

TEMPLATES = round_1.TEMPLATES + round_2.TEMPLATES + round_6.TEMPLATES
ROUND_2 = {t.name for t in round_2.TEMPLATES}


def queries(count: int, seed: int = 15, only: set[str] | None = None) -> list[Query]:
    """``count`` queries: every template (or those whose family or name is in ``only``) in
    turn, drawn with ``seed``; duplicates dropped. The same seed gives the same queries."""
    templates = [t for t in TEMPLATES if only is None or {t.family, t.name} & only]
    rng = random.Random(seed)
    out: list[Query] = []
    seen: set[str] = set()
    rounds = 0
    while len(out) < count and rounds < 200:
        rounds += 1
        for template in templates:
            sql, order, limited = template.build(rng)
            if sql in seen:
                continue
            seen.add(sql)
            out.append(Query(template.family, template.name, sql, order, limited))
            if len(out) >= count:
                break
    return out
