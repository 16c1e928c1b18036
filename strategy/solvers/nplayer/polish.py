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

_ITERATIONS = 12
"""Newton steps from the approximate point (quadratic convergence needs few from a near start)."""


def _newton(us: list[np.ndarray], start: np.ndarray, isolated: bool) -> np.ndarray:
    """Newton on the support's indifference system from `start` (unknowns of
    :mod:`._multilinear`): the solution as one row, or no row when the iterates stop
    contracting (the start is not in the solution's quadratic basin), singular or go
    farther than ``2 * _NEAR`` from the start; with `isolated`, also when the Jacobian at
    the solution is singular (a continuum of solutions)."""
    scale = max(1.0, max(float(np.abs(u).max()) for u in us))
    t = start[None, :].astype(float)
    previous = np.inf
    for iteration in range(_ITERATIONS):
        f, jac = _multilinear.residual_and_jacobian(us, t)
        size = float(np.abs(f).max())
        if size <= 1e-12 * scale:
            if isolated:
                singular = np.linalg.svd(jac[0], compute_uv=False)
                if singular.min() <= 1e-9 * max(float(singular.max()), 1e-300):
                    break
            return t
        if iteration >= 2 and size > 0.5 * previous:
            break
        previous = size
        try:
            t = t - np.linalg.solve(jac, f[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            break
        if not np.all(np.isfinite(t)) or np.abs(t - start).max() > 2 * _NEAR:
            break
    return np.zeros((0, len(start)))


def support_of(xs: Sequence[np.ndarray], threshold: float) -> Support:
    """The actions with probability above `threshold` (each player's most likely action
    when none is)."""
    return tuple(tuple(int(a) for a in np.flatnonzero(x > threshold)) or (int(np.argmax(x)),) for x in xs)


def polish(
    game: NormalFormGame,
    xs: Sequence[np.ndarray],
    supports: Sequence[Support],
    *,
    tol: float = DEFAULT_TOL,
    isolated: bool = False,
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
    isolated : bool
        Accept only isolated solutions of the support system (nonsingular Jacobian), so
        that the equilibrium found does not depend on where in a continuum `xs` lies.

    Returns
    -------
    Equilibrium or None
        None when no support yields a certified equilibrium within 0.05 of `xs`.
    """
    pool = CandidatePool(game, tol=tol)
    target = np.concatenate([np.asarray(x, dtype=float) for x in xs])
    for support in supports:
        parts = [np.asarray(x, dtype=float)[list(s)] for x, s in zip(xs, support, strict=True)]
        start = np.concatenate([p[:-1] / max(float(p.sum()), 1e-300) for p in parts])
        full = np.zeros((1, len(target)))
        if start.size:
            idx = np.ix_(*[np.array(s) for s in support])
            us = [game.payoffs[i][idx] for i in range(game.n_players)]
            points = _newton(us, start, isolated)
            if not len(points):
                continue
            full = np.zeros((len(points), len(target)))
            for k, x in enumerate(_multilinear.split(points, [len(s) for s in support])):
                full[:, [int(pool.offsets[k]) + a for a in support[k]]] = x
        else:
            full[0, [int(pool.offsets[k]) + s[0] for k, s in enumerate(support)]] = 1.0
        near = np.abs(full - target).max(axis=1) < _NEAR  # checked before the (costly) certificate
        for index in pool.offer_profiles(full[near]):
            if index is None:
                continue
            eq = pool.equilibria[index]
            gap = max(
                float(np.abs(np.asarray(p, dtype=float) - np.asarray(x, dtype=float)).max())
                for p, x in zip(eq.profile.probabilities, xs, strict=True)
            )
            if gap < _NEAR:
                return eq
    return None
