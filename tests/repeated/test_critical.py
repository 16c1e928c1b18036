"""Critical discount factors: textbook prisoner's dilemma answers and the one-shot deviation check."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy import NormalFormGame, solve
from strategy.errors import InvalidGameError, InvalidProfileError
from strategy.repeated import grim_trigger, minimum_punishment_length, stick_and_carrot


def dilemma(t=5.0, r=3.0, p=1.0, s=0.0):
    return NormalFormGame.from_bimatrix([[r, s], [t, p]], [[r, t], [s, p]], actions=(("C", "D"), ("C", "D")))


def test_grim_trigger_pd_textbook():
    # (T - R) / (T - P) = (5 - 3) / (5 - 1) = 1/2 (e.g. gametheory101, Osborne 2004 ch. 14)
    res = grim_trigger(dilemma(), ("C", "C"), ("D", "D"))
    assert res.critical == {"Row": 0.5, "Column": 0.5}
    assert res.conditions["Row"].deviation == "D"
    assert res.sustainable({"Row": 0.5, "Column": 0.6})
    assert not res.sustainable({"Row": 0.49, "Column": 0.9})


def test_no_temptation_and_no_punishment():
    assert grim_trigger(dilemma(), ("D", "D"), ("D", "D")).critical["Row"] == 0.0
    # reverting to the cooperative payoff punishes nobody: impossible
    assert math.isinf(grim_trigger(dilemma(), ("C", "C"), ("C", "C")).critical["Row"])


def test_mixed_punishment_value():
    # chicken-like: punish with the mixed equilibrium (value 2/3 each in this game)
    game = NormalFormGame.from_bimatrix([[3, 1], [4, 0]], [[3, 4], [1, 0]], actions=(("C", "D"), ("C", "D")))
    mixed = next(e.profile for e in solve(game) if min(float(x) for x in e.profile.probabilities[0]) > 0)
    res = grim_trigger(game, ("C", "C"), mixed)
    value = float(mixed.payoffs()["Row"])
    assert value == pytest.approx(2)
    assert res.critical["Row"] == pytest.approx((4 - 3) / (4 - value))


def test_stick_and_carrot_pd_closed_forms():
    # (D, D) as stick in the PD (5, 3, 1, 0). k = 1: 3 >= (1-d)5 + d((1-d) + 3d) <=> 2(1-d)^2 <= 0: impossible.
    # k = 2: 3 >= (1-d)5 + d((1-d^2) + 3d^2) <=> (d-1)(d^2+d-1) <= 0 <=> d >= (sqrt 5 - 1)/2.
    assert math.isinf(stick_and_carrot(dilemma(), ("C", "C"), ("D", "D"), 1).critical["Row"])
    assert stick_and_carrot(dilemma(), ("C", "C"), ("D", "D"), 2).critical["Row"] == pytest.approx(
        (math.sqrt(5) - 1) / 2, abs=1e-9
    )


def test_longer_punishment_needs_less_patience():
    crit = [stick_and_carrot(dilemma(), ("C", "C"), ("D", "D"), k).critical["Row"] for k in (1, 2, 5, 50)]
    assert crit == sorted(crit, reverse=True)
    assert crit[-1] == pytest.approx(0.5, abs=1e-6)  # long punishments approach grim trigger


def test_minimum_punishment_length():
    assert minimum_punishment_length(dilemma(), ("C", "C"), ("D", "D"), {"Row": 0.9, "Column": 0.9}) == 2
    assert minimum_punishment_length(dilemma(), ("C", "C"), ("D", "D"), {"Row": 0.4, "Column": 0.4}) is None


def test_errors():
    with pytest.raises(InvalidGameError, match="positive integer"):
        stick_and_carrot(dilemma(), ("C", "C"), ("D", "D"), 0)
    with pytest.raises(InvalidProfileError, match="needs 2 actions"):
        grim_trigger(dilemma(), ("C",), ("D", "D"))


@settings(max_examples=60, deadline=None)
@given(st.floats(3.1, 9), st.floats(0.0, 2.9), st.floats(0.01, 0.99))
def test_grim_condition_matches_one_shot_deviation(t, p, delta):
    res = grim_trigger(dilemma(t=t, p=p), ("C", "C"), ("D", "D"))
    holds = (1 - delta) * t + delta * p - 1e-12 <= 3.0
    assert res.sustainable({"Row": delta, "Column": delta}) == holds
