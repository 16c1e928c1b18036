"""Counting regimes without a label per game, and singular supports without an SVD (issue 16)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from strategy.solvers.batch import support_enumeration_batch
from strategy.solvers.enumeration import enumerate_equilibria

from strategy.forms.normal import NormalFormGame
from strategy.sensitivity.measures import regime_counts, regimes


@pytest.mark.parametrize("select", ["all", "first", "payoff_dominant"])
@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (2, 4), (4, 3)])
def test_regime_counts_equal_the_counted_labels(shape: tuple[int, int], select: str) -> None:
    # small integer payoffs: many ties, degenerate games and several equilibria per game
    rng = np.random.default_rng(sum(shape))
    result = support_enumeration_batch(rng.integers(0, 4, size=(400, 2, *shape)).astype(float))
    assert result.degenerate.any()
    assert result.counts.max() >= 3
    assert regime_counts(result, select) == Counter(regimes(result, select).reshape(-1).tolist())


def _profiles(pairs: list[tuple[np.ndarray, ...]]) -> set[tuple[float, ...]]:
    return {tuple(np.round(np.concatenate(p), 9).tolist()) for p in pairs}


def test_structurally_singular_supports_give_the_exact_equilibria() -> None:
    # additively separable payoffs u(r, c) = f(r) + g(c) (plus a nudge on one cell): every
    # 3x3 indifference system has differences of full rank but is inconsistent, the case
    # solved without an SVD; the batch must agree with exact enumeration game by game
    rng = np.random.default_rng(7)
    f, g = rng.random((30, 2, 3, 1)), rng.random((30, 2, 1, 3))
    payoffs = f + g
    payoffs[:, :, 0, 0] += rng.random((30, 2))
    batch = support_enumeration_batch(payoffs)
    for k in range(30):
        exact = enumerate_equilibria(NormalFormGame.from_arrays([("P1", "abc"), ("P2", "abc")], payoffs[k]))
        theirs = [tuple(np.asarray(q, float) for q in eq.profile.probabilities) for eq in exact]
        assert _profiles(batch.of(k)) == _profiles(theirs), k
