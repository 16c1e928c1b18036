"""How equilibria are found, grouped by the form of game they solve.

* :mod:`~strategy.solvers.bimatrix`: two-player normal forms;
* :mod:`~strategy.solvers.nplayer`: three or more players;
* :mod:`~strategy.solvers.trees`: extensive forms;
* :mod:`~strategy.solvers.signalling`: signalling games;

beside what every form shares: :mod:`~strategy.solvers.result` (one result type),
:mod:`~strategy.solvers.registry` (one record per method), :mod:`~strategy.solvers.dispatch`
(:func:`solve`), and the normal-form tools :mod:`~strategy.solvers.pure`,
:mod:`~strategy.solvers.dominance` and :mod:`~strategy.solvers.correlated`.

Every public name is loaded on first use, so importing one solver does not load the others.
``strategy.solvers.lemke_howson``, ``vertex_enumeration`` and ``backward_induction`` are the
functions; their modules live in the groups. The modules' paths before the grouping
(``strategy.solvers.enumeration``, ``strategy.solvers.sequential``, ...) still import: they
are aliases of the moved modules (:data:`MOVED`).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import types
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from strategy.lazy import lazy_exports
from strategy.solvers.concepts import Concept, Guarantee

if TYPE_CHECKING:
    from strategy.solvers.bimatrix.enumeration import enumerate_equilibria
    from strategy.solvers.bimatrix.lemke_howson import lemke_howson
    from strategy.solvers.bimatrix.vertex_enumeration import vertex_enumeration
    from strategy.solvers.bimatrix.zero_sum import game_value, zero_sum_lp
    from strategy.solvers.correlated import CorrelatedEquilibrium, correlated_equilibria, correlated_extremes
    from strategy.solvers.dispatch import METHODS, solve
    from strategy.solvers.dominance import Elimination, Step, dominated_actions, eliminate_dominated
    from strategy.solvers.nplayer.enumeration import nplayer_equilibria
    from strategy.solvers.nplayer.qre import QREPath, logit_qre, logit_qre_path, logit_solve, quantal_response
    from strategy.solvers.nplayer.simpdiv import simplicial_subdivision
    from strategy.solvers.pure import pure_equilibria
    from strategy.solvers.result import Component, Equilibrium, SolveResult
    from strategy.solvers.signalling import PBE, BeliefSet, intuitive_criterion, perfect_bayesian_equilibria, refine
    from strategy.solvers.trees.backward_induction import SPESet, backward_induction, backward_induction_batch
    from strategy.solvers.trees.sequential import nash_equilibria, non_credible, solve_tree, subgame_perfect

_LAZY = {
    "Component": "result",
    "Equilibrium": "result",
    "SolveResult": "result",
    "SPESet": "trees.backward_induction",
    "backward_induction": "trees.backward_induction",
    "backward_induction_batch": "trees.backward_induction",
    "lemke_howson": "bimatrix.lemke_howson",
    "vertex_enumeration": "bimatrix.vertex_enumeration",
    "BeliefSet": "signalling.enumeration",
    "CorrelatedEquilibrium": "correlated",
    "Elimination": "dominance",
    "METHODS": "dispatch",
    "PBE": "signalling.enumeration",
    "QREPath": "nplayer.qre",
    "Step": "dominance",
    "correlated_equilibria": "correlated",
    "correlated_extremes": "correlated",
    "dominated_actions": "dominance",
    "eliminate_dominated": "dominance",
    "enumerate_equilibria": "bimatrix.enumeration",
    "game_value": "bimatrix.zero_sum",
    "intuitive_criterion": "signalling.enumeration",
    "logit_qre": "nplayer.qre",
    "logit_qre_path": "nplayer.qre",
    "logit_solve": "nplayer.qre",
    "nash_equilibria": "trees.sequential",
    "non_credible": "trees.sequential",
    "nplayer_equilibria": "nplayer.enumeration",
    "perfect_bayesian_equilibria": "signalling.enumeration",
    "pure_equilibria": "pure",
    "quantal_response": "nplayer.qre",
    "refine": "signalling.enumeration",
    "simplicial_subdivision": "nplayer.simpdiv",
    "solve": "dispatch",
    "solve_tree": "trees.sequential",
    "subgame_perfect": "trees.sequential",
    "zero_sum_lp": "bimatrix.zero_sum",
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


MOVED = {
    **{
        f"strategy.solvers.{name}": f"strategy.solvers.bimatrix.{name}"
        for name in ("enumeration", "support_enumeration", "vertex_enumeration", "lemke_howson", "zero_sum", "batch")
    },
    **{f"strategy.solvers.{name}": f"strategy.solvers.nplayer.{name}" for name in ("simpdiv", "qre")},
    **{
        f"strategy.solvers.{name}": f"strategy.solvers.trees.{name}"
        for name in ("backward_induction", "sequential", "sequence_form")
    },
}
"""A module's path before the grouping -> its path now; the old path imports the same module."""


class _Aliases(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Import an old module path (:data:`MOVED`) as the moved module itself (one object)."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: Any = None) -> Any:
        if fullname not in MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: Any) -> types.ModuleType:
        module = importlib.import_module(MOVED[spec.name])
        spec.loader_state = module.__spec__
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run (the moved module is imported); keep its own spec."""
        alias = module.__spec__
        if alias is not None:
            module.__spec__ = alias.loader_state


class _Package(types.ModuleType):
    """This package, whose solver functions keep their names when an old module path of the
    same name (``strategy.solvers.lemke_howson``) is imported and the import system binds it."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in _LAZY:
            return
        super().__setattr__(name, value)


if not any(isinstance(finder, _Aliases) for finder in sys.meta_path):
    sys.meta_path.append(_Aliases())
sys.modules[__name__].__class__ = _Package

__getattr__, __dir__ = lazy_exports(
    __name__, {name: f"strategy.solvers.{module}" for name, module in _LAZY.items()}, __all__
)
