"""Altair charts rendered offline and deterministically.

Altair's HTML output embeds a random element id and loads Vega from the web, and its
``mimetype`` renderer (Altair 6) emits a MIME type JupyterLab does not draw. The
``workbench`` renderer draws the chart to SVG with vl-convert instead: offline, identical
on every run (so nbval can compare it), and shown by JupyterLab, GitHub and nbconvert.
"""

from __future__ import annotations

from typing import Any

RENDERER = "workbench"


def chart_to_svg(spec: dict[str, Any]) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(spec)


def _render(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    label = f"<Chart: {title}>" if title else "<Chart>"
    return {"image/svg+xml": chart_to_svg(spec), "text/plain": label}


def enable() -> None:
    """Make the workbench renderer Altair's active renderer."""
    import altair as alt

    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, _render)
    alt.renderers.enable(RENDERER)
