"""The seminar exercises: each computed answer against an independent route, and `check`'s contract."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar
from strategy.solvers.sequential import subgame_perfect

from games import exercises
from games.exercises import FLOAT_TOL, SOLUTIONS, check
from strategy import get_case
from strategy.sensitivity import find_thresholds
from strategy.solvers import lemke_howson, pure_equilibria


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


def test_11_allout_threat_is_where_squeeze_and_allout_pay_russia_the_same():
    case = get_case("idlib.stage")
    h = exercises.allout_threat()

    def squeeze_over_allout(value: float) -> float:
        game = case.game("offensive_2019", {"hts_threat": value})
        payoff = {a: game.payoff({"Russia": a, "Turkey": "Arm"})["Russia"] for a in ("Squeeze", "AllOut")}
        return float(payoff["Squeeze"] - payoff["AllOut"])

    assert squeeze_over_allout(h) == pytest.approx(0, abs=1e-6)
    assert squeeze_over_allout(h - 0.1) > 0 > squeeze_over_allout(h + 0.1)


def test_12_arming_scale_is_where_turkey_is_indifferent_between_hold_and_arm():
    case = get_case("idlib.stage")
    lam = exercises.arming_scale()

    def arm_over_hold(value: float) -> float:
        game = case.game("offensive_2019", {"limited_scale": value})
        payoff = {a: game.payoff({"Russia": "Squeeze", "Turkey": a})["Turkey"] for a in ("Arm", "Hold")}
        return float(payoff["Arm"] - payoff["Hold"])

    assert arm_over_hold(lam) == pytest.approx(0, abs=1e-6)
    assert arm_over_hold(lam - 0.01) < 0 < arm_over_hold(lam + 0.01)


def test_13_costly_crackdown_leaves_only_pooling_on_stall_by_the_exact_game():
    from strategy.solvers.signalling import perfect_bayesian_equilibria

    game = get_case("idlib.types").game("offensive_2019", {"prior_unwilling": 0.5, "crackdown_cost_unable": 7})
    (eq,) = perfect_bayesian_equilibria(game.as_exact() if hasattr(game, "as_exact") else game)
    assert eq.profile.classification == exercises.costly_crackdown_kind()
    assert all(max(d, key=d.get) == "Stall" for d in eq.profile.sender.values())
    assert max(eq.profile.receiver["Stall"], key=eq.profile.receiver["Stall"].get) == "Squeeze"


def test_14_weak_beer_probability_makes_the_receiver_indifferent_after_beer():
    game = exercises.beer_quiche(Fraction(1, 3))
    r = game.receiver_payoffs  # [type, message, action]; the receiver is indifferent at belief mu
    mu = Fraction(int(r[1, 0, 1] - r[1, 0, 0]), int(r[0, 0, 0] - r[0, 0, 1] + r[1, 0, 1] - r[1, 0, 0]))
    # Bayes: mu = (1/3) / (1/3 + (2/3) p)  =>  p = (1/3)(1 - mu) / ((2/3) mu)
    p = Fraction(1, 3) * (1 - mu) / (Fraction(2, 3) * mu)
    assert exercises.weak_beer_probability() == p == Fraction(1, 2)


def test_15_patience_by_the_rubinstein_closed_form():
    # Russia proposing first gets (1 - d_T) / (1 - d_R d_T) of the surplus; Nash with equal
    # power splits it in half, so d_T = 1 / (2 - d_R)
    delta_r = float(get_case("idlib.bargaining").values("offensive_2019")["delta_russia"])
    assert exercises.turkey_patience() == pytest.approx(1 / (2 - delta_r), abs=1e-9)


def test_16_restart_length_by_the_critical_discount_factors():
    k = exercises.restart_length()
    assert k == 2
    critical = {n: exercises._restart_code(n).critical for n in (1, 2)}
    assert critical[1]["Turkey"] > 0.8  # one round of punishment does not deter Turkey
    assert max(critical[2].values()) <= 0.8
    assert critical[2]["Russia"] == pytest.approx((2.811 / 5.511) ** (1 / 2), abs=1e-9)


def _wrong(number: int) -> object:
    """A well-formed wrong answer, built from the exercise's own answer."""
    correct = SOLUTIONS[number]()
    if number == 1:
        return ("Down", "Right")
    if number == 5:
        return ("Deal", "Disarm", "Restrain", "Keep")
    if isinstance(correct, str):
        return next(
            k for k in (exercises.SHIFTS if number == 3 else ("pooling on Stall", "separating")) if k != correct
        )
    return correct * 2 + 1


