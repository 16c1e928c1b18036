"""Game 2b with the US choosing its carrot and stick (issue 17, item 1).

The tipping points of Q3 found by the generic threshold machinery on the tree are checked
against the accounting of :func:`triangle.q3_answer` (Turkey's reservation price I*, the
US's gain from a flip), both read off backward-induction values of the NoCarrot subgame.
"""

import pytest
from strategy.solvers.backward_induction import backward_induction

from games.idlib import CASES, triangle
from strategy.sensitivity import find_thresholds

CASE = CASES["inducement"]


@pytest.mark.parametrize("scenario", ["offensive_2019", "sochi_2018"])
def test_the_old_rungs_reproduce_the_old_game(scenario):
    v = CASE.values(scenario)
    old = backward_induction(triangle.build_sequential(v, offers=triangle.US))
    new = backward_induction(triangle.build_sequential(v))
    assert old.count == new.count == 1
    assert new[0].path() == old[0].path()
    assert new[0].payoffs() == pytest.approx(old[0].payoffs())
    for node, choice in old[0].choices.items():
        assert new[0].choices[node] == choice


def test_buyout_is_turkeys_reservation_price_plus_the_margin():
    v = CASE.values()
    spe = backward_induction(triangle.build_sequential(v))[0]
    q3 = triangle.q3_answer(v)
    for stick in triangle.STICKS:
        harm = triangle.stick_harm(v, stick)
        assert triangle.buyout_price(v, stick) == pytest.approx(max(0.0, q3.required - harm) + v.buyout_margin)
        assert spe.choices[f"Buyout{stick}"] == "Patriot"
        keep = triangle.payoff_vector(v, "Squeeze", "KeepS400", f"Buyout{stick}")[1]
        switch = triangle.payoff_vector(v, "AllOut", "Patriot", f"Buyout{stick}")[1]
        assert switch - keep == pytest.approx(v.buyout_margin)
        # the other rungs are below the reservation price at the defaults: Turkey keeps
        for rung in ("Discount", "DiscountSDF"):
            assert spe.choices[f"{rung}{stick}"] == "KeepS400"


def test_q3_answer_under_the_defaults_matches_the_case_model_accounting():
    q3 = triangle.q3_answer(CASE.values())
    assert q3.required == pytest.approx(triangle.required_inducement(CASE.values()))
    assert q3.max_carrot == pytest.approx(triangle.max_carrot(CASE.values()))
    assert q3.shortfall == pytest.approx(q3.required - q3.max_carrot)
    assert q3.closing_stick is None  # neither stick (3 or 5) closes a gap of 6.7
    bigger = triangle.q3_answer(CASE.values(overrides={"f35_exclusion_cost": 7.0}))
    assert bigger.closing_stick == "F35"


def test_threshold_in_the_us_stake_is_where_the_gain_pays_the_cheapest_flip():
    v = CASE.values()
    q3 = triangle.q3_answer(v)
    both = triangle.stick_harm(v, "+F35+CAATSA")
    # the US's gain rises one for one with W; the cheapest flip is the Buyout with both sticks
    expected = v.us_alignment_value + (q3.required - both + v.buyout_margin) - q3.us_gain
    found = find_thresholds(CASE, "us_alignment_value", 1.0, 30.0, grid=59)
    assert found[0].value == pytest.approx(expected, abs=1e-6)
    assert found[0].from_regime == "NoCarrot|KeepS400|Squeeze"
    assert found[0].to_regime == "Buyout+F35+CAATSA|Patriot|AllOut"


def test_threshold_in_the_stick_is_the_stick_that_closes_the_gap():
    v = CASE.values()
    q3 = triangle.q3_answer(v)
    expected = q3.required + v.buyout_margin - q3.us_gain - v.caatsa_cost
    found = find_thresholds(CASE, "f35_exclusion_cost", 0.0, 8.0, grid=33)
    assert found[0].value == pytest.approx(expected, abs=1e-6)
    assert found[0].to_regime.endswith("+F35+CAATSA|Patriot|AllOut")
