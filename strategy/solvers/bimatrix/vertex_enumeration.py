r"""All Nash equilibria of two-player games by vertex enumeration, exact and complete.

Notation after von Stengel (2007). Shift the payoffs to be positive (equilibria are
invariant under adding a constant) and write :math:`A` (row player, :math:`m \times n`) and
:math:`B` (column player). The best-response polytopes are

.. math::

   P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
   Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\}.

A point :math:`x \in P` has label :math:`i` if :math:`x_i = 0` and label :math:`m + j` if
:math:`(B^\top x)_j = 1` (column *j* is a best reply); :math:`y \in Q` has label :math:`i` if
:math:`(A y)_i = 1` and :math:`m + j` if :math:`y_j = 0`. The extreme Nash equilibria are the
completely labelled vertex pairs :math:`(x, y) \ne (0, 0)`, rescaled to probabilities
(Theorem 3.4 and Algorithm 3.5 of [vS07]_; [ARSvS10]_ for degenerate games).

**Method.** The vertices of each polytope are computed in floating point by halfspace
intersection (qhull, as QuantEcon does; the floating-point and recovery modes of
:mod:`strategy.solvers.bimatrix.polytope`), every candidate pair is found by label bitmasks,
and then, when the payoffs are exact, each vertex of a candidate pair is recomputed
exactly: the constraints with the smallest slack that are linearly independent (exact
Gaussian elimination over Fractions) define it, it must satisfy all constraints exactly,
and its labels are recounted exactly. Labels are collected in floating point with a loose
tolerance, so the candidate pairs are a superset of the true ones and the exact pass
decides. Every equilibrium reported is certified by its exact maximum regret.

**Degenerate games** (a mixed strategy with more pure best replies than the size of its
support; equivalently a vertex with more labels than the dimension, Definition 3.2 of
[vS07]_) have continua of equilibria. All extreme equilibria are returned, and the
maximal convex sets they span are returned as components: the maximal bicliques of the
bipartite graph joining the extreme strategies that form equilibria together (the
clique method of [ARSvS10]_, as in Game Theory Explorer).

References
----------
.. [vS07] B. von Stengel, "Equilibrium computation for two-player games in strategic and
   extensive form", ch. 3 of *Algorithmic Game Theory*, Cambridge University Press, 2007.
.. [ARSvS10] D. Avis, G. D. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash
   equilibria for two-player games", *Economic Theory* 42 (2010) 9-37.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm

import numpy as np
from numpy.typing import NDArray

from strategy.errors import UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import MixedProfile
from strategy.numbers import DEFAULT_TOL, scale_tolerance
from strategy.solvers.bimatrix.polytope import VertexRecovery, float_vertices
from strategy.solvers.result import Component, Equilibrium, Guarantee, SolveResult

__all__ = ["vertex_enumeration"]

Strategy = tuple[Fraction, ...] | tuple[float, ...]


@dataclass(frozen=True)
class _Vertex:
    point: tuple[float, ...]
    labels: int  # bitmask over the m + n labels (collected within 1e-7; the exact pass decides)


def vertex_enumeration(game: NormalFormGame, *, exact: bool | None = None, tol: float = DEFAULT_TOL) -> SolveResult:
    """Every extreme Nash equilibrium of a two-player game, and the components, from the
    float vertices of both best-response polytopes re-verified in exact arithmetic.

    Parameters
    ----------
    game, exact, tol
        As for :func:`strategy.solvers.bimatrix.enumeration.enumerate_equilibria`: two
        players; exact when the payoffs are (``None``), floats taken exactly (``True``) or
        floating point (``False``); the relative tolerance of the floating-point mode.

    Returns
    -------
    SolveResult
        Guarantee ``all`` for nondegenerate games, ``all extreme + components`` for
        degenerate ones; ``degenerate`` is decided exactly in exact mode.

    Examples
    --------
    >>> game = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> result = vertex_enumeration(game)
    >>> len(result), result.degenerate, [len(c.equilibria) for c in result.components]
    (3, True, [2, 1])
    """
    if game.n_players != 2:
        raise UnsupportedGameError(
            f"vertex enumeration needs 2 players; {game.title or 'this game'} has {game.n_players}. "
            "Use method 'nplayer' for three or more players, or restrict(...) a player's choice."
        )
    use_exact = game.exact if exact is None else exact
    if use_exact and not game.exact:
        game = game.as_exact()
    m, n = game.shape
    recovery: tuple[VertexRecovery, VertexRecovery] | None = None
    if use_exact:
        assert game.exact_payoffs is not None  # as_exact() above
        a_int, b_int = _integer_positive(game.exact_payoffs)
        # The float search runs on the integers scaled to at most 1: with payoffs such as
        # 0.6369616873214543 the integers reach 1e16, the vertices 1e-16, and absolute
        # tolerances would erase them. Vertices scale back by the same factor (hints only).
        a_float, b_float = _scaled(a_int), _scaled(b_int)
        recovery = (VertexRecovery(b_int.T.tolist(), b_float.T), VertexRecovery(a_int.tolist(), a_float))
    else:
        a_float, b_float = _float_positive(game.payoffs)

    # P = {x >= 0, B^T x <= 1}: coordinate labels 0..m-1, row labels m..m+n-1.
    p_vertices = _vertices(b_float.T, coord_offset=0, row_offset=m)
    # Q = {A y <= 1, y >= 0}: row labels 0..m-1, coordinate labels m..m+n-1.
    q_vertices = _vertices(a_float, coord_offset=m, row_offset=0)
    full = (1 << (m + n)) - 1
    pairs = _complementary_pairs(p_vertices, q_vertices, full)

    notes: list[str] = []
    strategies: list[tuple[Strategy, Strategy]]
    if recovery is not None:
        p_exact = _ExactLabels(recovery[0], coord_offset=0, row_offset=m)
        q_exact = _ExactLabels(recovery[1], coord_offset=m, row_offset=0)
        degenerate = any(p_exact.labels(v) > m for v in p_vertices if v.labels.bit_count() > m) or any(
            q_exact.labels(v) > n for v in q_vertices if v.labels.bit_count() > n
        )
        found: dict[tuple[Strategy, Strategy], None] = {}
        for i, j in pairs:
            xv, yv = p_exact.vertex(p_vertices[i]), q_exact.vertex(q_vertices[j])
            if xv is None or yv is None or (xv[1] | yv[1]) != full:
                continue
            if not any(xv[0]) or not any(yv[0]):
                continue
            found[(_normalise(xv[0]), _normalise(yv[0]))] = None
        strategies = list(found)
    else:
        degenerate = any(v.labels.bit_count() > m for v in p_vertices) or any(
            v.labels.bit_count() > n for v in q_vertices
        )
        seen: dict[tuple[tuple[float, ...], tuple[float, ...]], tuple[Strategy, Strategy]] = {}
        for i, j in pairs:
            x, y = np.asarray(p_vertices[i].point), np.asarray(q_vertices[j].point)
            if x.sum() <= 0 or y.sum() <= 0:
                continue
            xs, ys = np.clip(x / x.sum(), 0, None), np.clip(y / y.sum(), 0, None)
            xs, ys = xs / xs.sum(), ys / ys.sum()
            key = (tuple(np.round(xs, 9).tolist()), tuple(np.round(ys, 9).tolist()))
            seen.setdefault(key, (tuple(xs.tolist()), tuple(ys.tolist())))
        strategies = list(seen.values())
        if degenerate:
            notes.append("ties within the float tolerance were found; the game is treated as degenerate")

    equilibria = []
    limit = scale_tolerance(game.payoffs, tol)
    for x_star, y_star in sorted(strategies, key=_order_key):
        eq = Equilibrium.certify(MixedProfile.from_arrays(game, [list(x_star), list(y_star)]))
        if not use_exact and float(eq.max_regret) > limit:
            notes.append(
                f"a candidate with max regret {float(eq.max_regret):.3g} failed its certificate and was dropped"
            )
            continue
        equilibria.append(eq)
    components = _components(game, equilibria)
    if degenerate and any(len(c.equilibria) > 1 for c in components):
        guarantee = Guarantee.ALL_EXTREME
    else:
        guarantee = Guarantee.ALL
    if not equilibria or (not degenerate and len(equilibria) % 2 == 0):
        # Nash (1951): at least one equilibrium; a nondegenerate game has an odd number
        # (Shapley 1974). A count that breaks either rule means vertices were lost.
        guarantee = Guarantee.SOME
        notes.append(
            f"{len(equilibria)} equilibria contradicts the theory (at least one; an odd number in a nondegenerate "
            "game): vertices were lost in floating point, so others may exist; use method='enumeration'"
        )
    if use_exact:
        notes.append("vertices found in floating point, then recomputed and verified in exact arithmetic")
    return SolveResult(
        game,
        tuple(equilibria),
        method="vertex_enumeration",
        guarantee=guarantee,
        options={"exact": use_exact, "tol": tol},
        degenerate=degenerate,
        components=components,
        notes=tuple(notes),
    )


# ---------------------------------------------------------------------- payoffs
def _integer_positive(values: NDArray[np.object_]) -> tuple[NDArray[np.object_], NDArray[np.object_]]:
    """Scale each player's exact payoffs to integers >= 1 (a positive affine change)."""
    out = []
    for k in range(2):
        matrix = values[k]
        denominator = lcm(*(v.denominator for v in matrix.flat))
        scaled = np.array([[int(v * denominator) for v in row] for row in matrix], dtype=object)
        out.append(scaled - scaled.min() + 1)
    return out[0], out[1]


