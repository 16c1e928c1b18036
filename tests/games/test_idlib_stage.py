"""Idlib Game 1 (case model sections 4 and 12) through the generic solvers and the batch kernel."""

import numpy as np
import pytest

from games.idlib import CASES
from games.idlib.stage import GAME, net_gains
from strategy import Values, eliminate_dominated, solve
from strategy.sensitivity import find_thresholds
from strategy.solvers.pure import pure_equilibrium_mask
from strategy.solvers.result import Guarantee

CASE = CASES["stage"]


def short(label):
    """``Russia=Restrain, Turkey=Hold`` -> ``Restrain / Hold``; any mixed regime -> ``mixed``."""
    if "mixed" in label:
        return "mixed"
    return " / ".join(part.split("=", 1)[1] for part in label.split(", "))


def boundaries(game, base, name, low, high, points=2001):
    """``(value, regime below, regime above)`` from the library's find_thresholds, short labels."""
    found = find_thresholds(game, name, low, high, base=base, grid=points)
    return [
        (t.value, short(t.from_regime), short(t.to_regime)) for t in found if short(t.from_regime) != short(t.to_regime)
    ]


def pure_regimes(game, values):
    """Each point's pure equilibria (``Squeeze / Arm``), ``mixed`` if none: the batched kernel."""
    arr = game.payoff_array(values)
    batch = arr.ndim - 1 - len(game.players)
    mask = pure_equilibrium_mask(arr, batch_dims=batch)
    flat = mask.reshape(-1, *game.shape) if batch else mask[None]
    out = []
    for m in flat:
        found = [" / ".join(p.actions[i] for p, i in zip(game.players, idx, strict=True)) for idx in np.argwhere(m)]
        out.append(" + ".join(found) if found else "mixed")
    return out


def only(result):
    assert result.guarantee in (Guarantee.ALL, Guarantee.ALL_EXTREME)
    assert len(result.equilibria) == 1
    return result.equilibria[0]


@pytest.mark.parametrize(
    ("scenario", "profile", "payoffs"),
    [
        ("offensive_2019", ("Squeeze", "Arm"), (1.208, -5.137)),
        ("sochi_2018", ("Restrain", "Hold"), (8.0, -1.0)),
    ],
)
def test_unique_equilibrium_and_payoffs(scenario, profile, payoffs):
    eq = only(solve(CASE.game(scenario)))
    assert eq.profile.probabilities[0][GAME.players[0].index(profile[0])] == pytest.approx(1)
    assert eq.profile.probabilities[1][GAME.players[1].index(profile[1])] == pytest.approx(1)
    assert (eq.payoffs["Russia"], eq.payoffs["Turkey"]) == pytest.approx(payoffs, abs=1e-3)
    assert eq.max_regret <= 1e-9


def test_matrix_cells_of_section_4():
    u = CASE.game().payoffs
    assert u[0, 0, 0] == pytest.approx(6.10)
    assert u[1, 0, 0] == pytest.approx(-3.40)
    assert u[0, 2, 2] == pytest.approx(-1.24)
    assert u[1, 2, 2] == pytest.approx(-12.34)
    u18 = CASE.game("sochi_2018").payoffs
    assert u18[0, 1, 2] == pytest.approx(4.289)
    assert u18[0, 2, 2] == pytest.approx(-0.07)


def test_2019_is_solved_by_iterated_strict_dominance():
    elim = eliminate_dominated(CASE.game())
    assert elim.game.shape == (1, 1)
    assert elim.game.players[0].actions == ("Squeeze",)
    assert elim.game.players[1].actions == ("Arm",)


def test_net_gains():
    n = net_gains(CASE.values())
    assert (float(n["Hold"]), float(n["Arm"]), float(n["Disarm"])) == pytest.approx((4.5, 3.36, 0.9))


def test_thresholds_in_h_at_default_goodwill():
    pts = boundaries(GAME, dict(CASE.values()), "hts_threat", 1.0, 12.0)
    assert [(a, b) for _, a, b in pts] == [
        ("Restrain / Hold", "mixed"),
        ("mixed", "Squeeze / Arm"),
        ("Squeeze / Arm", "AllOut / Arm"),
    ]
    assert [v for v, _, _ in pts] == pytest.approx([1.5 + 0.5 / 0.3, (0.5 / 0.3 + 2.1) / 0.91, 9.8430], abs=1e-3)


