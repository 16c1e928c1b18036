"""Idlib Games 2 and 3 (case model sections 5, 6 and 12): triangle, inducement, timing, Sochi tree."""

import pytest
from strategy.solvers.backward_induction import backward_induction

from games.idlib import CASES, sochi, triangle
from strategy import solve
from strategy.forms.convert import to_normal_form
from strategy.solvers.pure import pure_equilibria
from strategy.solvers.result import Guarantee


def pure_labels(eq):
    return tuple(
        p.actions[[float(x) for x in probs].index(1.0)]
        for p, probs in zip(eq.profile.game.players, eq.profile.probabilities, strict=True)
    )


@pytest.mark.parametrize(
    ("scenario", "profile", "payoffs"),
    [
        ("offensive_2019", ("Squeeze", "KeepS400", "NoCarrot"), (3.35, -1.5, -0.3)),
        ("sochi_2018", ("Restrain", "KeepS400", "NoCarrot"), (8.0, 4.5, 0.0)),
    ],
)
def test_2a_unique_equilibrium(scenario, profile, payoffs):
    result = solve(CASES["triangle"].game(scenario))
    assert result.guarantee is Guarantee.ALL
    assert len(result.equilibria) == 1
    eq = result.equilibria[0]
    assert pure_labels(eq) == profile
    assert tuple(eq.payoffs[p] for p in ("Russia", "Turkey", "US")) == pytest.approx(payoffs, abs=1e-3)


def test_2a_carrots_strictly_dominated():
    from strategy import dominated_actions

    steps = dominated_actions(CASES["triangle"].game(), "US")
    assert {s.action for s in steps} == {"Discount", "DiscountSDF"}
    assert all(not s.weak and dict(s.dominated_by) == {"NoCarrot": 1.0} for s in steps)


@pytest.mark.parametrize(
    ("scenario", "reply", "i_star", "c_max"),
    [("offensive_2019", "Squeeze", 12.0, 5.3), ("sochi_2018", "Restrain", 18.0, 5.0)],
)
def test_2b_spe_and_inducement(scenario, reply, i_star, c_max):
    v = CASES["inducement"].values(scenario)
    spe = backward_induction(triangle.build_sequential(v))
    assert spe.count == 1
    assert spe[0].path() == [("US", "NoCarrot"), ("Turkey", "KeepS400"), ("Russia", reply)]
    assert triangle.required_inducement(v) == pytest.approx(i_star, abs=1e-3)
    assert triangle.max_carrot(v) == pytest.approx(c_max, abs=1e-3)


def test_2b_trump_card_is_credible_after_patriot():
    v = CASES["inducement"].values()
    spe = backward_induction(triangle.build_sequential(v))
    assert spe[0].choices["NoCarrot > Patriot"] == "AllOut"


def test_2b_inducement_tornado_regime_switch_low_v():
    v = CASES["inducement"].values()
    # Russia goes all-out against a loyal Turkey too: the premium vanishes, I* = the weapons gap.
    assert triangle.required_inducement(v.replace(nato_rift_value=2.0)) == pytest.approx(1.5, abs=1e-3)
    assert triangle.required_inducement(v.replace(refugee_cost=4.0)) == pytest.approx(7.8, abs=1e-3)


def test_2c_timing_gives_the_opposite_prediction():
    result = CASES["timing"].solve(CASES["timing"].game())
    assert len(result.equilibria) == 1
    eq = result.equilibria[0]
    assert eq.profile.path() == [("US", "DiscountSDF"), ("Russia", "AllOut"), ("Turkey", "Patriot")]
    assert tuple(eq.payoffs[p] for p in ("Russia", "Turkey", "US")) == pytest.approx((-1.5, -10.0, 1.5), abs=1e-3)


@pytest.mark.parametrize(
    ("scenario", "compliance", "payoffs", "n_pure"),
    [("offensive_2019", "Disarm", (6.1, 2.1), 150), ("sochi_2018", "Stall", (8.0, 4.5), 166)],
)
def test_3_spe_path_and_pure_nash_count(scenario, compliance, payoffs, n_pure):
    game = sochi.build(CASES["sochi"].values(scenario))
    spe = backward_induction(game)
    assert spe.count == 1
    assert spe[0].path() == [("Russia", "Deal"), ("Turkey", compliance), ("Russia", "Restrain"), ("Turkey", "Keep")]
    assert tuple(spe[0].payoffs()[p] for p in ("Russia", "Turkey")) == pytest.approx(payoffs, abs=1e-3)
    nf, _ = to_normal_form(game)
    assert nf.shape == (26, 32)
    assert len(pure_equilibria(nf)) == n_pure


