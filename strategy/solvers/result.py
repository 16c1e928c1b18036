"""What every solver returns: certified equilibria and what the method guarantees.

* :class:`Equilibrium` holds a labelled profile, its payoffs and its **certificate**: the
  maximum regret, recomputed from the game's payoffs by the profile itself
  (:meth:`~strategy.forms.profiles.MixedProfile.max_regret`), never taken from the
  algorithm. With exact payoffs and an exact profile the certificate is an exact
  Fraction, so ``0`` is a proof.
* :class:`SolveResult` is a read-only sequence of equilibria together with the method, its
  options, the :class:`Guarantee` (all, all extreme + components, some, one,
  approximate), whether the game is degenerate (``None`` when not checked), the convex
  components of equilibria and plain-language notes. Facts the caller acts on are data
  here, never warnings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, overload

from strategy.forms.profiles import Profile
from strategy.numbers import DEFAULT_TOL, scale_tolerance
from strategy.solvers.concepts import Concept, Guarantee

__all__ = ["Component", "Concept", "Equilibrium", "Guarantee", "SolveResult", "number_to_json"]


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """A profile with its payoffs and its independently recomputed maximum regret."""

    profile: Any
    """A :class:`~strategy.forms.profiles.Profile`; typed ``Any`` so that callers reach the
    concrete profile's own views (``path()`` of a tree profile, ``sender`` of a PBE, ...)."""
    payoffs: Mapping[str, Any]
    max_regret: Any
    concept: Concept = Concept.NASH

    @classmethod
    def certify(cls, profile: Profile, concept: Concept = Concept.NASH) -> Equilibrium:
        """Wrap `profile`, computing its payoffs and maximum regret from the game."""
        return cls(profile, MappingProxyType(dict(profile.payoffs())), profile.max_regret(), concept)

    def __getitem__(self, player: str) -> Any:
        return self.profile[player]

    @property
    def is_exact(self) -> bool:
        """Whether the certificate was computed in exact arithmetic."""
        return isinstance(self.max_regret, Fraction)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: ``profile``, ``payoffs``, ``max_regret`` and exact strings."""
        out: dict[str, Any] = dict(self.profile.to_dict())
        out["payoffs"] = [number_to_json(v) for v in self.payoffs.values()]
        out["max_regret"] = number_to_json(self.max_regret)
        out["concept"] = str(self.concept)
        if self.is_exact and all(isinstance(v, Fraction) for v in self.payoffs.values()):
            exact: dict[str, Any] = {
                "payoffs": [str(v) for v in self.payoffs.values()],
                "max_regret": str(self.max_regret),
            }
            probabilities = getattr(self.profile, "probabilities", None)
            if probabilities is not None and getattr(self.profile, "is_exact", False):
                exact["profile"] = [[str(v) for v in vec] for vec in probabilities]
            if hasattr(self.profile, "exact_json"):
                exact.update(self.profile.exact_json())
            out["exact"] = exact
        return out

    def __repr__(self) -> str:
        return f"Equilibrium({self.profile!r}, max_regret={self.max_regret})"


@dataclass(frozen=True)
class Component:
    """A maximal convex set of equilibria.

    Every profile in which each player mixes over the listed extreme strategies (any
    convex combination, independently across players) is an equilibrium. ``equilibria``
    are the indices, in the result, of the extreme equilibria it contains. Two-player
    enumeration lists every maximal convex set (isolated equilibria as one-member sets);
    the n-player solver lists the polytopes in which one player mixes while the others
    play pure (:mod:`strategy.solvers.nplayer.enumeration`).
    """

    equilibria: tuple[int, ...]
    extreme_strategies: Mapping[str, tuple[Mapping[str, Any], ...]]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (with exact strings under ``exact`` when the numbers are fractions)."""
        out: dict[str, Any] = {
            "equilibria": list(self.equilibria),
            "extreme_strategies": {
                player: [{a: number_to_json(p) for a, p in strategy.items()} for strategy in strategies]
                for player, strategies in self.extreme_strategies.items()
            },
        }
        values = [p for strategies in self.extreme_strategies.values() for s in strategies for p in s.values()]
        if values and all(isinstance(p, int | Fraction) for p in values):
            out["exact"] = {
                player: [{a: str(p) for a, p in strategy.items()} for strategy in strategies]
                for player, strategies in self.extreme_strategies.items()
            }
        return out


@dataclass(frozen=True)
class SolveResult(Sequence[Equilibrium]):
    """The equilibria a solver found, and the facts about how they were found.

    Behaves as a read-only sequence of :class:`Equilibrium`.
    """

    game: Any = field(repr=False)
    equilibria: tuple[Equilibrium, ...]
    method: str
    guarantee: Guarantee
    options: Mapping[str, Any] = field(default_factory=dict)
    degenerate: bool | None = None
    components: tuple[Component, ...] = ()
    notes: tuple[str, ...] = ()
    spe: Any = field(default=None, repr=False, compare=False)
    """Backward induction's :class:`~strategy.solvers.trees.backward_induction.SPESet` (every
    pure subgame-perfect equilibrium, counted and listable past the cap); ``None`` otherwise."""

    @overload
    def __getitem__(self, index: int) -> Equilibrium: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Equilibrium]: ...
    def __getitem__(self, index: int | slice) -> Equilibrium | Sequence[Equilibrium]:
        return self.equilibria[index]

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    @property
    def exhaustive(self) -> bool:
        """Whether the method guarantees that no equilibrium is missing."""
        return self.guarantee in (Guarantee.ALL, Guarantee.ALL_EXTREME)

    def max_regret(self) -> float:
        """Return the largest certificate over all equilibria (0 if there are none)."""
        return max((float(e.max_regret) for e in self.equilibria), default=0.0)

    def certified(self, *, tol: float = DEFAULT_TOL) -> bool:
        """Whether every equilibrium's certificate is zero (exact) or within tolerance."""
        limit = scale_tolerance(getattr(self.game, "payoffs", [1.0]), tol)
        return all(
            (e.max_regret == 0) if isinstance(e.max_regret, Fraction) else float(e.max_regret) <= limit
            for e in self.equilibria
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON contract of ``strategy solve --json``.

        Keys: ``players`` (names), ``strategies`` (labels per player), ``equilibria``
        (each with ``profile`` -- one probability list per player in file order -- and
        ``payoffs``, one number per player), plus ``method``, ``guarantee``,
        ``degenerate``, ``components`` and ``notes``.
        """
        game = self.game
        out: dict[str, Any] = {"players": list(game.player_names)}
        if hasattr(game, "players") and all(hasattr(p, "actions") for p in game.players):
            out["strategies"] = [list(p.actions) for p in game.players]
        out.update(
            {
                "method": self.method,
                "guarantee": str(self.guarantee),
                "exhaustive": self.exhaustive,
                "degenerate": self.degenerate,
                "equilibria": [e.to_dict() for e in self.equilibria],
                "components": [c.to_dict() for c in self.components],
                "notes": list(self.notes),
            }
        )
        return out

    def _repr_html_(self) -> str:
        from strategy.forms.rendering import render

        return render(self, "html")

    def __str__(self) -> str:
        """Each equilibrium with its probabilities, payoffs and certificate (see
        :func:`strategy.display.text.format_result`)."""
        from strategy.forms.rendering import render

        return render(self)

    def __repr__(self) -> str:
        return (
            f"<SolveResult {self.method}: {len(self)} equilibria, guarantee={self.guarantee.value!r}, "
            f"degenerate={self.degenerate}>"
        )


def number_to_json(value: Any) -> float | int:
    """Return a JSON number for an exact or float value (ints stay ints)."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return float(value)
