"""Stability margins of pure equilibria.

Let ``a`` be a pure Nash equilibrium and, for player ``i``, let the best-reply gap be

.. math:: g_i = u_i(a) - \\max_{b \\ne a_i} u_i(b, a_{-i}).

If every payoff may move by at most ``eps`` (max-norm), a deviation ``b`` becomes
(weakly) profitable when ``u_i(a) - eps <= u_i(b, a_-i) + eps``, that is when
``eps >= g_i / 2``: lower the equilibrium payoff by ``eps`` and raise the deviation
payoff by ``eps``. Below that every deviation stays strictly worse. So the margin is

.. math:: \\varepsilon^* = \\tfrac12 \\min_i g_i,

and it is ``0`` for a non-strict equilibrium (some ``g_i = 0``), and negative when ``a``
is not an equilibrium at all (then ``-eps*`` is the change needed to make it one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from strategy.errors import InvalidProfileError
from strategy.forms.normal import NormalFormGame

__all__ = ["stability_margin"]


def stability_margin(game: NormalFormGame, equilibrium: Mapping[str, str] | Sequence[str] | Any) -> float:
    """Smallest uniform payoff perturbation (max-norm) that breaks the pure `equilibrium`.

    `equilibrium` is a mapping player -> action, a sequence of action labels, or an
    Equilibrium/MixedProfile that is pure.

    Examples
    --------
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> stability_margin(pd, (pd.players[0].actions[1], pd.players[1].actions[1]))
    0.5
    """
    index = _pure_index(game, equilibrium)
    values = game.payoffs
    gaps = []
    for i, p in enumerate(game.players):
        if p.n_actions < 2:
            continue
        at: tuple[Any, ...] = (i, *index[:i], slice(None), *index[i + 1 :])
        column = values[at]
        others = np.delete(column, index[i])
        gaps.append(float(column[index[i]] - others.max()))
    return min(gaps) / 2 if gaps else float("inf")


def _pure_index(game: NormalFormGame, eq: Any) -> tuple[int, ...]:
    profile = getattr(eq, "profile", eq)
    probs = getattr(profile, "probabilities", None)
    if probs is not None:
        idx = []
        for p in probs:
            arr = np.asarray(p, dtype=float)
            if np.count_nonzero(arr > 1e-12) != 1:
                raise InvalidProfileError("stability_margin needs a pure equilibrium; this profile is mixed")
            idx.append(int(np.argmax(arr)))
        return tuple(idx)
    labels = [eq[p.name] for p in game.players] if isinstance(eq, Mapping) else list(eq)
    if len(labels) != game.n_players:
        raise InvalidProfileError(f"a pure profile needs {game.n_players} actions; got {labels}")
    return tuple(p.index(a) for p, a in zip(game.players, labels, strict=True))
