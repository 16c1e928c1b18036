r"""Pure-strategy Nash equilibria of games with any number of players.

A pure profile :math:`a` is an equilibrium iff every player's payoff is a best reply:
:math:`u_i(a) = \max_{b} u_i(b, a_{-i})` for all *i*. The test is one array operation:
compare each player's payoff array with its maximum along that player's own axis.
Exact games are compared exactly; float games within the scaled tolerance of
:mod:`strategy.numbers`.
"""

from __future__ import annotations

import numpy as np

from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import MixedProfile
from strategy.numbers import DEFAULT_TOL, scale_tolerance
from strategy.solvers.result import Equilibrium, Guarantee, SolveResult

__all__ = ["best_reply_mask", "pure_equilibria", "pure_equilibrium_mask"]


def pure_equilibrium_mask(values: np.ndarray, *, batch_dims: int = 0, tol: float = DEFAULT_TOL) -> np.ndarray:
    """Return a boolean array over pure profiles: True where the profile is an equilibrium.

    `values` has shape ``(*batch, n_players, n_0, ..., n_{n-1})`` with ``batch_dims``
    leading batch axes, so a whole batch of games is tested in one array operation.
    """
    n_players = values.ndim - batch_dims - 1
    if values.shape[batch_dims] != n_players:
        raise ValueError(f"payoff array of shape {values.shape} does not have {n_players} players on axis {batch_dims}")
    exact = values.dtype == object
    mask = np.ones(values.shape[:batch_dims] + values.shape[batch_dims + 1 :], dtype=bool)
    for i in range(n_players):
        own = values[(slice(None),) * batch_dims + (i,)]
        best = own.max(axis=batch_dims + i, keepdims=True)
        if exact:
            mask &= own >= best
        else:
            scale = np.abs(values).max(axis=tuple(range(batch_dims, values.ndim)), keepdims=True)[
                (slice(None),) * batch_dims + (0,)
            ]
            mask &= own >= best - tol * np.maximum(1.0, scale)
    return mask


def best_reply_mask(game: NormalFormGame) -> np.ndarray:
    """A boolean array like ``game.payoffs``: ``mask[i, profile]`` is True where player *i*'s
    action in `profile` is a best reply to the others' (exactly, or within the game's scaled
    tolerance for float payoffs). A profile where every entry is True is a pure equilibrium."""
    values = game.values
    slack = 0 if game.exact else scale_tolerance(game.payoffs)
    mask = np.zeros(values.shape, dtype=bool)
    for i in range(game.n_players):
        own = values[i]
        mask[i] = own >= own.max(axis=i, keepdims=True) - slack
    return mask


def pure_equilibria(game: NormalFormGame, *, tol: float = DEFAULT_TOL) -> SolveResult:
    """Find every pure-strategy Nash equilibrium.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    tol : float
        Relative tolerance for float payoffs (ties within it count as ties).

    Returns
    -------
    SolveResult
        Guarantee ``all pure``: every pure equilibrium; mixed ones are not sought.

    Examples
    --------
    >>> from strategy.forms.normal import NormalFormGame
    >>> dilemma = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     actions=(("C", "D"), ("C", "D")))
    >>> [e.profile.support() for e in pure_equilibria(dilemma)]
    [{'Row': ('D',), 'Column': ('D',)}]
    """
    mask = pure_equilibrium_mask(game.values, tol=tol)
    equilibria = tuple(
        Equilibrium.certify(MixedProfile.pure(game, tuple(int(a) for a in index))) for index in np.argwhere(mask)
    )
    return SolveResult(
        game,
        equilibria,
        method="pure",
        guarantee=Guarantee.ALL_PURE,
        options={"tol": tol},
        notes=("pure equilibria only: mixed equilibria were not sought",),
    )
