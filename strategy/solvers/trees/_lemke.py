"""Lemke's algorithm in exact integer arithmetic, with a lexicographic ratio test.

Solves the linear complementarity problem LCP(q, M): find :math:`z \\ge 0` with
:math:`w = q + Mz \\ge 0` and :math:`z^\\top w = 0`. An auxiliary variable :math:`z_0`
and a covering vector :math:`d > 0` give the almost-complementary start
:math:`w = q + d z_0`, :math:`z = 0`, :math:`z_0 = \\max_i(-q_i / d_i)`; each step enters
the complement of the variable that just left, until :math:`z_0` leaves (a solution) or
the entering column has no positive entry (a secondary ray) (Lemke 1965).

Only :math:`B^{-1}` and :math:`B^{-1} q` are kept (revised form; an entering column is
:math:`B^{-1}` times the sparse original column), in integers by fraction-free pivoting:
every entry is the basis determinant times the entry of :math:`B^{-1}` (Edmonds 1967; the
"integer pivoting" described by von Stengel 2007), so no fraction is ever reduced, and
the rank-one part of each update touches only the rows and columns where the entering
column and the pivot row are nonzero. Ties in the ratio test are broken lexicographically by the rows of
:math:`B^{-1}` (Dantzig, Orden and Wolfe 1955): bases never repeat, so degenerate
problems terminate.

References
----------
Lemke, C. E. (1965). Bimatrix equilibrium points and mathematical programming.
*Management Science* 11, 681-689. von Stengel, B. (2007). Equilibrium computation for
two-player games in strategic and extensive form. In *Algorithmic Game Theory*, ch. 3.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from strategy.errors import ConvergenceError

__all__ = ["lemke"]


def _lexmin(binv: Any, column: Any, rows: list[int], n: int) -> int:
    """Row of `rows` minimising ``(rhs_i, B^-1[i, 0], ..., B^-1[i, n-1]) / column_i``.

    ``binv`` holds the det-scaled :math:`B^{-1}` in its first `n` columns and the
    right-hand side in column `n`. The denominators of the candidate rows share one sign,
    so ratios compare by cross-multiplication, without forming fractions.
    """
    best = rows
    for j in (n, *range(n)):
        top = best[0]
        tied = [top]
        for i in best[1:]:
            left, right = binv[i, j] * column[top], binv[top, j] * column[i]
            if left < right:
                top, tied = i, [i]
            elif left == right:
                tied.append(i)
        if len(tied) == 1:
            return top
        best = tied
    raise AssertionError("lexicographic ratio test tied on all of B^-1: the basis is singular")  # pragma: no cover


def lemke(
    m: Mapping[tuple[int, int], int], q: Sequence[int], d: Sequence[int], *, max_pivots: int = 100_000
) -> tuple[list[Fraction], int]:
    """Solve LCP(q, M) from the covering vector `d`: return ``(z, pivots)``.

    `m` is sparse, ``{(row, column): value}``; all inputs are integers and ``z`` is exact.
    Only :math:`B^{-1}` and the right-hand side are kept (revised form): the entering
    column is :math:`B^{-1}` times the sparse original column. Raises
    :class:`~strategy.errors.ConvergenceError` on ray termination (no solution reached
    from this start) or after `max_pivots` pivots.
    """
    import numpy as np

    n = len(q)
    if all(int(v) >= 0 for v in q):
        return [Fraction(0)] * n, 0
    if any(int(v) <= 0 for v in d):
        raise ValueError("the covering vector must be positive")
    # variables: w_0..w_{n-1} (0..n-1), z_1..z_n (n..2n-1), z0 (2n); system w - Mz - d z0 = q
    z0 = 2 * n
    original: list[list[tuple[int, int]]] = [[] for _ in range(n)]  # columns of -M
    for (i, j), v in m.items():
        if v:
            original[j].append((i, -int(v)))
    original_z0 = [(i, -int(d[i])) for i in range(n)]
    binv = np.zeros((n, n + 1), dtype=object)
    for i in range(n):
        binv[i, i] = 1
        binv[i, n] = int(q[i])
    basis = list(range(n))
    det = 1

    def column(v: int) -> Any:
        if v < n:
            return binv[:, v].copy()
        entries = original_z0 if v == z0 else original[v - n]
        out = np.zeros(n, dtype=object)
        for k, c in entries:
            out = out + binv[:, k] * c
        return out

    def pivot(r: int, col: Any) -> None:
        nonlocal binv, det
        row = binv[r].copy()
        p = col[r]
        # (binv * p - col row') / det, the rank-one part only where col and row are nonzero
        rows, cols = np.flatnonzero(col != 0), np.flatnonzero(row != 0)
        binv = binv * p
        binv[np.ix_(rows, cols)] -= np.outer(col[rows], row[cols])
        if det != 1:
            binv //= det
        binv[r] = row
        det = p

    # z0 enters where q_i / d_i is lexicographically least (all rows are candidates)
    ratios = {i: Fraction(int(q[i]), int(d[i])) for i in range(n)}
    low = min(ratios.values())
    tied = [i for i in range(n) if ratios[i] == low]
    # (q_i, e_i) / d_i: among ties the identity part is least for the largest index
    r = max(tied)
    leaving = basis[r]
    pivot(r, column(z0))
    basis[r] = z0
    pivots = 1
    while True:
        entering = leaving + n if leaving < n else leaving - n
        sign = 1 if det > 0 else -1
        col = column(entering)
        rows = [i for i in range(n) if col[i] * sign > 0]
        if not rows:
            raise ConvergenceError(
                f"Lemke's algorithm ended on a secondary ray after {pivots} pivots: no solution from this start"
            )
        r = _lexmin(binv, col, rows, n)
        leaving = basis[r]
        pivot(r, col)
        basis[r] = entering
        pivots += 1
        if leaving == z0:
            break
        if pivots >= max_pivots:
            raise ConvergenceError(f"Lemke's algorithm stopped after {max_pivots} pivots without a solution")
    z = [Fraction(0)] * n
    for i, b in enumerate(basis):
        if n <= b < 2 * n:
            z[b - n] = Fraction(int(binv[i, n]), int(det))
    return z, pivots
