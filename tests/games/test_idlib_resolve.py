"""Game 4b, Turkey's resolve on the S-400 (issue 17, item 2): PBE and the pooling threshold.

The threshold p* is derived symbolically from the game's own payoff functions (sympy
symbols passed through :func:`resolve.russia_payoff`), then compared with the PBE the
generic solver finds on a sweep of the prior.
"""

import numpy as np
import pytest
import sympy as sp

from games.idlib import CASES, resolve
from strategy import Values, solve
from strategy.solvers.signalling import intuitive_criterion

CASE = CASES["resolve"]


def symbolic_threshold():
    names = sorted(CASE.space.names)
    sym = {n: sp.Symbol(n) for n in names}
    p = Values(sym)
    gain = {t: resolve.russia_payoff(p, t, "Squeeze") - resolve.russia_payoff(p, t, "AllOut") for t in resolve.TYPES}
    mu = sp.Symbol("mu")
    (root,) = sp.solve(sp.Eq(mu * gain["Firm"] + (1 - mu) * gain["Waverer"], 0), mu)
    return sp.simplify(root), sym


def hedging_replies(prior, **overrides):
    """Russia's replies to Hedge in the PBE where both types hedge (the larger weight)."""
    result = solve(CASE.game(None, {"prior_firm": prior, **overrides}))
    return {
        max(e.profile.receiver["Hedge"], key=e.profile.receiver["Hedge"].get)
        for e in result.equilibria
        if e.profile.classification == "pooling on Hedge"
    }


def test_pooling_threshold_in_closed_form():
    root, sym = symbolic_threshold()
    v = CASE.values()
    lam, n_h = v.limited_scale, v.hts_threat + v.idlib_gain - v.assault_cost - v.condemnation_cost
    by_hand = ((1 - lam) * n_h - (1 - v.waver_prob) * v.nato_rift_value * v.leverage_loss) / (
        v.waver_prob * v.nato_rift_value * v.leverage_loss
    )
    p_star = float(root.subs({s: v[n] for n, s in sym.items()}))
    assert p_star == pytest.approx(by_hand, abs=1e-12)
    assert 0 < p_star < 1
    for prior in np.linspace(0.02, 0.98, 25):
        if abs(prior - p_star) < 1e-6:
            continue
        expected = {"Squeeze"} if prior > p_star else {"AllOut"}
        assert hedging_replies(prior) == expected, prior


def test_threshold_moves_with_the_waver_probability_as_derived():
    root, sym = symbolic_threshold()
    checked = 0
    for w in (0.45, 0.6, 0.8):
        v = CASE.values(overrides={"waver_prob": w})
        p_star = float(root.subs({s: v[n] for n, s in sym.items()}))
        if not 0.05 < p_star < 0.95:
            continue
        checked += 1
        assert hedging_replies(p_star + 0.02, waver_prob=w) == {"Squeeze"}
        assert hedging_replies(p_star - 0.02, waver_prob=w) == {"AllOut"}
    assert checked >= 2


def test_every_pbe_is_certified_and_the_intuitive_criterion_is_decided():
    for scenario in CASE.scenarios:
        result = solve(CASE.game(scenario))
        assert result.equilibria
        for e in result.equilibria:
            assert e.max_regret <= 1e-9
            passed, reason = intuitive_criterion(result.game, e)
            assert isinstance(passed, bool)
            assert reason


def test_find_thresholds_on_the_signalling_game_locates_p_star():
    """The regime boundary the report draws for Game 4b (find_thresholds over the prior) is p*."""
    from strategy.sensitivity import find_thresholds

    root, sym = symbolic_threshold()
    v = CASE.values()
    p_star = float(root.subs({s: v[n] for n, s in sym.items()}))
    found = [t for t in find_thresholds(CASE, "prior_firm", 0.0, 1.0, grid=41, tol=1e-9) if 1e-6 < t.value < 1 - 1e-6]
    pooling = [t for t in found if "pooling on Commit" in t.to_regime and "pooling on Commit" not in t.from_regime]
    assert pooling
    assert pooling[0].value == pytest.approx(p_star, abs=1e-6)
