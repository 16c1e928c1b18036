r"""All Nash equilibria of two-player games, complete and certified (method ``"enumeration"``).

Notation after von Stengel (2007). Shift and scale each player's payoffs to positive
integers (a positive affine change, which leaves the equilibria unchanged) and write
:math:`A` (row player, :math:`m \times n`) and :math:`B` (column player). The
best-response polytopes are

.. math::

   P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
   Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\}.

A point :math:`x \in P` has label :math:`i` if :math:`x_i = 0` and label :math:`m + j` if
:math:`(B^\top x)_j = 1` (column *j* is a best reply to *x*); :math:`y \in Q` has label
:math:`i` if :math:`(A y)_i = 1` and :math:`m + j` if :math:`y_j = 0`. The extreme Nash
equilibria are exactly the completely labelled vertex pairs :math:`(x, y) \ne (0, 0)`,
rescaled to probabilities (Theorem 3.4 of von Stengel 2007; for degenerate games Avis, Rosenberg, Savani and von Stengel 2010).

**Exact mode** (default for integer or Fraction payoffs). Every vertex of :math:`P` and
:math:`Q` is enumerated by a search over *all* feasible bases
(:mod:`strategy.solvers.bimatrix.polytope`; the feasible-basis graph is connected also for
degenerate polytopes, so no vertex is missed), each with its exact label set. Each
pivoting decision is made either in fraction-free integer arithmetic or by a batched
floating-point step that carries a rigorous error bound and proves the decision (a
decision it cannot prove, such as a tie, goes to the integers). Complete label pairs are
the extreme equilibria; their coordinates are solved in integers and each is certified
by its exact maximum regret (0). So the answer is complete *and* exact.

**Degeneracy** is decided exactly: the game is degenerate iff some vertex of :math:`P`
has more than :math:`m` labels or some vertex of :math:`Q` more than :math:`n`
(Definition 3.2 and Proposition 3.3 of von Stengel 2007; a point with too many labels lies on a
face that contains a vertex with at least as many).

**Components** are the maximal convex sets of equilibria: the maximal bicliques of the
bipartite graph joining extreme strategies :math:`x_i \sim y_j` when :math:`(x_i, y_j)`
is an equilibrium (the clique method of Avis et al. 2010, as in Game Theory Explorer). The
guarantee is ``all`` when every component is a single point (finitely many equilibria,
all found) and ``all extreme + components`` otherwise.

**Float mode** (float payoffs, or ``exact=False``) uses floating-point vertex enumeration
(qhull halfspace intersection, as QuantEcon does) with the tolerance of
:mod:`strategy.numbers`: ``tol * max(1, max|payoff|)`` (``tol`` defaults to
:data:`~strategy.numbers.DEFAULT_TOL`). Every reported profile is re-certified and dropped
if its maximum regret exceeds that tolerance; ties within the tolerance make the game
count as degenerate, with a note. For a certified complete answer on float data, pass
``exact=True`` (the decimal values of the floats are then taken exactly).

References
----------
B. von Stengel (2007), "Equilibrium computation for two-player games in strategic and
extensive form", and D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel (2010),
"Enumeration of Nash equilibria for two-player games": full entries in
:mod:`strategy.solvers.bimatrix.vertex_enumeration`.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from strategy.errors import UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import MixedProfile
from strategy.numbers import DEFAULT_TOL, scale_tolerance
from strategy.solvers.bimatrix.polytope import basic_point, float_vertices, vertex_bases
from strategy.solvers.bimatrix.support_enumeration import MAX_ACTIONS, nondegenerate_equilibria
from strategy.solvers.bimatrix.vertex_enumeration import _components, _float_positive, _integer_positive
from strategy.solvers.result import Component, Equilibrium, Guarantee, SolveResult

__all__ = ["enumerate_equilibria"]


def enumerate_equilibria(game: NormalFormGame, *, exact: bool | None = None, tol: float = DEFAULT_TOL) -> SolveResult:
    """Find every extreme Nash equilibrium of a two-player game, and the components.

    Parameters
    ----------
    game : NormalFormGame
        A game with exactly two players.
    exact : bool or None
        ``None`` (default): exact when the payoffs are exact (ints, Fractions); ``True``:
        take float payoffs exactly (``game.as_exact()``); ``False``: floating point.
    tol : float
        Relative tolerance of the floating-point mode (see :mod:`strategy.numbers`).

    Returns
    -------
    SolveResult
        Extreme equilibria with their certificates, ``degenerate`` (decided exactly in
        exact mode), ``components``, and the guarantee ``all`` or ``all extreme +
        components``.

    Raises
    ------
    UnsupportedGameError
        If the game does not have exactly two players, or has more than 63 strategies in all.

    Notes
    -----
    The work grows with the number of vertices (or, in exact mode, feasible bases) of the
    best-response polytopes, exponential in the game's size: on random 14 x 14 games with
    payoffs 0..99, about 0.5-1 s per game in exact mode, about half the time of lrslib's
    ``lrsnash`` (see ``benchmarks/bench_exact.py``). Float mode takes its candidates from qhull; its
    answers are certified, but its completeness on games with ties relies on the label
    tolerance, so prefer exact payoffs (or ``exact=True``) when completeness matters.

    Examples
    --------
    von Stengel's degenerate 3x2 game: an isolated equilibrium and a segment.

    >>> game = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> result = enumerate_equilibria(game)
    >>> len(result), result.degenerate, str(result.guarantee)
    (3, True, 'all extreme + components')
    >>> [len(c.equilibria) for c in result.components]
    [2, 1]
    >>> [eq.max_regret for eq in result]
    [Fraction(0, 1), Fraction(0, 1), Fraction(0, 1)]
    """
    if game.n_players != 2:
        raise UnsupportedGameError(
            f"enumeration needs 2 players; {game.title or 'this game'} has {game.n_players}. "
            "Use method 'nplayer' for three or more players, or restrict(...) a player's choice."
        )
    if sum(game.shape) > 63:
        raise UnsupportedGameError(
            f"enumeration handles at most 63 strategies in all; {game.title or 'this game'} has {sum(game.shape)}. "
            "Use method 'lemke_howson' for one equilibrium of a large game."
        )
    use_exact = game.exact if exact is None else exact
    if not use_exact:
        from scipy.spatial import QhullError

        try:
            return _float_enumeration(game, tol)
        except QhullError:  # pragma: no cover - qhull refuses only pathological input
            result = enumerate_equilibria(game, exact=True, tol=tol)
            return replace(result, notes=(*result.notes, "qhull failed on the float payoffs; solved exactly instead"))
    if not game.exact:
        game = game.as_exact()
    assert game.exact_payoffs is not None  # as_exact() above
    m, n = game.shape
    a_int, b_int = _integer_positive(game.exact_payoffs)
    b_t = [[int(b_int[i, j]) for i in range(m)] for j in range(n)]
    a_rows = [[int(v) for v in row] for row in a_int]
    p_vertices = vertex_bases(b_t)
    low = (1 << n) - 1
    q_vertices = {((mask & low) << m) | (mask >> n): basis for mask, basis in vertex_bases(a_rows).items()}
    degenerate = any(mask.bit_count() > m for mask in p_vertices) or any(mask.bit_count() > n for mask in q_vertices)

    p_keys, q_keys = list(p_vertices), list(q_vertices)
    pairs = _label_pairs(np.array(p_keys, dtype=np.uint64), np.array(q_keys, dtype=np.uint64), m, n)
    xs = {i: _normalise(basic_point(b_t, p_vertices[p_keys[i]])) for i in {i for i, _ in pairs}}
    ys = {j: _normalise(basic_point(a_rows, q_vertices[q_keys[j]])) for j in {j for _, j in pairs}}
    strategies = [(xs[i], ys[j]) for i, j in pairs]
    strategies.sort(key=lambda pair: tuple(-v for v in pair[0]) + tuple(-v for v in pair[1]))
    equilibria = tuple(Equilibrium.certify(MixedProfile.from_arrays(game, [list(x), list(y)])) for x, y in strategies)
    if any(eq.max_regret != 0 for eq in equilibria):  # pragma: no cover - would be a bug in the kernel
        raise ArithmeticError("exact enumeration produced a profile with positive regret; please report this game")
    components = _components(game, list(equilibria))
    if degenerate and any(len(c.equilibria) > 1 for c in components):
        guarantee = Guarantee.ALL_EXTREME
    else:
        guarantee = Guarantee.ALL
    notes = [
        (
            f"exact vertex enumeration over all feasible bases: {len(p_vertices)} + {len(q_vertices)} vertices "
            "of the best-response polytopes, labels and certificates in exact arithmetic"
        )
    ]
    options = {"exact": True, "tol": tol}
    return SolveResult(game, tuple(equilibria), "enumeration", guarantee, options, degenerate, components, tuple(notes))


_LOOSE = 1e-7  # label tolerance of the float candidates; the certificate decides
_MARGIN_NOTE = "1e-7 of the largest payoff"


def _float_enumeration(game: NormalFormGame, tol: float) -> SolveResult:
    """Floating-point vertex enumeration (qhull), vectorised labels, certified candidates.

    Games of at most :data:`~strategy.solvers.bimatrix.support_enumeration.MAX_ACTIONS` actions
    per player that are nondegenerate by a clear margin take the fast path of
    :mod:`strategy.solvers.bimatrix.support_enumeration` (same equilibria, same certificates).
    """
    m, n = game.shape
    if max(m, n) <= MAX_ACTIONS:
        fast = _small_nondegenerate(game, tol)
        if fast is not None:
            return fast
    a, b = _float_positive(game.payoffs)
    p_points, p_masks = float_vertices(b.T, coord_offset=0, row_offset=m)
    q_points, q_masks = float_vertices(a, coord_offset=m, row_offset=0)
    degenerate = bool((np.bitwise_count(p_masks) > m).any() or (np.bitwise_count(q_masks) > n).any())
    notes: list[str] = []
    seen: dict[tuple[tuple[float, ...], tuple[float, ...]], tuple[NDArray[np.float64], NDArray[np.float64]]] = {}
    for i, j in _label_pairs(p_masks, q_masks, m, n):
        x, y = p_points[i], q_points[j]
        if x.sum() <= 0 or y.sum() <= 0:
            continue
        xs, ys = np.clip(x / x.sum(), 0.0, None), np.clip(y / y.sum(), 0.0, None)
        xs, ys = xs / xs.sum(), ys / ys.sum()
        seen.setdefault((tuple(np.round(xs, 9).tolist()), tuple(np.round(ys, 9).tolist())), (xs, ys))
    limit = scale_tolerance(game.payoffs, tol)
    equilibria = []
    for xs, ys in sorted(seen.values(), key=lambda pair: tuple(-pair[0]) + tuple(-pair[1])):
        eq = Equilibrium.certify(MixedProfile.from_arrays(game, [xs.tolist(), ys.tolist()]))
        if float(eq.max_regret) > limit:
            notes.append(
                f"a candidate with max regret {float(eq.max_regret):.3g} failed its certificate and was dropped"
            )
            continue
        equilibria.append(eq)
    components = _components(game, equilibria)
    if degenerate:
        notes.append("ties within the float tolerance were found; the game is treated as degenerate")
    guarantee = (
        Guarantee.ALL_EXTREME if degenerate and any(len(c.equilibria) > 1 for c in components) else Guarantee.ALL
    )
    notes.append(
        f"floating-point vertex enumeration (qhull), labels within {_LOOSE:g}, certificates within {limit:.3g}; "
        "complete up to that tolerance; pass exact=True to decide every tie in exact arithmetic"
    )
    options = {"exact": False, "tol": tol}
    return SolveResult(game, tuple(equilibria), "enumeration", guarantee, options, degenerate, components, tuple(notes))


def _small_nondegenerate(game: NormalFormGame, tol: float) -> SolveResult | None:
    """The result from support enumeration when the game is clearly nondegenerate, else None."""
    found = nondegenerate_equilibria(game.payoffs[0], game.payoffs[1])
    if found is None:
        return None
    limit = scale_tolerance(game.payoffs, tol)
    found.sort(key=lambda pair: tuple(-pair[0]) + tuple(-pair[1]))
    equilibria = tuple(Equilibrium.certify(MixedProfile.from_arrays(game, [x, y])) for x, y in found)
    if any(float(eq.max_regret) > limit for eq in equilibria):  # pragma: no cover - vertex enumeration decides
        return None
    return SolveResult(
        game,
        equilibria,
        method="enumeration",
        guarantee=Guarantee.ALL,
        options={"exact": False, "tol": tol},
        degenerate=False,
        components=tuple(_singleton(game, k, eq) for k, eq in enumerate(equilibria)),
        notes=(
            (
                f"support enumeration of a nondegenerate game (every support system regular, every weight and "
                f"payoff gap clear of zero by {_MARGIN_NOTE}), certificates within {limit:.3g}; pass exact=True "
                "to decide in exact arithmetic"
            ),
        ),
    )


def _singleton(game: NormalFormGame, k: int, eq: Equilibrium) -> Component:
    """Equilibrium `k` as its own component (in a nondegenerate game no two share a strategy)."""
    return Component(
        equilibria=(k,),
        extreme_strategies={
            p.name: (dict(zip(p.actions, q.tolist(), strict=True)),)
            for p, q in zip(game.players, eq.profile.probabilities, strict=True)
        },
    )


def _label_pairs(p_masks: np.ndarray, q_masks: np.ndarray, m: int, n: int) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)`` with ``p_masks[i] | q_masks[j]`` = all labels, except (0, 0).

    A vertex with exactly the dimension's number of labels (``m`` in P, ``n`` in Q) can
    only pair with the vertex labelled by exactly the complement, found by a dictionary
    lookup; only the vertices with more labels (degenerate ones, usually few) are paired
    by brute force. The origin of P is its only vertex with all labels ``0..m-1``; it
    pairs only with the origin of Q and is left out.
    """
    full = np.uint64((1 << (m + n)) - 1)
    origin = np.uint64((1 << m) - 1)
    p_count, q_count = np.bitwise_count(p_masks), np.bitwise_count(q_masks)
    found: set[tuple[int, int]] = set()
    q_index = {int(mask): j for j, mask in enumerate(q_masks.tolist()) if q_count[j] == n}
    for i, mask in enumerate(p_masks.tolist()):
        j = q_index.get(int(full) & ~mask)
        if j is not None:
            found.add((i, j))
    p_many, q_many = np.flatnonzero(p_count > m), np.flatnonzero(q_count > n)
    for i, j in np.argwhere((p_masks[:, None] | q_masks[None, q_many]) == full):
        found.add((int(i), int(q_many[j])))
    for i, j in np.argwhere((p_masks[p_many, None] | q_masks[None, :]) == full):
        found.add((int(p_many[i]), int(j)))
    return sorted((i, j) for i, j in found if p_masks[i] & origin != origin)


def _normalise(vertex: tuple[tuple[int, ...], int]) -> tuple[Fraction, ...]:
    """Probabilities proportional to an integer vertex (the common denominator cancels)."""
    point, _ = vertex
    total = sum(point)
    return tuple(Fraction(v, total) for v in point)
