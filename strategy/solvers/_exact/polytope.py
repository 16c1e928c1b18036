r"""Vertices of a bounded polytope given by equations and inequalities, exactly.

For :math:`P = \{x \in \mathbb{Q}^n : Ex = e,\ Gx \le h\}` the affine hull of the equations
is solved exactly, :math:`x = x_0 + Bz` with :math:`B` a basis of the null space of
:math:`E`; in the coordinates :math:`z` (dimension :math:`k`) a vertex is a feasible point
where :math:`k` independent inequalities are tight. Every choice of :math:`k` inequalities
is a candidate: a float solve screens it (discarding singular and clearly infeasible
choices, with the generous tolerances of :mod:`strategy.numbers`), and the survivors are
recomputed and checked in exact arithmetic, so the answer is exact and the floats only
save time. Meant for the small polytopes of teaching games: the candidates number
:math:`\binom{m}{k}`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from strategy.numbers import SCREEN_SLACK, SINGULAR_TOL, WELL_CONDITIONED
from strategy.solvers._exact.linalg import affine_solution, solve_square

__all__ = ["polytope_vertices"]

Matrix = list[list[Fraction]]


def _dot(row: Sequence[Fraction], x: Sequence[Fraction]) -> Fraction:
    return sum((a * b for a, b in zip(row, x, strict=True)), Fraction(0))


def polytope_vertices(
    n: int, eq: Matrix, rhs: Sequence[Fraction], ub: Matrix, ub_rhs: Sequence[Fraction]
) -> list[tuple[Fraction, ...]]:
    """The vertices, sorted, of the bounded polytope ``{x : eq x = rhs, ub x <= ub_rhs}`` in
    `n` unknowns; empty if it is empty."""
    solution = affine_solution(eq, rhs, n)
    if solution is None:
        return []
    x0, basis = solution
    k = len(basis)
    exact: list[tuple[Matrix, list[Fraction]]] = []

    def reduced() -> tuple[Matrix, list[Fraction]]:
        """The inequalities in the coordinates z: ``g z <= h`` (computed once, when needed)."""
        if not exact:
            g = [[_dot(row, v) for v in basis] for row in ub]
            h = [b - _dot(row, x0) for row, b in zip(ub, ub_rhs, strict=True)]
            exact.append((g, h))
        return exact[0]

    def feasible(z: Sequence[Fraction]) -> bool:
        g, h = reduced()
        return all(_dot(row, z) <= hi for row, hi in zip(g, h, strict=True))

    if k == 0:
        return [tuple(x0)] if feasible([]) else []
    ubf = np.array(ub, dtype=float).reshape(len(ub), n)
    gf = ubf @ np.array(basis, dtype=float).T
    hf = np.array(ub_rhs, dtype=float) - ubf @ np.array(x0, dtype=float)
    slack = SCREEN_SLACK * max(1.0, float(np.abs(gf).max(initial=0)), float(np.abs(hf).max(initial=0)))
    found: set[tuple[Fraction, ...]] = set()
    screened: set[tuple[float, ...]] = set()
    for combo in itertools.combinations(range(len(ub)), k):
        idx = list(combo)
        sub = gf[idx]
        rel = abs(float(np.linalg.det(sub))) / max(1.0, float(np.abs(sub).max())) ** k
        if rel < SINGULAR_TOL:
            continue
        if rel > WELL_CONDITIONED:  # screen in floats; the grey zone goes straight to the exact solve
            zf = np.linalg.solve(sub, hf[idx])
            if np.any(gf @ zf > hf + slack * (1 + np.abs(zf).sum())):
                continue
            seen = tuple(np.round(zf, 10))
            if seen in screened:  # a degenerate vertex is hit by many tight sets; recompute it once
                continue
            screened.add(seen)
        g, h = reduced()
        z = solve_square([g[i] for i in combo], [h[i] for i in combo])
        if z is not None and feasible(z):
            found.add(tuple(x0[j] + sum((z[i] * basis[i][j] for i in range(k)), Fraction(0)) for j in range(n)))
    return sorted(found)
