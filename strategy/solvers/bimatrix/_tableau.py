r"""Fraction-free integer tableaux of :math:`\{z \ge 0,\ M z \le 1\}`: the exact pivoting kernel.

The polytope in equality form is :math:`M z + s = 1`, :math:`z, s \ge 0`, with :math:`d`
structural variables :math:`z` (indices ``0..d-1``) and :math:`k` slacks :math:`s`
(indices ``d..d+k-1``). A basis is a set of :math:`k` variables, written as a bitmask. Its
tableau is kept as integers: ``table = D * B^{-1} [M | I | 1]`` with ``D = |det B|``, so
that every entry is a minor of :math:`[M \mid I \mid 1]` and each pivot divides exactly
(Edmonds 1967; the integer pivoting of lrs, Avis 2000). Private to
:mod:`strategy.solvers.bimatrix.polytope`.
"""

from __future__ import annotations

__all__ = ["Tableau", "degenerate_after", "moves", "pivot", "slack_tableau", "tableau_at"]

Tableau = tuple[list[list[int]], tuple[int, ...], int]
"""``(rows, basis, D)``: row ``r`` belongs to basic variable ``basis[r]``; the last column is
the right-hand side, so the basic solution is ``rows[r][-1] / D``."""


def slack_tableau(matrix: list[list[int]]) -> Tableau:
    """The tableau of the all-slack basis (the origin)."""
    k, d = len(matrix), len(matrix[0])
    rows = [[*matrix[r], *(1 if c == r else 0 for c in range(k)), 1] for r in range(k)]
    return rows, tuple(d + r for r in range(k)), 1


def tableau_at(matrix: list[list[int]], mask: int) -> Tableau:
    """The tableau of the basis `mask`, computed from the slack basis (at most ``k`` pivots).

    Each structural variable of the basis is pivoted into a row whose basic variable is
    not wanted; such a row with a nonzero entry exists because `mask` is a basis.
    """
    table = slack_tableau(matrix)
    k, d = len(matrix), len(matrix[0])
    for c in range(d):
        if mask >> c & 1:
            rows, basis, _ = table
            r = next(r for r in range(k) if not mask >> basis[r] & 1 and rows[r][c] != 0)
            table = pivot(table, r, c)
    return table


def pivot(table: Tableau, r: int, c: int) -> Tableau:
    """Fraction-free pivot on ``rows[r][c]``: variable `c` enters, ``basis[r]`` leaves."""
    rows, basis, det = table
    p = rows[r][c]
    pivot_row = rows[r]
    new = []
    for i, row in enumerate(rows):
        if i == r:
            new.append(list(row))
            continue
        f = row[c]
        if f == 0:
            new.append([v * p // det for v in row])
        else:
            new.append([(v * p - f * w) // det for v, w in zip(row, pivot_row, strict=True)])
    if p < 0:
        new = [[-v for v in row] for row in new]
        p = -p
    return new, (*basis[:r], c, *basis[r + 1 :]), p


def degenerate_after(table: Tableau, r: int, c: int) -> bool:
    """Whether the pivot on ``rows[r][c]`` leads to a degenerate basis (a basic value zero).

    After the pivot, row ``i != r`` holds ``(b_i p - t_i b_r) / D``: zero exactly when
    ``b_i p = t_i b_r``; row ``r`` keeps ``b_r``. No pivot is made.
    """
    rows = table[0]
    p, b = rows[r][c], rows[r][-1]
    return b == 0 or any(row[-1] * p == row[c] * b for i, row in enumerate(rows) if i != r)


def moves(table: Tableau, n_vars: int) -> tuple[int, list[tuple[int, int]]]:
    """The zero set of the basic solution and the pivots ``(row, column)`` to adjacent bases.

    Moves are (i) simplex pivots with every tied minimum-ratio row and (ii) degenerate
    exchanges with any basic variable at value zero (pivot element of either sign); see
    :mod:`strategy.solvers.bimatrix.polytope` for why they reach every feasible basis.
    Bit ``v`` of the zero set says variable ``v`` is zero. Ratios are compared by
    cross-multiplying integers, so ties are exact.
    """
    rows, basis, _ = table
    mask = sum(1 << v for v in basis)
    columns = list(zip(*rows, strict=True))
    rhs = columns[-1]
    zero_rows = [r for r, v in enumerate(rhs) if v == 0]
    positive_rows = [r for r, v in enumerate(rhs) if v != 0]
    zero = ((1 << n_vars) - 1) & ~mask
    for r in zero_rows:
        zero |= 1 << basis[r]
    out: list[tuple[int, int]] = []
    for c in range(n_vars):
        if mask >> c & 1:
            continue
        column = columns[c]
        if zero_rows:
            if any(column[r] > 0 for r in zero_rows):  # minimum ratio 0: every zero row with an entry
                out += [(r, c) for r in zero_rows if column[r] != 0]
                continue
            out += [(r, c) for r in zero_rows if column[r] < 0]
        best: list[int] = []
        top = bottom = 0  # the minimum ratio top / bottom so far
        for r in positive_rows:
            v = column[r]
            if v > 0:
                if not best:
                    best, top, bottom = [r], rhs[r], v
                    continue
                order = rhs[r] * bottom - top * v
                if order < 0:
                    best, top, bottom = [r], rhs[r], v
                elif order == 0:
                    best.append(r)
        out += [(r, c) for r in best]
    return zero, out
