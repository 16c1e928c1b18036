"""One entry point, :func:`solve`, that picks a method and records its choice.

The methods are the records of :data:`strategy.solvers.registry.METHODS` (no registration by
import side effects). ``method="auto"`` chooses:

* two players: all equilibria by exact enumeration of the feasible bases of the
  best-response polytopes (``"enumeration"``), exact when the payoffs are exact, complete
  on degenerate games (extreme points + components); ``"vertex_enumeration"`` is the
  float-first alternative (qhull vertices, then exact re-verification);
* zero-sum two-player games are still solved by enumeration (it returns *all* optimal
  strategies); call :func:`~strategy.solvers.bimatrix.zero_sum.zero_sum_lp` for the value alone;
* three or more players: all equilibria of small games (``"nplayer"``);
* a concept that one method alone computes (``concept="correlated"``, ``"coarse_correlated"``,
  ``"qre"``): that method;
* ``"sequence_form"`` (never chosen automatically for a matrix) is Lemke's algorithm with
  covering vector on the game's LCP, one equilibrium; on trees it works on the sequence
  form (:mod:`strategy.solvers.trees.sequence_form`);
* anything else: pure equilibria.

A concept that does not apply to the game or the method is refused with the fix
(:func:`~strategy.solvers.registry.check_concept`), never ignored. The method actually used
is ``result.method``; a note records that it was chosen automatically.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from strategy.errors import UnknownLabelError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.solvers.result import Concept, SolveResult

__all__ = ["METHODS", "solve"]

Solver = Callable[..., SolveResult]


if TYPE_CHECKING:
    METHODS: Mapping[str, Solver]
    """Method name -> solver function (every solver takes ``(game, **options)``); the
    functions of :data:`strategy.solvers.registry.METHODS`, each imported on first use here."""


def __getattr__(name: str) -> Any:
    # METHODS imports every solver module: built on first use only.
    if name == "METHODS":
        from strategy.solvers.registry import METHODS as RECORDS

        return MappingProxyType({key: record.load() for key, record in RECORDS.items()})
    raise AttributeError(f"module 'strategy.solvers.dispatch' has no attribute {name!r}")


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
        A tree is solved by :func:`strategy.solvers.trees.sequential.solve_tree` (subgame-perfect
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
    from strategy.solvers.registry import METHODS as RECORDS
    from strategy.solvers.registry import check_concept, parse_concept

    wanted = parse_concept(concept)
    if isinstance(game, ExtensiveFormGame):
        from strategy.solvers.trees.sequential import solve_tree

        method = check_concept(wanted, "tree", method)
        return solve_tree(game, method=method, concept=wanted, **options)
    if isinstance(game, SignallingGame) and wanted != Concept.NASH:
        method = check_concept(wanted, "signalling", method)
        if method == "auto":
            method = "signalling_enumeration"
        return _run(RECORDS, method, game, "signalling", 2, **options)
    if isinstance(game, BayesianGame | SignallingGame):  # Bayes-Nash: Nash equilibria of the ex-ante form
        game = game.normal_form()
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"solve() does not know how to solve a {type(game).__name__}")
    method = check_concept(wanted, "normal", method)
    if method == "auto":
        chosen = _choose(game)
        result = RECORDS[chosen].load()(game, **options)
        return replace(result, notes=(*result.notes, f"method {chosen!r} chosen automatically"))
    return _run(RECORDS, method, game, "normal", game.n_players, **options)


def _run(records: Mapping[str, Any], method: str, game: Any, form: str, n_players: int, **options: Any) -> SolveResult:
    """Run the registered `method` on `game`, refusing a method that does not solve this form or size."""
    record = records.get(method)
    if record is None:
        raise UnknownLabelError("method", method, ["auto", *records])
    refusal = record.refusal(form, n_players)
    if refusal is not None:
        usable = [m for m, r in records.items() if r.refusal(form, n_players) is None]
        raise UnsupportedGameError(f"{refusal}; for this game use method 'auto' or one of {', '.join(usable)}")
    result: SolveResult = record.load()(game, **options)
    return result
