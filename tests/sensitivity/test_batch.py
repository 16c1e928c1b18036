"""Batched kernels against the general solver and textbook games."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategy.solvers.batch import pure_batch, solve_batch, support_enumeration_batch

from strategy.forms.normal import NormalFormGame
from strategy.solvers.dispatch import solve


def _same_sets(mine, ref, atol=1e-7):
    if len(mine) != len(ref):
        return False
    return all(any(all(np.allclose(a, b, atol=atol) for a, b in zip(r, m, strict=True)) for m in mine) for r in ref)


def _reference(values):
    game = NormalFormGame.from_bimatrix(values[0], values[1])
    return [tuple(np.asarray(q, dtype=float) for q in e.profile.probabilities) for e in solve(game)]


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (4, 4), (2, 4), (4, 3)])
def test_support_enumeration_matches_general_solver(shape):
    rng = np.random.default_rng(sum(shape))
    payoffs = rng.normal(size=(40, 2, *shape))
    result = support_enumeration_batch(payoffs)
    assert not result.degenerate.any()
    for g in range(len(payoffs)):
        assert _same_sets(result.of(g), _reference(payoffs[g])), g
    assert result.max_regret.max() < 1e-9


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 4), st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_integer_games_with_ties_are_routed_to_exact_solver(m, n, seed):
    payoffs = np.random.default_rng(seed).integers(-2, 3, size=(3, 2, m, n)).astype(float)
    result = support_enumeration_batch(payoffs)
    for g in range(3):
        ref = _reference(payoffs[g])
        if result.degenerate[g]:
            assert result.notes[g]
        assert _same_sets(result.of(g), ref)
    assert (result.max_regret < 1e-9).all()


def test_matching_pennies_and_batch_shape():
    pennies = np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], dtype=float)
    result = solve_batch(np.stack([[pennies, pennies]]))
    assert result.batch_shape == (1, 2)
    assert result.counts.tolist() == [1, 1]
    np.testing.assert_allclose(result.payoffs, 0.0, atol=1e-12)


def test_pure_batch_three_players():
    # 2x2x2 coordination: everyone gets 1 if all match, else 0 -> two pure equilibria.
    values = np.zeros((3, 2, 2, 2))
    values[:, 0, 0, 0] = 1
    values[:, 1, 1, 1] = 1
    result = pure_batch(values[None], [(f"P{i}", ("a", "b")) for i in range(3)])
    assert result.counts.tolist() == [2]
    assert not result.complete


def test_agrees_with_pygambit_on_random_3x3():
    gbt = pytest.importorskip("pygambit")
    payoffs = np.random.default_rng(11).normal(size=(30, 2, 3, 3))
    result = support_enumeration_batch(payoffs)
    for g in range(len(payoffs)):
        game = gbt.Game.from_arrays(payoffs[g, 0].tolist(), payoffs[g, 1].tolist())
        ref = [
            tuple(np.array([float(eq[s]) for s in p.strategies]) for p in game.players)
            for eq in gbt.nash.enummixed_solve(game, rational=False).equilibria
        ]
        assert _same_sets(result.of(g), ref, atol=1e-6)
