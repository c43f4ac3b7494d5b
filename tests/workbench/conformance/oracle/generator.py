"""A seeded generator of constant BigQuery expressions at the edges of their arguments.

Each template is one function or operator the workbench translates, with the kinds of its
arguments; every argument is drawn from that kind's edge values (NULL, 0, -0.0, NaN, ±inf,
the INT64 limits, NUMERIC at 29/9 digits, empty and multi-byte strings, invalid UTF-8
bytes, the first and last dates, leap days, fractional timestamps, arrays with NULL
elements, structs with NULL fields). The same seed gives the same expressions.
"""

from __future__ import annotations

import random

from tests.workbench.conformance.oracle.edges import EDGES
from tests.workbench.conformance.oracle.templates import TEMPLATES, Template
from tests.workbench.conformance.oracle.templates_more import MORE_EDGES, MORE_TEMPLATES
from tests.workbench.conformance.oracle.templates_round4 import ROUND4_EDGES, ROUND4_TEMPLATES

# every template, the first rounds', round 3's (templates_more.py) and round 4's
# (templates_round4.py), and every kind's edges
ALL_TEMPLATES: list[Template] = [*TEMPLATES, *MORE_TEMPLATES, *ROUND4_TEMPLATES]
ALL_EDGES: dict[str, tuple[str, ...]] = {**EDGES, **MORE_EDGES, **ROUND4_EDGES}


def expressions(count: int, seed: int = 15) -> list[tuple[Template, str]]:
    """``count`` expressions: every template in turn, arguments drawn with ``seed``.

    Duplicates are dropped, so a template with few edge combinations yields fewer.
    """
    rng = random.Random(seed)
    out: list[tuple[Template, str]] = []
    seen: set[str] = set()
    rounds = 0
    while len(out) < count and rounds < 50:
        rounds += 1
        for template in ALL_TEMPLATES:
            args = [rng.choice(ALL_EDGES[k]) for k in template.kinds]
            text = template.form.format(*(_wrap(a) for a in args))
            if text in seen:
                continue
            seen.add(text)
            out.append((template, text))
            if len(out) >= count:
                break
    return out


def _wrap(arg: str) -> str:
    """A negative literal or an arithmetic argument in parentheses: ``1 - -1``, ``-(a - b)``."""
    if arg.startswith("-") or " - " in arg:
        return f"({arg})"
    return arg
