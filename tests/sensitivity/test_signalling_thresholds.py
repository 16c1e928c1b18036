"""find_thresholds, regime_map and stress on a signalling-game case: regimes are kinds of PBE."""

from __future__ import annotations

import numpy as np
import pytest

from games.idlib import CASES, types
from strategy.sensitivity import find_thresholds, regime_map, signalling_regime, stress
from strategy.solvers.signalling import perfect_bayesian_equilibria


def _prior_threshold(values):  # type: ignore[no-untyped-def]
    """p at which Russia is indifferent after a Stall: p d_W + (1 - p) d_U = 0, from the payoffs."""
    _, u_r = types.payoff_arrays(values)
    stall = types.MESSAGES.index("Stall")
    d = u_r[:, stall, 1] - u_r[:, stall, 0]
    return -d[1] / (d[0] - d[1])


def test_prior_threshold_matches_the_receivers_indifference() -> None:
    case = CASES["types"]
    found = find_thresholds(case, "prior_unwilling", 0.0, 1.0, scenario="offensive_2019", grid=101)
    p_star = _prior_threshold(case.values("offensive_2019"))
    assert any(t.value == pytest.approx(p_star, abs=1e-7) for t in found)
    for t in found:  # each side of every threshold carries the label the solver gives there
        for x, label in ((t.value - 1e-4, t.from_regime), (t.value + 1e-4, t.to_regime)):
            if not 0 <= x <= 1:
                continue
            game = types.build(case.values("offensive_2019", {"prior_unwilling": x}))
            assert signalling_regime(perfect_bayesian_equilibria(game)) == label


def test_regime_labels_name_the_kind_of_equilibrium() -> None:
    case = CASES["types"]
    above = case.values("offensive_2019", {"prior_unwilling": 0.5})
    label = signalling_regime(perfect_bayesian_equilibria(types.build(above)))
    assert label.startswith("separating (")
    below = case.values("offensive_2019", {"prior_unwilling": 0.05})
    kinds = signalling_regime(perfect_bayesian_equilibria(types.build(below))).split(" | ")
    assert "pooling on Stall" in kinds


def test_regime_map_and_stress_accept_a_signalling_case() -> None:
    case = CASES["types"]
    rmap = regime_map(case, ("prior_unwilling", 0.0, 1.0, 5), ("limited_scale", 0.15, 0.5, 3))
    assert rmap.labels.shape == (3, 5)
    assert len(set(rmap.labels.reshape(-1).tolist())) >= 2
    result = stress(case, 20, rng=1, progress=False)
    assert int(result.frame["count"].sum()) == 20
    assert np.all(result.frame["frequency"] > 0)


def test_sweep_of_a_signalling_game_labels_each_point_by_its_equilibria() -> None:
    from strategy.sensitivity.sweep import sweep

    case = CASES["types"]
    result = sweep(case, "prior_unwilling", 0.05, 0.5, 4, scenario="offensive_2019")
    assert list(result.frame.columns) == ["prior_unwilling", "regime"]
    for x, label in zip(result.frame["prior_unwilling"], result.frame["regime"], strict=True):
        game = types.build(case.values("offensive_2019", {"prior_unwilling": float(x)}))
        assert label == signalling_regime(perfect_bayesian_equilibria(game))
    assert result.regimes == tuple(dict.fromkeys(result.frame["regime"]))
