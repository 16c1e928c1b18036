r"""Replicator dynamics, in one population (symmetric games) and in two (asymmetric).

**One population** (Taylor & Jonker 1978; Hofbauer & Sigmund 1998, *Evolutionary Games
and Population Dynamics*, ch. 7): a share :math:`x_i` of the population plays action
:math:`i` against a random member, and shares grow with their payoff above the average,

.. math:: \dot x_i = x_i \left((A x)_i - x^\top A x\right).

**Two populations** (Taylor 1979; Hofbauer & Sigmund 1998, ch. 10): row players
:math:`x` meet column players :math:`y`,

.. math:: \dot x_i = x_i \left((A y)_i - x^\top A y\right), \qquad
          \dot y_j = y_j \left((x^\top B)_j - x^\top B y\right).

The average payoff is divided by the total share (:math:`x^\top A x / \sum_k x_k`), which is
the same field on the simplex but keeps the total share at 1 exactly: in the textbook form
:math:`\tfrac{d}{dt}\sum_k x_k = \bar f\,(1 - \sum_k x_k)`, so with negative average payoffs
(Turkey's in the Idlib stage game) a rounding error off the simplex grows exponentially,
and nashpy's ``asymmetric_replicator_dynamics`` loses the simplex there within ten time units.

Both are integrated with :func:`scipy.integrate.solve_ivp` (DOP853, tight tolerances) and
reported at `times`, by default nashpy's ``numpy.linspace(0, 10, 1000)``; the default start
is the uniform mixture, as in nashpy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from strategy.dynamics._games import bimatrix, distribution, player_columns, symmetric_matrix
from strategy.errors import InvalidGameError
from strategy.forms.normal import NormalFormGame

__all__ = ["replicator", "two_population_replicator"]

_RTOL = 1e-10
_ATOL = 1e-12


def _times(times: Sequence[float] | np.ndarray | None) -> np.ndarray:
    if times is None:
        return np.linspace(0, 10, 1000)
    grid = np.asarray(times, dtype=float)
    if grid.ndim != 1 or grid.size < 1 or not np.all(np.isfinite(grid)) or np.any(np.diff(grid) <= 0):
        raise InvalidGameError("times must be a non-empty increasing sequence of finite numbers")
    return grid


def _integrate(field: Any, start: np.ndarray, grid: np.ndarray) -> np.ndarray:
    from scipy.integrate import solve_ivp

    if grid.size == 1:
        return start[None, :]
    solution = solve_ivp(field, (grid[0], grid[-1]), start, method="DOP853", t_eval=grid, rtol=_RTOL, atol=_ATOL)
    if not solution.success:  # pragma: no cover - the field is polynomial and bounded on the simplex
        from strategy.errors import ConvergenceError

        raise ConvergenceError(f"the replicator ODE solver stopped: {solution.message}")
    return np.asarray(solution.y.T)


def replicator(
    game: NormalFormGame,
    start: Mapping[str, Any] | Sequence[Any] | None = None,
    *,
    times: Sequence[float] | np.ndarray | None = None,
) -> Any:
    """Integrate the one-population replicator dynamics of a symmetric game.

    `start` gives the initial shares ``{action: share}`` (uniform if None). Returns a
    :class:`pandas.DataFrame` indexed by ``time`` with one column per action.

    Examples
    --------
    >>> from strategy import NormalFormGame
    >>> hawk_dove = NormalFormGame.from_bimatrix([[-1, 4], [0, 2]], [[-1, 0], [4, 2]],
    ...     actions=(("Hawk", "Dove"), ("Hawk", "Dove")))
    >>> round(float(replicator(hawk_dove, {"Hawk": 0.1, "Dove": 0.9}, times=[0, 60]).iloc[-1]["Hawk"]), 6)
    0.666667
    """
    import pandas as pd

    a = symmetric_matrix(game, "the one-population replicator dynamics")
    actions = game.players[0].actions
    x0 = distribution(actions, start, "the replicator's start")
    grid = _times(times)

    def field(_t: float, x: np.ndarray) -> np.ndarray:
        fitness = a @ x
        return np.asarray(x * (fitness - x @ fitness / x.sum()))

    frame = pd.DataFrame(_integrate(field, x0, grid), columns=pd.Index(actions, name="action"))
    frame.index = pd.Index(grid, name="time")
    return frame


def two_population_replicator(
    game: NormalFormGame,
    start: Mapping[str, Mapping[str, Any] | Sequence[Any]] | None = None,
    *,
    times: Sequence[float] | np.ndarray | None = None,
) -> Any:
    """Integrate the two-population (asymmetric) replicator dynamics of a two-player game.

    `start` maps each player to its initial shares ``{action: share}`` (uniform if None or
    if a player is left out). Returns a :class:`pandas.DataFrame` indexed by ``time`` with
    columns ``(player, action)``.
    """
    import pandas as pd

    a, b = bimatrix(game, "the two-population replicator dynamics")
    given = start or {}
    unknown = [name for name in given if name not in game.player_names]
    if unknown:
        from strategy.errors import UnknownLabelError

        raise UnknownLabelError("player", unknown[0], game.player_names, "in the replicator's start")
    x0, y0 = (distribution(p.actions, given.get(p.name), f"the start of {p.name}") for p in game.players)
    rows = a.shape[0]
    grid = _times(times)

    def field(_t: float, z: np.ndarray) -> np.ndarray:
        x, y = z[:rows], z[rows:]
        fx, fy = a @ y, x @ b
        return np.concatenate((x * (fx - x @ fx / x.sum()), y * (fy - fy @ y / y.sum())))

    frame = pd.DataFrame(_integrate(field, np.concatenate((x0, y0)), grid), columns=player_columns(game))
    frame.index = pd.Index(grid, name="time")
    return frame
