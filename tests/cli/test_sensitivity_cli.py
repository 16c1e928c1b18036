"""`strategy sweep | threshold | stress | sobol` on a TOML game with a hand-derived threshold."""

from __future__ import annotations

import json

import pytest

from strategy.cli import main

DILEMMA = """
title = "Dilemma"
[players]
Row = ["C", "D"]
Col = ["C", "D"]
[parameters]
t = {default = 5, low = 0, high = 8}
r = {default = 3, low = 2, high = 4}
[payoffs]
"C,C" = ["r", "r"]
"C,D" = [0, "t"]
"D,C" = ["t", 0]
"D,D" = [1, "1 / t"]
"""


@pytest.fixture
def toml(tmp_path):
    path = tmp_path / "dilemma.toml"
    path.write_text(DILEMMA)
    return str(path)


def _json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_threshold_json_is_t_equals_r(toml, capsys):
    # Row: D beats C against C iff t > r; Col's (D,D) payoff 1/t > 0 keeps D a best reply to D.
    data = _json(capsys, ["threshold", toml, "--vary", "t=1:8", "--set", "r=3.5", "--json"])
    (found,) = data["thresholds"]
    assert found["parameter"] == "t"
    assert abs(found["value"] - 3.5) < 1e-9
    assert found["to"] == "Row=D, Col=D"
    assert "Row=C, Col=C" in found["from"]


def test_sweep_and_stress_json(toml, capsys):
    data = _json(capsys, ["sweep", toml, "--vary", "t=4:8:5", "--json"])
    assert data["regimes"] == ["Row=D, Col=D"]
    assert len(data["rows"]) == 5
    data = _json(capsys, ["stress", toml, "--samples", "400", "--seed", "1", "--json"])
    assert data["samples"] == 400
    assert abs(sum(r["frequency"] for r in data["regimes"]) - 1) < 1e-12
    assert all(r["ci"][0] <= r["frequency"] <= r["ci"][1] for r in data["regimes"])


def test_sobol_json(toml, capsys):
    pytest.importorskip("SALib")
    data = _json(capsys, ["sobol", toml, "--samples", "64", "--seed", "2", "--json"])
    assert {row["parameter"] for row in data["indices"]} == {"t", "r"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["threshold", "{f}", "--vary", "q=0:1"], "unknown parameter 'q'"),
        (["threshold", "{f}", "--vary", "t=8:1"], "low 8.0 > high 1.0"),
        (["sweep", "{f}", "--vary", "t=1:2:0"], "must be positive"),
        (["stress", "{f}", "--samples", "0"], "must be positive"),
        (["sweep", "{f}", "--vary", "t=0:2:3"], "not finite"),
        (["sweep", "{f}", "--vary", "t=0:2"], "NAME=LO:HI:N"),
    ],
)
def test_errors_exit_1_without_traceback(toml, capsys, argv, message):
    assert main([a.format(f=toml) for a in argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error:")
    assert message in err
    assert "Traceback" not in err
