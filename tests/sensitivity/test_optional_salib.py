"""SALib is an optional dependency (the `sensitivity` extra): without it, a clear error, not a traceback."""

from __future__ import annotations

import sys

import pytest

from strategy.cli import main
from strategy.errors import StrategyError
from strategy.sensitivity.parameters import Parameter, ParameterSpace
from strategy.sensitivity.parametric import ParametricGame
from strategy.sensitivity.variance import morris, sobol_indices


def _hide_salib(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "SALib" or m.startswith("SALib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "SALib", None)  # import SALib... now raises ImportError


def _model() -> ParametricGame:
    space = ParameterSpace((Parameter("x", 1.0, 0.0, 2.0),))
    return ParametricGame(
        (("Row", ("T", "B")), ("Col", ("L", "R"))), lambda p: [[[p.x, 0], [0, 1]], [[1, 0], [0, 1]]], space
    )


def test_the_analyses_say_how_to_install_salib(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide_salib(monkeypatch)
    with pytest.raises(StrategyError, match=r"Sobol analysis needs SALib.*strategy-toolkit\[sensitivity\]"):
        sobol_indices(_model(), lambda r: r.counts, 8)
    with pytest.raises(StrategyError, match=r"Morris analysis needs SALib"):
        morris(_model(), lambda r: r.counts, 4)


def test_the_command_line_exits_with_the_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _hide_salib(monkeypatch)
    assert main(["sobol", "idlib.stage", "--samples", "8"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: Sobol analysis needs SALib")
    assert "Traceback" not in err
