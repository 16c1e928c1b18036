r"""Fictitious play and stochastic fictitious play in two-player games.

In **fictitious play** (Brown 1951; Robinson 1951) each player keeps a count
:math:`c_j(t)` of how often the opponent played each action and plays a best reply to
the empirical mixture :math:`c_j(t) / \sum_k c_k(t)`. The empirical frequencies converge
to a Nash equilibrium in zero-sum games (Robinson 1951), in 2x2 games (Miyasawa 1961) and
in potential games (Monderer & Shapley 1996); Shapley (1964) gave a 3x3 game where they
cycle. Fudenberg & Levine (1998), *The Theory of Learning in Games*, ch. 2.

In **stochastic fictitious play** (Fudenberg & Kreps 1993; Fudenberg & Levine 1998, ch. 4;
Hofbauer & Sandholm 2002) the payoffs of the actions are perturbed by
:math:`\bar\varepsilon\,U(0, 1)` noise and the player mixes by the logit rule
:math:`\sigma_a \propto \exp(\tilde u_a / \eta)`, then samples an action.

Both follow nashpy's conventions so that the same seed gives the same run: counts start
at zero (or at `initial`), the row player draws before the column player, a tie among
best replies is broken uniformly at random (one draw per player per round even when the
best reply is unique), and an integer seed seeds a legacy ``RandomState`` (see
:data:`strategy.dynamics._games.Seed`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from strategy.dynamics._games import Seed, bimatrix, counts, player_columns, random_state
from strategy.errors import InvalidGameError
from strategy.forms.normal import NormalFormGame

__all__ = ["fictitious_play", "stochastic_fictitious_play"]

InitialCounts = Mapping[str, Mapping[str, Any] | Sequence[Any]] | None
"""``{player: {action: count}}`` (or a sequence of counts per player); zeros if None."""


def _start(game: NormalFormGame, initial: InitialCounts) -> list[np.ndarray]:
    given = initial or {}
    unknown = [name for name in given if name not in game.player_names]
    if unknown:
        from strategy.errors import UnknownLabelError

        raise UnknownLabelError("player", unknown[0], game.player_names, "in the initial counts")
    return [counts(p.actions, given.get(p.name), f"initial counts of {p.name}") for p in game.players]


def _frame(game: NormalFormGame, history: list[np.ndarray] | np.ndarray) -> Any:
    import pandas as pd

    data = np.asarray(history, dtype=float)
    edges = np.cumsum((0, *game.shape))
    shares = [data[:, lo:hi] / data[:, lo:hi].sum(axis=1, keepdims=True) for lo, hi in itertools.pairwise(edges)]
    frame = pd.DataFrame(np.hstack(shares), columns=player_columns(game))
    frame.index = pd.RangeIndex(1, len(history) + 1, name="iteration")
    return frame


def _iterations(iterations: int) -> int:
    if isinstance(iterations, bool) or not isinstance(iterations, int | np.integer) or iterations < 1:
        raise InvalidGameError(f"iterations must be a positive integer; got {iterations!r}")
    return int(iterations)


def fictitious_play(
    game: NormalFormGame, iterations: int, *, initial: InitialCounts = None, rng: Seed = None, seed: Seed = None
) -> Any:
    """Run fictitious play for `iterations` rounds; return the empirical frequencies.

    Returns a :class:`pandas.DataFrame` indexed by ``iteration`` (1, 2, ...) with columns
    ``(player, action)``: the share of rounds up to and including that one (plus the
    `initial` counts) in which the player chose the action.

    Examples
    --------
    >>> from strategy import NormalFormGame
    >>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]], actions=(("H", "T"), ("H", "T")))
    >>> path = fictitious_play(pennies, 2000, seed=0)
    >>> bool(abs(path.iloc[-1][("Row", "H")] - 0.5) < 0.02)
    True
    """

    def best_replies(a: np.ndarray, b_t: np.ndarray, row: np.ndarray, column: np.ndarray) -> tuple[int, int]:
        row_values, column_values = a @ column, b_t @ row  # both best-reply to the counts before the round
        row_play = draw.choice(np.flatnonzero(row_values == np.max(row_values)))
        column_play = draw.choice(np.flatnonzero(column_values == np.max(column_values)))
        return int(row_play), int(column_play)

    draw = random_state(rng, seed)
    return _play(game, "fictitious play", iterations, initial, best_replies)


def _play(
    game: NormalFormGame,
    what: str,
    iterations: int,
    initial: InitialCounts,
    choose: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], tuple[int, int]],
) -> Any:
    """Play `iterations` rounds: each round both players choose (``choose(A, B^T, row counts,
    column counts)``), then the counts grow; the frame of empirical frequencies."""
    a, b = bimatrix(game, what)
    n_rounds = _iterations(iterations)
    row, column = _start(game, initial)
    b_t = b.T
    rows = a.shape[0]
    history = np.empty((n_rounds, rows + a.shape[1]))
    for t in range(n_rounds):
        row_play, column_play = choose(a, b_t, row, column)
        row[row_play] += 1
        column[column_play] += 1
        history[t, :rows] = row
        history[t, rows:] = column
    return _frame(game, history)


def _logit_response(matrix: np.ndarray, opponent: np.ndarray, eta: float, epsilon_bar: float, draw: Any) -> np.ndarray:
    total = opponent.sum()
    beliefs = opponent + 1 / len(opponent) if total == 0 else opponent / total
    noisy = matrix @ beliefs + draw.random(matrix.shape[0]) * epsilon_bar
    weights = np.exp((noisy - noisy.max()) / eta)
    return np.asarray(weights / weights.sum())


def stochastic_fictitious_play(
    game: NormalFormGame,
    iterations: int,
    *,
    eta: float = 0.1,
    epsilon_bar: float = 0.01,
    initial: InitialCounts = None,
    rng: Seed = None,
    seed: Seed = None,
) -> Any:
    r"""Run stochastic fictitious play; return the empirical frequencies.

    `eta` is the logit noise :math:`\eta > 0` (smaller is closer to a best reply) and
    `epsilon_bar` the largest payoff perturbation. The frame has the layout of
    :func:`fictitious_play`. Its limit is near a logit quantal response equilibrium at
    precision :math:`1/\eta` (Fudenberg & Levine 1998, ch. 4).
    """
    if not (np.isfinite(eta) and eta > 0) or not (np.isfinite(epsilon_bar) and epsilon_bar >= 0):
        raise InvalidGameError(f"eta must be positive and epsilon_bar non-negative; got {eta!r}, {epsilon_bar!r}")

    def logit_replies(a: np.ndarray, b_t: np.ndarray, row: np.ndarray, column: np.ndarray) -> tuple[int, int]:
        row_mix = _logit_response(a, column, eta, epsilon_bar, draw)
        column_mix = _logit_response(b_t, row, eta, epsilon_bar, draw)
        return int(draw.choice(len(row_mix), p=row_mix)), int(draw.choice(len(column_mix), p=column_mix))

    draw = random_state(rng, seed)
    return _play(game, "stochastic fictitious play", iterations, initial, logit_replies)
