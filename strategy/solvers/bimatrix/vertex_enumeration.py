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
intersection (qhull, as QuantEcon does), every candidate pair is found by label bitmasks,
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

from strategy.errors import UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import MixedProfile
from strategy.numbers import DEFAULT_TOL, scale_tolerance
from strategy.solvers._rational import add_if_independent, solve_square
from strategy.solvers.result import Component, Equilibrium, Guarantee, SolveResult

__all__ = ["vertex_enumeration"]

_LOOSE = 1e-7  # relative tolerance for collecting candidate labels; the exact pass decides


@dataclass(frozen=True)
class _Vertex:
    point: tuple  # floats, or Fractions in exact mode
    labels: int  # bitmask over the m + n labels


def vertex_enumeration(game: NormalFormGame, *, exact: bool | None = None, tol: float = DEFAULT_TOL) -> SolveResult:
    """Find every extreme Nash equilibrium of a two-player game, and the components.

    Parameters
    ----------
    game : NormalFormGame
        A game with exactly two players.
    exact : bool or None
        ``None`` (default): exact when the payoffs are (ints, Fractions); ``True``: make
        float payoffs exact through their decimal form; ``False``: floating point.
    tol : float
        Relative tolerance of the floating-point mode (see :mod:`strategy.numbers`).

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
    exact_polytopes: tuple[_ExactPolytope, _ExactPolytope] | None = None
    if use_exact:
        assert game.exact_payoffs is not None  # as_exact() above
        a_int, b_int = _integer_positive(game.exact_payoffs)
        # The float search runs on the integers scaled to at most 1: with payoffs such as
        # 0.6369616873214543 the integers reach 1e16, the vertices 1e-16, and absolute
        # tolerances would erase them. Vertices scale back by the same factor (hints only).
        a_float, b_float = _scaled(a_int), _scaled(b_int)
        exact_polytopes = (
            _ExactPolytope(b_int.T, b_float.T, coord_offset=0, row_offset=m),
            _ExactPolytope(a_int, a_float, coord_offset=m, row_offset=0),
        )
    else:
        a_float, b_float = _float_positive(game.payoffs)

    # P = {x >= 0, B^T x <= 1}: coordinate labels 0..m-1, row labels m..m+n-1.
    p_vertices = _float_vertices(b_float.T, coord_offset=0, row_offset=m)
    # Q = {A y <= 1, y >= 0}: row labels 0..m-1, coordinate labels m..m+n-1.
    q_vertices = _float_vertices(a_float, coord_offset=m, row_offset=0)
    full = (1 << (m + n)) - 1
    pairs = _complementary_pairs(p_vertices, q_vertices, full)

    notes: list[str] = []
    if exact_polytopes is not None:
        p_exact, q_exact = exact_polytopes
        degenerate = any(
            p_exact.vertex(v).labels.bit_count() > m for v in p_vertices if v.labels.bit_count() > m
        ) or any(q_exact.vertex(v).labels.bit_count() > n for v in q_vertices if v.labels.bit_count() > n)
        found: dict[tuple[tuple, tuple], None] = {}
        for i, j in pairs:
            xv, yv = p_exact.vertex(p_vertices[i]), q_exact.vertex(q_vertices[j])
            if xv.point is None or yv.point is None or (xv.labels | yv.labels) != full:
                continue
            if not any(xv.point) or not any(yv.point):
                continue
            found[(_normalise(xv.point), _normalise(yv.point))] = None
        strategies = list(found)
    else:
        degenerate = any(v.labels.bit_count() > m for v in p_vertices) or any(
            v.labels.bit_count() > n for v in q_vertices
        )
        seen: dict[tuple[tuple, tuple], tuple[tuple, tuple]] = {}
        for i, j in pairs:
            x, y = np.asarray(p_vertices[i].point), np.asarray(q_vertices[j].point)
            if x.sum() <= 0 or y.sum() <= 0:
                continue
            xs, ys = np.clip(x / x.sum(), 0, None), np.clip(y / y.sum(), 0, None)
            xs, ys = xs / xs.sum(), ys / ys.sum()
            key = (tuple(np.round(xs, 9)), tuple(np.round(ys, 9)))
            seen.setdefault(key, (tuple(xs), tuple(ys)))
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
def _integer_positive(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scale each player's exact payoffs to integers >= 1 (a positive affine change)."""
    out = []
    for k in range(2):
        matrix = values[k]
        denominator = lcm(*(v.denominator for v in matrix.flat))
        scaled = np.array([[int(v * denominator) for v in row] for row in matrix], dtype=object)
        out.append(scaled - scaled.min() + 1)
    return out[0], out[1]


def _scaled(integers: np.ndarray) -> np.ndarray:
    """Positive integers divided by their maximum, as floats in (0, 1] (correctly rounded).

    The float search runs on these: with decimal payoffs such as 0.6369616873214543 the
    integers reach 1e18, the polytope's vertices 1e-18, and absolute tolerances would
    erase them (every vertex read as the origin: no equilibrium, claimed complete)."""
    top = int(integers.max())
    return np.array([[int(v) / top for v in row] for row in integers], dtype=np.float64)


