"""How equilibria are found: one module per algorithm family, one result type."""

from strategy.solvers.backward_induction import SPESet, backward_induction, backward_induction_batch
from strategy.solvers.correlated import CorrelatedEquilibrium, correlated_equilibria, correlated_extremes
from strategy.solvers.dispatch import METHODS, solve
from strategy.solvers.dominance import Elimination, Step, dominated_actions, eliminate_dominated
from strategy.solvers.enumeration import enumerate_equilibria
from strategy.solvers.lemke_howson import lemke_howson
from strategy.solvers.nplayer import nplayer_equilibria
from strategy.solvers.pure import pure_equilibria
from strategy.solvers.qre import QREPath, logit_qre, logit_qre_path, logit_solve, quantal_response
from strategy.solvers.result import Component, Concept, Equilibrium, Guarantee, SolveResult
from strategy.solvers.sequential import nash_equilibria, non_credible, solve_tree, subgame_perfect
from strategy.solvers.signalling import PBE, BeliefSet, intuitive_criterion, perfect_bayesian_equilibria, refine
from strategy.solvers.simpdiv import simplicial_subdivision
from strategy.solvers.vertex_enumeration import vertex_enumeration
from strategy.solvers.zero_sum import game_value, zero_sum_lp

__all__ = [
    "METHODS",
    "PBE",
    "BeliefSet",
    "Component",
    "Concept",
    "CorrelatedEquilibrium",
    "Elimination",
    "Equilibrium",
    "Guarantee",
    "QREPath",
    "SPESet",
    "SolveResult",
    "Step",
    "backward_induction",
    "backward_induction_batch",
    "correlated_equilibria",
    "correlated_extremes",
    "dominated_actions",
    "eliminate_dominated",
    "enumerate_equilibria",
    "game_value",
    "intuitive_criterion",
    "lemke_howson",
    "logit_qre",
    "logit_qre_path",
    "logit_solve",
    "nash_equilibria",
    "non_credible",
    "nplayer_equilibria",
    "perfect_bayesian_equilibria",
    "pure_equilibria",
    "quantal_response",
    "refine",
    "simplicial_subdivision",
    "solve",
    "solve_tree",
    "subgame_perfect",
    "vertex_enumeration",
    "zero_sum_lp",
]
