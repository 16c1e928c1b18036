"""``strategy explore``: refusals without a server, then the served page in headless Chromium.

The browser test starts the command as a user would, types a value into one slider's
readout across a tipping point that :func:`find_thresholds` locates, and checks that the
page shows the equilibrium regime the library computes for the new value; then Ctrl-C
(SIGINT) must stop the server cleanly.
"""

from __future__ import annotations

import ast
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from strategy.cli import main

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


def test_an_unknown_case_is_refused_before_any_server_starts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", "idlib.nosuchgame", "--no-browser"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error:")
    assert "idlib.stage" in err  # the message lists the known cases
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["classics.chicken"], "no parameters to move"),
        ([str(ROOT / "tests" / "data" / "bos.nfg")], "no parameters to move"),
        (["idlib.stage", "--scenario", "nosuch"], "scenario"),
        (["idlib.stage", "--set", "nosuch=1"], "nosuch"),
        (["idlib.stage", "--port", "http"], "--port 'http'"),
    ],
)
def test_bad_requests_get_one_line_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", *argv, "--no-browser"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error:")
    assert message in err
    assert "Traceback" not in err


def test_without_voila_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "voila", None)  # find_spec("voila") is None: as if not installed
    assert main(["explore", "idlib.stage", "--no-browser"]) == 1
    assert "pip install 'strategy-toolkit[explorer]'" in capsys.readouterr().err


def test_the_served_notebook_holds_the_arguments_as_literals_only() -> None:
    from strategy.cli.explore import _notebook

    odd = "x'); import os; os.system('echo owned"
    code = _notebook(odd, 's"cen', ["a=1", odd])["cells"][0]["source"]
    tree = ast.parse(code)
    call = tree.body[-1].value  # type: ignore[attr-defined]
    assert isinstance(call, ast.Call)
    assert call.func.id == "page"  # type: ignore[attr-defined]
    assert ast.literal_eval(call.args[0]) == odd
    assert {k.arg: ast.literal_eval(k.value) for k in call.keywords} == {"scenario": 's"cen', "sets": ["a=1", odd]}
    assert len(tree.body) == 2  # the import and the call: nothing else runs


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serving(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _crossing(case, name: str, start: dict[str, float]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """A tipping point of `name` above its start value, and a slider value a little past it."""
    from strategy.sensitivity.thresholds import find_thresholds

    p = case.space[name]
    found = [t.value for t in find_thresholds(case, name, p.low, p.high, base=start) if t.value > start[name]]
    assert found, f"{name} has no tipping point above {start[name]}"
    step = (p.high - p.low) / 100  # the slider's step (strategy.display.widgets._STEPS)
    upper = found[1] if len(found) > 1 else p.high
    k = round((min(found[0] + 5 * step, (found[0] + upper) / 2) - p.low) / step)
    return found[0], p.low + k * step


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromedriver are not installed")
def test_moving_a_slider_in_the_browser_across_a_tipping_point_changes_the_regime() -> None:
    webdriver = pytest.importorskip("selenium.webdriver")
    pytest.importorskip("voila")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    from strategy import get_case, solve
    from strategy.display.widgets import regime_text

    case = get_case("idlib.stage")
    start = dict(case.values())
    name = "goodwill_value"
    tipping, new = _crossing(case, name, start)
    solver = case.solve or solve
    before = regime_text(solver(case.game()))
    after = regime_text(solver(case.game(None, {name: new})))
    assert before != after  # the move crosses a tipping point

    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    server = subprocess.Popen(
        [sys.executable, "-m", "strategy.cli", "explore", "idlib.stage", "--no-browser", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    driver = None
    try:
        line = server.stdout.readline()  # type: ignore[union-attr]
        assert f"http://127.0.0.1:{port}/" in line, line + server.stderr.read()  # type: ignore[union-attr]
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1400"):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
        driver.get(f"http://127.0.0.1:{port}/")
        wait = WebDriverWait(driver, 60)

        def read(selector: str, prop: str = "innerText") -> str:
            # read in one script call: the widgets replace their HTML on every update
            return str(
                driver.execute_script(f"const e = document.querySelector({selector!r}); return e ? e.{prop} : ''")
            )

        def text(selector: str) -> str:
            return read(selector).strip()

        wait.until(lambda _: text(".strategy-regime") and "tipping point" in text(".strategy-tipping"))
        assert text(".strategy-regime") == before
        assert f"{tipping:.4g}" in text(".strategy-tipping")
        map_before = read("img.strategy-regime-map", "src")

        slider = next(
            s
            for s in driver.find_elements(By.CSS_SELECTOR, ".widget-slider")
            if s.find_element(By.CSS_SELECTOR, "label").text == name
        )
        readout = slider.find_element(By.CSS_SELECTOR, ".widget-readout")
        readout.click()
        readout.send_keys(Keys.CONTROL, "a")
        readout.send_keys(f"{new:.6g}", Keys.ENTER)
        wait.until(lambda _: text(".strategy-regime") == after)
        # the regime map (drawn over two other parameters) is redrawn at the new value, and
        # the tipping point now lies below the current value
        wait.until(lambda _: read("img.strategy-regime-map", "src") not in ("", map_before))
        wait.until(lambda _: f"{tipping:.4g} (-" in text(".strategy-tipping"))
    finally:
        if driver is not None:
            driver.quit()
        server.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            _, err = server.communicate(timeout=30)
        finally:
            if server.poll() is None:
                server.kill()
                server.communicate()
    assert server.returncode == 0, err
    assert "explorer stopped" in err
    assert "Traceback" not in err
    deadline = time.monotonic() + 5
    while _serving(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _serving(port)
