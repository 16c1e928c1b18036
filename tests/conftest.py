"""Shared fixtures: the documentation site, built once per session (its notebooks executed)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Site:
    """A build of docs/ into a temporary folder: the HTML, the executed notebooks, the outcome."""

    html: Path
    executed: Path
    returncode: int
    log: str

    def warnings(self) -> list[str]:
        """The build's warnings and errors, with the kernels' own chatter left out: start-up
        notes (``IPKernelApp``) and the messaging layer's logs (``tornado``/``ZMQStream``, e.g. a
        callback racing a kernel's shutdown on a loaded machine). A notebook's own errors are
        checked cell by cell (tests/test_notebooks.py) and Sphinx's warnings fail the build (-W)."""
        chatter = ("IPKernelApp", "tornado.general", "ZMQStream")
        return [
            line
            for line in self.log.splitlines()
            if ("WARNING" in line or "ERROR" in line) and not any(c in line for c in chatter)
        ]


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """``make docs`` into a temporary folder, warnings as errors. A failing notebook does not
    stop the build (``nb_execution_raise_on_error=0``), so every notebook's executed copy is
    there to be checked on its own; the build still fails (-W)."""
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_nb")
    out = tmp_path_factory.mktemp("docs")
    command = [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-j", "auto", "-b", "html",
        "-d", str(out / "doctrees"), "-D", "nb_execution_raise_on_error=0", str(ROOT / "docs"), str(out / "html"),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800, cwd=ROOT, check=False)
    return Site(out / "html", out / "jupyter_execute", done.returncode, done.stdout + done.stderr)
