r"""Polishing an approximate equilibrium into a certified one.

Simplicial subdivision and the logit QRE path end near an equilibrium :math:`\bar x`
without reaching it. If :math:`\bar x` is close to an equilibrium with support
:math:`S`, that equilibrium solves the indifference equations of :math:`S`
(:mod:`._multilinear`), and Newton's method started at :math:`\bar x` restricted to
:math:`S` converges to it quadratically. The solution is certified by the
:class:`~strategy.solvers.nplayer.pool.CandidatePool` (exact when rational in an exact game)
and kept only when it lies within ``0.05`` (max norm) of :math:`\bar x`, so that polishing
never jumps to another equilibrium.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from strategy.forms.normal import NormalFormGame
from strategy.numbers import DEFAULT_TOL
from strategy.solvers.nplayer import _multilinear
from strategy.solvers.nplayer.pool import CandidatePool
from strategy.solvers.nplayer.supports import Support
from strategy.solvers.result import Equilibrium

__all__ = ["polish", "support_of"]

_NEAR = 0.05
"""A polished equilibrium farther than this (max norm) from the approximate point is refused."""


def support_of(xs: Sequence[np.ndarray], threshold: float) -> Support:
    """The actions with probability above `threshold` (each player's most likely action
    when none is)."""
    return tuple(tuple(int(a) for a in np.flatnonzero(x > threshold)) or (int(np.argmax(x)),) for x in xs)


def polish(
    game: NormalFormGame, xs: Sequence[np.ndarray], supports: Sequence[Support], *, tol: float = DEFAULT_TOL
) -> Equilibrium | None:
    """The first certified equilibrium near `xs` found by Newton on one of `supports`.

    Parameters
    ----------
    game : NormalFormGame
    xs : sequence of arrays
        The approximate equilibrium, one float probability vector per player.
    supports : sequence of Support
        Candidate supports, tried in order.
    tol : float
        Relative tolerance of float certificates.

    Returns
    -------
    Equilibrium or None
        None when no support yields a certified equilibrium within 0.05 of `xs`.
    """
    pool = CandidatePool(game, tol=tol)
    for support in supports:
        parts = [np.asarray(x, dtype=float)[list(s)] for x, s in zip(xs, support, strict=True)]
        start = np.concatenate([p[:-1] / max(float(p.sum()), 1e-300) for p in parts])
        if start.size:
            idx = np.ix_(*[np.array(s) for s in support])
            us = [game.payoffs[i][idx] for i in range(game.n_players)]
            found = pool.offer_points(support, _multilinear.newton(us, start[None, :]))
        else:
            found = [pool.offer(support, [np.ones(1) for _ in support])]
        for index in found:
            if index is None:
                continue
            eq = pool.equilibria[index]
            gap = max(
                float(np.abs(np.asarray(p, dtype=float) - np.asarray(x, dtype=float)).max())
                for p, x in zip(eq.profile.as_floats(), xs, strict=True)
            )
            if gap < _NEAR:
                return eq
    return None
