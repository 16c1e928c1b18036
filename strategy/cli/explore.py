"""``strategy explore TARGET``: the explorer of :func:`strategy.display.widgets.explore` as a web page.

For a class that does not write Python: the command writes a one-cell notebook that shows
:func:`strategy.display.explorer.explorer_page` for the target, and serves it with Voilà
(``voila``, which runs a notebook's widgets as a web application and hides its code) on
``127.0.0.1``. The target is checked first, so an unknown case fails at once like in the
other commands. The notebook's kernel is this interpreter (a kernel spec written beside the
notebook), so the page sees the same ``strategy`` and the same registered cases.

Voilà runs in its own process group: Ctrl-C in the terminal reaches this process only,
which stops the server with SIGTERM (Voilà then shuts its kernels down) and exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategy.cli.targets import add_target_arguments
from strategy.errors import SpecError, StrategyError

if TYPE_CHECKING:
    import subprocess

# the server's modules (subprocess, socket, tempfile, ...) are imported by the command when
# it runs, not when `strategy --help` builds its parser

__all__ = ["page", "register"]

INSTALL_HINT = "pip install 'strategy-toolkit[explorer]'"
_KERNEL = "strategy-explorer"
_START_TIMEOUT = 120.0  # seconds for Voilà to accept connections


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``explore`` command."""
    parser = subparsers.add_parser(
        "explore",
        help="serve a page with parameter sliders, equilibria, regime map and tipping points",
        description=(
            "Serve a local web page where the parameters of a case move with sliders and the "
            "equilibria, the regime map (the current point starred) and the tipping points follow. "
            f"Needs the explorer extra: {INSTALL_HINT}. Ctrl-C stops the server."
        ),
    )
    add_target_arguments(parser, "a case name such as idlib.stage, or a TOML game file with [parameters]")
    parser.add_argument("--port", default=None, help="port to serve on (default: a free one)")
    parser.add_argument("--no-browser", action="store_true", help="only print the address; open no browser")
    parser.set_defaults(run=_run)


def page(target: str, scenario: str | None = None, sets: list[str] | tuple[str, ...] = ()) -> Any:
    """The widget the served notebook displays (a case or TOML file at a scenario with overrides)."""
    from strategy.cli.targets import load_target, parse_sets
    from strategy.display.explorer import explorer_page

    _, case = load_target(target, scenario, sets)
    return explorer_page(case, case.values(scenario, parse_sets(sets)))


def _check(args: argparse.Namespace) -> str:
    """Validate the target, scenario and overrides; return the target as the kernel will read it."""
    from strategy.cli.targets import load_target

    _, case = load_target(args.target, args.scenario, args.sets)
    if case is None:
        raise SpecError(
            f"{args.target}: the game has no parameters to move; explore a case (strategy cases) "
            "or a TOML file with [parameters.NAME] tables, or use strategy solve for a fixed game"
        )
    if not case.space.names:
        raise SpecError(
            f"{args.target}: the game has no parameters to move; strategy solve {args.target} shows its equilibria"
        )
    path = Path(args.target)
    return str(path.resolve()) if path.suffix and path.exists() else args.target  # the kernel runs elsewhere


def _port(text: str | None) -> int:
    import socket

    if text is None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            return int(probe.getsockname()[1])
    if not text.strip().isdigit() or not 1 <= int(text) <= 65535:
        raise SpecError(f"--port {text!r}: a port is a whole number from 1 to 65535")
    return int(text)


def _notebook(target: str, scenario: str | None, sets: list[str]) -> dict[str, Any]:
    """A one-cell notebook; the arguments enter the code as Python literals (``repr`` of strings)."""
    code = (
        "from strategy.cli.explore import page\n\n"
        f"page({target!r}, scenario={scenario!r}, sets={[str(s) for s in sets]!r})"
    )
    return {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "explorer",
                "metadata": {},
                "outputs": [],
                "source": code,
            }
        ],
        "metadata": {
            "kernelspec": {"name": _KERNEL, "display_name": "strategy explorer", "language": "python"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _write_files(folder: Path, target: str, args: argparse.Namespace) -> Path:
    """The notebook and a kernel spec that runs this interpreter; return the notebook's path."""
    import json

    kernel = folder / "jupyter" / "kernels" / _KERNEL
    kernel.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "strategy explorer",
        "language": "python",
    }
    (kernel / "kernel.json").write_text(json.dumps(spec))
    label = Path(target).stem if Path(target).suffix.lower() == ".toml" else target
    name = "".join(c if c.isalnum() or c in "._-" else "_" for c in label) or "explorer"
    notebook = folder / f"{name}.ipynb"
    notebook.write_text(json.dumps(_notebook(target, args.scenario, list(args.sets)), indent=1))
    return notebook


def _wait_until_serving(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    import contextlib
    import socket
    import time

    deadline = time.monotonic() + _START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
            raise StrategyError(f"the Voila server stopped at start (exit code {process.returncode}):\n{tail}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.2)
    _stop(process)
    raise StrategyError(f"the Voila server did not answer on port {port} within {_START_TIMEOUT:.0f} s; see {log}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to Voilà (it shuts its kernels down), then SIGKILL to its process group if it lingers."""
    import contextlib
    import signal
    import subprocess

    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # kernels left behind, if any
    process.wait()


def _run(args: argparse.Namespace) -> int:
    import importlib.util
    import signal
    import subprocess
    import tempfile

    target = _check(args)
    port = _port(args.port)
    missing = [name for name in ("voila", "ipywidgets", "ipykernel") if importlib.util.find_spec(name) is None]
    if missing:
        raise StrategyError(f"strategy explore needs {', '.join(missing)} (not installed): {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="strategy-explore-") as tmp:
        folder = Path(tmp)
        notebook = _write_files(folder, target, args)
        log = folder / "voila.log"
        env = dict(os.environ)
        env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder / "jupyter"), env.get("JUPYTER_PATH")]))
        command = [
            sys.executable,
            "-m",
            "voila",
            str(notebook),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0",
            "--theme=light",
            "--show_tracebacks=False",
        ]
        url = f"http://127.0.0.1:{port}/"
        stop_requested = False

        def on_terminate(_signum: int, _frame: Any) -> None:
            raise KeyboardInterrupt

        # SIGINT too, explicitly: a process started in the background by a shell inherits
        # SIGINT ignored, and Python then installs no KeyboardInterrupt handler of its own.
        previous = {sig: signal.signal(sig, on_terminate) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            with log.open("wb") as sink:
                process = subprocess.Popen(
                    command, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=folder, env=env,
                    start_new_session=os.name == "posix",
                )  # fmt: skip
                try:
                    _wait_until_serving(process, port, log)
                    print(f"exploring {args.target} at {url}  (Ctrl-C stops the server)")
                    sys.stdout.flush()
                    if not args.no_browser:
                        import webbrowser

                        webbrowser.open(url)
                    process.wait()
                except KeyboardInterrupt:
                    stop_requested = True
                finally:
                    _stop(process)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if stop_requested:
            print("explorer stopped", file=sys.stderr)
            return 0
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        raise StrategyError(f"the Voila server stopped (exit code {process.returncode}):\n{tail}")
