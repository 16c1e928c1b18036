"""Signalling games: perfect Bayesian equilibria by exact enumeration and their refinement
by the intuitive criterion. The names below load :mod:`~strategy.solvers.signalling.enumeration`
on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from strategy.solvers.signalling.enumeration import (
        PBE,
        BeliefSet,
        intuitive_criterion,
        perfect_bayesian_equilibria,
        refine,
    )

__all__ = ["PBE", "BeliefSet", "intuitive_criterion", "perfect_bayesian_equilibria", "refine"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from strategy.solvers.signalling import enumeration

        return getattr(enumeration, name)
    raise AttributeError(f"module 'strategy.solvers.signalling' has no attribute {name!r}")
