r"""Support enumeration of one small nondegenerate bimatrix game: the fast path of enumeration.

For each support size :math:`k` every pair of supports :math:`(I, J)`, :math:`|I| = |J| = k`,
gives two indifference systems (Nisan et al. 2007, Algorithm 3.4; Porter, Nudelman and
Shoham 2008)

.. math::  A_{IJ} y_J = v \mathbf 1,\ \mathbf 1^\top y_J = 1, \qquad
           B_{IJ}^\top x_I = u \mathbf 1,\ \mathbf 1^\top x_I = 1,

solved here for all pairs of one size at once by one stacked :func:`numpy.linalg.solve`.
A solution is an equilibrium when :math:`x, y \ge 0` and no action outside the supports
earns more than :math:`u, v`.

In a *nondegenerate* game every equilibrium has supports of equal size and regular
systems, so this finds all of them (and their number is odd, Shapley 1974). The kernel
does not assume nondegeneracy: it returns ``None`` -- and the caller falls back to vertex
enumeration, which handles degenerate games -- unless every decision is clear by a
margin, that is every system is well conditioned, every weight inside a support and
every payoff gap outside it is at least ``margin`` (relative to the largest payoff) away
from zero, and the number of equilibria is odd. Under those conditions a perturbation of
the payoffs smaller than the margin changes no decision, so the set found is the set of
all equilibria. For 2x2 to 4x4 games this is several times faster than building the two
best-response polytopes with qhull.
"""

from __future__ import annotations

import itertools
from functools import cache

import numpy as np

__all__ = ["MAX_ACTIONS", "nondegenerate_equilibria"]

MAX_ACTIONS = 4
"""The largest number of actions per player for which the fast path is tried."""

_MARGIN = 1e-7  # relative: decisions closer than this to a tie are left to vertex enumeration
_REGULAR = 1e-6  # relative: |det| below this times scale**(k-1) counts as singular


