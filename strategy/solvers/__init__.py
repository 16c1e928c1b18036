"""How equilibria are found: one module per algorithm family, one result type.

The result types and the functions named like their module (``backward_induction``,
``lemke_howson``, ``vertex_enumeration``, which must shadow the submodules) are imported
here; every other name is loaded on first use, so that importing one solver does not
load the others (``nplayer`` alone pulls in ``scipy.signal``, ``dominance`` SciPy's LP).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from strategy.solvers.backward_induction import SPESet, backward_induction, backward_induction_batch
from strategy.solvers.lemke_howson import lemke_howson
from strategy.solvers.result import Component, Concept, Equilibrium, Guarantee, SolveResult
from strategy.solvers.vertex_enumeration import vertex_enumeration

if TYPE_CHECKING:
    from strategy.solvers.correlated import CorrelatedEquilibrium, correlated_equilibria, correlated_extremes
    from strategy.solvers.dispatch import METHODS, solve
    from strategy.solvers.dominance import Elimination, Step, dominated_actions, eliminate_dominated
    from strategy.solvers.enumeration import enumerate_equilibria
    from strategy.solvers.nplayer import nplayer_equilibria
    from strategy.solvers.pure import pure_equilibria
    from strategy.solvers.qre import QREPath, logit_qre, logit_qre_path, logit_solve, quantal_response
    from strategy.solvers.sequential import nash_equilibria, non_credible, solve_tree, subgame_perfect
    from strategy.solvers.signalling import PBE, BeliefSet, intuitive_criterion, perfect_bayesian_equilibria, refine
    from strategy.solvers.simpdiv import simplicial_subdivision
    from strategy.solvers.zero_sum import game_value, zero_sum_lp

_LAZY = {
    "BeliefSet": "signalling",
    "CorrelatedEquilibrium": "correlated",
    "Elimination": "dominance",
    "METHODS": "dispatch",
    "PBE": "signalling",
    "QREPath": "qre",
    "Step": "dominance",
    "correlated_equilibria": "correlated",
    "correlated_extremes": "correlated",
    "dominated_actions": "dominance",
    "eliminate_dominated": "dominance",
    "enumerate_equilibria": "enumeration",
    "game_value": "zero_sum",
    "intuitive_criterion": "signalling",
    "logit_qre": "qre",
    "logit_qre_path": "qre",
    "logit_solve": "qre",
    "nash_equilibria": "sequential",
    "non_credible": "sequential",
    "nplayer_equilibria": "nplayer",
    "perfect_bayesian_equilibria": "signalling",
    "pure_equilibria": "pure",
    "quantal_response": "qre",
    "refine": "signalling",
    "simplicial_subdivision": "simpdiv",
    "solve": "dispatch",
    "solve_tree": "sequential",
    "subgame_perfect": "sequential",
    "zero_sum_lp": "zero_sum",
}
"""Name -> the submodule that defines it, imported on first use."""

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'strategy.solvers' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"strategy.solvers.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
