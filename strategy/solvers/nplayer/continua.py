r"""Continua of equilibria met by n-player support enumeration.

**One player mixes** (player *k* on :math:`S_k`, the others pure at :math:`a_{-k}`). Player
*k*'s actions in :math:`S_k` must tie against :math:`a_{-k}`; then every constraint on
:math:`x_k` is linear: a pure opponent *i* does not gain by switching to *b* iff
:math:`\sum_{c \in S_k} x_k(c) [u_i(b, c, a_{-ik}) - u_i(a_i, c, a_{-ik})] \le 0`. The
equilibria of the support profile form the polytope
:math:`\{x_k \in \Delta(S_k) : A x_k \le 0\}`, reported by its vertices
(:func:`simplex_slice_vertices`); with more than one vertex it is a continuum, a
:class:`~strategy.solvers.result.Component` (:func:`polytope_components`).

**Two players mix** with a rank-deficient linear system: its solutions form an affine set
that is sampled at random vertices of its intersection with the simplex
(:func:`linear_samples`, linear programs); the pure players' constraints there are
polynomial, so only the samples are reported.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import numpy as np

from strategy.forms.normal import NormalFormGame
from strategy.solvers.nplayer.supports import Support
from strategy.solvers.result import Component, Equilibrium

__all__ = ["linear_samples", "one_mixer_constraints", "polytope_components", "simplex_slice_vertices"]

Polytope = tuple[Support, int, tuple[int, ...]]
"""(support profile, the mixing player, indices of the equilibria at its vertices)."""


def one_mixer_constraints(payoffs: np.ndarray, support: Support, k: int) -> np.ndarray:
    """The rows of :math:`A` (one per pure opponent and deviation) when only player `k` mixes."""
    at = [s[0] for s in support]
    rows = []
    for i in range(payoffs.shape[0]):
        if i == k:
            continue
        for b in range(payoffs.shape[i + 1]):
            row = []
            for c in support[k]:
                here = list(at)
                here[k] = c
                dev = list(here)
                dev[i] = b
                row.append(payoffs[(i, *dev)] - payoffs[(i, *here)])
            rows.append(row)
    return np.array(rows, dtype=float).reshape(-1, len(support[k]))


def simplex_slice_vertices(a_ub: np.ndarray, slack: float) -> tuple[list[np.ndarray], bool]:
    r"""Vertices of :math:`\{x \ge 0,\ \sum x = 1,\ A x \le s\}`, distinct, and whether
    they are all of them.

    Every vertex is the unique solution of ``sum x = 1`` with ``size - 1`` tight inequalities
    (rows of ``A`` or ``x_j >= 0``): all such systems are solved at once and the feasible
    solutions kept. Beyond 20,000 systems the extreme points in each coordinate direction
    (linear programs) are returned instead, a subset of the vertices (flag False).
    """
    size = a_ub.shape[1]
    if size == 1:
        return ([np.ones(1)] if np.all(a_ub[:, 0] <= slack) else []), True
    g = np.vstack([a_ub, -np.eye(size)])
    h = np.zeros(len(a_ub) + size)  # vertices of the exact polytope; the slack only in the feasibility test
    tight = list(itertools.combinations(range(len(g)), size - 1))
    if len(tight) > 20_000:
        from scipy.optimize import linprog

        found = []
        for c in np.vstack([np.eye(size), -np.eye(size)]):
            res = linprog(c, A_ub=a_ub, b_ub=np.full(len(a_ub), slack), A_eq=np.ones((1, size)), b_eq=[1.0])
            if res.status == 0:
                found.append(res.x)
        points = found
        every = False
    else:
        every = True
        rows = np.array(tight)
        systems = np.concatenate([g[rows], np.ones((len(rows), 1, size))], axis=1)
        rhs = np.concatenate([h[rows], np.ones((len(rows), 1))], axis=1)
        scale = np.abs(systems).max(axis=2).prod(axis=1)
        regular = np.abs(np.linalg.det(systems)) > 1e-12 * scale
        x = np.linalg.solve(systems[regular], rhs[regular][:, :, None])[:, :, 0]
        feasible = np.all(x @ g.T <= h + max(slack, 1e-9 * max(1.0, float(np.abs(g).max()))), axis=1)
        points = list(x[feasible])
    out: list[np.ndarray] = []
    for p in points:
        if not any(np.abs(p - q).max() <= 1e-9 for q in out):
            out.append(p)
    return out, every


def linear_samples(a: np.ndarray, b: np.ndarray, size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Up to four points of :math:`\\{(x, w) : a (x, w) = b,\\ x \\ge 0\\}` (the ``x`` part,
    of length `size`), each minimising a random linear objective."""
    from scipy.optimize import linprog

    points = []
    for _ in range(4):
        c = np.concatenate([rng.normal(size=size), [0.0]])
        res = linprog(c, A_eq=a, b_eq=b, bounds=[(0, None)] * size + [(None, None)], method="highs")
        if res.status == 0:
            points.append(res.x[:size])
    return points


def polytope_components(
    game: NormalFormGame, polytopes: list[Polytope], equilibria: list[Equilibrium]
) -> tuple[Component, ...]:
    """The polytopes of equilibria in which one player mixes and the others play pure, as
    components; a polytope inside another (a face of the same player's simplex against the
    same pure profile) is left out, so each reported one is a maximal convex set."""
    ordered = sorted(polytopes, key=lambda p: -len(p[2]))
    kept: list[Polytope] = []
    for support, k, members in ordered:
        if not any(k == k2 and set(members) <= set(m2) for _, k2, m2 in kept):
            kept.append((support, k, members))
    kept.sort(key=lambda p: p[2])
    out = []
    for _, k, members in kept:
        extreme: dict[str, tuple[Mapping[str, Any], ...]] = {}
        for i, player in enumerate(game.players):
            strategies = [dict(equilibria[m][player.name]) for m in (members if i == k else members[:1])]
            extreme[player.name] = tuple(strategies)
        out.append(Component(equilibria=members, extreme_strategies=extreme))
    return tuple(out)