def _scaled(integers: NDArray[np.object_]) -> NDArray[np.float64]:
    """Positive integers divided by their maximum, as floats in (0, 1] (correctly rounded).

    The float search runs on these: with decimal payoffs such as 0.6369616873214543 the
    integers reach 1e18, the polytope's vertices 1e-18, and absolute tolerances would
    erase them (every vertex read as the origin: no equilibrium, claimed complete)."""
    top = int(integers.max())
    return np.array([[int(v) / top for v in row] for row in integers], dtype=np.float64)


def _float_positive(values: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Scale each player's float payoffs to at most 1 in size and shift them to at least 1."""
    out = []
    for k in range(2):
        matrix = values[k] / max(1.0, float(np.abs(values[k]).max()))
        out.append(matrix - matrix.min() + 1.0)
    return out[0], out[1]


# ---------------------------------------------------------------------- vertices
def _vertices(matrix: NDArray[np.float64], *, coord_offset: int, row_offset: int) -> list[_Vertex]:
    """Vertices of {z >= 0, matrix @ z <= 1} with loose labels (:func:`~strategy.solvers.
    bimatrix.polytope.float_vertices`, every constraint subset if qhull fails)."""
    points, masks = float_vertices(matrix, coord_offset=coord_offset, row_offset=row_offset, fallback=True)
    return [_Vertex(tuple(z), mask) for z, mask in zip(points.tolist(), masks.tolist(), strict=True)]


def _complementary_pairs(p: list[_Vertex], q: list[_Vertex], full: int) -> list[tuple[int, int]]:
    """Index pairs whose (loose) label sets cover every label."""
    if not p or not q:
        return []
    p_masks = np.array([v.labels for v in p], dtype=np.uint64)
    q_masks = np.array([v.labels for v in q], dtype=np.uint64)
    target = np.uint64(full)
    pairs: list[tuple[int, int]] = []
    chunk = max(1, 2_000_000 // max(1, len(q)))
    for start in range(0, len(p), chunk):
        block = (p_masks[start : start + chunk, None] | q_masks[None, :]) == target
        for i, j in np.argwhere(block):
            pairs.append((start + int(i), int(j)))
    return pairs


class _ExactLabels:
    """Exact vertices of one polytope from float hints, labelled in the game's numbering."""

    def __init__(self, recovery: VertexRecovery, *, coord_offset: int, row_offset: int) -> None:
        self.recovery = recovery
        self.coord_offset = coord_offset
        self.row_offset = row_offset

    def vertex(self, hint: _Vertex) -> tuple[tuple[Fraction, ...], int] | None:
        """The exact vertex nearest `hint` and its labels, or None if there is none."""
        found = self.recovery.vertex(hint.point)
        if found is None:
            return None
        point, zero = found
        d = len(point)
        labels = ((zero & ((1 << d) - 1)) << self.coord_offset) | ((zero >> d) << self.row_offset)
        return point, labels

    def labels(self, hint: _Vertex) -> int:
        """The number of exact labels of the vertex nearest `hint` (0 if there is none)."""
        found = self.vertex(hint)
        return 0 if found is None else found[1].bit_count()


def _normalise(point: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    total = sum(point, Fraction(0))
    return tuple(v / total for v in point)


def _order_key(pair: tuple[Strategy, Strategy]) -> tuple[float, ...]:
    x, y = pair
    return tuple(-float(v) for v in x) + tuple(-float(v) for v in y)


# ---------------------------------------------------------------------- components
def _components(game: NormalFormGame, equilibria: list[Equilibrium]) -> tuple[Component, ...]:
    """Maximal bicliques of the graph joining extreme strategies that form equilibria."""
    if not equilibria:
        return ()
    xs: list[tuple[Fraction | float, ...]] = []
    ys: list[tuple[Fraction | float, ...]] = []
    edges: set[tuple[int, int]] = set()
    for eq in equilibria:
        x, y = (tuple(p.tolist()) for p in eq.profile.probabilities)
        if x not in xs:
            xs.append(x)
        if y not in ys:
            ys.append(y)
        edges.add((xs.index(x), ys.index(y)))
    neighbours = [frozenset(j for i2, j in edges if i2 == i) for i in range(len(xs))]
    closed: set[frozenset[int]] = set(neighbours)
    frontier = set(closed)
    while frontier:
        new = {a & b for a in frontier for b in closed} - closed - {frozenset()}
        closed |= new
        frontier = new
    index_of = {}
    for k, eq in enumerate(equilibria):
        x, y = (tuple(p.tolist()) for p in eq.profile.probabilities)
        index_of[(xs.index(x), ys.index(y))] = k
    bicliques = []
    for y_set in closed:
        x_set = frozenset(i for i in range(len(xs)) if y_set <= neighbours[i])
        if not x_set:
            continue
        if frozenset.intersection(*(neighbours[i] for i in x_set)) != y_set:
            continue
        bicliques.append((x_set, y_set))
    row, col = game.players
    out = []
    for x_set, y_set in sorted(bicliques, key=lambda b: min(index_of[(i, j)] for i in b[0] for j in b[1])):
        members = tuple(sorted(index_of[(i, j)] for i in x_set for j in y_set))
        out.append(
            Component(
                equilibria=members,
                extreme_strategies={
                    row.name: tuple(dict(zip(row.actions, xs[i], strict=True)) for i in sorted(x_set)),
                    col.name: tuple(dict(zip(col.actions, ys[j], strict=True)) for j in sorted(y_set)),
                },
            )
        )
    return tuple(out)
