"""How equilibria are found: one module per algorithm family, one result type."""

from strategy.solvers.dispatch import METHODS, solve
from strategy.solvers.pure import pure_equilibria
from strategy.solvers.result import Component, Concept, Equilibrium, Guarantee, SolveResult

__all__ = ["METHODS", "Component", "Concept", "Equilibrium", "Guarantee", "SolveResult", "pure_equilibria", "solve"]
