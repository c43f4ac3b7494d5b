"""Charts: the deterministic SVG renderer and `make charts` export."""

from __future__ import annotations

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
