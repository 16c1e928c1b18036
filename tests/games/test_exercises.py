"""The seminar exercises: each computed answer against an independent route, and `check`'s contract."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from games import exercises
from games.exercises import FLOAT_TOL, SOLUTIONS, check
from strategy import get_case
from strategy.sensitivity import find_thresholds
from strategy.solvers import lemke_howson, pure_equilibria
from strategy.solvers.sequential import subgame_perfect


def test_1_dominance_matches_the_textbook_and_the_unique_pure_equilibrium():
    assert exercises.dominance_survivor() == ("Up", "Middle")  # Gibbons (1992), section 1.1.B
    (eq,) = pure_equilibria(exercises.dominance_game())
    assert (eq["Row"]["Up"], eq["Column"]["Middle"]) == (1, 1)


def test_2_inspection_probability_by_indifference_and_lemke_howson():
    game = exercises.inspection_game()
    a = game.payoffs[1]  # the agency's payoffs [inspector action, agency action]
    # agency indifferent: p a[I,Comply] + (1-p) a[T,Comply] = p a[I,Cheat] + (1-p) a[T,Cheat]
    num = Fraction(int(a[1, 1] - a[1, 0]))
    den = num + Fraction(int(a[0, 0] - a[0, 1]))
    assert exercises.inspection_probability() == num / den == Fraction(3, 8)
    found = lemke_howson(game)
    assert all(abs(float(e["Inspector"]["Inspect"]) - 3 / 8) < 1e-9 for e in found)


def test_3_what_changed_needs_both_shifts_by_pure_equilibria():
    case = get_case("idlib.stage")
    outcomes = {}
    for goodwill, hts in ((3.0, 3.0), (0.5, 3.0), (3.0, 6.0), (0.5, 6.0)):
        (eq,) = pure_equilibria(case.game(None, {"goodwill_value": goodwill, "hts_threat": hts}))
        outcomes[goodwill, hts] = tuple(max(eq[p], key=eq[p].get) for p in ("Russia", "Turkey"))
    assert outcomes[0.5, 6.0] == ("Squeeze", "Arm")
    assert {outcomes[3.0, 3.0], outcomes[0.5, 3.0], outcomes[3.0, 6.0]} == {("Restrain", "Hold")}
    assert exercises.what_changed() == "both"  # case model, section 4.3


def test_4_inducement_equals_the_sochi_tree_threshold_and_the_case_model():
    value = exercises.required_inducement()
    assert value == pytest.approx(12.0, abs=1e-9)  # case model, section 5b
    # Game 3 with the carrot I exogenous: Turkey's switch threat becomes credible at I = I*
    first = find_thresholds(get_case("idlib.sochi"), "us_inducement", 0.0, 30.0, grid=301)[0]
    assert first.value == pytest.approx(value, abs=1e-6)
    assert exercises.required_inducement("sochi_2018") == pytest.approx(18.0, abs=1e-9)


def test_5_sochi_path_by_subgames_and_the_case_model():
    path = exercises.sochi_spe_path()
    assert path == ("Deal", "Stall", "Restrain", "Keep")  # case model, section 6
    (eq,) = subgame_perfect(get_case("idlib.sochi").game("sochi_2018"))
    assert tuple(a for _, a in eq.profile.path()) == path


def test_6_pbe_is_separating_by_the_sender_strategy_itself():
    assert exercises.pbe_kind() == "separating"  # case model, section 7
    from strategy import solve

    (eq,) = solve(get_case("idlib.types").game(None, {"prior_unwilling": 0.5}))
    sent = {t: max(d, key=d.get) for t, d in eq.profile.sender.items()}
    assert sent == {"Unwilling": "Stall", "Unable": "Crackdown"}
    assert all(max(d.values()) == 1 for d in eq.profile.sender.values())
    assert eq.max_regret == 0


def test_7_nash_bargaining_by_closed_form_and_by_maximising_the_product():
    x = exercises.nash_bargaining_split()
    # case model section 8: a_R = 2.5, b_R = 8, a_T = 0.5, b_T = 8, d = (1.208, -5.137)
    x_lo, x_hi = (1.208 - 2.5) / 8, (0.5 + 5.137) / 8
    assert x == pytest.approx((x_lo + x_hi) / 2, abs=1e-9)
    problem = get_case("idlib.bargaining").game()
    d = problem.disagreement

    def neg_log_product(z: float) -> float:
        u = problem.issue.payoffs(z)
        return -(np.log(u["Russia"] - d["Russia"]) + np.log(u["Turkey"] - d["Turkey"]))

    best = minimize_scalar(neg_log_product, bounds=(0.0, x_hi - 1e-9), method="bounded", options={"xatol": 1e-10})
    assert best.x == pytest.approx(x, abs=1e-6)


def test_8_critical_discount_by_the_formula_from_the_matrix():
    game = get_case("idlib.stage").game()
    u = game.payoffs[0]  # Russia's payoffs [Russia action, Turkey action]
    restrain, squeeze, hold, arm = 0, 1, 1, 2
    t, r, p = u[squeeze, hold], u[restrain, hold], u[squeeze, arm]  # temptation, reward, punishment
    assert exercises.critical_discount() == pytest.approx((t - r) / (t - p), abs=1e-12)
    assert exercises.critical_discount() == pytest.approx(0.397, abs=1e-3)  # case model, section 9


def test_9_tipping_point_is_lambda_times_net_gain():
    from games.idlib.stage import net_gains

    case = get_case("idlib.stage")
    values = case.values()
    expected = float(values["limited_scale"] * net_gains(values)["Hold"])  # G* = lambda N_H
    assert exercises.tipping_goodwill() == pytest.approx(expected, abs=1e-8)
    assert expected == pytest.approx(1.35, abs=1e-12)


def test_10_margin_is_half_the_smallest_best_reply_gap():
    game = get_case("idlib.stage").game()
    squeeze, arm = 1, 2
    gap_russia = game.payoffs[0][squeeze, arm] - np.delete(game.payoffs[0][:, arm], squeeze).max()
    gap_turkey = game.payoffs[1][squeeze, arm] - np.delete(game.payoffs[1][squeeze, :], arm).max()
    assert exercises.stability_margin_2019() == pytest.approx(min(gap_russia, gap_turkey) / 2, abs=1e-12)


@pytest.mark.parametrize("number", sorted(SOLUTIONS))
def test_unanswered_correct_and_wrong(number):
    assert check(number, None) == "not answered yet"
    assert check(number, ...) == "not answered yet"
    assert check(number, SOLUTIONS[number]()) == "correct"
    with pytest.raises(AssertionError, match="Hint"):
        check(number, "certainly wrong" if not isinstance(SOLUTIONS[number](), str) else "wrong label")
    with pytest.raises(AssertionError, match="Hint"):
        check(number, -1234.5)


def test_matching_rules():
    assert check(1, {"Row": "Up", "Column": "Middle"}) == "correct"  # a mapping in player order
    assert check(1, [" Up", "Middle "]) == "correct"
    with pytest.raises(AssertionError):
        check(1, ("Middle", "Up"))
    assert check(2, 0.375) == "correct"  # a float equal to 3/8
    with pytest.raises(AssertionError, match="exact fraction"):
        check(2, 0.3751)
    assert check(6, "Separating") == "correct"
    correct = SOLUTIONS[7]()
    assert check(7, correct + 0.5 * FLOAT_TOL) == "correct"
    assert check(7, round(correct, 3)) == "correct"
    with pytest.raises(AssertionError):
        check(7, correct + 2 * FLOAT_TOL)
    with pytest.raises(AssertionError):
        check(7, True)
    with pytest.raises(AssertionError):
        check(8, float("nan"))
    with pytest.raises(KeyError):
        check(11, 1)