@cache
def _supports(m: int, n: int, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Support pairs of size `k`: row sets and column sets ``(P, k)``, and their flat positions
    in ``(P, m)`` and ``(P, n)`` arrays (to scatter and mask without a call per pair)."""
    pairs = list(itertools.product(itertools.combinations(range(m), k), itertools.combinations(range(n), k)))
    rows = np.array([i for i, _ in pairs], dtype=np.intp).reshape(len(pairs), k)
    cols = np.array([j for _, j in pairs], dtype=np.intp).reshape(len(pairs), k)
    base = np.arange(len(pairs))[:, None]
    return rows, cols, (base * m + rows).ravel(), (base * n + cols).ravel()


def _indifference(blocks: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray] | None:
    """Solve ``M z = w 1, 1^T z = 1`` for a stack of k x k blocks ``M``; None if one is near singular.

    Subtracting row 0 leaves ``D z = 0`` with ``D = M_{1:} - M_0``; by Cramer's rule ``z`` is
    the last column of the adjugate of ``[D; 1^T]`` over its determinant: ``c / sum(c)``
    with ``c = (-d_1, d_0)`` for k = 2 and ``c = d_0 x d_1`` for k = 3.
    """
    count, k, _ = blocks.shape
    if k == 1:
        return np.ones((count, 1)), blocks[:, 0, 0].copy()
    if k <= 3:
        d = blocks[:, 1:, :] - blocks[:, :1, :]
        c = np.empty((count, k))
        if k == 2:
            c[:, 0], c[:, 1] = -d[:, 0, 1], d[:, 0, 0]
        else:
            (p0, p1, p2), (q0, q1, q2) = d[:, 0].T, d[:, 1].T
            c[:, 0], c[:, 1], c[:, 2] = p1 * q2 - p2 * q1, p2 * q0 - p0 * q2, p0 * q1 - p1 * q0
        det = c.sum(axis=1)
        if (np.abs(det) < _REGULAR * scale ** (k - 1)).any():
            return None
        z = c / det[:, None]
    else:
        system = np.ones((count, k + 1, k + 1))
        system[:, :k, :k] = blocks
        system[:, :k, k] = -1.0
        system[:, k, k] = 0.0
        if (np.abs(np.linalg.det(system)) < _REGULAR * scale ** (k - 1)).any():
            return None
        rhs = np.zeros((count, k + 1, 1))
        rhs[:, k] = 1.0
        z = np.linalg.solve(system, rhs)[:, :k, 0]
    return z, np.einsum("pj,pj->p", blocks[:, 0, :], z)


def nondegenerate_equilibria(a: np.ndarray, b: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]] | None:
    """All equilibria ``(x, y)`` of the bimatrix game ``(a, b)``, or None if it may be degenerate.

    `a` and `b` are float ``(m, n)`` arrays of the row's and the column's payoffs. The
    equilibria are returned in no particular order; see the module docstring for when
    None is returned.

    Examples
    --------
    >>> import numpy as np
    >>> pennies = np.array([[1.0, -1.0], [-1.0, 1.0]])
    >>> [(x.tolist(), y.tolist()) for x, y in nondegenerate_equilibria(pennies, -pennies)]
    [([0.5, 0.5], [0.5, 0.5])]
    >>> nondegenerate_equilibria(np.zeros((2, 2)), np.zeros((2, 2))) is None  # all ties
    True
    """
    m, n = a.shape
    scale = max(1.0, float(np.abs(a).max()), float(np.abs(b).max()))
    margin = _MARGIN * scale
    if m == n == 2:
        return _two_by_two(a.tolist(), b.tolist(), scale)
    bt = b.T
    found = _pure(a, b, margin)
    if found is None:
        return None
    for k in range(2, min(m, n) + 1):
        rows, cols, row_at, col_at = _supports(m, n, k)
        column_side = _indifference(a[rows[:, :, None], cols[:, None, :]], scale)  # y on J, row's value v
        row_side = _indifference(bt[cols[:, :, None], rows[:, None, :]], scale)  # x on I, column's value u
        if column_side is None or row_side is None:
            return None
        (y_j, v), (x_i, u) = column_side, row_side
        count = len(rows)
        x = np.zeros(count * m)
        y = np.zeros(count * n)
        x[row_at] = x_i.ravel()
        y[col_at] = y_j.ravel()
        x, y = x.reshape(count, m), y.reshape(count, n)
        row_gap = v[:, None] - y @ a.T  # v - (A y)_i: zero on I
        col_gap = u[:, None] - x @ b  # u - (x^T B)_j: zero on J
        row_gap.ravel()[row_at] = np.inf
        col_gap.ravel()[col_at] = np.inf
        weakest = np.minimum(
            np.minimum(x_i.min(axis=1), y_j.min(axis=1)), np.minimum(row_gap.min(axis=1), col_gap.min(axis=1))
        )
        if (np.abs(weakest) < margin).any():
            return None  # a zero weight or a tie: possibly degenerate
        found.extend((x[p], y[p]) for p in np.flatnonzero(weakest > 0))
    if len(found) % 2 == 0:
        return None
    return found


def _pure(a: np.ndarray, b: np.ndarray, margin: float) -> list[tuple[np.ndarray, np.ndarray]] | None:
    """Supports of size one: cell ``(i, j)`` with its margins over the best other row and column."""
    m, n = a.shape
    others_a = np.where(np.eye(m, dtype=bool)[:, :, None], -np.inf, a[None, :, :]).max(axis=1)  # (i, j)
    others_b = np.where(np.eye(n, dtype=bool)[None, :, :], -np.inf, b[:, None, :]).max(axis=2)  # (i, j)
    weakest = np.minimum(a - others_a, b - others_b)
    if (np.abs(weakest) < margin).any():
        return None
    eye_m, eye_n = np.eye(m), np.eye(n)
    return [(eye_m[i], eye_n[j]) for i, j in zip(*np.nonzero(weakest > 0), strict=True)]


def _two_by_two(a: list[list[float]], b: list[list[float]], scale: float) -> list[tuple[np.ndarray, np.ndarray]] | None:
    """:func:`nondegenerate_equilibria` of a 2 x 2 game in closed form (no array call per step).

    Pure cell ``(i, j)``: ``a[i][j] > a[1-i][j]`` and ``b[i][j] > b[i][1-j]``. Mixed: the row
    plays its first action with ``p = (b11 - b10) / (b00 - b01 - b10 + b11)``, which makes
    the column indifferent, and the column with ``q = (a11 - a01) / (a00 - a10 - a01 + a11)``.
    """
    margin = _MARGIN * scale
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for i in (0, 1):
        for j in (0, 1):
            weakest = min(a[i][j] - a[1 - i][j], b[i][j] - b[i][1 - j])
            if abs(weakest) < margin:
                return None
            if weakest > 0:
                found.append((np.eye(2)[i], np.eye(2)[j]))
    det_b = b[0][0] - b[0][1] - b[1][0] + b[1][1]
    det_a = a[0][0] - a[1][0] - a[0][1] + a[1][1]
    if min(abs(det_a), abs(det_b)) < _REGULAR * scale:
        return None
    p, q = (b[1][1] - b[1][0]) / det_b, (a[1][1] - a[0][1]) / det_a
    weakest = min(p, 1.0 - p, q, 1.0 - q)
    if abs(weakest) < _MARGIN:
        return None
    if weakest > 0:
        found.append((np.array([p, 1.0 - p]), np.array([q, 1.0 - q])))
    return found if len(found) % 2 == 1 else None
