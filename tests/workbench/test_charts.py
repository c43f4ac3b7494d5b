"""Charts: the deterministic SVG renderer and `make charts` export."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from workbench.charts import export_charts, main


def test_export_writes_svg_and_png_of_every_stored_chart(tmp_path):
    written = export_charts([ROOT / "notebooks" / "getting_started.ipynb"], tmp_path)
    names = sorted(p.name for p in written)
    assert "getting_started--most-used-forge-modules-sites-last-week.svg" in names
    png = tmp_path / "getting_started--most-used-forge-modules-sites-last-week.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "getting_started--most-used-forge-modules-sites-last-week.svg").read_text()
    assert svg.startswith("<svg") and "puppetlabs-stdlib" in svg
    assert not list(tmp_path.glob("*.tmp"))


def test_export_of_a_folder_without_notebooks(tmp_path, capsys):
    assert main([str(tmp_path), str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == f"workbench: error: {tmp_path}: no notebooks found\n"
    assert not (tmp_path / "out").exists()


def test_every_stored_chart_keeps_its_data_beside_the_svg():
    """The SVG is compared only through the chart's spec (nbval-sanitize.cfg): no SVG without it."""
    import json

    from workbench.charts import SPEC_MIME

    charts = 0
    for nb_path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(nb_path.read_text())
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "image/svg+xml" in data:
                    charts += 1
                    spec = data.get(SPEC_MIME)
                    assert spec and ("datasets" in spec or "data" in spec), nb_path.name
                    assert "$schema" not in spec
    assert charts >= 10


def test_only_whole_svg_payloads_are_sanitized():
    import configparser
    import re

    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "notebooks" / "nbval-sanitize.cfg")
    pattern = cfg["chart-svg"]["regex"]
    assert re.sub(pattern, "X", '<svg xmlns="a"><g/></svg>') == "X"
    for text in ("<table><svg x='1'></svg></table>", "| 2.77 |", "<svg-ish"):
        assert re.sub(pattern, "X", text) == text


def test_every_stored_chart_shows_its_svg_in_html_without_javascript_bundles():
    """The HTML a reader sees on open (trusted or not) is the stored SVG itself, as an image;
    Vega's JavaScript only ever reaches the browser, never the file."""
    import base64
    import json
    import re

    for nb_path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = nb_path.read_text()
        assert "data-workbench-vega" not in text, nb_path.name
        for cell in json.loads(text)["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "image/svg+xml" not in data:
                    continue
                html = "".join(data["text/html"])
                (image,) = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
                assert base64.b64decode(image).decode() == "".join(data["image/svg+xml"])


def nbval_patterns() -> list[tuple[str, str]]:
    """The (regex, replacement) pairs of nbval-sanitize.cfg, read as nbval reads them."""
    from nbval.plugin import get_sanitize_patterns

    return get_sanitize_patterns((ROOT / "notebooks" / "nbval-sanitize.cfg").read_text())


def sanitized(text: str) -> str:
    for regex, replace in nbval_patterns():
        text = re.sub(regex, replace, text)
    return text


def test_the_chart_image_and_the_bundle_are_what_is_sanitized():
    assert len(nbval_patterns()) == 5  # every section of the file, none skipped by nbval
    html = '<img alt="T" src="data:image/svg+xml;base64,PHN2Zz4=">'
    assert sanitized(html) == '<img alt="T" src="data:image/svg+xml;base64,SVG">'
    shown = (
        '<script type="module" data-workbench-vega="bundle">\nconst x = 1;\n</script>\n'
        '<div class="workbench-chart" data-workbench-chart="c">'
    )
    assert sanitized(shown) == '<div class="workbench-chart" data-workbench-chart="c">'
    for text in ('<script type="module">\nconst a = 1;\n</script>\n', "data:image/png;base64,AA"):
        assert sanitized(text) == text


def test_vegas_bundle_is_cached_only_where_no_one_else_may_write_it(tmp_path, monkeypatch):
    """The browser runs the cached JavaScript: a file others may write is rebuilt, not used."""
    import vl_convert as vlc

    from workbench import charts

    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path))
    cached = tmp_path / f"vega-bundle-vl-convert-{vlc.__version__}.js"
    cached.write_text("/* PLANTED-BY-THE-TEST */")
    cached.chmod(0o666)
    charts.vega_bundle.cache_clear()
    try:
        bundle = charts.vega_bundle()
        assert "PLANTED-BY-THE-TEST" not in bundle and "window.workbenchVegaEmbed=" in bundle
        assert cached.read_text() == bundle and not cached.stat().st_mode & 0o022
        assert not list(tmp_path.glob("*.part"))
        cached.write_text("/* kept */")  # this user's, not writable by others: used as is
        charts.vega_bundle.cache_clear()
        assert charts.vega_bundle() == "/* kept */"
    finally:
        charts.vega_bundle.cache_clear()
