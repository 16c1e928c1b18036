"""The reports render in headless Chromium: figures present, nothing fails to load, and the
Idlib seminar document reads as a document at 1280 px (no horizontal overflow, no object
dumps or reST, games in order)."""

import re
import shutil
from pathlib import Path

import pytest

from strategy.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


GAME_ORDER = [
    "stage", "escalation", "triangle", "inducement", "timing", "sochi", "types", "resolve", "bargaining", "repeated"
]  # fmt: skip
FORBIDDEN = (r"0x[0-9a-fA-F]{6,}", r"mappingproxy", r"<function", r"\.\. math::", r":(func|class|meth|mod|attr|math):`")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "idlib.html"
    assert main(["report", "idlib", "--out", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def seminar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from games.idlib.analysis import main as idlib_main

    path = tmp_path_factory.mktemp("seminar") / "idlib-report.html"
    assert idlib_main(["--samples", "300", "--report", str(path)]) == 0
    return path


def _driver(width: int = 1280, height: int = 1000):  # type: ignore[no-untyped-def]
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=DRIVER)
    return webdriver.Chrome(options=options, service=service)


def test_report_is_self_contained(report: Path) -> None:
    text = report.read_text()
    assert text.count("<svg") >= 3, "the report should carry its figures as inline SVG"
    assert 'src="http' not in text
    assert 'href="http' not in text
    assert "<script" not in text
    assert "Parameters and their provenance" in text
    assert text.count("Parameters and their provenance</h2>") == 1


def test_seminar_document_is_small_clean_and_in_order(seminar: Path) -> None:
    text = seminar.read_text()
    assert len(text.encode()) < 800_000
    assert "<script" not in text
    assert 'src="http' not in text
    for pattern in FORBIDDEN:
        assert not re.search(pattern, text), pattern
    assert re.findall(r"<h2 id='(\w+)' class='game'>", text) == GAME_ORDER


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromedriver are not installed")
def test_seminar_document_reads_at_1280_px(seminar: Path) -> None:
    driver = _driver()
    try:
        driver.get(seminar.as_uri())
        assert driver.title.startswith("Idlib 2019")
        scroll, client = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, f"horizontal overflow: {scroll} px of content in a {client} px window"
        wide = driver.execute_script(
            "const w = document.body.getBoundingClientRect().right;"
            "return [...document.querySelectorAll('svg, table, pre')]"
            ".filter(e => e.getBoundingClientRect().right > w + 1).length"
        )
        assert wide == 0, f"{wide} figures or tables stick out of the column"
        visible = driver.find_element("tag name", "body").text
        for pattern in FORBIDDEN:
            assert not re.search(pattern, visible), pattern
        order = [h.get_attribute("id") for h in driver.find_elements("css selector", "h2.game")]
        assert order == GAME_ORDER
        for q in ("Q1.", "Q2.", "Q3.", "Q4.", "Q5.", "Q6."):
            assert q in visible
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        assert not errors, errors
    finally:
        driver.quit()


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromedriver are not installed")
def test_report_renders_in_headless_chromium(report: Path) -> None:
    driver = _driver()
    try:
        driver.get(report.as_uri())
        assert driver.title.startswith("Case report")
        svgs = driver.find_elements("css selector", "svg")
        assert len(svgs) >= 3
        sizes = [svg.size for svg in svgs]
        assert all(size["width"] > 50 and size["height"] > 50 for size in sizes[:3]), sizes
        tables = driver.find_elements("css selector", "table")
        assert len(tables) >= 5
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        assert not errors, errors
    finally:
        driver.quit()
