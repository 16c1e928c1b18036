"""Each dynamic against nashpy's implementation on the same games and seeds.

The stochastic ones (fictitious play's tie-breaking, stochastic fictitious play, the Moran
process) follow nashpy draw for draw: nashpy draws from numpy's global legacy generator,
and ``seed=s`` here seeds a ``RandomState`` with the same stream as ``numpy.random.seed(s)``.
The replicator dynamics are deterministic ODEs, integrated here by DOP853 and by nashpy
with ``odeint``: they agree to the integrators' tolerance.
"""

from __future__ import annotations

import numpy as np
import pytest

from strategy import NormalFormGame
from strategy.dynamics import (
    fictitious_play,
    moran_process,
    replicator,
    stochastic_fictitious_play,
    two_population_replicator,
)

nashpy = pytest.importorskip("nashpy")


def _game(a: np.ndarray, b: np.ndarray) -> NormalFormGame:
    return NormalFormGame.from_bimatrix(a.tolist(), b.tolist())


def _random_bimatrix(seed: int, rows: int, columns: int) -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.default_rng(seed)
    return generator.integers(-5, 6, (rows, columns)), generator.integers(-5, 6, (rows, columns))


def _frequencies(counts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate([c / c.sum() for c in counts])


PENNIES = (np.array([[1, -1], [-1, 1]]), np.array([[-1, 1], [1, -1]]))
RPS = (np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]), -np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]))
SHARED = {
    "pennies": PENNIES,
    "rps": RPS,
    "coordination": (np.array([[2, 0], [0, 1]]), np.array([[2, 0], [0, 1]])),
    **{f"random{seed}": _random_bimatrix(seed, 3, 4) for seed in range(4)},
}


@pytest.mark.parametrize("name", sorted(SHARED))
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_fictitious_play_matches_nashpy_draw_for_draw(name: str, seed: int) -> None:
    a, b = SHARED[name]
    np.random.seed(seed)  # noqa: NPY002 - nashpy draws from the global generator
    theirs = list(nashpy.Game(a, b).fictitious_play(iterations=300))[1:]
    ours = fictitious_play(_game(a, b), 300, seed=seed)
    assert np.array_equal(ours.to_numpy(), np.array([_frequencies(c) for c in theirs]))


def test_fictitious_play_matches_nashpy_from_given_counts() -> None:
    a, b = _random_bimatrix(11, 3, 3)
    start = [np.array([1, 0, 2]), np.array([0, 3, 1])]
    np.random.seed(3)  # noqa: NPY002 - nashpy draws from the global generator
    theirs = list(nashpy.Game(a, b).fictitious_play(iterations=200, play_counts=start))[1:]
    initial = {"Row": {"1": 1, "3": 2}, "Column": [0, 3, 1]}
    ours = fictitious_play(_game(a, b), 200, initial=initial, seed=3)
    assert np.array_equal(ours.to_numpy(), np.array([_frequencies(c) for c in theirs]))


@pytest.mark.parametrize("name", ["pennies", "rps", "random0", "random2"])
@pytest.mark.parametrize("seed", [0, 5])
def test_stochastic_fictitious_play_matches_nashpy(name: str, seed: int) -> None:
    a, b = SHARED[name]
    np.random.seed(seed)  # noqa: NPY002 - nashpy draws from the global generator
    theirs = [counts for counts, _ in nashpy.Game(a, b).stochastic_fictitious_play(iterations=300)][1:]
    ours = stochastic_fictitious_play(_game(a, b), 300, seed=seed)
    assert np.allclose(ours.to_numpy(), np.array([_frequencies(c) for c in theirs]), rtol=0, atol=1e-12)


def test_stochastic_fictitious_play_matches_nashpy_with_other_noise() -> None:
    a, b = SHARED["random1"]
    np.random.seed(2)  # noqa: NPY002 - nashpy draws from the global generator
    theirs = [c for c, _ in nashpy.Game(a, b).stochastic_fictitious_play(iterations=200, etha=0.5, epsilon_bar=0.3)]
    ours = stochastic_fictitious_play(_game(a, b), 200, eta=0.5, epsilon_bar=0.3, seed=2)
    assert np.allclose(ours.to_numpy(), np.array([_frequencies(c) for c in theirs[1:]]), rtol=0, atol=1e-12)


SYMMETRIC = {
    "rps": RPS[0],
    "hawk_dove": np.array([[-1, 4], [0, 2]]),
    "random": np.random.default_rng(4).integers(-3, 4, (4, 4)),
}


@pytest.mark.parametrize("name", sorted(SYMMETRIC))
def test_replicator_matches_nashpy(name: str) -> None:
    a = SYMMETRIC[name]
    n = len(a)
    start = np.arange(1, n + 1) / np.arange(1, n + 1).sum()
    times = np.linspace(0, 10, 200)
    theirs = nashpy.Game(a, a.T).replicator_dynamics(y0=start, timepoints=times)
    game = NormalFormGame.from_bimatrix(a.tolist(), a.T.tolist())
    ours = replicator(game, start.tolist(), times=times)
    assert np.allclose(ours.to_numpy(), theirs, atol=1e-6)
    uniform = nashpy.Game(a, a.T).replicator_dynamics()  # both default to the uniform start on [0, 10]
    assert np.allclose(replicator(game).to_numpy(), uniform, atol=1e-6)


@pytest.mark.parametrize("name", ["pennies", "random0", "random3"])
def test_two_population_replicator_matches_nashpy(name: str) -> None:
    a, b = SHARED[name]
    x0 = np.full(a.shape[0], 1.0 / a.shape[0]) * 0.5 + np.eye(a.shape[0])[0] * 0.5
    y0 = np.full(a.shape[1], 1.0 / a.shape[1])
    times = np.linspace(0, 8, 160)
    xs, ys = nashpy.Game(a, b).asymmetric_replicator_dynamics(x0=x0, y0=y0, timepoints=times)
    ours = two_population_replicator(_game(a, b), {"Row": x0.tolist(), "Column": y0.tolist()}, times=times)
    assert np.allclose(ours["Row"].to_numpy(), xs, atol=1e-6)
    assert np.allclose(ours["Column"].to_numpy(), ys, atol=1e-6)


MORAN = {
    "hawk_dove": np.array([[1, 6], [2, 4]]),
    "dominant": np.array([[3, 3], [1, 1]]),
    "three": np.array([[2, 1, 4], [3, 2, 1], [1, 4, 2]]),
}


@pytest.mark.parametrize("name", sorted(MORAN))
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_moran_process_matches_nashpy(name: str, seed: int) -> None:
    a = MORAN[name]
    n = len(a)
    population = np.array([k % n for k in range(8)])
    np.random.seed(seed)  # noqa: NPY002 - nashpy draws from the global generator
    theirs = [np.bincount(p, minlength=n) for p in nashpy.Game(a, a.T).moran_process(population)]
    game = NormalFormGame.from_bimatrix(a.tolist(), a.T.tolist())
    labels = [game.players[0].actions[k] for k in population]
    ours = moran_process(game, labels, seed=seed)
    assert np.array_equal(ours.to_numpy()[1:], np.array(theirs))
    assert np.array_equal(ours.to_numpy()[0], np.bincount(population, minlength=n))
