"""Correlated and coarse correlated equilibria: Aumann's chicken, optimisation, certificates."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy import Concept, InvalidGameError, NormalFormGame
from strategy.solvers.correlated import (
    CorrelatedEquilibrium,
    _constraints,
    correlated_equilibria,
    correlated_extremes,
    deviation_gains,
)
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
    page = result._repr_html_()
    assert "<table" in page
    assert "<td>C, C 1/2; C, D 1/4; D, C 1/4</td>" in page  # the joint law, not only marginals
    assert "Row (marginal)" in page


def test_chicken_extremes_are_the_textbook_vertices() -> None:
    result = correlated_extremes(chicken())
    assert result.guarantee == "some"
    welfare, row_best, row_worst = result
    assert welfare.profile.objectives == ("welfare",)
    assert welfare.profile.masses() == {("C", "C"): F(1, 2), ("C", "D"): F(1, 4), ("D", "C"): F(1, 4)}
    # Row's best is the pure equilibrium (D, C), which is also Column's worst, and vice versa.
    assert row_best.profile.objectives == ("max:Row", "min:Column")
    assert row_best.profile.masses() == {("D", "C"): 1}
    assert row_worst.profile.objectives == ("min:Row", "max:Column")
    assert dict(row_worst.payoffs) == {"Row": 2, "Column": 7}
    assert result.to_dict()["equilibria"][1]["objectives"] == ["max:Row", "min:Column"]


def test_constraint_matrix_agrees_with_the_certificate() -> None:
    rng = np.random.default_rng(3)
    game = NormalFormGame(
        [("A", ("a", "b", "c")), ("B", ("x", "y")), ("C", ("p", "q", "r"))], rng.integers(-5, 6, size=(3, 3, 2, 3))
    )
    for coarse in (False, True):
        dist = rng.random(game.shape)
        dist /= dist.sum()
        rows = _constraints(game.payoffs, coarse)
        assert np.allclose(rows @ dist.ravel(), deviation_gains(game.payoffs, dist, coarse=coarse))
        assert (_constraints(game.exact_payoffs, coarse).astype(float) == rows).all()


@pytest.mark.parametrize("coarse", [False, True])
def test_extremes_of_random_games_are_exact_optima(coarse: bool) -> None:
    # Payoffs up to 99 give LP vertices with large denominators: each must still come back
    # exact (the tight constraints solved in Fractions) with an exact zero certificate, and
    # each must be optimal for every objective it claims among all the points reported.
    rng = np.random.default_rng(7)
    for shape in [(3, 3, 3), (2, 2, 2, 2), (4, 3)]:
        players = [(f"P{i}", tuple(f"a{j}" for j in range(k))) for i, k in enumerate(shape)]
        for _ in range(4):
            game = NormalFormGame(players, rng.integers(-99, 100, size=(len(shape), *shape)))
            result = correlated_extremes(game, coarse=coarse)
            claimed = [o for eq in result for o in eq.profile.objectives]
            assert sorted(claimed) == sorted(["welfare", *(f"{m}:{p}" for p, _ in players for m in ("max", "min"))])
            for eq in result:
                assert eq.is_exact
                assert eq.max_regret == 0
                if not coarse:
                    assert independent_max_gain(game, eq.profile.distribution) == 0
                for objective in eq.profile.objectives:
                    value = _value(eq, objective)
                    assert all(value >= _value(other, objective) for other in result)
                    single = correlated_equilibria(game, _as_tuple(objective), coarse=coarse)[0]
                    assert _value(single, objective) == value


def _value(eq: object, objective: str) -> Fraction:
    payoffs = eq.payoffs  # type: ignore[attr-defined]
    if objective == "welfare":
        return sum(payoffs.values(), Fraction(0))
    sense, player = objective.split(":")
    return payoffs[player] if sense == "max" else -payoffs[player]


def _as_tuple(objective: str) -> object:
    return objective if objective == "welfare" else tuple(objective.split(":"))


def test_too_large_lp_is_refused_before_it_is_built() -> None:
    from strategy import UnsupportedGameError

    rng = np.random.default_rng(0)
    players = [("A", tuple(f"a{j}" for j in range(300))), ("B", tuple("bcdefghijk")), ("C", tuple("lmnopqrstu"))]
    game = NormalFormGame(players, rng.integers(0, 9, size=(3, 300, 10, 10)))
    with pytest.raises(UnsupportedGameError, match="too large"):
        correlated_extremes(game)


def _extreme_values(game: NormalFormGame, *, coarse: bool = False) -> dict[str, Fraction]:
    """Each objective's optimal value: ``max:P`` is P's best payoff, ``min:P`` its worst."""
    out = {}
    for eq in correlated_extremes(game, coarse=coarse):
        for objective in eq.profile.objectives:
            if objective != "welfare":
                out[objective] = eq.payoffs[objective.split(":")[1]]
    return out


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(-9, 9), min_size=36, max_size=36),
    st.integers(1, 4),
    st.integers(-5, 5),
)
def test_properties_affine_invariance_nash_inclusion_and_coarse_superset(values, factor, shift) -> None:
    players = [("A", ("a", "b", "c")), ("B", ("x", "y")), ("C", ("p", "q"))]
    game = NormalFormGame(players, np.array(values).reshape(3, 3, 2, 2))
    base = _extreme_values(game)
    # (1) a positive affine change of B's payoffs maps B's best and worst accordingly and
    #     leaves the others' unchanged (the obedience constraints are invariant)
    arrays = np.array(values).reshape(3, 3, 2, 2)
    arrays[1] = factor * arrays[1] + shift
    moved = _extreme_values(NormalFormGame(players, arrays))
    for key, value in base.items():
        expected = factor * value + shift if key.endswith(":B") else value
        assert moved[key] == expected
    # (2) every Nash equilibrium (found by the independent support enumeration) is a
    #     correlated equilibrium, so its payoffs lie between each player's worst and best
    for nash in nplayer_equilibria(game):
        for name, payoff in nash.payoffs.items():
            assert base[f"min:{name}"] - 1e-9 <= float(payoff) <= base[f"max:{name}"] + 1e-9
    # (3) coarse correlated equilibria are a superset: best no lower, worst no higher
    coarse = _extreme_values(game, coarse=True)
    for name, _ in players:
        assert coarse[f"max:{name}"] >= base[f"max:{name}"]
        assert coarse[f"min:{name}"] <= base[f"min:{name}"]
