"""The small-game fast path of enumeration (issue 16): same answers as vertex enumeration and pygambit."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from strategy.solvers.enumeration import enumerate_equilibria
from strategy.solvers.support_enumeration import nondegenerate_equilibria

from strategy.forms.normal import NormalFormGame
from strategy.solvers.result import Guarantee


def _set(pairs: list[tuple[np.ndarray, np.ndarray]]) -> set[tuple[float, ...]]:
    return {tuple(np.round(np.concatenate([x, y]), 8).tolist()) for x, y in pairs}


def _exact_set(game: NormalFormGame) -> set[tuple[float, ...]]:
    exact = enumerate_equilibria(game, exact=True)
    return _set([tuple(np.asarray(p, float) for p in eq.profile.probabilities) for eq in exact])


@pytest.mark.parametrize("shape", [(2, 2), (2, 3), (3, 2), (3, 3), (3, 4), (4, 4)])
def test_random_games_match_exact_enumeration(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(sum(shape))
    for _ in range(40):
        a, b = rng.normal(size=shape), rng.normal(size=shape)
        found = nondegenerate_equilibria(a, b)
        assert found is not None  # random float games are nondegenerate
        assert _set(found) == _exact_set(NormalFormGame.from_bimatrix(a, b))


def test_degenerate_games_are_left_to_vertex_enumeration() -> None:
    # von Stengel's degenerate 3x2 game, a pure tie, and an all-zero game
    degenerate = [
        ([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]),
        ([[1, 1], [0, 0]], [[1, 1], [0, 2]]),
        ([[0, 0], [0, 0]], [[0, 0], [0, 0]]),
        ([[-3, 3], [-3, 5]], [[2, 7], [4, 2]]),
    ]
    for a, b in degenerate:
        assert nondegenerate_equilibria(np.array(a, float), np.array(b, float)) is None
        result = enumerate_equilibria(NormalFormGame.from_bimatrix(np.array(a, float), np.array(b, float)))
        assert result.degenerate
        assert "qhull" in result.notes[-1]


def test_near_ties_within_the_margin_fall_back_and_keep_the_float_answer() -> None:
    # matching pennies with one payoff nudged by far less than the margin from a tie
    a = np.array([[1.0, 1.0 + 1e-12], [0.0, 0.0]])
    b = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert nondegenerate_equilibria(a, b) is None


def test_solve_takes_the_fast_path_and_certifies_every_equilibrium() -> None:
    rng = np.random.default_rng(3)
    a, b = rng.random((3, 3)), rng.random((3, 3))
    game = NormalFormGame.from_bimatrix(a, b)
    result = enumerate_equilibria(game)
    assert "support enumeration of a nondegenerate game" in result.notes[0]
    assert result.guarantee is Guarantee.ALL
    assert result.degenerate is False
    assert len(result) % 2 == 1
    assert [c.equilibria for c in result.components] == [(k,) for k in range(len(result))]
    assert all(eq.max_regret <= 1e-12 for eq in result)
    assert _set([tuple(eq.profile.probabilities) for eq in result]) == _exact_set(game)


def test_exact_games_never_take_the_float_path() -> None:
    game = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    result = enumerate_equilibria(game)
    assert all(eq.is_exact for eq in result)
    assert {tuple(eq.profile.probabilities[0]) for eq in result} == {(1, 0), (0, 1), (Fraction(2, 3), Fraction(1, 3))}


@pytest.mark.slow
def test_agrees_with_pygambit_on_random_small_games() -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(11)
    for shape in [(2, 2), (3, 3), (4, 4), (2, 4)]:
        for _ in range(15):
            a, b = rng.random(shape), rng.random(shape)
            ours = enumerate_equilibria(NormalFormGame.from_bimatrix(a, b))
            theirs = gbt.nash.enummixed_solve(gbt.Game.from_arrays(a, b), rational=False).equilibria
            theirs_set = {
                tuple(round(float(p[s]), 8) for player in g.players for s in player.strategies)
                for p in theirs
                for g in [p.game]
            }
            assert _set([tuple(eq.profile.probabilities) for eq in ours]) == theirs_set
