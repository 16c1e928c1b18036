"""The exact-arithmetic core the solvers share (private): rational linear algebra, vertices of
polytopes, rounding float solutions to verified fractions, and one wrapper of the LP solver."""
