"""Sweeps, thresholds, regime maps, Monte Carlo, Sobol, tornado and margins vs hand-derived facts."""

from __future__ import annotations

import numpy as np
import pytest

from strategy.errors import InvalidGameError, UnknownLabelError
from strategy.forms.normal import NormalFormGame
from strategy.sensitivity.margin import stability_margin
from strategy.sensitivity.measures import action_probability, regimes
from strategy.sensitivity.montecarlo import stress, wilson_interval
from strategy.sensitivity.regimes import regime_map
from strategy.sensitivity.sweep import sweep
from strategy.sensitivity.thresholds import find_thresholds
from strategy.sensitivity.tornado import tornado
from strategy.solvers.dispatch import solve

PD_TOML = """
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
"D,D" = [1, 1]
"""


def test_dilemma_threshold_is_three(dilemma):
    (t,) = find_thresholds(dilemma, "t", 0, 8)
    assert abs(t.value - 3.0) < 1e-9
    assert t.to_regime == "Row=D, Col=D"
    assert "Row=C, Col=C" in t.from_regime


def test_ladder_has_two_thresholds(ladder):
    found = find_thresholds(ladder, "c", 0, 10)
    assert [round(t.value, 8) for t in found] == [4.0, 7.0]
    assert all(abs(t.value - v) < 1e-9 for t, v in zip(found, (4.0, 7.0), strict=True))
    assert [t.to_regime for t in found] == ["Row=Mid, Col=M", "Row=High, Col=M"]


def test_closed_form_from_expressions():
    sympy = pytest.importorskip("sympy")
    from strategy.io.spec import parse_spec
    from strategy.sensitivity.closed_form import with_closed_forms

    game = parse_spec(PD_TOML).game
    # D beats C against C iff t > r: the threshold is t = r (= 3 at the default r).
    found = with_closed_forms(game, find_thresholds(game, "t", 0, 8, base={"r": 3.5}), base={"r": 3.5})
    assert len(found) == 1
    assert found[0].value == 3.5
    assert found[0].expression == sympy.Symbol("r", real=True)


def test_sweep_frame_one_row_per_equilibrium(dilemma):
    result = sweep(dilemma, "t", 0, 8, 5)  # t = 0, 2, 4, 6, 8: 3, 3, 1, 1, 1 equilibria
    assert result.frame.groupby("t").size().tolist() == [3, 3, 1, 1, 1]
    assert {"Row:C", "Row:D", "payoff:Row", "regime", "max_regret", "equilibrium"} <= set(result.frame)
    assert result.frame["max_regret"].max() < 1e-9
    with pytest.raises(InvalidGameError):
        sweep(dilemma, "t", 8, 0, 5)
    with pytest.raises(UnknownLabelError):
        sweep(dilemma, "nope", 0, 1, 5)
    with pytest.raises(InvalidGameError):
        sweep(dilemma, "t", 0, 1, 0)


def test_mixed_probability_matches_formula(dilemma):
    # In the mixed equilibrium for t < 3, Col's C-probability q makes Row indifferent:
    # 3q = t q + (1 - q)  ->  q = 1 / (4 - t).
    from strategy.sensitivity.model import solve_points

    ts = np.array([0.0, 1.0, 2.0])
    result = solve_points(dilemma, dilemma.space.values({"t": ts}))
    mixed = (result.probabilities[:, 1, 0] > 1e-9) & (result.probabilities[:, 1, 0] < 1 - 1e-9)
    np.testing.assert_allclose(result.probabilities[mixed, 1, 0], 1 / (4 - ts))


