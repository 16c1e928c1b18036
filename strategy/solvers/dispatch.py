"""One entry point, :func:`solve`, that picks a method and records its choice.

``METHODS`` is the explicit registry of normal-form solvers (no registration by import
side effects). ``method="auto"`` chooses:

* two players: all equilibria by exact enumeration of the feasible bases of the
  best-response polytopes (``"enumeration"``), exact when the payoffs are exact, complete
  on degenerate games (extreme points + components); ``"vertex_enumeration"`` is the
  float-first alternative (qhull vertices, then exact re-verification);
* zero-sum two-player games are still solved by enumeration (it returns *all* optimal
  strategies); call :func:`~strategy.solvers.zero_sum.zero_sum_lp` for the value alone;
* three or more players: all equilibria of small games (``"nplayer"``);
* ``"sequence_form"`` (never chosen automatically for a matrix) is Lemke's algorithm with
  covering vector on the game's LCP, one equilibrium; on trees it works on the sequence
  form (:mod:`strategy.solvers.sequence_form`);
* anything else: pure equilibria.

The method actually used is ``result.method``; a note records that it was chosen
automatically.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from strategy.errors import UnknownLabelError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.solvers.result import SolveResult

__all__ = ["METHODS", "solve"]

Solver = Callable[..., SolveResult]


@cache
def _registry() -> Mapping[str, Solver]:
    # Import the functions from their modules: the package re-exports `lemke_howson` and
    # `vertex_enumeration` as functions that shadow the modules of the same name.
    from strategy.solvers.enumeration import enumerate_equilibria
    from strategy.solvers.lemke_howson import lemke_howson
    from strategy.solvers.nplayer import METHODS as NPLAYER_METHODS
    from strategy.solvers.pure import pure_equilibria
    from strategy.solvers.sequence_form import sequence_form_lemke
    from strategy.solvers.vertex_enumeration import vertex_enumeration
    from strategy.solvers.zero_sum import zero_sum_lp

    return MappingProxyType(
        {
            "pure": pure_equilibria,
            "enumeration": enumerate_equilibria,
            "vertex_enumeration": vertex_enumeration,
            "lemke_howson": lemke_howson,
            "zero_sum_lp": zero_sum_lp,
            "sequence_form": sequence_form_lemke,
            **NPLAYER_METHODS,
        }
    )


if TYPE_CHECKING:
    METHODS: Mapping[str, Solver]
    """Method name -> solver function; every solver takes ``(game, **options)``."""


def __getattr__(name: str) -> Any:
    # METHODS is built on first use: building it imports every solver module.
    if name == "METHODS":
        return _registry()
    raise AttributeError(f"module 'strategy.solvers.dispatch' has no attribute {name!r}")


def _solver(name: str) -> Solver:
    """The solver `name` of :func:`_choose`, imported alone (not the whole registry)."""
    if name == "enumeration":
        from strategy.solvers.enumeration import enumerate_equilibria

        return enumerate_equilibria
    if name == "nplayer":
        from strategy.solvers.nplayer import nplayer_equilibria

        return nplayer_equilibria
    return _registry()[name]


def _choose(game: NormalFormGame) -> str:
    if game.n_players == 2:
        return "enumeration"
    if game.n_players >= 3:
        return "nplayer"
    return "pure"


def solve(game: Any, method: str = "auto", *, concept: Any = None, **options: Any) -> SolveResult:
    """Solve `game` with `method`; ``"auto"`` picks one by the kind of game.

    Parameters
    ----------
    game : NormalFormGame, ExtensiveFormGame, BayesianGame or SignallingGame
        A tree is solved by :func:`strategy.solvers.sequential.solve_tree` (subgame-perfect
        by default); a signalling game for its perfect Bayesian equilibria; a Bayesian game
        (or a signalling game with ``concept="nash"``) for the Nash equilibria of its ex-ante
        normal form.
    method : str
        ``"auto"`` or a key of :data:`METHODS`.
    concept : str, optional
        ``"spe"`` or ``"nash"`` for trees, ``"pbe"`` or ``"nash"`` for signalling games.
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
    from strategy.forms.bayesian import BayesianGame, SignallingGame
    from strategy.forms.extensive import ExtensiveFormGame

    if isinstance(game, ExtensiveFormGame):
        from strategy.solvers.sequential import solve_tree

        return solve_tree(game, method=method, concept=concept, **options)
    if isinstance(game, SignallingGame) and (concept is None or str(concept) != "nash"):
        if method not in ("auto", "signalling_enumeration"):
            raise UnknownLabelError("method", method, ["auto", "signalling_enumeration"], "for a signalling game")
        from strategy.solvers.signalling import perfect_bayesian_equilibria

        return perfect_bayesian_equilibria(game, **options)
    if isinstance(game, BayesianGame | SignallingGame):  # Bayes-Nash: Nash equilibria of the ex-ante form
        game = game.normal_form()
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"solve() does not know how to solve a {type(game).__name__}")
    if method == "auto":
        chosen = _choose(game)
        result = _solver(chosen)(game, **options)
        return replace(result, notes=(*result.notes, f"method {chosen!r} chosen automatically"))
    methods = _registry()
    if method not in methods:
        raise UnknownLabelError("method", method, ["auto", *methods])
    return methods[method](game, **options)
