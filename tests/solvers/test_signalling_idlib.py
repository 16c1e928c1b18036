"""Idlib Game 4 ("unwilling or unable", case model section 7): PBE, thresholds, Bayes-Nash."""

from fractions import Fraction as F

import numpy as np
import pytest

from strategy.forms.bayesian import SignallingGame
from strategy.solvers.dispatch import solve
from strategy.solvers.result import Guarantee
from strategy.solvers.signalling import intuitive_criterion

IDLIB_2019 = {  # case-model section 7, cells (U_R, U_T) for a = R, a = Q
    ("W", "C"): ((7.30, -8.0), (7.046, -14.3)),
    ("W", "S"): ((2.50, 0.0), (5.030, -6.3)),
    ("U", "C"): ((3.70, -3.0), (3.182, -9.3)),
    ("U", "S"): ((2.50, 0.0), (2.090, -6.3)),
}
IDLIB_2018 = {
    ("W", "C"): ((10.40, -8.0), (7.298, -14.3)),
    ("W", "S"): ((8.00, 0.0), (6.290, -6.3)),
    ("U", "C"): ((8.60, -3.0), (5.366, -9.3)),
    ("U", "S"): ((8.00, 0.0), (4.820, -6.3)),
}


def idlib(p, cells=IDLIB_2019):
    return SignallingGame.from_table(
        ("W", "U"),
        (p, 1 - p),
        ("C", "S"),
        ("R", "Q"),
        {(t, m, a): (cells[t, m][i][1], cells[t, m][i][0]) for (t, m) in cells for i, a in enumerate("RQ")},
        sender="Turkey",
        receiver="Russia",
    )


# ---------------------------------------------------------------------------- Idlib Game 4
def test_idlib_2019_even_prior_unique_separating():
    result = solve(idlib(0.5))
    assert result.guarantee is Guarantee.ALL
    assert len(result) == 1
    p = result[0].profile
    assert p.classification == "separating"
    assert p.sender == {"W": {"S": 1.0}, "U": {"C": 1.0}}
    assert p.receiver == {"C": {"R": 1.0}, "S": {"Q": 1.0}}
    assert p.beliefs["C"]["W"] == 0
    assert p.beliefs["S"]["W"] == 1
    assert result[0].max_regret <= 1e-12


def test_idlib_threshold_p_star():
    # After S Russia squeezes iff mu(W|S) >= 0.41 / 2.94 (Delta_R(W,S) = 2.53, Delta_R(U,S) = -0.41).
    p_star = 0.41 / 2.94
    assert round(p_star, 3) == 0.139
    # (the case model says "if p <= 0.14"; the exact bound is p* = 0.13946, so not at 0.14)
    grid = (0.13, 0.1394, 0.1395, 0.14)
    has_pool = {p: any(e.profile.classification == "pooling on S" for e in solve(idlib(p))) for p in grid}
    assert has_pool == {0.13: True, 0.1394: True, 0.1395: False, 0.14: False}
    # the semi-separating PBE at p = 0.1 sits exactly on the threshold
    semi = [e.profile for e in solve(idlib(0.1)) if e.profile.classification == "semi-separating"]
    assert semi[0].beliefs["S"]["W"] == pytest.approx(p_star, abs=1e-9)


def test_idlib_low_prior_pooling_on_stall_passes_ic_and_a_semi_separating_pbe():
    game = idlib(0.1)
    result = solve(game)
    by_class = {e.profile.classification: e for e in result}
    assert set(by_class) == {"separating", "pooling on S", "semi-separating"}
    pool = by_class["pooling on S"].profile
    assert pool.receiver == {"C": {"R": 1.0}, "S": {"R": 1.0}}
    assert pool.off_path["C"].interval == (0.0, 1.0)  # Russia restrains after C whatever it believes
    passes, why = intuitive_criterion(game, pool)
    assert passes
    assert "every type" in why
    # Not in the case model: U stalls w.p. sigma with 0.1 / (0.1 + 0.9 sigma) = p*, Russia squeezes
    # after S w.p. 3 / 6.3 (U indifferent: -3 = -6.3 q).
    semi = by_class["semi-separating"].profile
    sigma = 0.1 * (1 - 0.41 / 2.94) / (0.41 / 2.94 * 0.9)
    assert semi.sender["U"]["S"] == pytest.approx(sigma)
    assert semi.receiver["S"]["Q"] == pytest.approx(3 / 6.3)
    assert all(e.max_regret <= 1e-12 for e in result)


def test_idlib_2018_pooling_on_stall_with_restraint():
    result = solve(idlib(0.5, IDLIB_2018))
    assert [e.profile.classification for e in result] == ["pooling on S"]
    assert result[0].profile.receiver["S"] == {"R": 1.0}


