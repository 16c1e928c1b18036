"""Which parameters a model actually reads.

A parameter space is often shared by a family of games (the Idlib registry serves ten
cases), and a game reads only some of it. Sampling the others adds nothing but noise and
cost, so the Monte Carlo analyses sample only :func:`used_parameters`: the names the
model's payoff function or ``build`` reads when it is evaluated once at the base values
(every read goes through :class:`~strategy.sensitivity.parameters.Values`, which records
it). A parameter read only on a branch not taken at the base values would be missed; the
models of this toolkit read their parameters unconditionally.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from strategy.sensitivity.parameters import Values

__all__ = ["used_parameters"]


class _Recording(Values):
    """Values that note every name read."""

    __slots__ = ("_seen",)

    def __init__(self, data: Mapping[str, Any], seen: set[str]) -> None:
        super().__init__(data)
        object.__setattr__(self, "_seen", seen)

    def __getitem__(self, name: str) -> Any:
        self._seen.add(name)
        return super().__getitem__(name)


def used_parameters(model: Any, base: Mapping[str, Any] | None = None, scenario: str | None = None) -> tuple[str, ...]:
    """The parameters `model` reads, in the declaration order of its space.

    `model` is a ParametricGame (its ``payoff_array`` is evaluated) or a Case (its ``build``).

    >>> from strategy.sensitivity.parameters import Parameter, ParameterSpace
    >>> from strategy.sensitivity.parametric import ParametricGame
    >>> space = ParameterSpace((Parameter("t", 5.0, 0, 8), Parameter("unused", 1.0, 0, 2)))
    >>> g = ParametricGame((("R", ("C", "D")), ("C", ("C", "D"))),
    ...     lambda p: {("C", "C"): (3, 3), ("C", "D"): (0, p.t), ("D", "C"): (p.t, 0), ("D", "D"): (1, 1)}, space)
    >>> used_parameters(g)
    ('t',)
    """
    from strategy.sensitivity.model import base_values, model_space, parametric_of

    space = model_space(model)
    seen: set[str] = set()
    values = _Recording(base_values(model, base, scenario), seen)
    target = parametric_of(model)
    if hasattr(target, "payoff_array"):
        target.payoff_array(values)
    else:
        model.build(values)
    return tuple(n for n in space.names if n in seen)
