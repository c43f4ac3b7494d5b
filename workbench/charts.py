"""Altair charts rendered offline and deterministically, interactive in the live kernel.

Altair's HTML output embeds a random element id and loads Vega from the web, and its
``mimetype`` renderer (Altair 6) emits Vega-Lite v6, which JupyterLab 4.6's built-in
renderer does not draw. The ``workbench`` renderer draws the chart to SVG with vl-convert
(offline, identical on every run, so nbval can compare it) and wraps it in HTML:

- ``text/html``: the SVG as an ``<img>`` (JupyterLab shows it even in an untrusted notebook,
  whose HTML is sanitized: an SVG output alone is not shown untrusted) plus a script that,
  where Vega is loaded in the page, replaces it with the interactive chart (tooltips, the
  export menu) drawn by vega-embed;
- in a live kernel the chart is shown once with Vega's JavaScript (vl-convert's offline
  bundle, nothing downloaded) and at once updated to the HTML without it: the browser has
  run the bundle, the notebook stores only the chart (``update_display_data``);
- ``image/svg+xml`` (what ``make charts`` exports) and the spec with its rows (compared by
  nbval; the SVG only through it, see notebooks/nbval-sanitize.cfg).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import functools
import hashlib
import html
import json
import os
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
# Marks the script element that carries Vega's JavaScript in a live chart's first display.
BUNDLE_ATTRIBUTE = 'data-workbench-vega="bundle"'
# vega-embed's options: SVG (marks are elements), tooltips, the export menu only (the
# others open the Vega editor on the web).
EMBED_OPTIONS = {
    "mode": "vega-lite",
    "renderer": "svg",
    "tooltip": True,
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
}


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


def _title(spec: dict[str, Any]) -> str | None:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title) if title else None


def _script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    return json.dumps(value, sort_keys=True).replace("<", "\\u003c")


def chart_html(plain: dict[str, Any], svg: str, title: str | None) -> str:
    """The chart as HTML: the SVG as an image, made interactive where Vega is in the page.

    ``plain`` is the spec without ``$schema`` (Altair's version, not the chart): vega-embed
    is told the mode instead. The element is named by the spec's digest alone, so the same
    chart always writes the same HTML (a re-run cell stores what nbval expects); a chart
    shown twice is drawn by whichever script runs first.
    """
    digest = hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest()[:16]
    image = base64.b64encode(svg.encode()).decode("ascii")
    alt_text = html.escape(title or "chart", quote=True)
    return (
        f'<div class="workbench-chart" data-workbench-chart="{digest}">'
        f'<img alt="{alt_text}" src="data:image/svg+xml;base64,{image}"></div>\n'
        '<script type="module">\n'
        f"const spec = {_script_json(plain)};\n"
        f"const options = {_script_json(EMBED_OPTIONS)};\n"
        "function draw() {\n"
        f"  const charts = document.querySelectorAll('div[data-workbench-chart=\"{digest}\"]');\n"
        "  for (const el of charts) {\n"
        "    if (el.dataset.interactive) continue;\n"
        '    el.dataset.interactive = "drawing";\n'
        '    const view = document.createElement("div");\n'
        "    el.append(view);\n"
        "    window.workbenchVegaEmbed(view, spec, options).then(\n"
        '      () => { el.querySelector("img")?.remove(); el.dataset.interactive = "yes"; },\n'
        "      () => { view.remove(); delete el.dataset.interactive; });\n"
        "  }\n"
        "}\n"
        "if (window.workbenchVegaEmbed) draw();\n"
        'else window.addEventListener("workbench-vega-ready", draw, { once: true });\n'
        "</script>"
    )


def _render(spec: dict[str, Any], **_: Any) -> dict[str, Any]:
    title = _title(spec)
    label = f"<Chart: {title}>" if title else "<Chart>"
    plain = plain_spec(spec)
    compared = {k: v for k, v in plain.items() if k != "$schema"}  # Altair's version, not the chart
    svg = chart_to_svg(plain)
    return {
        "text/html": chart_html(compared, svg, title),
        "image/svg+xml": svg,
        SPEC_MIME: compared,
        "text/plain": label,
    }


def _cache_dir() -> Path:
    """As the analyzer's (workbench.translate.analyzer.cache_dir): never inside the project."""
    given = os.environ.get("WORKBENCH_CACHE_DIR")
    if given:
        return Path(given)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "workbench"


@functools.cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one ES module (vl-convert's, offline), cached on disk.

    Bundling takes seconds, so the result is kept per vl-convert version; the browser runs
    it, so only a file this user owns and no one else may write is used.
    """
    import vl_convert as vlc

    cached = _cache_dir() / f"vega-bundle-vl-convert-{vlc.__version__}.js"
    with contextlib.suppress(OSError):
        status = cached.stat()
        if status.st_uid == os.getuid() and not status.st_mode & 0o022:
            return cached.read_text(encoding="utf-8")
    snippet = (
        "window.workbenchVegaEmbed = vegaEmbed;\n"
        'window.dispatchEvent(new Event("workbench-vega-ready"));\n'
    )
    bundle = vlc.javascript_bundle(snippet)
    with contextlib.suppress(OSError):  # a read-only home still draws, only slower
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.part")
        partial.write_text(bundle, encoding="utf-8")
        partial.chmod(0o644)
        partial.replace(cached)
    return bundle


def with_bundle(chart: str) -> str:
    """The chart's HTML preceded by Vega's JavaScript (a live chart's first display)."""
    return f'<script type="module" {BUNDLE_ATTRIBUTE}>\n{vega_bundle()}\n</script>\n{chart}'


def display_live(chart: Any) -> None:
    """Show an Altair chart in a kernel: interactive now, stored without the JavaScript.

    The first display carries Vega's bundle, which the browser runs; the update that
    follows replaces it by the chart alone, which is what the notebook keeps.
    """
    import altair as alt
    from IPython.display import display

    bundle = chart._repr_mimebundle_()
    data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
    if not data:
        return  # Altair printed why (an invalid chart)
    if alt.renderers.active != RENDERER or "text/html" not in data:
        display(data, metadata=metadata, raw=True)
        return
    handle = display(
        {**data, "text/html": with_bundle(data["text/html"])},
        metadata=metadata,
        raw=True,
        display_id=True,
    )
    if handle is not None:
        handle.update(data, metadata=metadata, raw=True)


def enable(ipython: Any = None) -> None:
    """Make the workbench renderer Altair's active renderer; in a kernel, charts go live."""
    import altair as alt

    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, _render)
    alt.renderers.enable(RENDERER)
    if ipython is not None:
        formatter = ipython.display_formatter.ipython_display_formatter
        formatter.for_type(alt.TopLevelMixin, display_live)


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
