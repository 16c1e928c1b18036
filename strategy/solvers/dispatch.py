"""One entry point, :func:`solve`, that picks a method and records its choice.

``METHODS`` is the explicit registry of normal-form solvers (no registration by import
side effects). ``method="auto"`` chooses:

* two players: all equilibria by vertex enumeration (``"vertex_enumeration"``), exact
  when the payoffs are exact, complete on degenerate games (extreme points + components);
* zero-sum two-player games are still solved by vertex enumeration (it returns *all* optimal
  strategies); call :func:`~strategy.solvers.zero_sum.zero_sum_lp` for the value alone;
* three or more players: all equilibria of small games (``"nplayer"``);
* anything else: pure equilibria.

The method actually used is ``result.method``; a note records that it was chosen
automatically.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from strategy.errors import UnknownLabelError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.solvers.result import SolveResult

__all__ = ["METHODS", "solve"]

Solver = Callable[..., SolveResult]


def _registry() -> Mapping[str, Solver]:
    from strategy.solvers import pure, vertex_enumeration

    methods: dict[str, Solver] = {
        "pure": pure.pure_equilibria,
        "vertex_enumeration": vertex_enumeration.vertex_enumeration,
    }
    try:  # the families below are added as they land; each is one import
        from strategy.solvers import enumeration

        methods["enumeration"] = enumeration.enumerate_equilibria
    except ImportError:  # pragma: no cover - during development only
        pass
    try:
        from strategy.solvers import lemke_howson

        methods["lemke_howson"] = lemke_howson.lemke_howson
    except ImportError:  # pragma: no cover
        pass
    try:
        from strategy.solvers import zero_sum

        methods["zero_sum_lp"] = zero_sum.zero_sum_lp
    except ImportError:  # pragma: no cover
        pass
    try:
        from strategy.solvers import nplayer

        methods.update(nplayer.METHODS)
    except ImportError:  # pragma: no cover
        pass
    return MappingProxyType(methods)


METHODS: Mapping[str, Solver] = _registry()
"""Method name -> solver function; every solver takes ``(game, **options)``."""


def _choose(game: NormalFormGame) -> str:
    if game.n_players == 2:
        return "vertex_enumeration"
    if game.n_players >= 3 and "nplayer" in METHODS:
        return "nplayer"
    return "pure"


def solve(game: Any, method: str = "auto", **options: Any) -> SolveResult:
    """Solve `game` with `method`; ``"auto"`` picks one by the kind of game.

    Parameters
    ----------
    game : NormalFormGame
        The game (trees are handled by :func:`strategy.solvers.sequential.solve_tree`).
    method : str
        ``"auto"`` or a key of :data:`METHODS`.
    **options
        Passed to the solver (for example ``tol``).

    Examples
    --------
    >>> from strategy.forms.normal import NormalFormGame
    >>> stag = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]],
    ...     actions=(("Stag", "Hare"), ("Stag", "Hare")))
    >>> len(solve(stag)) >= 2
    True
    """
    if not isinstance(game, NormalFormGame):
        solver = getattr(game, "_solve_default", None)
        if solver is None:
            raise UnsupportedGameError(f"solve() does not know how to solve a {type(game).__name__}")
        return solver(method=method, **options)
    if method == "auto":
        chosen = _choose(game)
        result = METHODS[chosen](game, **options)
        return replace(result, notes=(*result.notes, f"method {chosen!r} chosen automatically"))
    if method not in METHODS:
        raise UnknownLabelError("method", method, ["auto", *METHODS])
    return METHODS[method](game, **options)
