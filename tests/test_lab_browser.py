"""`make lab` in a real browser: headless Chromium opens getting_started.ipynb in JupyterLab.

What a newcomer sees, checked in the page itself (Debian's chromium and chromium-driver, which
the Makefile installs; selenium drives /usr/bin/chromedriver, nothing is downloaded):
- the stored chart is drawn as soon as the notebook opens, before anything runs (its SVG,
  with one mark per row of the stored spec, painted into the page), never `<Chart: …>` text;
- the tab is not marked unsaved after opening, once the kernel is up;
- one `%%bigquery` cell runs and its table shows; one typed into a new cell shows a NULL STRING
  as None (not NaN);
- the chart run in the live kernel is interactive: vega-embed's SVG marks, a tooltip on hover.
The same notebook opened untrusted shows its stored chart too. A screenshot of each step goes
to build/lab-browser/. The server is `make lab`'s command
(jupyter trust, then jupyter lab on the notebooks folder) on 127.0.0.1, a free port and a
token, with Jupyter's own folders and autosave off, and the notebooks are left as they were.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.test_jupyter_server import Server, running

NOTEBOOKS = ROOT / "notebooks"
NAME = "getting_started.ipynb"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SHOTS = ROOT / "build" / "lab-browser"
WAIT = 120.0

pytestmark = pytest.mark.slow


def wait_for(what: str, probe: Any, timeout: float = WAIT) -> Any:
    """Poll ``probe`` until it returns something truthy; fail naming ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"in the browser: {what} (after {timeout:.0f} s)")
        time.sleep(0.25)


