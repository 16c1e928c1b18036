"""Cross-check of nplayer_equilibria against pygambit on 200 random n-player games.

pygambit is a test-only oracle. For each game: every pure equilibrium of
``enumpure_solve`` and every isolated equilibrium of ``enumpoly_solve`` is found by us
(max-norm distance < 1e-6), and everything we report is an equilibrium by its own
certificate and by pygambit's ``max_regret`` (on random 3x3x3 games we find equilibria
that enumpoly misses: our counts are odd, as Wilson's oddness theorem requires of
nondegenerate games, where enumpoly's often are not). Games we flag as degenerate (continua) are only checked for pure equilibria
and certificates, since enumpoly reports arbitrary points of continua.
"""

import numpy as np
import pytest

from strategy import NormalFormGame
from strategy.solvers.nplayer import nplayer_equilibria

gbt = pytest.importorskip("pygambit")

CASES = [
    ((2, 2, 2), "int", 50),
    ((2, 2, 2), "float", 50),
    ((3, 3, 3), "int", 20),
    ((3, 3, 3), "float", 20),
    ((2, 2, 2, 2), "int", 30),
    ((2, 2, 2, 2), "float", 30),
]


def _games(shape: tuple[int, ...], kind: str, count: int, seed: int):
    rng = np.random.default_rng(seed)
    players = [(f"P{i}", [f"a{j}" for j in range(n)]) for i, n in enumerate(shape)]
    for _ in range(count):
        if kind == "int":
            arrays = rng.integers(-99, 100, size=(len(shape), *shape))
            yield NormalFormGame(players, arrays), [a for a in arrays]
        else:
            arrays = np.round(rng.normal(size=(len(shape), *shape)), 4)
            yield NormalFormGame(players, arrays), [a for a in arrays]


def _points(result, game) -> list[np.ndarray]:
    return [np.array([float(eq[s]) for s in game.strategies]) for eq in result.equilibria]


@pytest.mark.parametrize(("shape", "kind", "count"), CASES, ids=[f"{'x'.join(map(str, s))}-{k}" for s, k, _ in CASES])
def test_matches_pygambit_enumpure_and_enumpoly(shape, kind, count) -> None:
    checked = 0
    for number, (game, arrays) in enumerate(_games(shape, kind, count, seed=len(shape) * 100 + sum(shape))):
        result = nplayer_equilibria(game)
        ours = [np.concatenate(eq.profile.as_floats()) for eq in result]
        assert result.certified(), f"game {number}: a reported profile is not an equilibrium"
        g = gbt.Game.from_arrays(*arrays)
        for point in ours:  # pygambit confirms each of ours, including those enumpoly misses
            profile = g.mixed_strategy_profile()
            for strategy, p in zip(g.strategies, point, strict=True):
                profile[strategy] = float(p)
            assert float(profile.max_regret()) < 1e-8, f"game {number}: pygambit rejects {point}"
        for ref in _points(gbt.nash.enumpure_solve(g), g):
            assert any(np.abs(ref - o).max() < 1e-6 for o in ours), f"game {number}: missed pure {ref}"
        if result.degenerate:
            continue
        for ref in _points(gbt.nash.enumpoly_solve(g, maxregret=1e-8), g):
            assert any(np.abs(ref - o).max() < 1e-6 for o in ours), f"game {number}: missed {ref}"
        checked += 1
    assert checked >= count // 2
