"""How equilibria are found: one module per algorithm family, one result type."""

from strategy.solvers.dispatch import METHODS, solve
from strategy.solvers.dominance import Elimination, Step, dominated_actions, eliminate_dominated
from strategy.solvers.lemke_howson import lemke_howson
from strategy.solvers.pure import pure_equilibria
from strategy.solvers.result import Component, Concept, Equilibrium, Guarantee, SolveResult
from strategy.solvers.vertex_enumeration import vertex_enumeration
from strategy.solvers.zero_sum import game_value, zero_sum_lp

__all__ = [
    "METHODS",
    "Component",
    "Concept",
    "Elimination",
    "Equilibrium",
    "Guarantee",
    "SolveResult",
    "Step",
    "dominated_actions",
    "eliminate_dominated",
    "game_value",
    "lemke_howson",
    "pure_equilibria",
    "solve",
    "vertex_enumeration",
    "zero_sum_lp",
]
