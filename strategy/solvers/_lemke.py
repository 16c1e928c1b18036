"""Lemke's algorithm in exact integer arithmetic, with a lexicographic ratio test.

Solves the linear complementarity problem LCP(q, M): find :math:`z \\ge 0` with
:math:`w = q + Mz \\ge 0` and :math:`z^\\top w = 0`. An auxiliary variable :math:`z_0`
and a covering vector :math:`d > 0` give the almost-complementary start
:math:`w = q + d z_0`, :math:`z = 0`, :math:`z_0 = \\max_i(-q_i / d_i)`; each step enters
the complement of the variable that just left, until :math:`z_0` leaves (a solution) or
the entering column has no positive entry (a secondary ray) (Lemke 1965).

The tableau is kept in integers by fraction-free pivoting (every entry is the basis
determinant times the corresponding entry of :math:`B^{-1}[I \\mid -M \\mid -d \\mid q]`,
Edmonds 1967; the "integer pivoting" of von Stengel 2007, sec. 3.5), so no fraction is
ever reduced. Ties in the ratio test are broken lexicographically by the rows of
:math:`B^{-1}` (Dantzig, Orden and Wolfe 1955): bases never repeat, so degenerate
problems terminate.

References
----------
Lemke, C. E. (1965). Bimatrix equilibrium points and mathematical programming.
*Management Science* 11, 681-689. von Stengel, B. (2007). Equilibrium computation for
two-player games in strategic and extensive form. In *Algorithmic Game Theory*, ch. 3.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from strategy.errors import ConvergenceError

__all__ = ["lemke"]


def _lexmin(table: Any, rows: list[int], col: int, width: int, rhs: int) -> int:
    """Row of `rows` minimising ``(T[i, rhs], T[i, 0], ..., T[i, width-1]) / T[i, col]``.

    The denominators ``T[i, col]`` of the candidate rows share one sign, so ratios compare
    by cross-multiplication, without forming fractions.
    """
    best = rows
    for j in (rhs, *range(width)):
        top = best[0]
        tied = [top]
        for i in best[1:]:
            left, right = table[i, j] * table[top, col], table[top, j] * table[i, col]
            if left < right:
                top, tied = i, [i]
            elif left == right:
                tied.append(i)
        if len(tied) == 1:
            return top
        best = tied
    raise AssertionError("lexicographic ratio test tied on all of B^-1: the basis is singular")  # pragma: no cover


def lemke(
    m: Sequence[Sequence[int]], q: Sequence[int], d: Sequence[int], *, max_pivots: int = 100_000
) -> tuple[list[Fraction], int]:
    """Solve LCP(q, M) from the covering vector `d`: return ``(z, pivots)``.

    All inputs are integers; ``z`` is exact. Raises
    :class:`~strategy.errors.ConvergenceError` on ray termination (no solution reached
    from this start) or after `max_pivots` pivots.
    """
    import numpy as np

    n = len(q)
    if all(int(v) >= 0 for v in q):
        return [Fraction(0)] * n, 0
    if any(int(v) <= 0 for v in d):
        raise ValueError("the covering vector must be positive")
    # columns: w_0..w_{n-1}, z_1..z_n, z0, rhs
    z0, rhs = 2 * n, 2 * n + 1
    table = np.zeros((n, 2 * n + 2), dtype=object)
    for i in range(n):
        table[i, i] = 1
        for j in range(n):
            table[i, n + j] = -int(m[i][j])
        table[i, z0] = -int(d[i])
        table[i, rhs] = int(q[i])
    basis = list(range(n))
    det = 1

    def pivot(r: int, e: int) -> None:
        nonlocal table, det
        row = table[r].copy()
        col = table[:, e].copy()
        p = row[e]
        table = (table * p - np.outer(col, row)) // det
        table[r] = row
        det = p

    # z0 enters where q_i / d_i is lexicographically least (all rows are candidates)
    ratios = {i: Fraction(int(q[i]), int(d[i])) for i in range(n)}
    low = min(ratios.values())
    tied = [i for i in range(n) if ratios[i] == low]
    # (q_i, e_i) / d_i: among ties the identity part is least for the largest index
    r = max(tied)
    leaving = basis[r]
    pivot(r, z0)
    basis[r] = z0
    pivots = 1
    while True:
        entering = leaving + n if leaving < n else leaving - n
        sign = 1 if det > 0 else -1
        column = table[:, entering]
        rows = [i for i in range(n) if column[i] * sign > 0]
        if not rows:
            raise ConvergenceError(
                f"Lemke's algorithm ended on a secondary ray after {pivots} pivots: no solution from this start"
            )
        r = _lexmin(table, rows, entering, n, rhs)
        leaving = basis[r]
        pivot(r, entering)
        basis[r] = entering
        pivots += 1
        if leaving == z0:
            break
        if pivots >= max_pivots:
            raise ConvergenceError(f"Lemke's algorithm stopped after {max_pivots} pivots without a solution")
    z = [Fraction(0)] * n
    for i, b in enumerate(basis):
        if n <= b < 2 * n:
            z[b - n] = Fraction(int(table[i, rhs]), int(det))
    return z, pivots