def test_thresholds_in_goodwill_at_default_h():
    from strategy.sensitivity.thresholds import find_thresholds

    found = find_thresholds(GAME, "goodwill_value", 0.0, 4.0, base=dict(CASE.values()))
    # ties at the thresholds add transient labels; the distinct locations are lambda N_A and lambda N_H
    assert sorted({round(t.value, 6) for t in found}) == pytest.approx([1.008, 1.35], abs=1e-3)
    assert found[0].from_regime == "Russia=Squeeze, Turkey=Arm"
    assert found[-1].to_regime == "Russia=Restrain, Turkey=Hold"


def test_thresholds_in_h_with_find_thresholds():
    from strategy.sensitivity.thresholds import find_thresholds

    found = find_thresholds(GAME, "hts_threat", 1.0, 12.0, base=dict(CASE.values()))
    assert [t.value for t in found] == pytest.approx([3.1667, 4.1392, 9.8430], abs=1e-3)
    # the first two have closed forms; the issue asks for 1e-9
    assert found[0].value == pytest.approx(1.5 + 0.5 / 0.3, abs=1e-9)
    assert found[1].value == pytest.approx((0.5 / 0.3 + 2.1) / 0.91, abs=1e-9)
    assert [t.to_regime.split("(")[0] for t in found] == [
        "mixed",
        "Russia=Squeeze, Turkey=Arm",
        "Russia=AllOut, Turkey=Arm",
    ]


def test_mixed_equilibrium_at_goodwill_1_2():
    eq = only(solve(CASE.game(overrides={"goodwill_value": 1.2})))
    assert np.asarray(eq.profile.probabilities[0], dtype=float) == pytest.approx([0.2569, 0.7431, 0], abs=1e-3)
    assert np.asarray(eq.profile.probabilities[1], dtype=float) == pytest.approx([0, 0.5614, 0.4386], abs=1e-3)


def test_q1_neither_shift_alone_flips_russia():
    both = pure_regimes(
        GAME, Values({**CASE.values(), "goodwill_value": np.array([0.5, 3.0]), "hts_threat": np.array([3.0, 6.0])})
    )
    assert both == ["Restrain / Hold", "Restrain / Hold"]


def test_batch_agrees_with_scalar_games():
    sample = CASE.space.sample(40, method="lhs", rng=1)
    labels = pure_regimes(GAME, sample)
    for k in range(0, 40, 7):
        point = {name: float(np.asarray(v)[k]) if np.ndim(v) else float(v) for name, v in sample.items()}
        pure = [
            e
            for e in solve(GAME.game(point))
            if all(max(np.asarray(p, dtype=float)) == 1 for p in e.profile.probabilities)
        ]
        assert (labels[k] == "mixed") == (not pure)


@pytest.mark.parametrize(
    ("name", "low", "high", "expected"),
    [
        (
            "limited_scale",
            0.01,
            0.5,
            [(0.111, "Restrain / Hold", "Squeeze / Hold"), (0.223, "Squeeze / Hold", "Squeeze / Arm")],
        ),
        ("rebel_resistance", 0.1, 0.6, [(0.218, "Squeeze / Hold", "Squeeze / Arm"), (0.473, "Squeeze / Arm", "mixed")]),
        ("refugee_cost", 4, 20, [(5.97, "Squeeze / Hold", "Squeeze / Arm")]),
        ("merge_prob", 0.1, 0.6, [(0.459, "Squeeze / Arm", "Squeeze / Hold")]),
        ("nato_rift_value", 2, 12, [(3.92, "AllOut / Arm", "Squeeze / Arm")]),
        ("leverage_loss", 0.2, 0.9, [(0.294, "AllOut / Arm", "Squeeze / Arm")]),
    ],
)
def test_one_at_a_time_regime_table(name, low, high, expected):
    pts = boundaries(GAME, dict(CASE.values()), name, low, high, points=401)
    assert [(a, b) for _, a, b in pts] == [(a, b) for _, a, b in expected]
    # the case model gives these to 2-3 decimals: agree to half a unit in the last digit given
    assert [v for v, _, _ in pts] == pytest.approx([v for v, _, _ in expected], abs=5e-3)
