"""pygambit as an oracle for the Idlib games (test-only; GPL stays out of the runtime)."""

import numpy as np
import pytest

from games.idlib import CASES, sochi
from strategy import solve
from strategy.forms.convert import to_normal_form
from strategy.solvers.pure import pure_equilibria

gbt = pytest.importorskip("pygambit")


def gambit_pure_count(nf):
    arrays = [np.asarray(nf.payoffs[i], dtype=float) for i in range(len(nf.players))]
    game = gbt.Game.from_arrays(*arrays)
    return len(gbt.nash.enumpure_solve(game).equilibria)


@pytest.mark.parametrize(("scenario", "count"), [("offensive_2019", 150), ("sochi_2018", 166)])
def test_sochi_pure_nash_count_agrees_with_gambit(scenario, count):
    nf, _ = to_normal_form(sochi.build(CASES["sochi"].values(scenario)))
    assert len(pure_equilibria(nf)) == gambit_pure_count(nf) == count


@pytest.mark.parametrize("scenario", ["offensive_2019", "sochi_2018"])
def test_triangle_pure_equilibria_agree_with_gambit(scenario):
    nf = CASES["triangle"].game(scenario)
    assert len(solve(nf)) == gambit_pure_count(nf) == 1
