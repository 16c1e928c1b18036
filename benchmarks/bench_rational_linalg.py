"""Exact linear algebra over the rationals: the candidates for ``strategy.solvers._exact.linalg``.

Run: ``.venv/bin/python benchmarks/bench_rational_linalg.py [repeat]``. Random augmented
systems ``[A | b]`` with n unknowns (entries small integers over 1 to 4, as in teaching
games; the solvers see n from 1 to 12), reduced to row echelon form by

* ``fractions``: textbook Gauss-Jordan over :class:`fractions.Fraction` (the code before),
* ``fraction-free``: :func:`strategy.solvers._exact.linalg.rref` (integer rows, exact
  divisions, what the solvers use),
* ``sympy``: ``DomainMatrix`` over ``QQ`` and its ``rref`` (sympy is a dependency already),
* ``flint``: python-flint's ``fmpq_mat.rref`` when it is installed (it is not a dependency),

conversions from and back to Fractions included; the best of ``repeat`` runs (default 3),
in milliseconds per system.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from strategy.solvers._exact.linalg import rref

Rows = list[list[Fraction]]


def fractions(rows: Rows, ncols: int) -> Any:
    m, r = [list(row) for row in rows], 0
    for c in range(ncols):
        p = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if p is None:
            continue
        m[r], m[p] = m[p], m[r]
        m[r] = [v / m[r][c] for v in m[r]]
        for i in range(len(m)):
            if i != r and m[i][c] != 0:
                f = m[i][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[r], strict=True)]
        r += 1
        if r == len(m):
            break
    return m


def sympy_qq(rows: Rows, ncols: int) -> Any:
    from sympy import QQ
    from sympy.polys.matrices import DomainMatrix

    matrix = DomainMatrix(
        [[QQ(v.numerator, v.denominator) for v in row] for row in rows], (len(rows), len(rows[0])), QQ
    )
    return [[Fraction(int(v.numerator), int(v.denominator)) for v in row] for row in matrix.rref()[0].to_list()]


def flint_q(rows: Rows, ncols: int) -> Any:
    import flint

    entries = [flint.fmpq(v.numerator, v.denominator) for row in rows for v in row]
    reduced = flint.fmpq_mat(len(rows), len(rows[0]), entries).rref()[0]
    return [[Fraction(int(v.p), int(v.q)) for v in row] for row in reduced.tolist()]


def main(repeat: int = 3) -> None:
    methods: dict[str, Callable[[Rows, int], Any]] = {"fractions": fractions, "fraction-free": rref, "sympy": sympy_qq}
    try:
        import flint  # noqa: F401

        methods["flint"] = flint_q
    except ImportError:
        print("(python-flint is not installed: its column is left out)")
    rng = random.Random(1)
    print(f"{'n':>4} " + " ".join(f"{name:>14}" for name in methods))
    for n in (2, 3, 4, 6, 8, 12, 24, 48):
        systems = [
            [[Fraction(rng.randint(-9, 9), rng.choice((1, 1, 2, 3, 4))) for _ in range(n + 1)] for _ in range(n)]
            for _ in range(max(3, 400 // n**2))
        ]
        cells = []
        for method in methods.values():
            best = float("inf")
            for _ in range(repeat):
                start = time.perf_counter()
                for rows in systems:
                    method(rows, n)
                best = min(best, (time.perf_counter() - start) / len(systems))
            cells.append(f"{best * 1e3:14.3f}")
        print(f"{n:>4} " + " ".join(cells))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
