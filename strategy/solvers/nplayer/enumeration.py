r"""Nash equilibria of games with three or more players, by support enumeration.

A profile :math:`\sigma` with supports :math:`S = (S_0, \dots, S_{n-1})` is a Nash
equilibrium iff (i) each player *i* is indifferent over :math:`S_i`,
:math:`v_i(a, \sigma_{-i}) = w_i` for :math:`a \in S_i`, (ii) the probabilities are
positive on :math:`S_i` and sum to one, and (iii) no action outside :math:`S_i` earns
more than :math:`w_i`. Condition (i) is a square system of polynomial equations,
multilinear in the other players' strategies.

**Method** (Porter, Nudelman and Shoham 2008 [PNS08]_). Support profiles are visited by
increasing total size, balanced ones first; a profile is skipped when some action of
:math:`S_i` is strictly dominated by another action of player *i* against the opponents'
supports, or by a mixture of two other actions (conditional dominance; with three actions
this is every mixed-strategy domination), decided for all profiles at once per player.
For each remaining profile:

* one player mixes: its actions must tie against the pure others, and its mixture ranges
  over the polytope where no pure opponent gains (every constraint is linear in it); its
  vertices are enumerated. One vertex is an isolated equilibrium; more span a continuum,
  reported as a :class:`~strategy.solvers.result.Component` (every mixture of its extreme
  strategies is an equilibrium), also when each vertex was already found on a smaller
  support (the minority game's segments have pure endpoints);
* two players mix: the system decouples into linear systems (player *j*'s
  indifference fixes player *k*'s mixture and vice versa), solved in closed form for two
  actions each and by rank-revealing linear algebra otherwise; a rank deficiency means a
  continuum of solutions;
* exactly three players mix, two actions each (any number of pure players): the system
  reduces in closed form to a quadratic in one unknown (exact degeneracy tests in
  integers; degenerate cases go to the Groebner route);
* two players mix two actions and a third mixes three: the third player's two equations
  involve only the binary players' probabilities, a quadratic after eliminating one;
  the third player's strategy then solves a 3x3 linear system (closed form, at most two
  candidates);
* one player mixes two actions and two mix equally many: Cramer's rule gives the two
  players' strategies as polynomials in the binary player's probability, whose own
  equation is then univariate (closed form);
* exactly three players mix with more unknowns, two of them with equally many actions and
  the third with at most three: the two players' strategies are eliminated by Cramer's rule
  and the third's found from a univariate polynomial or a resultant
  (:mod:`strategy.solvers.nplayer._elimination`); points where an elimination is singular are
  examined separately, and a vanishing elimination falls through to the next routes;
  likewise four players mixing two actions each (two probabilities eliminated, a
  resultant in the other two);
* three or more players mix, with at most ``exact_unknowns`` unknowns: a lex Groebner
  basis of the exact system (sympy, over the rationals) decides whether the solution set is
  finite; its real points are found by back-substitution and polished by Newton;
* larger systems: damped Newton from many starting points in the simplex (a numerical
  method: solutions may be missed, and the result says so).

On random 3x3x3 and 2x2x2x2 games this finds every equilibrium pygambit's ``enumpoly``
finds and often more (confirmed by pygambit's own regret; our counts are odd, as they must be for
nondegenerate games), with guarantee ``all`` unless a continuum is met.

Every candidate is first made exact when it is rational (``limit_denominator`` then
an exact check), and is kept only if its **certificate**, the maximum regret recomputed
by :meth:`Equilibrium.certify`, is zero (exact) or within the tolerance (floats).

On random 3x3x3 games this is faster than pygambit's ``enumpoly`` (12.1 against 14.4 ms
per game, ``benchmarks/bench_nplayer.py``); on 2x2x2 and 2x2x2x2 games, where the work
per game is small, Python's per-support overhead leaves it 2.5-3.5 times slower.

**Completeness.** The guarantee is ``all`` only when every support profile was solved
completely (linear or zero-dimensional Groebner) and no continuum was met;
``all extreme + components`` when, in addition, the only continua are the one-mixer
polytopes above (every equilibrium is then listed or lies in a listed component, and each
component is a maximal convex set: a larger one would need a second mixing player, a
continuum of the next kind); otherwise ``some``, with notes saying what cannot be
guaranteed: continua where two or more players mix (a rank-deficient linear system, or a
Groebner basis that is not zero-dimensional; the pure players' constraints there are
polynomial, so only sample points are reported), numerical systems, the time budget.

References
----------
.. [PNS08] R. Porter, E. Nudelman, Y. Shoham, "Simple search methods for finding a Nash
   equilibrium", *Games and Economic Behavior* 63 (2008) 642-662.
.. [MM96] R. D. McKelvey, A. McLennan, "Computation of equilibria in finite games",
   *Handbook of Computational Economics* I (1996) 87-142.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import MixedProfile
from strategy.numbers import DEFAULT_TOL
from strategy.solvers.nplayer import batch
from strategy.solvers.nplayer.continua import polytope_components
from strategy.solvers.nplayer.pool import CandidatePool
from strategy.solvers.nplayer.supports import alive, pns_order
from strategy.solvers.nplayer.systems import SupportSolver
from strategy.solvers.result import Component, Equilibrium, Guarantee, SolveResult

__all__ = ["MAX_SUPPORT_PROFILES", "nplayer_equilibria"]

MAX_SUPPORT_PROFILES = 500_000
"""Games with more support profiles are first reduced by strict dominance, then refused."""


def nplayer_equilibria(
    game: NormalFormGame,
    *,
    tol: float = DEFAULT_TOL,
    max_supports: int | None = None,
    time_limit: float = 60.0,
    exact_unknowns: int = 3,
    starts: int = 24,
    seed: int = 0,
) -> SolveResult:
    """Find the Nash equilibria of a small game with any number of players.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players (two-player games work too, but vertex enumeration is
        faster and complete on degenerate games).
    tol : float
        Relative tolerance for float certificates.
    max_supports : int, optional
        Visit at most this many support profiles (in PNS order).
    time_limit : float
        Stop after this many seconds (checked between support profiles).
    exact_unknowns : int
        Systems with at most this many unknowns and three or more mixing players are
        solved through an exact lex Groebner basis (complete); larger ones by multistart
        Newton (may miss solutions).
    starts : int
        Number of Newton starting points per numerically solved support profile.
    seed : int
        Seed of the starting points (results are reproducible).

    Returns
    -------
    SolveResult
        ``guarantee`` is ``all`` when every support system was solved completely and the
        game has finitely many equilibria; ``all extreme + components`` when the only
        continua are polytopes in which one player mixes against pure play (listed in
        ``components``); ``some`` otherwise, with the reasons in ``notes``.

    Examples
    --------
    Three players each choosing heads or tails; player 1 wants to match player 2, player 2
    to match player 3, player 3 to mismatch player 1. The unique equilibrium is uniform.

    >>> import numpy as np
    >>> from strategy.forms.normal import NormalFormGame
    >>> a = np.zeros((3, 2, 2, 2), dtype=int)
    >>> for p, q, r in np.ndindex(2, 2, 2):
    ...     a[:, p, q, r] = [1 if p == q else -1, 1 if q == r else -1, 1 if r != p else -1]
    >>> game = NormalFormGame([(name, ("H", "T")) for name in "ABC"], a)
    >>> result = nplayer_equilibria(game)
    >>> [e.profile.as_floats() for e in result], str(result.guarantee)
    ([[[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]], 'all')
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"nplayer_equilibria needs a NormalFormGame; got {type(game).__name__}")
    if exact_unknowns < 0 or starts < 1:
        raise InvalidGameError("nplayer_equilibria: exact_unknowns must be >= 0 and starts >= 1")
    if _support_profiles(game.shape) > MAX_SUPPORT_PROFILES:
        return _after_pure_elimination(
            game,
            tol=tol,
            max_supports=max_supports,
            time_limit=time_limit,
            exact_unknowns=exact_unknowns,
            starts=starts,
            seed=seed,
        )
    pool = CandidatePool(game, tol=tol)
    search = SupportSolver(pool, exact_unknowns=exact_unknowns, starts=starts, seed=seed)
    began = time.perf_counter()
    order = pns_order(game.shape)
    limit = len(order) if max_supports is None else min(max_supports, len(order))
    survives = alive(game.payoffs, pool.slack)
    survives[limit:] = False
    batched = _batched(pool, survives)
    stopped = f"stopped after max_supports={max_supports} support profiles" if limit < len(order) else ""
    visited = limit
    for position in np.flatnonzero(survives).tolist():
        if position in batched:  # solved already: its candidates are certified here, in PNS order
            for candidate in batched[position]:
                pool.admit(candidate)
            continue
        if time.perf_counter() - began > time_limit:
            stopped, visited = f"stopped after the time limit of {time_limit} s", position
            break
        search.solve(order[position])
    notes = []
    if stopped:
        notes.append(stopped + f" ({visited} support profiles visited); there may be other equilibria")
    if search.numerical:
        notes.append(
            f"{search.numerical} support systems with more than {exact_unknowns} unknowns were solved "
            f"numerically (Newton from {starts} starts each): equilibria may be missed; "
            "raise exact_unknowns for a complete (slower) exact search"
        )
    if search.unsampled:
        notes.append(
            f"{search.unsampled} support profiles have a continuum of solutions to their indifference equations "
            "(degenerate game); sample points of them were not equilibria, but other points may be"
        )
    if search.continua:
        labels = [
            {p.name: [p.actions[a] for a in s] for p, s in zip(game.players, sup, strict=True)}
            for sup in search.continua[:5]
        ]
        notes.append(
            f"continua of equilibria (degenerate game) on {len(search.continua)} support profiles, e.g. {labels}; "
            "sample points of them are reported, not the whole sets"
        )
    components = polytope_components(game, search.polytopes, pool.equilibria)
    if components:
        notes.append(
            f"{len(components)} continua of equilibria (degenerate game): in each, one player mixes freely over a "
            "polytope while the others play pure; every mixture of its extreme strategies is an equilibrium"
        )
    complete = search.complete and not stopped
    guarantee = Guarantee.SOME if not complete else Guarantee.ALL_EXTREME if components else Guarantee.ALL
    return SolveResult(
        game,
        tuple(pool.equilibria),
        method="nplayer",
        guarantee=guarantee,
        options={
            "tol": tol,
            "max_supports": max_supports,
            "time_limit": time_limit,
            "exact_unknowns": exact_unknowns,
            "starts": starts,
            "seed": seed,
        },
        degenerate=True if search.continua or components else None,
        components=components,
        notes=tuple(notes),
    )