def screenshot(driver: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    target = SHOTS / name
    partial = target.with_suffix(".part.png")
    assert driver.save_screenshot(str(partial))
    partial.replace(target)
    return target


@contextmanager
def lab_server(small_data: Path, work: Path, trust: bool) -> Iterator[Server]:
    """`make lab`'s server on the notebooks folder, Jupyter's folders under ``work``."""
    config = work / "config"
    # Nothing is ever saved: the notebooks stay as they are whatever the test does.
    settings = config / "lab" / "user-settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    # No "get notified about Jupyter news?" toast over the screenshots (nothing is fetched).
    news = config / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    env = {
        **os.environ,
        "WORKBENCH_ROOT": str(ROOT),
        "WORKBENCH_DB": str(small_data / "workbench.duckdb"),
        "JUPYTER_DATA_DIR": str(work / "data"),
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
    }
    if trust:
        notebooks = sorted(str(p) for p in NOTEBOOKS.glob("*.ipynb"))
        jupyter = [sys.executable, "-m", "jupyter"]
        subprocess.run([*jupyter, "trust", *notebooks], env=env, check=True, capture_output=True)
    # JupyterLab checkpoints a notebook when it opens one that has none: into ``work``, so the
    # test leaves notebooks/ as it found it (a fresh clone has no .ipynb_checkpoints there).
    checkpoints = f"--FileCheckpoints.checkpoint_dir={work / 'checkpoints'}"
    app = ["jupyter", "lab", f"--notebook-dir={NOTEBOOKS}", checkpoints]
    with running(app, env, work / "lab.log") as srv:
        yield srv


@pytest.fixture(scope="module")
def lab(small_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """What `make lab` starts: the notebooks trusted first."""
    with lab_server(small_data, tmp_path_factory.mktemp("lab-browser"), trust=True) as srv:
        yield srv


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            pytest.fail(
                f"{path} is missing: `make browser` installs Debian's chromium and chromium-driver"
            )
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager never downloads a driver or browser
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium")
    for arg in (
        "--headless=new",
        "--no-sandbox",  # root in CI
        "--disable-dev-shm-usage",
        "--window-size=1400,1600",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def cells(driver: Any) -> list[Any]:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")


def cell_source(cell: Any) -> str:
    from selenium.webdriver.common.by import By

    return "\n".join(
        line.text for line in cell.find_elements(By.CSS_SELECTOR, ".jp-InputArea-editor .cm-line")
    )


def find_cell(driver: Any, starts: str) -> Any:
    def probe() -> Any:
        return next((c for c in cells(driver) if cell_source(c).startswith(starts)), None)

    return wait_for(f"no cell starting {starts!r}", probe)


def run(driver: Any, cell: Any) -> None:
    """Click into the cell and press Shift+Enter, as a person runs one cell."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
    cell.find_element(By.CSS_SELECTOR, ".jp-InputArea-editor").click()
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()


def kernel_idle(driver: Any) -> bool:
    return bool(
        driver.execute_script(
            "const s = document.querySelector('.jp-Notebook-ExecutionIndicator');"
            "return s !== null && s.getAttribute('data-status') === 'idle';"
        )
    )


def stored_chart_rows() -> int:
    """The rows of the chart stored in the file: one bar each."""
    nb = json.loads((NOTEBOOKS / NAME).read_text())
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            spec = output.get("data", {}).get("application/vnd.workbench.chart+json")
            if spec:
                (rows,) = spec["datasets"].values()
                return len(rows)
    pytest.fail(f"{NAME} stores no chart")


# The stored chart's image in the page: loaded, painted (pixels that are not background), and
# its SVG's bars, read back from the image the browser drew.
STORED_CHART = """
const out = document.querySelector('.jp-OutputArea-output .workbench-chart img');
if (!out || !out.complete || out.naturalWidth === 0) return null;
const canvas = document.createElement('canvas');
canvas.width = out.naturalWidth; canvas.height = out.naturalHeight;
const ctx = canvas.getContext('2d');
ctx.drawImage(out, 0, 0);
const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
let painted = 0;
for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && px[i] + px[i + 1] + px[i + 2] < 600) painted++;
const svg = atob(out.src.split(',')[1]);
const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
return {painted, bars: doc.querySelectorAll('g.mark-rect path').length, width: out.naturalWidth};
"""


def test_lab_shows_the_stored_chart_runs_a_cell_and_draws_it_live(lab: Server, browser: Any):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = {p.name: p.read_bytes() for p in NOTEBOOKS.glob("*.ipynb")}
    checkpoints = (NOTEBOOKS / ".ipynb_checkpoints").exists()
    browser.get(f"{lab.base}/lab/tree/{NAME}?token={lab.token}")
    try:
        # 1. Opened, nothing run: the stored chart is drawn.
        stored = wait_for(
            "the stored chart is not drawn", lambda: browser.execute_script(STORED_CHART)
        )
        assert stored["bars"] == stored_chart_rows() and stored["painted"] > 1000, stored
        outputs = browser.find_element(By.CSS_SELECTOR, ".jp-Notebook").text
        assert "<Chart" not in outputs
        wait_for("the kernel did not start", lambda: kernel_idle(browser))
        time.sleep(2)  # the kernel's metadata reaches the model after its first idle
        tab = browser.find_element(By.CSS_SELECTOR, ".lm-TabBar-tab.jp-mod-current")
        assert "jp-mod-dirty" not in tab.get_attribute("class"), "marked unsaved on open"
        browser.execute_script(
            "document.querySelector('.workbench-chart').scrollIntoView({block: 'center'})"
        )
        screenshot(browser, "getting_started-opened.png")

        # 2. One %%bigquery cell (after the first cell, which loads the magic).
        run(browser, cells(browser)[1])
        wait_for("the first cell did not run", lambda: kernel_idle(browser))
        query = find_cell(browser, "%%bigquery\nSELECT product")
        previous = query.find_element(By.CSS_SELECTOR, ".jp-InputPrompt").text
        run(browser, query)

        def table() -> list[list[str]] | None:
            prompt = query.find_element(By.CSS_SELECTOR, ".jp-InputPrompt").text
            if prompt == previous or "*" in prompt:
                return None
            rows = query.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output table tr")
            return [[c.text for c in r.find_elements(By.CSS_SELECTOR, "th, td")] for r in rows]

        shown = wait_for("the %%bigquery cell shows no table", table)
        assert shown[0] == ["", "product", "reports", "sites"], shown
        body = shown[1:]
        assert body and all(r[2].isdigit() and r[3].isdigit() for r in body), shown
        assert "NaN" not in {r[1] for r in body}, shown

        # A cell typed at the end: a NULL STRING shows as None (google-cloud-bigquery's
        # to_dataframe gives STRING an object column), never NaN.
        count = len(cells(browser))
        browser.find_element(By.CSS_SELECTOR, ".jp-Notebook-footer").click()
        wait_for("no cell added", lambda: len(cells(browser)) == count + 1)
        added = cells(browser)[-1]
        added.find_element(By.CSS_SELECTOR, ".jp-InputArea-editor").click()
        typed = "%%bigquery\nSELECT s FROM UNNEST(['a', NULL]) AS s WITH OFFSET AS o ORDER BY o"
        ActionChains(browser).send_keys(typed).perform()
        assert cell_source(added) == typed  # the editor took the text as typed
        ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(
            Keys.SHIFT
        ).perform()

        def nulls() -> list[list[str]] | None:
            rows = added.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output table tr")
            return [[c.text for c in r.find_elements(By.CSS_SELECTOR, "th, td")] for r in rows]

        assert wait_for("the typed cell shows no table", nulls) == [
            ["", "s"],
            ["0", "a"],
            ["1", "None"],
        ]

        # 3. The chart, run live: vega-embed's interactive SVG, and a tooltip on hover.
        run(browser, find_cell(browser, "%%bigquery top"))
        chart_cell = find_cell(browser, "alt.Chart(top")
        run(browser, chart_cell)

        def live_bars() -> list[Any]:
            drawn = chart_cell.find_elements(
                By.CSS_SELECTOR, ".workbench-chart[data-interactive='yes'] svg g.mark-rect path"
            )
            return drawn

        bars = wait_for("the live chart is not interactive", live_bars)
        assert not chart_cell.find_elements(By.CSS_SELECTOR, ".workbench-chart img")
        ActionChains(browser).move_to_element(bars[0]).perform()
        tip = wait_for(
            "no tooltip on a bar",
            lambda: browser.execute_script(
                "const t = document.querySelector('#vg-tooltip-element.visible');"
                "return t ? t.textContent : null;"
            ),
        )
        assert "slug" in tip and "sites" in tip, tip
        screenshot(browser, "getting_started-run.png")
    finally:
        browser.get("about:blank")
    after = {p.name: p.read_bytes() for p in NOTEBOOKS.glob("*.ipynb")}
    assert after == before, "the browser session changed a notebook"
    assert (NOTEBOOKS / ".ipynb_checkpoints").exists() == checkpoints


def test_an_untrusted_notebook_shows_its_stored_chart_too(
    small_data: Path, tmp_path: Path, browser: Any
) -> None:
    """Without `jupyter trust` (another Jupyter data directory, a notebook from elsewhere)
    JupyterLab sanitizes the HTML and hides SVG outputs: the chart's image still shows."""
    from selenium.webdriver.common.by import By

    with lab_server(small_data, tmp_path, trust=False) as srv:
        browser.get(f"{srv.base}/lab/tree/{NAME}?token={srv.token}")
        try:
            stored = wait_for(
                "the stored chart is not drawn untrusted",
                lambda: browser.execute_script(STORED_CHART),
            )
            assert stored["bars"] == stored_chart_rows() and stored["painted"] > 1000, stored
            outputs = browser.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output")
            assert outputs and not [
                o for o in outputs if "jp-mod-trusted" in o.get_attribute("class")
            ]
            assert "<Chart" not in browser.find_element(By.CSS_SELECTOR, ".jp-Notebook").text
            browser.execute_script(
                "document.querySelector('.workbench-chart').scrollIntoView({block: 'center'})"
            )
            screenshot(browser, "getting_started-untrusted.png")
        finally:
            browser.get("about:blank")


def test_make_test_installs_the_browser_first() -> None:
    """Where chromedriver is missing, `make test` installs Debian's packages before pytest."""
    dry = subprocess.run(
        ["make", "-n", "-W", "pyproject.toml", "test", "CHROMEDRIVER=/nonexistent/chromedriver"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    install = [i for i, line in enumerate(dry) if "apt-get install" in line]
    pytest_ = [i for i, line in enumerate(dry) if "-m pytest" in line]
    assert install and pytest_ and install[0] < pytest_[0], dry
    assert "chromium chromium-driver" in dry[install[0]]
