"""Former home of the exact square solve, now :mod:`strategy.solvers._exact.linalg`; kept as an
alias for ``bimatrix/vertex_enumeration.py`` until its rewrite imports from there."""

from strategy.solvers._exact.linalg import add_if_independent, solve_square

__all__ = ["add_if_independent", "solve_square"]