"""Games with more support profiles are first reduced by strict dominance, then refused."""


def _batched(pool: CandidatePool, survives: np.ndarray) -> dict[int, list[np.ndarray]]:
    """The support profiles solved by the kernels of :mod:`.batch` (by PNS position), each
    with its screened candidates; the others are left to the general route."""
    solved, owners, full = batch.candidates(pool.game.payoffs, survives, pool.slack)
    out: dict[int, list[np.ndarray]] = {int(p): [] for p in solved}
    if len(owners):
        ok, profiles = pool.screen(full)
        for m in np.flatnonzero(ok):
            out[int(owners[m])].append(profiles[m])
    return out


def _support_profiles(shape: tuple[int, ...]) -> int:
    r"""The number of support profiles, :math:`\prod_i (2^{m_i} - 1)`."""
    return math.prod(2**m - 1 for m in shape)


def _after_pure_elimination(game: NormalFormGame, **options: Any) -> SolveResult:
    """Solve a large game on what survives iterated strict dominance by pure actions.

    No equilibrium gives positive probability to a strictly dominated action, so the
    equilibria of the reduced game, padded with zeros, are exactly those of the game
    (certified again in the full game). Refuses, with the alternatives, when even the
    reduced game has too many support profiles.
    """
    from strategy.solvers.dominance import eliminate_dominated

    elimination = eliminate_dominated(game, mixed=False, tol=options["tol"])
    reduced = elimination.game
    count = _support_profiles(reduced.shape)
    size, left = ("x".join(map(str, g.shape)) for g in (game, reduced))
    if count > MAX_SUPPORT_PROFILES:
        raise UnsupportedGameError(
            f"nplayer: every equilibrium of a {size} game is out of reach: after removing strictly dominated "
            f"actions it is {left}, with about 10^{len(str(count)) - 1} support profiles to examine (the limit is "
            f"{MAX_SUPPORT_PROFILES:,}). For one equilibrium use method 'simpdiv' or 'qre', for the pure ones "
            "'pure'; for a game tree, concept 'spe'."
        )
    inner = nplayer_equilibria(reduced, **options)
    keep = [[p.actions.index(a) for a in r.actions] for p, r in zip(game.players, reduced.players, strict=True)]
    found = []
    for eq in inner:
        vectors = []
        for player, idx, vec in zip(game.players, keep, eq.profile.probabilities, strict=True):
            zero = Fraction(0) if vec.dtype == object else 0.0
            full = np.array([zero] * player.n_actions, dtype=vec.dtype)
            full[idx] = vec
            vectors.append(full)
        found.append(Equilibrium.certify(MixedProfile(game, tuple(vectors))))
    components = tuple(
        Component(
            c.equilibria,
            {
                player.name: tuple(
                    {a: strategy.get(a, Fraction(0)) for a in player.actions}
                    for strategy in c.extreme_strategies[player.name]
                )
                for player in game.players
            },
        )
        for c in inner.components
    )
    return SolveResult(
        game,
        tuple(found),
        method="nplayer",
        guarantee=inner.guarantee,
        options=inner.options,
        degenerate=inner.degenerate,
        components=components,
        notes=(
            (
                f"{len(elimination.steps)} strictly dominated actions removed first ({size} -> {left}); "
                "no equilibrium uses them"
            ),
            *elimination.notes,
            *inner.notes,
        ),
    )
