"""Parametric normal-form games: payoffs as array expressions of named parameters.

A :class:`ParametricGame` is a fixed set of labelled players and actions plus a payoff
function of :class:`~strategy.sensitivity.parameters.Values`. The function returns
either nested sequences of shape ``(n_players, n_0, ..., n_{n-1})`` or a table
``{(action_0, ..., action_{n-1}): (u_0, ..., u_{n-1})}``; every entry may be a float or an
array of the batch shape. So one call on arrays of parameter values yields a whole batch
of payoff arrays, of shape ``(*batch, n_players, n_0, ...)``, which the batched kernels
solve with array operations.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from strategy.errors import InvalidGameError
from strategy.forms.normal import NormalFormGame, PlayerSpec
from strategy.forms.players import Player, as_players
from strategy.sensitivity.parameters import ParameterSpace, Values

__all__ = ["ParametricGame"]


@dataclass(frozen=True)
class ParametricGame:
    """A normal-form game whose payoffs are functions of named parameters.

    Examples
    --------
    >>> from strategy.sensitivity.parameters import Parameter, ParameterSpace
    >>> space = ParameterSpace((Parameter("t", 5.0, 3.0, 8.0),))
    >>> dilemma = ParametricGame(
    ...     (("Row", ("C", "D")), ("Column", ("C", "D"))),
    ...     lambda p: {("C", "C"): (3, 3), ("C", "D"): (0, p.t), ("D", "C"): (p.t, 0), ("D", "D"): (1, 1)},
    ...     space)
    >>> dilemma.payoff_array(space.values({"t": np.array([2.0, 5.0])})).shape
    (2, 2, 2, 2)
    """

    players: tuple[Player, ...]
    payoff_function: Callable[[Values], Any]
    space: ParameterSpace
    title: str = ""

    if TYPE_CHECKING:  # the generated __init__ also takes (name, actions) pairs, made Players in __post_init__

        def __init__(
            self,
            players: Sequence[PlayerSpec],
            payoff_function: Callable[[Values], Any],
            space: ParameterSpace,
            title: str = "",
        ) -> None: ...

    def __post_init__(self) -> None:
        object.__setattr__(self, "players", as_players(self.players))

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(p.n_actions for p in self.players)

    def payoff_array(self, values: Mapping[str, Any] | None = None) -> np.ndarray:
        """Evaluate the payoffs; return shape ``(*batch, n_players, n_0, ...)`` in float64."""
        vals = values if isinstance(values, Values) else self.space.values(values)
        batch = vals.batch_shape
        raw = self.payoff_function(vals)
        n = len(self.players)
        full_shape = (n, *self.shape)
        out = np.empty((*batch, *full_shape), dtype=np.float64)
        if isinstance(raw, Mapping):
            seen = set()
            for key, payoffs in raw.items():
                index = tuple(p.index(a) for p, a in zip(self.players, key, strict=True))
                seen.add(index)
                if len(payoffs) != n:
                    raise InvalidGameError(f"profile {key} has {len(payoffs)} payoffs; expected {n}")
                for i, value in enumerate(payoffs):
                    at: tuple[Any, ...] = (..., i, *index)
                    out[at] = np.broadcast_to(np.asarray(value, dtype=np.float64), batch)
            missing = [idx for idx in itertools.product(*(range(k) for k in self.shape)) if idx not in seen]
            if missing:
                labels = [tuple(p.actions[a] for p, a in zip(self.players, idx, strict=True)) for idx in missing[:3]]
                raise InvalidGameError(f"the payoff table has no entry for {labels}")
        else:
            cells = np.empty(full_shape, dtype=object)
            try:
                cells[...] = _nested(raw, full_shape)
            except ValueError as err:
                raise InvalidGameError(f"payoffs must have shape {full_shape}: {err}") from None
            for index, value in np.ndenumerate(cells):
                at = (..., *index)
                out[at] = np.broadcast_to(np.asarray(value, dtype=np.float64), batch)
        bad = ~np.isfinite(out)
        if bad.any():
            where = np.argwhere(bad)[0]
            raise InvalidGameError(
                f"payoff {tuple(int(w) for w in where)} is not finite (NaN or infinite) at these parameter values"
            )
        return out

    def game(self, values: Mapping[str, Any] | None = None) -> NormalFormGame:
        """Return the game at scalar parameter values (defaults if None)."""
        array = self.payoff_array(values)
        if array.ndim != len(self.players) + 1:
            raise InvalidGameError("game() needs scalar parameter values; use payoff_array() for a batch")
        return NormalFormGame(self.players, array, title=self.title)


def _nested(raw: Any, shape: tuple[int, ...]) -> np.ndarray:
    cells = np.empty(shape, dtype=object)
    if len(shape) == 1:
        items = list(raw)
        if len(items) != shape[0]:
            raise ValueError(f"expected {shape[0]} entries, got {len(items)}")
        for k, item in enumerate(items):
            cells[k] = item
        return cells
    items = list(raw)
    if len(items) != shape[0]:
        raise ValueError(f"expected {shape[0]} entries, got {len(items)}")
    for k, item in enumerate(items):
        cells[k] = _nested(item, shape[1:])
    return cells
