"""An Idlib case: a game of the family on the shared parameter registry and scenarios.

Every Idlib case reads the one :data:`games.idlib.params.SPACE` and offers the scenarios of
:mod:`games.idlib.scenarios`, ``offensive_2019`` by default, so that a scenario means the
same parameter values in every game of the family.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from games.idlib.params import SPACE
from games.idlib.scenarios import DEFAULT_SCENARIO, SCENARIOS
from strategy import Case, Values

__all__ = ["idlib_case"]


def idlib_case(
    name: str,
    title: str,
    build: Callable[[Values], Any],
    *,
    description: str | None,
    solve: Callable[[Any], Any] | None = None,
) -> Case:
    """The :class:`strategy.Case` `name` on the Idlib registry and scenarios.

    `description` is the text a report shows (a module's or a builder's docstring);
    `solve` the concept the case is about, ``None`` for :func:`strategy.solve`.
    """
    return Case(
        name=name,
        title=title,
        build=build,
        space=SPACE,
        scenarios=SCENARIOS,
        default_scenario=DEFAULT_SCENARIO,
        description=description or "",
        solve=solve,
    )