def test_3_nash_outcomes_2018():
    nf, _ = to_normal_form(sochi.build(CASES["sochi"].values("sochi_2018")))
    outcomes = {tuple(round(float(e.payoffs[p]), 2) for p in ("Russia", "Turkey")) for e in pure_equilibria(nf)}
    assert outcomes == {(9.8, 2.1), (8.0, 4.5), (6.71, -4.08), (5.45, -1.5), (1.7, -12.0)}


def path_at(scenario, **overrides):
    spe = backward_induction(sochi.build(CASES["sochi"].values(scenario, overrides)))
    return [a for _, a in spe[0].path()]


def test_3_thresholds_disarm_cost_and_capability():
    # D* = 6.6 and kappa* = 0.4722 (2019): compliance on one side, stalling on the other
    assert path_at("offensive_2019", disarm_cost=6.59)[1] == "Disarm"
    assert path_at("offensive_2019", disarm_cost=6.61)[1] == "Stall"
    assert path_at("offensive_2019", turkey_capability=0.4732)[1] == "Disarm"
    assert path_at("offensive_2019", turkey_capability=0.4712)[1] == "Stall"


def test_3_inducement_thresholds():
    assert path_at("offensive_2019", us_inducement=11.99)[1:3] == ["Disarm", "Restrain"]
    assert path_at("offensive_2019", us_inducement=12.01)[1:4] == ["Stall", "Restrain", "Keep"]
    assert path_at("offensive_2019", us_inducement=17.99)[1:4] == ["Stall", "Restrain", "Keep"]
    assert path_at("offensive_2019", us_inducement=18.01)[3] == "Switch"
    assert path_at("sochi_2018", us_inducement=5.39)[1] == "Stall"
    assert path_at("sochi_2018", us_inducement=5.41) == ["Deal", "Disarm", "Restrain", "Switch", "Hold"]


@pytest.mark.parametrize(
    ("name", "below", "above", "i_below", "i_above"),
    [
        ("nato_rift_value", 5.24, 5.26, 1.5, 12.0),
        ("leverage_loss", 0.393, 0.395, 1.5, 12.0),
        ("idlib_gain", 4.35, 4.37, 12.0, 1.5),
        ("hts_threat", 8.35, 8.37, 12.0, 1.5),
        ("hts_threat", 1.49, 1.51, 3.0, 18.0),
        ("hts_threat", 3.16, 3.17, 18.0, 12.0),
    ],
)
def test_2b_regime_switches_of_the_inducement(name, below, above, i_below, i_above):
    v = CASES["inducement"].values()
    assert triangle.required_inducement(v.replace(**{name: below})) == pytest.approx(i_below, abs=1e-3)
    assert triangle.required_inducement(v.replace(**{name: above})) == pytest.approx(i_above, abs=1e-3)


@pytest.mark.parametrize(
    ("name", "value", "compliance", "reply"),
    [
        ("goodwill_value", 0.26, "Stall", "Squeeze"),
        ("goodwill_value", 0.28, "Disarm", "Restrain"),
        ("goodwill_value", 1.34, "Disarm", "Restrain"),
        ("goodwill_value", 1.36, "Stall", "Restrain"),
        ("hts_threat", 3.16, "Stall", "Restrain"),
        ("hts_threat", 3.18, "Disarm", "Restrain"),
        ("hts_threat", 7.91, "Disarm", "Restrain"),
        ("hts_threat", 7.93, "Stall", "Squeeze"),
        ("hts_threat", 8.35, "Stall", "Squeeze"),
        ("hts_threat", 8.37, "Disarm", "Squeeze"),
    ],
)
def test_3_sweeps_of_goodwill_and_hts(name, value, compliance, reply):
    assert path_at("offensive_2019", **{name: value})[1:3] == [compliance, reply]
