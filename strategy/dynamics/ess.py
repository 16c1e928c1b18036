r"""Evolutionarily stable strategies of a symmetric two-player game.

A strategy :math:`x` is evolutionarily stable (Maynard Smith & Price 1973; Maynard Smith
1982) when for every mutant :math:`y \ne x`

.. math:: y^\top A x < x^\top A x \quad\text{or}\quad
          \big(y^\top A x = x^\top A x \text{ and } y^\top A y < x^\top A y\big).

Let :math:`S` be the support of :math:`x` and :math:`T \supseteq S` its pure best replies.
Then :math:`x` is an ESS if and only if it is a symmetric Nash equilibrium and
:math:`z^\top A z < 0` for every :math:`z \ne 0` in the cone
:math:`C = \{z : \sum_i z_i = 0,\ z_i = 0 \ (i \notin T),\ z_i \ge 0 \ (i \in T \setminus S)\}`
(Haigh 1975, corrected by Abakuks 1980; Hofbauer & Sigmund 1998, section 6.4;
Bomze & Pötscher 1989). The cone test is exact: a positive maximum of the form on
:math:`C` would sit at an eigenvector of the form restricted to the span of some face of
:math:`C` that lies in that face's relative interior, so every face is checked by an
eigen-decomposition and, for a repeated eigenvalue, a linear feasibility problem.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import numpy as np

from strategy.dynamics._games import distribution, symmetric_matrix
from strategy.forms.normal import NormalFormGame
from strategy.numbers import scale_tolerance

__all__ = ["evolutionarily_stable", "evolutionarily_stable_strategies"]


def _strategy(game: NormalFormGame, strategy: str | Mapping[str, Any]) -> np.ndarray:
    actions = game.players[0].actions
    if isinstance(strategy, str):
        return distribution(actions, {strategy: 1}, "the strategy")
    return distribution(actions, strategy, "the strategy")


def _subspace(n: int, support: list[int]) -> np.ndarray:
    """An orthonormal basis (columns) of {z : sum z = 0, z_i = 0 off `support`}."""
    basis = np.zeros((n, max(len(support) - 1, 0)))
    if len(support) < 2:
        return basis
    local = np.eye(len(support))[:, 1:] - np.eye(len(support))[:, [0]]
    q, _ = np.linalg.qr(local)
    basis[support, :] = q
    return basis


def _positive_on_face(form: np.ndarray, basis: np.ndarray, positive: list[int], tol: float) -> bool:
    """Whether z^T form z >= 0 somewhere on {z = basis w != 0 : z_j > 0 for j in `positive`}."""
    if basis.shape[1] == 0:
        return False
    restricted = basis.T @ form @ basis
    eigenvalues, vectors = np.linalg.eigh((restricted + restricted.T) / 2)
    groups: list[list[int]] = []  # indices of (nearly) equal non-negative eigenvalues
    for k in np.flatnonzero(eigenvalues >= -tol):
        if groups and eigenvalues[k] - eigenvalues[groups[-1][-1]] <= 10 * tol:
            groups[-1].append(int(k))
        else:
            groups.append([int(k)])
    for group in groups:
        space = basis @ vectors[:, group]
        if not positive:
            return True
        if space.shape[1] == 1:
            z = space[:, 0]
            if np.all(z[positive] > tol) or np.all(-z[positive] > tol):
                return True
            continue
        from scipy.optimize import linprog

        k = space.shape[1]  # is there w with (space w)_j >= 1 for j in positive?
        found = linprog(
            np.zeros(k), A_ub=-space[positive], b_ub=-np.ones(len(positive)), bounds=[(None, None)] * k, method="highs"
        )
        if found.status == 0:
            return True
    return False


def evolutionarily_stable(game: NormalFormGame, strategy: str | Mapping[str, Any], *, tol: float | None = None) -> bool:
    """Whether `strategy` (an action label or ``{action: share}``) is an ESS of the
    symmetric game.

    Examples
    --------
    >>> from strategy import NormalFormGame
    >>> hawk_dove = NormalFormGame.from_bimatrix([[-1, 4], [0, 2]], [[-1, 0], [4, 2]],
    ...     actions=(("Hawk", "Dove"), ("Hawk", "Dove")))
    >>> evolutionarily_stable(hawk_dove, {"Hawk": 2/3, "Dove": 1/3}), evolutionarily_stable(hawk_dove, "Hawk")
    (True, False)
    """
    a = symmetric_matrix(game, "an evolutionarily stable strategy")
    x = _strategy(game, strategy)
    tol = scale_tolerance(a) if tol is None else tol
    fitness = a @ x
    best = fitness.max()
    support = [i for i in range(len(x)) if x[i] > tol]
    if best - x @ fitness > tol:
        return False  # not a Nash equilibrium: a pure best reply invades
    replies = [i for i in range(len(x)) if fitness[i] >= best - tol]
    extra = [j for j in replies if j not in support]
    for size in range(len(extra) + 1):
        for chosen in itertools.combinations(extra, size):
            basis = _subspace(len(x), sorted([*support, *chosen]))
            if _positive_on_face(a, basis, list(chosen), tol):
                return False
    return True


def evolutionarily_stable_strategies(game: NormalFormGame) -> list[dict[str, Any]]:
    """Every ESS of the symmetric game, as ``{action: share}`` (positive shares only).

    An ESS is an isolated symmetric equilibrium, so the candidates are the symmetric
    equilibria found by :func:`strategy.solvers.solve` (all of them in a nondegenerate game;
    in a degenerate game an ESS, being isolated, is still a vertex the enumeration reports).
    """
    from strategy.solvers.dispatch import solve

    actions = game.players[0].actions
    symmetric_matrix(game, "an evolutionarily stable strategy")
    found: list[dict[str, Any]] = []
    for equilibrium in solve(game):
        row, column = (equilibrium[p] for p in game.player_names)
        if any(row[a] != column[a] for a in actions):
            continue
        shares = {a: p for a, p in row.items() if p != 0}
        if shares not in found and evolutionarily_stable(game, shares):
            found.append(shares)
    return found