def _float_positive(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    out = []
    for k in range(2):
        matrix = values[k] / max(1.0, float(np.abs(values[k]).max()))
        out.append(matrix - matrix.min() + 1.0)
    return out[0], out[1]


# ---------------------------------------------------------------------- float vertices
def _float_vertices(matrix: np.ndarray, *, coord_offset: int, row_offset: int) -> list[_Vertex]:
    """Vertices of {z >= 0, matrix @ z <= 1} with loose labels, by qhull halfspace intersection."""
    from scipy.spatial import HalfspaceIntersection, QhullError

    k, d = matrix.shape
    if d == 1:
        top = 1.0 / matrix[:, 0].max()
        points = np.array([[0.0], [top]])
    else:
        halfspaces = np.vstack([np.hstack([-np.eye(d), np.zeros((d, 1))]), np.hstack([matrix, -np.ones((k, 1))])])
        interior = np.full(d, 0.5 / matrix.sum(axis=1).max())
        try:
            points = HalfspaceIntersection(halfspaces, interior).intersections
        except QhullError:  # pragma: no cover - qhull refuses only pathological input
            points = _subset_vertices(matrix)
    points = np.vstack([np.zeros((1, d)), points])
    points[np.abs(points) < 1e-12] = 0.0
    points = np.unique(np.round(points, 10), axis=0)
    vertices = []
    for z in points:
        slack_coord = z
        slack_rows = 1.0 - matrix @ z
        if slack_coord.min() < -_LOOSE or slack_rows.min() < -_LOOSE:
            continue
        labels = 0
        for i in np.flatnonzero(np.abs(slack_coord) <= _LOOSE):
            labels |= 1 << (coord_offset + int(i))
        for j in np.flatnonzero(np.abs(slack_rows) <= _LOOSE):
            labels |= 1 << (row_offset + int(j))
        vertices.append(_Vertex(tuple(float(v) for v in z), labels))
    return vertices


def _subset_vertices(matrix: np.ndarray) -> np.ndarray:  # pragma: no cover - fallback
    import itertools

    k, d = matrix.shape
    rows = np.vstack([np.eye(d), matrix])
    rhs = np.concatenate([np.zeros(d), np.ones(k)])
    points = []
    for subset in itertools.combinations(range(d + k), d):
        sub = rows[list(subset)]
        if abs(np.linalg.det(sub)) < 1e-12:
            continue
        points.append(np.linalg.solve(sub, rhs[list(subset)]))
    return np.array(points) if points else np.zeros((0, d))


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


# ---------------------------------------------------------------------- exact vertices
class _ExactPolytope:
    """{z >= 0, M z <= 1} with integer M: recompute vertices exactly from float hints.

    Hints are vertices of the scaled polytope {z >= 0, (M / s) z <= 1} (`scaled` = M / s as
    floats), so that coordinate and row slacks are compared on one scale.
    """

    def __init__(self, matrix: np.ndarray, scaled: np.ndarray, *, coord_offset: int, row_offset: int) -> None:
        self.matrix = [[int(v) for v in row] for row in matrix]
        self.scaled = scaled
        self.k = len(self.matrix)
        self.d = len(self.matrix[0])
        self.coord_offset = coord_offset
        self.row_offset = row_offset
        self.cache: dict[tuple, _Vertex] = {}

    def _constraint(self, index: int) -> tuple[list[int], int]:
        """Constraint `index` as (normal, rhs) with normal . z = rhs when tight."""
        if index < self.d:
            normal = [0] * self.d
            normal[index] = 1
            return normal, 0
        return self.matrix[index - self.d], 1

    def vertex(self, hint: _Vertex) -> _Vertex:
        """The exact vertex nearest the float `hint` (point None if there is none)."""
        if hint.point in self.cache:
            return self.cache[hint.point]
        z = np.asarray(hint.point, dtype=np.float64)
        slack = np.concatenate([np.abs(z), np.abs(1.0 - self.scaled @ z)])
        order = np.argsort(slack, kind="stable")
        chosen: list[int] = []
        basis: list[list[Fraction]] = []
        for index in order:
            normal, _ = self._constraint(int(index))
            if add_if_independent(basis, normal):
                chosen.append(int(index))
            if len(chosen) == self.d:
                break
        result = _Vertex(None, 0)  # type: ignore[arg-type]
        if len(chosen) == self.d:
            rows = [self._constraint(i) for i in chosen]
            point = solve_square([list(map(Fraction, r[0])) for r in rows], [Fraction(r[1]) for r in rows])
            if point is not None and all(v >= 0 for v in point):
                values = [
                    sum((Fraction(c) * v for c, v in zip(row, point, strict=True)), Fraction(0)) for row in self.matrix
                ]
                if all(v <= 1 for v in values):
                    labels = 0
                    for i, v in enumerate(point):
                        if v == 0:
                            labels |= 1 << (self.coord_offset + i)
                    for j, v in enumerate(values):
                        if v == 1:
                            labels |= 1 << (self.row_offset + j)
                    result = _Vertex(tuple(point), labels)
        self.cache[hint.point] = result
        return result


def _normalise(point: tuple) -> tuple:
    total = sum(point, Fraction(0))
    return tuple(v / total for v in point)


def _order_key(pair: tuple[tuple, tuple]) -> tuple:
    x, y = pair
    return tuple(-float(v) for v in x) + tuple(-float(v) for v in y)


# ---------------------------------------------------------------------- components
def _components(game: NormalFormGame, equilibria: list[Equilibrium]) -> tuple[Component, ...]:
    """Maximal bicliques of the graph joining extreme strategies that form equilibria."""
    if not equilibria:
        return ()
    xs: list[tuple] = []
    ys: list[tuple] = []
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