def test_idlib_ex_ante_normal_form_and_bayes_nash():
    nf = idlib(0.5).normal_form()
    assert nf.players[0].actions == ("C/C", "C/S", "S/C", "S/S")
    assert nf.players[1].actions == ("R/R", "R/Q", "Q/R", "Q/Q")
    turkey = [[-5.5, -5.5, -11.8, -11.8], [-4.0, -7.15, -7.15, -10.3], [-1.5, -4.65, -4.65, -7.8], [0, -6.3, 0, -6.3]]
    russia = [[5.5, 5.5, 5.114, 5.114], [4.9, 4.695, 4.773, 4.568], [3.1, 4.365, 2.841, 4.106], [2.5, 3.56, 2.5, 3.56]]
    np.testing.assert_allclose(nf.payoffs, [turkey, russia], atol=1e-9)
    bne = solve(nf)
    found = sorted((e["Turkey"].get("S/S", 0), round(float(e["Russia"].get("R/Q", 0)), 3)) for e in bne)
    assert len(bne) == 3
    assert found == [(0, 1.0), (1, 0.0), (1, 0.476)]
    mix = next(e for e in bne if 0 < e["Russia"].get("R/Q", 0) < 1)
    assert float(mix["Russia"]["R/Q"]) == pytest.approx(3 / 6.3, abs=1e-6)


def idlib_cells_from_formulas(scenario="2019", lam=F("0.3")):
    """Case model section 7 formulas with the section-3 defaults (exact), cells (U_R, U_T) per a."""
    d = F  # decimal strings -> exact
    v, g, c, phi, mu, dmg = 8, 2, d("3.5"), d("0.5"), d("0.3"), 16 * lam + d("1.5")
    goodwill, h = (d("0.5"), 6) if scenario == "2019" else (3, 3)
    kappa, cost = {"W": d("0.8"), "U": d("0.2")}, {"W": 8, "U": 3}
    x = {"W": 1 - phi * kappa["W"], "U": 1 + mu}
    cells = {}
    for t in "WU":
        for m in "CS":
            h0 = 1 - kappa[t] * (m == "C")
            restrain = v + goodwill - h * h0
            squeeze = v - h * h0 * (1 - lam) * x[t] + lam * (g - c)
            cells[t, m] = ((restrain, -cost[t] * (m == "C")), (squeeze, -cost[t] * (m == "C") - dmg))
    return cells


@pytest.mark.parametrize(("scenario", "table"), [("2019", IDLIB_2019), ("2018", IDLIB_2018)])
def test_idlib_table_matches_the_formulas(scenario, table):
    cells = idlib_cells_from_formulas(scenario)
    for key, pair in table.items():
        for (ur, ut), (fr, ft) in zip(pair, cells[key], strict=True):
            assert float(fr) == pytest.approx(ur, abs=5e-4)
            assert ft == F(str(ut))
    # the threshold: Delta_R(W, S) = 2.53, Delta_R(U, S) = -0.41, p* = 0.41 / 2.94
    if scenario == "2019":
        d_w = cells["W", "S"][1][0] - cells["W", "S"][0][0]
        d_u = cells["U", "S"][1][0] - cells["U", "S"][0][0]
        assert (d_w, d_u) == (F("2.53"), F("-0.41"))
        assert -d_u / (d_w - d_u) == F(41, 294)


def test_idlib_exact_game_from_formulas_agrees():
    cells = idlib_cells_from_formulas()
    game = idlib(F(1, 10), cells)
    assert game.exact
    result = solve(game)
    semi = next(e.profile for e in result if e.profile.classification == "semi-separating")
    assert semi.beliefs["S"]["W"] == F(41, 294)
    assert semi.receiver["S"]["Q"] == F(3) / F("6.3")
    assert all(e.max_regret == 0 for e in result)


@pytest.mark.parametrize(
    ("lam", "expected"),
    [
        ("0.09", {"pooling on S"}),
        ("0.1", {"separating"}),
        ("0.4", {"separating"}),
        ("0.41", {"pooling on C", "pooling on S", "semi-separating"}),
    ],
)
def test_idlib_lambda_bands(lam, expected):
    # case model: separating for lambda in [(k_U - pi_T)/E, (k_W - pi_T)/E] = [0.09375, 0.40625];
    # pooling on C from 0.406, with a blanket-squeeze pooling PBE from 0.409 (and, not in the case
    # model's table, a semi-separating PBE in which W mixes)
    result = solve(idlib(F(1, 2), idlib_cells_from_formulas(lam=F(lam))))
    assert {e.profile.classification for e in result} == expected
    assert all(e.max_regret == 0 for e in result)
    if lam == "0.09":
        assert result[0].profile.receiver["S"] == {"Q": 1}
