"""Altair charts rendered offline and deterministically.

Altair's HTML output embeds a random element id and loads Vega from the web, and its
``mimetype`` renderer (Altair 6) emits a MIME type JupyterLab does not draw. The
``workbench`` renderer draws the chart to SVG with vl-convert instead: offline, identical
on every run (so nbval can compare it), and shown by JupyterLab, GitHub and nbconvert.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from wbcore.errors import UserError

RENDERER = "workbench"
# The chart as data: the Vega-Lite spec with its inline rows. nbval compares it exactly; the
# SVG beside it is what a reader sees, compared only through this (notebooks/nbval-sanitize.cfg),
# so a renderer release that formats coordinates differently changes no stored output.
SPEC_MIME = "application/vnd.workbench.chart+json"


def plain_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as plain JSON: dates left in inline data (db-dtypes' dbdate) become ISO text."""

    return json.loads(json.dumps(spec, default=_json_default))


def chart_to_svg(spec: dict[str, Any]) -> str:
    """Render a Vega-Lite spec to SVG, offline."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(plain_spec(spec))


def _json_default(value: Any) -> Any:

    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _render(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    label = f"<Chart: {title}>" if title else "<Chart>"
    plain = plain_spec(spec)
    compared = {k: v for k, v in plain.items() if k != "$schema"}  # Altair's version, not the chart
    return {"image/svg+xml": chart_to_svg(plain), SPEC_MIME: compared, "text/plain": label}


def enable() -> None:
    """Make the workbench renderer Altair's active renderer."""
    import altair as alt

    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, _render)
    alt.renderers.enable(RENDERER)


def _slug(text: str) -> str:

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "chart"


def export_charts(notebooks: list[Path], out_dir: Path) -> list[Path]:
    """Write every chart stored in the notebooks' outputs as SVG and PNG under ``out_dir``.

    Charts are taken from the stored outputs (what nbval checks), so the exported images
    are exactly what the notebooks show. Files are named ``<notebook>--<chart title>``.
    """

    import vl_convert as vlc

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for nb_path in notebooks:
        try:
            nb = json.loads(nb_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(f"not a readable notebook ({exc})", file=nb_path) from None
        count = 0
        for cell in nb.get("cells", []):
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                svg = data.get("image/svg+xml")
                if not svg:
                    continue
                svg = "".join(svg) if isinstance(svg, list) else svg
                label = data.get("text/plain", "")
                label = "".join(label) if isinstance(label, list) else label
                count += 1
                title = (
                    label.removeprefix("<Chart: ").removesuffix(">")
                    if label.startswith("<Chart: ")
                    else ""
                )
                stem = f"{nb_path.stem}--{_slug(title) if title else count}"
                for suffix, content in (
                    (".svg", svg.encode()),
                    (".png", vlc.svg_to_png(svg, scale=2)),
                ):
                    target = out_dir / (stem + suffix)
                    tmp = target.with_suffix(suffix + ".tmp")
                    tmp.write_bytes(content)
                    tmp.replace(target)
                    written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m workbench.charts [NOTEBOOK_DIR] [OUT_DIR]`` (what ``make charts`` runs)."""

    args = sys.argv[1:] if argv is None else argv
    src = Path(args[0]) if args else Path("notebooks")
    out = Path(args[1]) if len(args) > 1 else Path("docs/charts")
    try:
        notebooks = sorted(p for p in src.glob("*.ipynb"))
        if not notebooks:
            raise UserError("no notebooks found", file=src)
        written = export_charts(notebooks, out)
    except UserError as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
