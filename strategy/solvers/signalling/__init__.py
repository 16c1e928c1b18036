"""Signalling games: perfect Bayesian equilibria by exact enumeration
(:mod:`~strategy.solvers.signalling.enumeration`), the assessments they are
(:mod:`~strategy.solvers.signalling.assessment`), and their refinement by the intuitive
criterion (:mod:`~strategy.solvers.signalling.refinement`). Each name below loads its module
on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from strategy.lazy import lazy_exports

if TYPE_CHECKING:
    from strategy.solvers.signalling.assessment import PBE, BeliefSet
    from strategy.solvers.signalling.enumeration import perfect_bayesian_equilibria
    from strategy.solvers.signalling.refinement import intuitive_criterion, refine

_LAZY = {
    "PBE": "assessment",
    "BeliefSet": "assessment",
    "perfect_bayesian_equilibria": "enumeration",
    "intuitive_criterion": "refinement",
    "refine": "refinement",
}
"""Name -> the submodule that defines it."""

__all__ = ["PBE", "BeliefSet", "intuitive_criterion", "perfect_bayesian_equilibria", "refine"]


__getattr__, __dir__ = lazy_exports(
    __name__, {name: f"strategy.solvers.signalling.{module}" for name, module in _LAZY.items()}, __all__
)
