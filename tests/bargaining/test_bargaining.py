"""Nash bargaining and Rubinstein alternating offers: textbook answers and properties."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy.bargaining import Issue, bargaining_range, nash_bargaining, rubinstein
from strategy.errors import InvalidGameError

PIE = Issue.linear(("A", "B"), intercepts=(0.0, 1.0), slopes=(1.0, 1.0))  # split a unit pie: A gets x
ZERO = {"A": 0.0, "B": 0.0}


def test_symmetric_nash_splits_the_pie_in_half():
    sol = nash_bargaining(PIE, ZERO)
    assert sol.agreement == pytest.approx(0.5)
    assert sol.gains["A"] == pytest.approx(sol.gains["B"])


def test_generalised_nash_gives_weight_share():
    assert nash_bargaining(PIE, ZERO, power=0.3).agreement == pytest.approx(0.3)


def test_nonlinear_frontier_numerical():
    # u_A = x, u_B = sqrt(1 - x): maximise x sqrt(1 - x) -> x = 2/3 (Osborne and Rubinstein 1994, ex. 7.1)
    issue = Issue(("A", "B"), lambda x: (x, math.sqrt(max(0.0, 1 - x))))
    assert nash_bargaining(issue, ZERO).agreement == pytest.approx(2 / 3, abs=1e-6)


def test_rubinstein_proposer_share():
    # Rubinstein (1982): proposer share (1 - d_B) / (1 - d_A d_B)
    out = rubinstein(PIE, ZERO, {"A": 0.9, "B": 0.8})
    assert out.agreement == pytest.approx(0.2 / 0.28)
    assert out.proposer_share == pytest.approx(0.2 / 0.28)
    second = rubinstein(PIE, ZERO, {"A": 0.9, "B": 0.8}, first="B")
    assert second.agreement == pytest.approx(0.9 * 0.2 / 0.28)


def test_rubinstein_converges_to_nash_as_offers_speed_up():
    # Binmore, Rubinstein and Wolinsky (1986): delta_i = exp(-r_i D), D -> 0 gives beta = r_B / (r_A + r_B)
    r_a, r_b, step = 0.1, 0.3, 1e-4
    out = rubinstein(PIE, ZERO, {"A": math.exp(-r_a * step), "B": math.exp(-r_b * step)})
    assert out.agreement == pytest.approx(nash_bargaining(PIE, ZERO, power=r_b / (r_a + r_b)).agreement, abs=1e-3)


def test_outside_option_principle():
    # Shaked-Sutton: B gets max(Rubinstein payoff, w_B); below it the option is irrelevant
    base = rubinstein(PIE, ZERO, {"A": 0.9, "B": 0.9})
    weak = rubinstein(PIE, ZERO, {"A": 0.9, "B": 0.9}, outside={"B": 0.3})
    strong = rubinstein(PIE, ZERO, {"A": 0.9, "B": 0.9}, outside={"B": 0.6})
    assert weak.agreement == pytest.approx(base.agreement)
    assert weak.binding == ()
    assert strong.payoffs["B"] == pytest.approx(0.6)
    assert strong.binding == ("B",)
    assert not strong.multiple_spe
    both = rubinstein(PIE, ZERO, {"A": 0.9, "B": 0.9}, outside={"A": 0.2, "B": 0.6})
    assert both.multiple_spe


def test_constrained_proposal_at_the_bound():
    # range extends below 0: Turkey cannot propose x < 0, so Russia gets (1 - d_T) x_hi when proposing
    issue = Issue.linear(("R", "T"), intercepts=(5.0, 1.0), slopes=(1.0, 1.0))
    out = rubinstein(issue, {"R": 4.0, "T": 0.0}, {"R": 0.5, "T": 0.5})
    assert bargaining_range(issue, {"R": 4.0, "T": 0.0}) == pytest.approx((-1.0, 1.0))
    assert out.proposals["T"] == pytest.approx(0.0)
    assert out.agreement == pytest.approx(0.5 * 1.0)


def test_errors_name_the_fix():
    with pytest.raises(InvalidGameError, match="nothing to bargain"):
        nash_bargaining(PIE, {"A": 0.8, "B": 0.8})
    with pytest.raises(InvalidGameError, match="discount factor"):
        rubinstein(PIE, ZERO, {"A": 1.0, "B": 0.5})
    with pytest.raises(InvalidGameError, match="slopes"):
        Issue.linear(("A", "B"), (0, 1), (-1, 1))


@settings(max_examples=60, deadline=None)
@given(st.floats(0.05, 0.95), st.floats(0.05, 0.95), st.floats(-0.3, 0.3), st.floats(-0.3, 0.3))
def test_rubinstein_is_an_spe_responders_indifferent(d_a, d_b, dis_a, dis_b):
    d = {"A": dis_a, "B": dis_b}
    lo, hi = bargaining_range(PIE, d)
    if not (0 < lo < hi < 1):
        return
    out = rubinstein(PIE, d, {"A": d_a, "B": d_b})
    x_a, x_b = out.proposals["A"], out.proposals["B"]
    gain_b = lambda x: (1 - x) - dis_b
    gain_a = lambda x: x - dis_a
    assert gain_b(x_a) == pytest.approx(d_b * gain_b(x_b), abs=1e-9)
    assert gain_a(x_b) == pytest.approx(d_a * gain_a(x_a), abs=1e-9)
    assert lo - 1e-12 <= x_b <= x_a <= hi + 1e-12


def test_outside_option_beyond_every_agreement_means_no_deal():
    issue = Issue.linear(("A", "B"), (0.0, 1.0), (1.0, 1.0))
    out = rubinstein(issue, {"A": 0.0, "B": 0.0}, {"A": 0.9, "B": 0.9}, outside={"B": 5.0})
    assert out.deal is False
    assert out.binding == ("B",)
    assert dict(out.payoffs) == {"A": 0.0, "B": 5.0}  # B walks away; nobody is left worse than an agreement
    assert out.to_dict()["agreement"] is None
    # just below the best B can get (1 at x = 0) there is a deal, and B's option binds
    near = rubinstein(issue, {"A": 0.0, "B": 0.0}, {"A": 0.9, "B": 0.9}, outside={"B": 0.99})
    assert near.deal is True
    assert near.payoffs["B"] >= 0.99 - 1e-12
