"""Exact enumeration against lrslib's ``lrsnash`` (or pygambit's ``enummixed``) on 200
random small-integer two-player games, most of them degenerate: the sets of extreme
equilibria must be equal, as Fractions. The generator and the ``lrsnash`` reader are those
of ``benchmarks/check_lrsnash.py`` (run there on 10,000 games)."""

from __future__ import annotations

import importlib.util
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "check_lrsnash.py"


def _check_module():
    spec = importlib.util.spec_from_file_location("check_lrsnash", _SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gambit_oracle():
    try:
        import pygambit as gbt
    except ImportError:
        return None

    def extreme(a, b):
        game = gbt.Game.from_arrays(a.tolist(), b.tolist())
        row, col = game.players
        return {
            (tuple(Fraction(str(eq[s])) for s in row.strategies), tuple(Fraction(str(eq[s])) for s in col.strategies))
            for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria
        }

    return extreme


@pytest.mark.slow
def test_extreme_equilibria_match_lrsnash_or_gambit() -> None:
    check = _check_module()
    executable = shutil.which("lrsnash")
    if executable is not None:
        oracle = lambda a, b: check.lrsnash_equilibria(a, b, executable=executable)
    else:
        oracle = _gambit_oracle()
        if oracle is None:
            pytest.skip("neither lrsnash (apt-get install lrslib) nor pygambit is installed")
    degenerate = 0
    for number, (a, b) in enumerate(check.games(200, seed=2026)):
        ours, is_degenerate, _, guarantee = check.our_equilibria(a, b)
        assert ours == oracle(a, b), (number, a.tolist(), b.tolist(), guarantee)
        degenerate += is_degenerate
    assert degenerate >= 50  # the sample exercises degenerate games


def test_lrsnash_output_is_read_as_documented(tmp_path) -> None:
    if shutil.which("lrsnash") is None:
        pytest.skip("lrsnash is not installed (apt-get install lrslib)")
    import numpy as np

    check = _check_module()
    # von Stengel's degenerate 3x2 game: the top row against every column mixture from
    # (1, 0) to (2/3, 1/3) (a segment, two extreme equilibria), and an isolated equilibrium
    a, b = np.array([[3, 3], [2, 5], [0, 6]]), np.array([[3, 3], [2, 6], [3, 1]])
    third = Fraction(1, 3)
    assert check.lrsnash_equilibria(a, b) == {
        ((1, 0, 0), (1, 0)),
        ((1, 0, 0), (2 * third, third)),
        ((0, third, 2 * third), (third, 2 * third)),
    }
