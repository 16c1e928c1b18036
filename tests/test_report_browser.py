"""The case report renders in headless Chromium: figures are present and nothing fails to load."""

import shutil
from pathlib import Path

import pytest

from strategy.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "idlib.html"
    assert main(["report", "idlib", "--out", str(path)]) == 0
    return path


def test_report_is_self_contained(report: Path) -> None:
    text = report.read_text()
    assert text.count("<svg") >= 3, "the report should carry its figures as inline SVG"
    assert 'src="http' not in text
    assert 'href="http' not in text
    assert "<script" not in text
    assert "Parameters and their provenance" in text


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromedriver are not installed")
def test_report_renders_in_headless_chromium(report: Path) -> None:
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
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=DRIVER)
    driver = webdriver.Chrome(options=options, service=service)
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
