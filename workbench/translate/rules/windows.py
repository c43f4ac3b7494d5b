"""Window frames whose DuckDB form differs.

- ``RANGE`` with an offset (``RANGE BETWEEN 1 PRECEDING AND CURRENT ROW``) over a FLOAT64
  ORDER BY: ``nan-ordering`` puts a rank key (NULL, NaN, numbers) before a FLOAT64 key so
  that NaN sorts before -inf as in BigQuery, but DuckDB takes one ORDER BY key only in such
  a frame ("Binder Error: RANGE frames must have only one ORDER BY expression"). The frame
  itself does not need the rank key: NaN is a peer only of NaN in both engines (NaN ± n is
  NaN, and DuckDB's NaN sorts past +inf, so no numeric row's range reaches it), and NULL
  only of NULL. The rank key is left out there; the frame's rows are BigQuery's. With an
  UNBOUNDED side as well, the frame reaches NaN rows, whose place DuckDB has wrong (last,
  not before -inf): refused.
"""

from __future__ import annotations

from sqlglot import exp

from workbench.translate.context import Context, Translation, UnsupportedError, line_of
from workbench.translate.rules._sql import is_type, nodes


def _bounds(spec: exp.WindowSpec | None) -> tuple[bool, bool]:
    """(a RANGE frame with a numeric PRECEDING/FOLLOWING bound, it has an UNBOUNDED side)."""
    if spec is None or str(spec.args.get("kind") or "").upper() != "RANGE":
        return False, False
    offset = unbounded = False
    for side in ("start", "end"):
        bound = spec.args.get(side)
        if isinstance(bound, str) and bound.upper() == "UNBOUNDED":
            unbounded = True
        elif isinstance(bound, exp.Expression) or (
            isinstance(bound, str) and bound.upper() != "CURRENT ROW"
        ):
            offset = True
    return offset, unbounded


def range_frame_keys(tree: exp.Expression, ctx: Context, out: Translation) -> bool:
    """Keep the one ORDER BY key of a RANGE frame with an offset (no NaN rank key before it)."""
    changed = False
    for window in nodes(tree, exp.Window):
        offset, unbounded = _bounds(window.args.get("spec"))
        if not offset:
            continue
        order = window.args.get("order")
        for key in order.expressions if isinstance(order, exp.Order) else []:
            if unbounded and is_type(key.this, "FLOAT64"):
                raise UnsupportedError(
                    "RANGE frame with UNBOUNDED and an offset over FLOAT64",
                    "BigQuery sorts NaN before -inf, DuckDB after +inf, and such a frame "
                    "takes one sort key; use ROWS, or filter NaN out (WHERE NOT IS_NAN(x))",
                    line_of(window),
                )
            if not key.meta.get("nan_rank"):
                key.meta["nan_rank"] = True  # what nan-ordering reads as "done"
                changed = True
    return changed
