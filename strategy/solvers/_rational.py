"""Exact linear algebra over Fractions: independent rows and square solves.

Used to recompute, exactly, a vertex that a floating-point method has located: the
tight constraints with the smallest slack that are linearly independent define it.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

__all__ = ["add_if_independent", "solve_square"]


def add_if_independent(basis: list[list[Fraction]], vector: Sequence[int | Fraction]) -> bool:
    """Reduce `vector` against the echelon `basis`; append and return True if independent."""
    v = [Fraction(x) for x in vector]
    for row in basis:
        pivot = next(i for i, c in enumerate(row) if c != 0)
        if v[pivot] != 0:
            factor = v[pivot] / row[pivot]
            v = [a - factor * b for a, b in zip(v, row, strict=True)]
    if any(c != 0 for c in v):
        basis.append(v)
        return True
    return False


def solve_square(matrix: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> list[Fraction] | None:
    """Solve a square system exactly by Gauss-Jordan elimination; None if singular."""
    size = len(matrix)
    rows = [[*row, b] for row, b in zip(matrix, rhs, strict=True)]
    for col in range(size):
        pivot = next((r for r in range(col, size) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col][col]
        rows[col] = [v / lead for v in rows[col]]
        for r in range(size):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[r][size] for r in range(size)]
