"""The documentation site (``make docs``) builds offline with no warning, has every guide,
notebook and API page, its internal links and anchors resolve, it loads nothing from the
network, and in headless Chromium its figures load and its maths render with the network off."""

from __future__ import annotations

import importlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest

if TYPE_CHECKING:
    from tests.conftest import Site

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

API_PAGES = {
    "strategy": "strategy",
    "strategy.forms": "forms",
    "strategy.solvers": "solvers",
    "strategy.sensitivity": "sensitivity",
    "strategy.dynamics": "dynamics",
    "strategy.io": "io",
    **{f"strategy.io.{name}": "io" for name in ("nfg", "efg", "spec", "tables", "json")},
    "strategy.display": "display",
    "strategy.plot": "plot",
    "games.classics": "games",
    "games.idlib": "games",
}
"""Module -> its page under api/."""


class _Page(HTMLParser):
    """The ids a page defines and the URLs it refers to (tag, attribute, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in ("href", "src"):
                self.refs.append((tag, name, value))


def _pages(site: Site) -> dict[Path, _Page]:
    pages = {}
    for path in sorted(site.html.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path] = page
    return pages


@pytest.fixture(scope="module")
def pages(docs_site: Site) -> dict[Path, _Page]:
    return _pages(docs_site)


def test_site_builds_without_warnings(docs_site: Site) -> None:
    assert docs_site.returncode == 0, "\n".join(docs_site.warnings()) or docs_site.log[-3000:]
    assert not docs_site.warnings()


def test_every_guide_notebook_and_api_page_is_there(docs_site: Site) -> None:
    expected = [Path("index.html"), Path("api/index.html")]
    expected += [Path(p.stem + ".html") for p in (ROOT / "docs").glob("*.md") if p.stem != "index"]
    expected += [Path("notebooks", p.stem + ".html") for p in (ROOT / "notebooks").glob("*.ipynb")]
    expected += [Path("api", page + ".html") for page in API_PAGES.values()]
    missing = [str(p) for p in expected if not (docs_site.html / p).is_file()]
    assert not missing
    index = (docs_site.html / "index.html").read_text(encoding="utf-8")
    assert "Quick start" in index  # the README is the front page


def test_internal_links_and_anchors_resolve(docs_site: Site, pages: dict[Path, _Page]) -> None:
    broken = []
    checked = 0
    for path, page in pages.items():
        for tag, attribute, value in page.refs:
            url = urlsplit(value)
            if url.scheme or url.netloc or value == "#":
                continue
            target = (path.parent / unquote(url.path)).resolve() if url.path else path
            checked += 1
            if not target.exists():
                broken.append(f"{path.relative_to(docs_site.html)}: <{tag} {attribute}={value!r}>: no such file")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in pages[target].ids:
                broken.append(f"{path.relative_to(docs_site.html)}: <{tag} {attribute}={value!r}>: no such anchor")
    assert checked > 1000  # the pages link to each other
    assert not broken, "\n".join(broken[:50])


def test_the_guides_links_become_links_between_pages(pages: dict[Path, _Page], docs_site: Site) -> None:
    index = pages[docs_site.html / "index.html"]
    hrefs = {value for tag, _, value in index.refs if tag == "a"}
    for guide in ("nashpy.html", "trees.html", "case-model-notes.html", "formats.html"):
        assert guide in hrefs, f"the README's link to docs/{guide[:-5]}.md does not lead to {guide}"


def test_nothing_is_loaded_from_the_network(pages: dict[Path, _Page], docs_site: Site) -> None:
    remote = [
        f"{path.relative_to(docs_site.html)}: <{tag} {attribute}={value[:80]!r}>"
        for path, page in pages.items()
        for tag, attribute, value in page.refs
        if (tag != "a" and (urlsplit(value).scheme in ("http", "https") or value.startswith("//")))
    ]
    assert not remote, "\n".join(remote)
    mathjax = [p for p in pages if "tex-chtml.js" in p.read_text(encoding="utf-8")]
    assert mathjax, "no page loads MathJax"
    assert (docs_site.html / "_static" / "mathjax" / "tex-chtml.js").is_file()


def test_the_api_reference_documents_every_public_class_and_function(pages: dict[Path, _Page], docs_site: Site) -> None:
    documented = {identifier for path, page in pages.items() if path.parent.name == "api" for identifier in page.ids}
    missing = []
    for module_name, page in API_PAGES.items():
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if not callable(obj):
                continue  # data without a docstring is not documented
            here = f"{module_name}.{name}" in pages[docs_site.html / "api" / f"{page}.html"].ids
            if not here and f"strategy.{name}" not in documented:
                missing.append(f"{module_name}.{name}")
    assert not missing


def test_the_notebook_pages_carry_their_figures(pages: dict[Path, _Page], docs_site: Site) -> None:
    for path in sorted((docs_site.html / "notebooks").glob("*.html")):
        images = [value for tag, attribute, value in pages[path].refs if tag == "img" and attribute == "src"]
        source = (ROOT / "notebooks" / path.with_suffix(".ipynb").name).read_text(encoding="utf-8")
        if re.search(r"\bplot|draw_tree|tornado|regime_map", source):
            assert images, f"{path.name} draws figures but its page shows none"


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromedriver are not installed")
def test_figures_load_and_maths_render_offline_in_chromium(docs_site: Site) -> None:
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    try:
        driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
        driver.get((docs_site.html / "notebooks" / "10_stage_game.html").as_uri())
        loaded = driver.execute_script(
            "return [...document.images].map(i => [i.complete && i.naturalWidth > 0, i.getAttribute('src').slice(0, 40)])"
        )
        assert len(loaded) >= 2, loaded
        assert all(ok for ok, _ in loaded), [src for ok, src in loaded if not ok]
        driver.get((docs_site.html / "api" / "strategy.html").as_uri())
        rendered = driver.execute_script(
            "return MathJax.startup.promise.then(() => document.querySelectorAll('mjx-container').length)"
        )
        assert rendered >= 3, "MathJax rendered no maths"
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        assert not errors, errors
    finally:
        driver.quit()
