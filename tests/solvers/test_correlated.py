"""Correlated and coarse correlated equilibria: Aumann's chicken, optimisation, certificates."""

import itertools
from fractions import Fraction

import numpy as np
import pytest

from strategy import Concept, InvalidGameError, NormalFormGame
from strategy.solvers.correlated import CorrelatedEquilibrium, correlated_equilibria
from strategy.solvers.nplayer import nplayer_equilibria

F = Fraction


def chicken() -> NormalFormGame:
    # Aumann (1974), the 6/7/2/0 game of chicken: (C,C)=(6,6), (C,D)=(2,7), (D,C)=(7,2), (D,D)=(0,0).
    return NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]], actions=(("C", "D"), ("C", "D")))


def independent_max_gain(game: NormalFormGame, dist: np.ndarray) -> Fraction:
    """Obedience constraints written out by loops, apart from the solver's own code."""
    values = game.exact_payoffs
    best = Fraction(0)
    for i, player in enumerate(game.players):
        for told, other in itertools.permutations(range(player.n_actions), 2):
            gain = Fraction(0)
            for profile in itertools.product(*[range(n) for n in game.shape]):
                if profile[i] != told:
                    continue
                deviated = list(profile)
                deviated[i] = other
                gain += dist[profile] * (values[(i, *deviated)] - values[(i, *profile)])
            best = max(best, gain)
    return best


def test_aumann_one_third_distribution_is_a_correlated_equilibrium() -> None:
    dist = np.array([[F(1, 3), F(1, 3)], [F(1, 3), F(0)]], dtype=object)
    ce = CorrelatedEquilibrium(chicken(), dist)
    assert ce.max_regret() == 0
    assert ce.payoffs() == {"Row": 5, "Column": 5}
    # recommending (C, C) half of the time and (D, D) otherwise is not one: told D (prob 1/2)
    # the opponent surely plays D, and swerving earns 2 instead of 0, an expected gain of 1.
    bad = CorrelatedEquilibrium(chicken(), np.array([[F(1, 2), F(0)], [F(0), F(1, 2)]], dtype=object))
    assert bad.max_regret() == 1


def test_chicken_welfare_maximum_is_ten_and_a_half() -> None:
    # Welfare 12p_CC + 9(p_CD + p_DC) subject to the binding obedience constraint
    # p_CC <= 2 p_CD (row told C) and its mirror: optimum p_CC = 1/2, p_CD = p_DC = 1/4.
    (eq,) = correlated_equilibria(chicken())
    assert eq.concept is Concept.CORRELATED
    assert eq.profile.masses() == {("C", "C"): F(1, 2), ("C", "D"): F(1, 4), ("D", "C"): F(1, 4)}
    assert sum(eq.payoffs.values()) == F(21, 2)
    assert eq.max_regret == 0
    assert independent_max_gain(chicken(), eq.profile.distribution) == 0


def test_best_and_worst_for_a_player() -> None:
    best = correlated_equilibria(chicken(), ("max", "Row"))[0]
    worst = correlated_equilibria(chicken(), ("min", "Row"))[0]
    # 7 is Row's highest payoff in the game, reached at the pure Nash equilibrium (D, C);
    # 2 is Row's pure security level (obeying beats always swerving), reached at (C, D).
    assert best.payoffs["Row"] == 7
    assert worst.payoffs["Row"] == 2


def test_coarse_set_contains_the_correlated_set() -> None:
    for objective in ("welfare", ("max", "Row"), ("min", "Column")):
        ce = correlated_equilibria(chicken(), objective)[0]
        cce = correlated_equilibria(chicken(), objective, coarse=True)[0]
        assert cce.concept is Concept.COARSE_CORRELATED
        assert cce.max_regret == 0
        total_ce, total_cce = sum(ce.payoffs.values()), sum(cce.payoffs.values())
        if objective == "welfare":
            assert total_cce >= total_ce


def test_random_three_player_games_certificates_and_nash_inclusion() -> None:
    rng = np.random.default_rng(11)
    players = [(f"P{i}", ("a", "b", "c")[:n]) for i, n in enumerate((2, 3, 2))]
    for _ in range(15):
        game = NormalFormGame(players, rng.integers(-5, 6, size=(3, 2, 3, 2)))
        (eq,) = correlated_equilibria(game)
        dist = eq.profile.distribution
        if eq.is_exact:
            assert independent_max_gain(game, dist) == eq.max_regret == 0
        else:
            assert float(eq.max_regret) < 1e-8
        welfare = float(sum(eq.payoffs.values()))
        for nash in nplayer_equilibria(game):  # every Nash equilibrium is a correlated one
            assert float(sum(nash.payoffs.values())) <= welfare + 1e-9


def test_bad_objective_is_refused() -> None:
    with pytest.raises(InvalidGameError, match="objective"):
        correlated_equilibria(chicken(), "fairness")


def test_json_contract_and_marginals() -> None:
    result = correlated_equilibria(chicken())
    data = result.to_dict()
    (eq,) = data["equilibria"]
    assert eq["profile"] == [[0.75, 0.25], [0.75, 0.25]]
    assert sorted(map(tuple, (tuple(k) for k, _ in eq["distribution"]))) == [("C", "C"), ("C", "D"), ("D", "C")]
    assert result[0]["Row"] == {"C": F(3, 4), "D": F(1, 4)}
    assert "<table" in result._repr_html_()
