"""What the dynamics read from a :class:`~strategy.forms.normal.NormalFormGame`: float
matrices, labelled starting points, random generators and labelled frames."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, InvalidProfileError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame

Seed = int | np.random.RandomState | np.random.Generator | None
"""An integer seed, a generator, or None (fresh entropy).

An integer seeds a legacy :class:`numpy.random.RandomState`, so a run with ``seed=s`` makes
exactly the draws that nashpy makes after ``numpy.random.seed(s)``."""


def bimatrix(game: NormalFormGame, what: str) -> tuple[np.ndarray, np.ndarray]:
    """``(A, B)``, both indexed ``[row action, column action]``; a clear error for n > 2."""
    if game.n_players != 2:
        raise UnsupportedGameError(
            f"{what} is defined here for two-player games; this game has {game.n_players} players "
            "(use best_response_dynamics, which takes any number of players)"
        )
    return np.asarray(game.payoffs[0], dtype=float), np.asarray(game.payoffs[1], dtype=float)


def symmetric_matrix(game: NormalFormGame, what: str) -> np.ndarray:
    """The payoff matrix ``A`` of a symmetric two-player game (``B = A^T``, same labels)."""
    a, _b = bimatrix(game, what)
    row, column = game.players
    if row.actions != column.actions or not np.array_equal(game.values[0], game.values[1].T):
        raise UnsupportedGameError(
            f"{what} needs a symmetric game (both players with the same actions and "
            "column payoffs = row payoffs transposed); for two distinct populations use "
            "two_population_replicator"
        )
    return a


def random_state(seed: Seed, alias: Seed = None) -> np.random.RandomState | np.random.Generator:
    """A random generator from `seed` (see :data:`Seed`).

    The dynamics take ``rng=`` as every random analysis of the toolkit does, and ``seed=`` as
    nashpy spells it (`alias`); giving both is an error."""
    if seed is not None and alias is not None:
        raise InvalidGameError("give rng= or seed= (the same thing, spelled as in nashpy), not both")
    seed = alias if seed is None else seed
    if isinstance(seed, np.random.RandomState | np.random.Generator):
        return seed
    return np.random.RandomState(seed)


def randint(generator: np.random.RandomState | np.random.Generator, n: int) -> int:
    """A uniform integer in ``[0, n)`` drawn as nashpy draws it."""
    if isinstance(generator, np.random.Generator):
        return int(generator.integers(n))
    return int(generator.randint(n))


def distribution(actions: Sequence[str], given: Mapping[str, Any] | Sequence[Any] | None, where: str) -> np.ndarray:
    """A probability vector over `actions` from ``{action: share}`` or a sequence (uniform if None)."""
    if given is None:
        return np.full(len(actions), 1.0 / len(actions))
    vec = _per_action(actions, given, where, "shares", "non-negative and sum to 1")
    if abs(vec.sum() - 1.0) > 1e-9:
        raise InvalidProfileError(f"{where}: shares must be non-negative and sum to 1; got {vec.tolist()}")
    return vec


def counts(actions: Sequence[str], given: Mapping[str, Any] | Sequence[Any] | None, where: str) -> np.ndarray:
    """Initial play counts over `actions` (zeros if None)."""
    if given is None:
        return np.zeros(len(actions))
    return _per_action(actions, given, where, "counts", "non-negative numbers")


def _per_action(
    actions: Sequence[str], given: Mapping[str, Any] | Sequence[Any], where: str, what: str, rule: str
) -> np.ndarray:
    """A non-negative vector over `actions` from ``{action: value}`` or a sequence of values."""
    n = len(actions)
    if isinstance(given, Mapping):
        vec = np.zeros(n)
        for action, value in given.items():
            if action not in actions:
                raise InvalidProfileError(f"{where}: unknown action {action!r}; known: {', '.join(actions)}")
            vec[list(actions).index(action)] = float(value)
    else:
        vec = np.asarray([float(v) for v in given], dtype=float)
        if vec.shape != (n,):
            raise InvalidProfileError(f"{where}: expected {n} {what}, one per action ({', '.join(actions)})")
    if not np.all(np.isfinite(vec)) or np.any(vec < 0):
        raise InvalidProfileError(f"{where}: {what} must be {rule}; got {vec.tolist()}")
    return vec


def player_columns(game: NormalFormGame) -> Any:
    """The (player, action) column index of a labelled frame."""
    import pandas as pd

    return pd.MultiIndex.from_tuples([(p.name, a) for p in game.players for a in p.actions], names=["player", "action"])
