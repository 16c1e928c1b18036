"""The nodes of a game tree (decision, chance, terminal), their builders and node paths.

:class:`~strategy.forms.extensive.ExtensiveFormGame` wraps a root node built from these and
validates the whole tree once; the nodes themselves are immutable values.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Union, overload

from strategy.errors import InvalidGameError
from strategy.numbers import is_exact_value, to_fraction

__all__ = [
    "CHANCE",
    "PATH_LABEL_DEPTH",
    "Chance",
    "Decision",
    "Node",
    "NodePaths",
    "Terminal",
    "chance",
    "decide",
    "gc_paused",
    "leaf",
    "path_label",
]

CHANCE = "chance"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large acyclic tree is built.

    Each collection walks every live container, so with it running, building a tree of
    n nodes costs about n^2 / 700 visits; trees hold no reference cycles, so nothing is
    left uncollected.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _number(x: Any, where: str) -> Fraction | float:
    if type(x) is Fraction:
        return x
    if is_exact_value(x):
        return to_fraction(x)
    if isinstance(x, bool) or not isinstance(x, int | float):
        try:
            x = float(x)
        except (TypeError, ValueError):
            raise InvalidGameError(f"{where}: {x!r} is not a number") from None
    if not math.isfinite(float(x)):
        raise InvalidGameError(f"{where}: {x!r} is not a finite number")
    return float(x)


@dataclass(frozen=True, eq=False)
class Terminal:
    """A leaf: the payoff of every player."""

    payoffs: Mapping[str, Any]
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "payoffs", MappingProxyType(dict(self.payoffs)))


@dataclass(frozen=True, eq=False)
class Decision:
    """A node where `player` chooses one of `moves` (action label -> child node)."""

    player: str
    moves: Mapping[str, Node]
    infoset: str | None = None
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "moves", MappingProxyType(dict(self.moves)))


@dataclass(frozen=True, eq=False)
class Chance:
    """A move of nature: outcome label -> (probability, child node)."""

    outcomes: Mapping[str, tuple[Any, Node]]
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "outcomes", MappingProxyType({k: tuple(v) for k, v in dict(self.outcomes).items()}))


Node = Union[Decision, Chance, Terminal]  # noqa: UP007 -- runtime alias used in annotations


def decide(player: str, *, infoset: str | None = None, label: str = "", **moves: Node) -> Decision:
    """Return ``Decision(player, moves, infoset, label)``; moves given as keywords."""
    return Decision(player, moves, infoset, label)


def leaf(label: str = "", **payoffs: Any) -> Terminal:
    """Return a :class:`Terminal` paying each player given as a keyword."""
    return Terminal(payoffs, label)


def chance(label: str = "", **outcomes: tuple[Any, Node]) -> Chance:
    """Return a :class:`Chance` node; each keyword maps to ``(probability, child)``."""
    return Chance(outcomes, label)


def path_label(path: tuple[str, ...]) -> str:
    """Return the readable name of a node path: ``"A > B"``, or ``"root"``."""
    return " > ".join(path) if path else "root"


PATH_LABEL_DEPTH = 64
"""An unnamed decision node deeper than this is labelled ``"node k"`` (its preorder index)
rather than by its path, so labelling a deep tree stays linear in its size."""


def _path(parents: tuple[int, ...] | list[int], into: tuple[str, ...] | list[str], k: int) -> tuple[str, ...]:
    out = []
    while k > 0:
        out.append(into[k])
        k = parents[k]
    return tuple(reversed(out))


class NodePaths(Sequence[tuple[str, ...]]):
    """The path of every node (actions from the root), spelled out only when asked.

    ``paths[k]`` walks from node `k` up to the root, so it costs the depth of `k`; the
    tree itself stores one parent and one move per node (memory linear in the size of
    the tree, not in size times depth).
    """

    def __init__(self, parents: tuple[int, ...], into: tuple[str, ...]) -> None:
        self._parents = parents
        self._into = into

    def __len__(self) -> int:
        return len(self._parents)

    @overload
    def __getitem__(self, k: int) -> tuple[str, ...]: ...

    @overload
    def __getitem__(self, k: slice) -> list[tuple[str, ...]]: ...

    def __getitem__(self, k: int | slice) -> tuple[str, ...] | list[tuple[str, ...]]:
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        if not -len(self) <= k < len(self):
            raise IndexError(k)
        return _path(self._parents, self._into, k % len(self))

    def move(self, k: int) -> str:
        """The action leading to node `k` (``""`` at the root)."""
        return self._into[k]