@pytest.mark.parametrize("number", sorted(SOLUTIONS))
def test_unanswered_correct_wrong_and_unreadable_never_raise(number):
    assert check(number, None).verdict == "unanswered"
    assert check(number, ...).verdict == "unanswered"
    right = check(number, SOLUTIONS[number]())
    assert right.verdict == "correct"
    assert right
    assert str(right) == f"Exercise {number}: correct."
    wrong = check(number, _wrong(number))
    assert wrong.verdict == "wrong"
    assert not wrong
    assert wrong.reason  # every exercise says why
    assert "Hint" not in str(wrong)
    assert f"Hint: {exercises.HINTS[number]}" in str(wrong.hint())
    for nonsense in (object(), {"no": "such"}, float("nan"), True, "certainly wrong"):
        feedback = check(number, nonsense)
        assert feedback.verdict in ("unreadable", "wrong")
        assert str(feedback).startswith(f"Exercise {number}: ")


def test_the_reason_is_computed_from_the_game():
    game = exercises.dominance_game()
    why = check(1, ("Up", "Left")).reason
    # at (Up, Left) Column gets 0 and Middle would give 2: read both off the matrix
    assert why == (
        f"Column would rather play Middle against this: it pays {game.payoff({'Row': 'Up', 'Column': 'Middle'})['Column']} "
        f"instead of {game.payoff({'Row': 'Up', 'Column': 'Left'})['Column']}"
    )
    inspection = check(2, Fraction(1, 2)).reason
    assert "Comply pays 0 and Cheat pays -1" in inspection  # 1/2 (-5) + 1/2 (3)
    assert "(Restrain, Hold)" in check(3, "goodwill").reason
    assert check(9, 1.0).reason.endswith("the pure equilibrium is (Squeeze, Arm)")


def test_matching_rules():
    # profiles: a mapping in any order, lists, strings; case and blanks ignored everywhere
    for same in (
        {"column": "Middle", "Row": "up"},
        [" Up", "Middle "],
        ["up ", "middle"],
        "up,  MIDDLE",
        "(Up, Middle)",
    ):
        assert check(1, same), same
    assert check(1, ("Middle", "Up")).verdict == "unreadable"  # player order matters
    near = check(1, ("Up", "Midle"))
    assert near.verdict == "unreadable"
    assert "did you mean 'Middle'" in near.message
    # exact answers: exact when given exactly, decimals within the stated tolerance
    assert check(2, Fraction(3, 8))
    assert check(2, "3/8")
    assert check(2, 0.375)
    assert check(2, "0.375")
    assert check(2, 0.375 + 0.5 * FLOAT_TOL)
    assert not check(2, 0.375 + 2 * FLOAT_TOL)
    assert not check(2, Fraction(3751, 10000))  # a fraction claims exactness
    assert check(6, " Separating")
    assert check(3, "BOTH")
    assert check(5, "deal > stall > restrain > keep")
    correct = SOLUTIONS[7]()
    assert check(7, correct + 0.5 * FLOAT_TOL)
    assert check(7, round(correct, 3))
    assert check(7, str(round(correct, 3)))
    assert check(7, np.float64(correct))
    assert not check(7, correct + 2 * FLOAT_TOL)
    assert check(7, True).verdict == "unreadable"
    assert check(8, float("nan")).verdict == "unreadable"
    assert "no exercise 99" in check(99, 1).message


def test_feedback_renders_in_notebooks_and_terminals():
    feedback = check(2, Fraction(1, 2))
    assert feedback._repr_html_().startswith("<div")
    assert "not right yet" in feedback._repr_html_()
    assert repr(feedback) == str(feedback)
    assert "<" not in str(feedback)


def test_no_answer_in_docstrings():
    import inspect

    texts = [inspect.getdoc(exercises), inspect.getdoc(check)] + [inspect.getdoc(f) for f in SOLUTIONS.values()]
    answers = {n: SOLUTIONS[n]() for n in SOLUTIONS}
    for n, answer in answers.items():
        shown = [str(answer), repr(answer)] if not isinstance(answer, float) else [f"{answer:.3f}", f"{answer:.2f}"]
        if isinstance(answer, tuple):
            shown = [", ".join(answer), repr(answer)]
        for text in texts:
            for form in shown:
                if len(form) < 3 or (isinstance(answer, str | tuple) and len(form) < 6):
                    continue  # short labels such as 'both' and small integers occur in prose
                assert form not in text, f"exercise {n}'s answer appears in a docstring"


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_case_and_blanks_never_matter(data):
    def scramble(label: str) -> str:
        cased = "".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in label)
        pad = st.sampled_from(["", " ", "  ", "\t"])
        return data.draw(pad) + cased.replace(" ", data.draw(st.sampled_from([" ", "  "]))) + data.draw(pad)

    assert check(1, [scramble(a) for a in SOLUTIONS[1]()])
    assert check(3, scramble(SOLUTIONS[3]()))
    assert check(5, tuple(scramble(a) for a in SOLUTIONS[5]()))
    assert check(6, scramble(SOLUTIONS[6]()))
    assert check(6, scramble("pooling on Stall")).verdict == "wrong"  # read, then judged
