"""Signalling games: perfect Bayesian equilibria by exact enumeration and their refinement
by the intuitive criterion. The names below load :mod:`~strategy.solvers.signalling.enumeration`
on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from strategy.lazy import lazy_exports

if TYPE_CHECKING:
    from strategy.solvers.signalling.enumeration import (
        PBE,
        BeliefSet,
        intuitive_criterion,
        perfect_bayesian_equilibria,
        refine,
    )

__all__ = ["PBE", "BeliefSet", "intuitive_criterion", "perfect_bayesian_equilibria", "refine"]

__getattr__, __dir__ = lazy_exports(
    __name__, dict.fromkeys(__all__, "strategy.solvers.signalling.enumeration"), __all__
)
