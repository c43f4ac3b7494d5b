"""bench/_pages.py: a benchmark rewrites its own generated block of a docs page and nothing
else, so several benchmarks (and hand-written prose) share docs/performance.md."""

from __future__ import annotations

from bench._pages import markers, write_section
from tests.conftest import ROOT


def test_a_block_is_replaced_and_the_rest_kept(tmp_path):
    page = tmp_path / "performance.md"
    write_section(page, "a", "| old |")
    page.write_text("# Title\n\nprose\n\n" + page.read_text() + "\nafter\n", encoding="utf-8")
    write_section(page, "b", "| other |")
    write_section(page, "a", "| new |")
    text = page.read_text()
    assert "| old |" not in text and "| new |" in text and "| other |" in text
    assert text.startswith("# Title\n\nprose\n\n") and "\nafter\n" in text
    assert text.index("| new |") < text.index("after") < text.index("| other |")
    assert text.count(markers("a")[0]) == 1 and text.count(markers("b")[1]) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["performance.md"]  # no temporary left


def test_the_docs_pages_hold_the_blocks_make_bench_writes():
    for page, names in (
        ("fidelity.md", ("fidelity-table", "translation-times")),
        ("performance.md", ("fake-data", "pace-memory")),
    ):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        for name in names:
            begin, end = markers(name)
            assert text.count(begin) == 1 and text.count(end) == 1, (page, name)
            assert text.index(begin) < text.index(end)