def test_regime_map_agrees_with_pointwise_solve(ladder):
    from strategy.sensitivity.parameters import Parameter, ParameterSpace
    from strategy.sensitivity.parametric import ParametricGame

    space = ParameterSpace((Parameter("a", 0.0, -2.0, 2.0), Parameter("b", 0.0, -2.0, 2.0)))
    game = ParametricGame(
        (("Row", ("U", "D")), ("Col", ("L", "R"))), lambda p: [[[1, p.a], [0, 1]], [[p.b, 0], [0, 1]]], space
    )
    rmap = regime_map(game, ("a", -2, 2, 5), ("b", -2, 2, 4))
    assert rmap.labels.shape == (4, 5)
    for i, b in enumerate(rmap.y):
        for j, a in enumerate(rmap.x):
            point = game.game({"a": a, "b": b})
            eqs = solve(point)
            n_pure = sum(all(np.count_nonzero(np.asarray(q, float)) == 1 for q in e.profile.probabilities) for e in eqs)
            assert rmap.labels[i, j].count(" | ") + 1 == len(eqs)
            assert rmap.labels[i, j].count("mixed") == len(eqs) - n_pure


def test_stress_frequency_converges_to_exact_probability(switch):
    result = stress(switch, 20_000, rng=1, chunk=7_000, progress=False)
    row = result.frame.set_index("regime").loc["Row=A, Col=L"]
    assert row.ci_low <= 0.3 <= row.ci_high
    assert abs(row.frequency - 0.3) < 0.02
    assert result.frame["count"].sum() == 20_000
    payload = result.to_dict()
    assert payload["samples"] == 20_000
    assert len(payload["regimes"]) == 2


def test_wilson_interval_textbook_value():
    # Wilson 95% interval for 8/10 (Newcombe 1998, Table I): 0.4902 to 0.9433.
    lo, hi = wilson_interval(8, 10)
    assert round(float(lo), 4) == 0.4902
    assert round(float(hi), 4) == 0.9433


def test_stress_on_dask_executor(switch):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = stress(switch, 3_000, rng=5, chunk=1_000, executor=client.get_executor(), progress=False)
    local = stress(switch, 3_000, rng=5, chunk=1_000, progress=False)
    assert remote.frame.equals(local.frame)


def test_sobol_singles_out_the_only_relevant_parameter(switch):
    pytest.importorskip("SALib")
    from strategy.sensitivity.variance import morris, sobol_indices

    indices = sobol_indices(switch, lambda r: regimes(r) == "Row=A, Col=L", 512, seed=3).set_index("parameter")
    assert indices.loc["x", "S1"] > 0.9
    assert indices.loc["x", "ST"] > 0.9
    assert (indices.loc[["y", "z"], "ST"].abs() < 0.05).all()
    effects = morris(switch, lambda r: action_probability(r, "Row", "A"), 30, seed=3).set_index("parameter")
    assert effects.loc[["y", "z"], "mu_star"].abs().max() == 0.0
    assert effects.loc["x", "mu_star"] > 0


def test_tornado_orders_by_swing():
    from strategy.sensitivity.parameters import Parameter, ParameterSpace
    from strategy.sensitivity.parametric import ParametricGame

    # Row's only payoff is 3a + b - 0.5c (same for both actions); swings 3*2, 1*2, 0.5*2.
    space = ParameterSpace((Parameter("b", 0, -1, 1), Parameter("c", 0, -1, 1), Parameter("a", 0, -1, 1)))
    game = ParametricGame(
        (("Row", ("U",)), ("Col", ("L",))), lambda p: [[[3 * p.a + p.b - 0.5 * p.c]], [[0.0 + 0 * p.a]]], space
    )
    frame = tornado(game, lambda r: r.payoffs[:, 0])
    assert frame["parameter"].tolist() == ["a", "b", "c"]
    np.testing.assert_allclose(frame["swing"], [6.0, 2.0, 1.0])


def test_stability_margin_is_half_the_smallest_gap():
    # (D, D) in the dilemma: gaps 1 - 0 = 1 for both players -> margin 1/2;
    # perturbing by 0.5 (D,D) -> 0.5 and (C,D) -> 0.5 makes C a best reply: tight.
    game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
    assert stability_margin(game, {"Row": "D", "Column": "D"} if game.players[0].name == "Row" else ("D", "D")) == 0.5
    assert stability_margin(game, ("C", "C")) == -1.0  # 3 - 5 = -2: not an equilibrium
    eq = next(e for e in solve(game))
    assert stability_margin(game, eq) == 0.5
