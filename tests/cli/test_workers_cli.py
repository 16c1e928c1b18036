"""`--workers N` and `--scheduler ADDRESS` on the batch commands (issue 16, item 8).

The JSON output is a contract: it must be byte-identical whatever solves the chunks. The
chunk sizes are lowered here so that every run is split into several tasks.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from strategy.cli import main, workers
from strategy.sensitivity import _distribute

ROOT = Path(__file__).resolve().parents[2]
DILEMMA = str(ROOT / "tests" / "data" / "dilemma.toml")
EXAMPLE = str(ROOT / "docs" / "elicitation-example.csv")

COMMANDS = [
    ["sweep", DILEMMA, "--vary", "temptation=2:8:61"],
    ["sweep", "idlib.sochi", "--vary", "hts_threat=1:9:13"],
    ["threshold", "idlib.stage", "--vary", "assault_cost=1:5"],
    ["stress", "idlib.stage", "--samples", "2000", "--seed", "3"],
    ["stress", "idlib.stage", "--samples", "41000", "--seed", "3", "--elicitation", EXAMPLE],  # 3 chunks
    ["sobol", DILEMMA, "--samples", "32", "--seed", "4"],
]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_distribute, "BATCH_CHUNK", 16)
    monkeypatch.setattr(_distribute, "POINT_CHUNK", 4)


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_two_local_processes_print_the_same_json_and_text(capsys, small_chunks):
    for argv in COMMANDS:
        if argv[0] == "sobol":
            pytest.importorskip("SALib")
        serial = _run(capsys, [*argv, "--json"])
        assert json.loads(serial)  # real output
        assert _run(capsys, [*argv, "--json", "--workers", "2"]) == serial, argv
    text = _run(capsys, COMMANDS[2])
    assert _run(capsys, [*COMMANDS[2], "--workers", "2"]) == text
    assert "assault_cost = " in text


def test_a_dask_scheduler_prints_the_same_json(capsys, small_chunks):
    distributed = pytest.importorskip("dask.distributed")
    argv = ["sweep", DILEMMA, "--vary", "temptation=2:8:61", "--json"]
    serial = _run(capsys, argv)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, protocol="tcp://", dashboard_address=None
    ) as cluster:
        assert _run(capsys, [*argv, "--scheduler", cluster.scheduler_address]) == serial


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--workers", "0"], "--workers '0': the number of processes must be a positive whole number"),
        (["--workers", "-2"], "positive whole number"),
        (["--workers", "1.5"], "positive whole number"),
        (["--workers", "two"], "--workers 'two'"),
        (["--workers", "100000"], "use --scheduler with a Dask cluster"),
        (["--scheduler", "nonsense"], "give SCHEME://HOST:PORT"),
        (["--scheduler", "tcp://127.0.0.1:70000"], "port must be from 1 to 65535"),
        (["--scheduler", " "], "give the scheduler's address"),
    ],
)
def test_bad_values_exit_1_without_traceback(capsys, extra, message):
    assert main(["stress", "idlib.stage", "--samples", "100", *extra]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error:")
    assert message in err
    assert "Traceback" not in err


def test_workers_and_scheduler_are_mutually_exclusive(capsys):
    assert main(["sweep", DILEMMA, "--vary", "temptation=2:8:5", "--workers", "2", "--scheduler", "tcp://h:1"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_an_unreachable_scheduler_is_a_clear_error(capsys, monkeypatch):
    pytest.importorskip("dask.distributed")
    monkeypatch.setattr(workers, "CONNECT_TIMEOUT", 0.5)
    assert main(["sweep", DILEMMA, "--vary", "temptation=2:8:5", "--scheduler", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot reach a Dask scheduler at 'tcp://127.0.0.1:9'")
    assert "Traceback" not in err


def test_without_dask_the_scheduler_option_says_how_to_get_it(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if not installed
    assert main(["stress", "idlib.stage", "--samples", "100", "--scheduler", "tcp://h:8786"]) == 1
    assert "pip install 'dask[distributed]'" in capsys.readouterr().err


def test_help_and_a_serial_run_import_no_process_pool_nor_dask():
    code = (
        "import contextlib, io, json, sys, strategy.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert strategy.cli.main(['sweep', '--help']) == 0\n"
        f"    assert strategy.cli.main(['sweep', {DILEMMA!r}, '--vary', 'temptation=2:8:5']) == 0\n"
        "print(json.dumps([m for m in ('concurrent.futures.process', 'distributed', 'dask') if m in sys.modules]))"
    )
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
