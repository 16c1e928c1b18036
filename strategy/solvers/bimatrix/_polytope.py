r"""Exact vertex enumeration of :math:`\{z \ge 0,\ M z \le 1\}` for a positive integer matrix.

Private kernel of :mod:`strategy.solvers.bimatrix.enumeration`. Write the polytope in equality
form :math:`M z + s = 1`, :math:`z, s \ge 0`, with :math:`d` structural variables
:math:`z` and :math:`k` slacks :math:`s`. A *feasible basis* is a set of :math:`k` basic
variables whose basic solution is nonnegative; every vertex is the basic solution of at
least one feasible basis, and a vertex is determined by its set of zero variables (its
tight constraints span :math:`\mathbb{R}^d`).

**Search.** Breadth-first search over the graph of feasible bases, where two bases are
adjacent when they differ in one variable and both are feasible. Moves are (i) simplex
pivots with every tied minimum-ratio row and (ii) degenerate exchanges with any basic
variable at value zero (pivot element of either sign). The graph is connected: the bases
of one vertex are the bases of the matroid of its tight constraints, connected by
exchanges (ii) (basis-exchange axiom), and from any basis the simplex method with a
generic objective reaches the optimal vertex by pivots (i). So the search visits every
feasible basis, hence every vertex, also for *degenerate* polytopes. Arithmetic is
integer and fraction-free (each entry is a minor of :math:`[M \mid I \mid 1]`, all
divisions are exact), so no vertex is lost or invented through rounding.

The cost is one pivot per feasible basis; degenerate polytopes can have many bases per
vertex. Fine for the small games of teaching and case studies; see the benchmark.
"""

from __future__ import annotations

from collections import deque
from fractions import Fraction

__all__ = ["exact_vertices", "integer_vertices"]


def exact_vertices(matrix: list[list[int]]) -> dict[int, tuple[Fraction, ...]]:
    """Return every vertex of ``{z >= 0, M z <= 1}`` keyed by its zero set, as Fractions.

    See :func:`integer_vertices`, which this wraps.

    Examples
    --------
    >>> sorted(exact_vertices([[1, 2]]).values())
    [(Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 2)), (Fraction(1, 1), Fraction(0, 1))]
    """
    return {zero: tuple(Fraction(v, det) for v in point) for zero, (point, det) in integer_vertices(matrix).items()}


def integer_vertices(matrix: list[list[int]]) -> dict[int, tuple[tuple[int, ...], int]]:
    """Return every vertex of ``{z >= 0, M z <= 1}`` keyed by its zero set, as integers.

    Parameters
    ----------
    matrix : list of list of int
        ``k x d`` matrix with positive entries (the polytope is then bounded).

    Returns
    -------
    dict
        ``zero_mask -> (numerators, denominator)``: the vertex is ``numerators / denominator``
        (denominator > 0); bit ``i < d`` of ``zero_mask`` says ``z_i = 0`` and bit ``d + j``
        says constraint ``j`` is tight (``(M z)_j = 1``).

    Examples
    --------
    >>> sorted(integer_vertices([[1, 2]]).values())
    [((0, 0), 1), ((0, 1), 2), ((1, 0), 1)]
    """
    k, d = len(matrix), len(matrix[0])
    table = [[int(v) for v in matrix[r]] + [1 if c == r else 0 for c in range(k)] + [1] for r in range(k)]
    basis = tuple(d + r for r in range(k))
    seen = {sum(1 << v for v in basis)}
    queue: deque[tuple[list[list[int]], tuple[int, ...], int]] = deque([(table, basis, 1)])
    found: dict[int, tuple[tuple[int, ...], int, tuple[int, ...]]] = {}
    everything = (1 << (d + k)) - 1
    while queue:
        table, basis, det = queue.popleft()
        mask = sum(1 << v for v in basis)
        rhs = [row[-1] for row in table]
        zero_rows = [r for r in range(k) if rhs[r] == 0]
        zero = everything & ~mask
        for r in zero_rows:
            zero |= 1 << basis[r]
        if zero not in found:
            found[zero] = (tuple(rhs), det, basis)
        for c in range(d + k):
            if mask >> c & 1:
                continue
            column = [row[c] for row in table]
            if zero_rows and any(column[r] > 0 for r in zero_rows):
                rows = [r for r in zero_rows if column[r] != 0]
            else:
                rows = [r for r in zero_rows if column[r] < 0]
                rows += _min_ratio_rows(rhs, column)
            for r in rows:
                new_mask = (mask & ~(1 << basis[r])) | (1 << c)
                if new_mask in seen:
                    continue
                seen.add(new_mask)
                queue.append(_pivot(table, basis, det, r, c))
    vertices = {}
    for zero, (values, det, basis) in found.items():
        point = [0] * d
        for r, v in enumerate(basis):
            if v < d:
                point[v] = values[r]
        vertices[zero] = (tuple(point), det)
    return vertices


def _min_ratio_rows(rhs: list[int], column: list[int]) -> list[int]:
    """Rows attaining the minimum of ``rhs[r] / column[r]`` over ``column[r] > 0``, exactly.

    Python's int / int is correctly rounded, so a float ratio more than a relative
    1e-12 above the float minimum is exactly larger; near-ties are compared exactly.
    """
    ratios = [(rhs[r] / column[r], r) for r in range(len(column)) if column[r] > 0]
    if not ratios:
        return []
    low = min(ratios)[0]
    close = [r for f, r in ratios if f <= low * (1 + 1e-12)]
    if len(close) == 1:
        return close
    best = min(Fraction(rhs[r], column[r]) for r in close)
    return [r for r in close if Fraction(rhs[r], column[r]) == best]


def _pivot(
    table: list[list[int]], basis: tuple[int, ...], det: int, r: int, c: int
) -> tuple[list[list[int]], tuple[int, ...], int]:
    """Fraction-free pivot on ``table[r][c]``; keeps the common denominator positive."""
    p = table[r][c]
    pivot_row = table[r]
    new = []
    for i, row in enumerate(table):
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
