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
