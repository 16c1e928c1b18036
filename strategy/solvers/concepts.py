"""What a solver finds (:class:`Concept`) and what it promises about it (:class:`Guarantee`).

Plain enumerations with no numerical imports, so that the method registry and the command
line's help can name them without loading a solver.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Concept", "Guarantee"]


class Guarantee(StrEnum):
    """What a solver promises about the equilibria it returns."""

    ALL = "all"
    """Every equilibrium (the game has finitely many and all were found)."""
    ALL_EXTREME = "all extreme + components"
    """Every extreme equilibrium, and the maximal convex sets (components) they span."""
    SOME = "some"
    """Several equilibria; there may be others."""
    ONE = "one"
    """One equilibrium; there may be others."""
    APPROXIMATE = "approximate"
    """Approximate equilibria (small positive regret), e.g. from an iterative method."""
    ALL_PURE = "all pure"
    """Every pure-strategy equilibrium; mixed equilibria were not sought."""


class Concept(StrEnum):
    """The solution concept an equilibrium satisfies."""

    NASH = "nash"
    SUBGAME_PERFECT = "subgame_perfect"
    PERFECT_BAYESIAN = "perfect_bayesian"
    CORRELATED = "correlated"
    COARSE_CORRELATED = "coarse_correlated"
    QUANTAL_RESPONSE = "quantal_response"
