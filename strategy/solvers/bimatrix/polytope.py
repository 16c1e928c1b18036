r"""Vertices of a best-response polytope :math:`\{z \ge 0,\ M z \le 1\}`: one enumerator, its modes.

:math:`M` is a ``k x d`` matrix with positive entries, so the polytope is bounded. Every
vertex is named by its *zero set*, a bitmask: bit ``i < d`` says :math:`z_i = 0`, bit
``d + j`` says constraint ``j`` is tight; these are the labels of von Stengel (2007), up to
an offset. The modes:

**Exact** (:func:`vertex_bases`, :func:`integer_vertices`): a search over the graph of
feasible bases, where two bases are adjacent when they differ in one variable and both
are feasible. Moves are (i) simplex pivots with every tied minimum-ratio row and (ii)
degenerate exchanges with any basic variable at value zero (pivot element of either
sign). The graph is connected: the bases of one vertex are the bases of the matroid of
its tight constraints, connected by exchanges (ii) (basis-exchange axiom), and from any
basis the simplex method with a generic objective reaches the optimal vertex by pivots
(i). So the search visits every feasible basis, hence every vertex, also for *degenerate*
polytopes. Each basis is decided either in fraction-free integer arithmetic
(:mod:`~strategy.solvers.bimatrix._tableau`: every entry a minor, every division exact)
or by a floating-point step whose every decision carries a proof
(:mod:`~strategy.solvers.bimatrix._certified`: rigorous error bounds; ties and near ties
go to the integer kernel). Both decide exactly the same moves, so the result is exact and
complete either way; the certified steps are batched over many bases, which makes the
search about ten times faster than pivoting integers alone on the polytopes of random
14 x 14 games (4 times on 10 x 10).
Degenerate bases (a basic variable at zero) are always pivoted in integers.
``certified=False`` pivots everything in integers (the reference the tests compare with).

**Floating point** (:func:`float_vertices`): qhull's halfspace intersection, as
QuantEcon does, with labels read within a tolerance. Fast, but ties are decided by the
tolerance. :class:`VertexRecovery` recomputes such a vertex exactly from its float
position (the "float, then exact verification" mode of
:mod:`~strategy.solvers.bimatrix.vertex_enumeration`).

References: B. von Stengel, "Equilibrium computation for two-player games in strategic
and extensive form", ch. 3 of *Algorithmic Game Theory*, 2007; D. Avis, "lrs: a revised
implementation of the reverse search vertex enumeration algorithm", 2000.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from strategy.solvers._exact.linalg import add_if_independent, solve_square
from strategy.solvers.bimatrix._certified import Step, certified_step, pivot_inverses
from strategy.solvers.bimatrix._tableau import Tableau, degenerate_after, moves, pivot, slack_tableau, tableau_at

__all__ = [
    "VertexRecovery",
    "basic_point",
    "exact_vertices",
    "float_vertices",
    "integer_vertices",
    "subset_points",
    "vertex_bases",
]

_BATCH = 1024  # bases per certified step
_SMALL = 16  # the first bases are pivoted in integers: small polytopes never pay numpy's overhead
_KEEP = 1 << 16  # waiting bases that keep their inverses (8 k^2 bytes each)
_FLOAT_EXACT = 2**53  # integers up to this are exact in floating point
_LOOSE = 1e-7  # label tolerance of the floating-point mode


# ---------------------------------------------------------------------- exact
def vertex_bases(matrix: Sequence[Sequence[int]], *, certified: bool = True) -> dict[int, int]:
    """Every vertex of ``{z >= 0, M z <= 1}``: zero set -> one of its feasible bases (bitmask).

    Exact and complete in both modes (see the module docstring); `certified` chooses
    batched certified floating-point steps for nondegenerate bases, or integers alone.

    Examples
    --------
    ``{z >= 0, z_0 + 2 z_1 <= 1}``: variables ``z_0, z_1`` and the slack are bits 0, 1, 2.
    The origin (``z = 0``, basis: the slack), ``(0, 1/2)`` and ``(1, 0)``:

    >>> sorted(vertex_bases([[1, 2]]).items())
    [(3, 4), (5, 2), (6, 1)]
    """
    return _Search(matrix, certified=certified).run()


class _Search:
    """One search over the feasible bases: the bases seen, the vertices found, three queues.

    ``exact`` holds integer tableaux (LIFO); ``loose`` bases met by an integer pivot and
    left to a certified step (each with its parent tableau and pivot, in case the step
    cannot decide it); ``carried`` bases met by certified steps, with their inverses.
    """

    def __init__(self, matrix: Sequence[Sequence[int]], *, certified: bool) -> None:
        self.rows = [[int(v) for v in row] for row in matrix]
        self.k, self.d = len(self.rows), len(self.rows[0])
        self.n = self.d + self.k
        self.certified = certified and max(max(row) for row in self.rows) < _FLOAT_EXACT
        self.transposed = (  # C^T as floats; only certified steps use it
            np.vstack([np.array(self.rows, dtype=np.float64).T, np.eye(self.k)])
            if self.certified
            else np.zeros((self.n, self.k))
        )
        self.seen = {sum(1 << v for v in range(self.d, self.n))}
        self.found: dict[int, int] = {}
        self.exact: list[Tableau] = [slack_tableau(self.rows)]
        self.loose: dict[int, tuple[Tableau, int, int]] = {}
        self.carried = _Frontier()

    def run(self) -> dict[int, int]:
        while self.exact or self.loose or self.carried:
            if self.exact:
                self._integer_step(self.exact.pop())
            else:
                self._certified_step()
        return self.found

    def _integer_step(self, table: Tableau) -> None:
        mask = sum(1 << v for v in table[1])
        zero, pivots = moves(table, self.n)
        self.found.setdefault(zero, mask)
        for r, c in pivots:
            child = (mask & ~(1 << table[1][r])) | (1 << c)
            if child in self.seen:
                continue
            self.seen.add(child)
            if not self.certified or len(self.seen) < _SMALL or degenerate_after(table, r, c):
                self.exact.append(pivot(table, r, c))  # degenerate bases stay in integers
            else:
                self.loose[child] = (table, r, c)

    def _certified_step(self) -> None:
        origins: dict[int, tuple[Tableau, int, int]] = {}
        inverse: NDArray[np.float64] | None
        if self.loose:
            while self.loose and len(origins) < _BATCH:
                mask, origin = self.loose.popitem()
                origins[mask] = origin
            masks = np.array(list(origins), dtype=np.uint64)
            basic = np.nonzero(_membership(masks, self.n))[1].reshape(masks.size, self.k)
            inverse = None
        else:
            masks, basic, inverse = self.carried.pop()
        nonbasic = np.nonzero(~_membership(masks, self.n))[1].reshape(masks.size, self.d)
        step = certified_step(basic, nonbasic, inverse, self.transposed)
        everything = (1 << self.n) - 1
        for mask in masks[step.decided].tolist():
            self.found.setdefault(everything & ~mask, mask)  # nondegenerate: zero set = nonbasic set
        for mask in masks[~step.decided].tolist():
            self.exact.append(pivot(*origins[mask]) if mask in origins else tableau_at(self.rows, mask))
        self._children(step, masks, basic, nonbasic)

    def _children(
        self, step: Step, masks: NDArray[np.uint64], basic: NDArray[np.intp], nonbasic: NDArray[np.intp]
    ) -> None:
        """Queue the unseen bases adjacent to the decided ones, with their pivoted inverses."""
        one = np.uint64(1)
        parents, positions = np.nonzero(step.move)
        leaving = basic[parents, step.rows[parents, positions]].astype(np.uint64)
        entering = nonbasic[parents, positions].astype(np.uint64)
        children = (masks[parents] & ~(one << leaving)) | (one << entering)
        values, first = np.unique(children, return_index=True)
        fresh = set(values.tolist()).difference(self.seen)
        if not fresh:
            return
        self.seen |= fresh
        new = np.fromiter(fresh, dtype=np.uint64, count=len(fresh))
        chosen = first[np.isin(values, new, assume_unique=True)]
        new_basic, inverse = pivot_inverses(step, basic, nonbasic, parents[chosen], positions[chosen])
        for s in range(0, chosen.size, _BATCH):
            batch = slice(s, s + _BATCH)
            self.carried.push(children[chosen[batch]], new_basic[batch], inverse[batch])


def _membership(masks: NDArray[np.uint64], n: int) -> NDArray[np.bool_]:
    """``(F, n)``: variable ``v`` is basic in basis ``f``."""
    return ((masks[:, None] >> np.arange(n, dtype=np.uint64)) & np.uint64(1)).astype(bool)


class _Frontier:
    """Bases waiting for a certified step, in chunks, with their inverses while memory allows.

    Up to :data:`_KEEP` waiting bases carry their pivoted inverses; beyond that a chunk is
    kept without (NaN), and the step inverts its matrices afresh (a drifted or missing
    inverse fails the accuracy check and is recomputed).
    """

    def __init__(self) -> None:
        self.chunks: list[tuple[NDArray[np.uint64], NDArray[np.intp], NDArray[np.float64] | None]] = []
        self.kept = 0

    def __bool__(self) -> bool:
        return bool(self.chunks)

    def push(self, masks: NDArray[np.uint64], basic: NDArray[np.intp], inverse: NDArray[np.float64]) -> None:
        if self.kept + masks.size > _KEEP:
            self.chunks.append((masks, basic, None))
        else:
            self.chunks.append((masks, basic, inverse))
            self.kept += masks.size

    def pop(self) -> tuple[NDArray[np.uint64], NDArray[np.intp], NDArray[np.float64] | None]:
        """Chunks from the top (the newest first) until a batch is full."""
        parts = [self.chunks.pop()]
        while self.chunks and sum(p[0].size for p in parts) + self.chunks[-1][0].size <= _BATCH:
            parts.append(self.chunks.pop())
        self.kept -= sum(p[0].size for p in parts if p[2] is not None)
        if len(parts) == 1:
            return parts[0]
        k = parts[0][1].shape[1]
        inverses = [p[2] if p[2] is not None else np.full((p[0].size, k, k), np.nan) for p in parts]
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]), np.concatenate(inverses)


def basic_point(matrix: Sequence[Sequence[int]], mask: int) -> tuple[tuple[int, ...], int]:
    """The basic solution ``z`` of the basis `mask` as ``(numerators, denominator)``.

    Only the structural basic variables ``S`` and the tight rows ``R`` (nonbasic slacks)
    matter: ``M[R, S] z_S = 1`` is square, solved by fraction-free (Bareiss) elimination.
    """
    k, d = len(matrix), len(matrix[0])
    support = [v for v in range(d) if mask >> v & 1]
    tight = [j for j in range(k) if not mask >> (d + j) & 1]
    size = len(support)
    system = [[int(matrix[j][v]) for v in support] + [1] for j in tight]
    previous = 1
    for c in range(size):
        r = next(r for r in range(c, size) if system[r][c] != 0)
        system[c], system[r] = system[r], system[c]
        lead = system[c][c]
        for i in range(size):
            if i != c:
                f = system[i][c]
                system[i] = [(v * lead - f * w) // previous for v, w in zip(system[i], system[c], strict=True)]
        previous = lead
    # Every diagonal entry is now the determinant `previous`, and row i reads det * z_i.
    det = previous
    point = [0] * d
    for i, v in enumerate(support):
        point[v] = system[i][-1]
    if det < 0:
        det, point = -det, [-v for v in point]
    return tuple(point), det


def integer_vertices(
    matrix: Sequence[Sequence[int]], *, certified: bool = True
) -> dict[int, tuple[tuple[int, ...], int]]:
    """Every vertex of ``{z >= 0, M z <= 1}``: zero set -> ``(numerators, denominator)``.

    Examples
    --------
    >>> sorted(integer_vertices([[1, 2]]).values())
    [((0, 0), 1), ((0, 1), 2), ((1, 0), 1)]
    """
    return {zero: basic_point(matrix, mask) for zero, mask in vertex_bases(matrix, certified=certified).items()}


def exact_vertices(matrix: Sequence[Sequence[int]]) -> dict[int, tuple[Fraction, ...]]:
    """Every vertex of ``{z >= 0, M z <= 1}`` keyed by its zero set, as Fractions.

    Examples
    --------
    >>> sorted(exact_vertices([[1, 2]]).values())
    [(Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 2)), (Fraction(1, 1), Fraction(0, 1))]
    """
    return {zero: tuple(Fraction(v, det) for v in point) for zero, (point, det) in integer_vertices(matrix).items()}


# ---------------------------------------------------------------------- floating point
def float_vertices(
    matrix: NDArray[np.float64], *, coord_offset: int, row_offset: int, fallback: bool = False
) -> tuple[NDArray[np.float64], NDArray[np.uint64]]:
    """Vertices of ``{z >= 0, matrix @ z <= 1}`` by qhull, with label bitmasks within 1e-7.

    Label ``coord_offset + i`` means ``z_i = 0`` and ``row_offset + j`` row ``j`` tight.
    If qhull fails, `fallback` solves every ``d``-subset of constraints instead
    (:func:`subset_points`); otherwise its ``QhullError`` propagates.
    """
    from scipy.spatial import HalfspaceIntersection, QhullError

    k, d = matrix.shape
    if d == 1:
        points = np.array([[1.0 / matrix[:, 0].max()]])
    else:
        halfspaces = np.vstack([np.hstack([-np.eye(d), np.zeros((d, 1))]), np.hstack([matrix, -np.ones((k, 1))])])
        interior = np.full(d, 0.5 / matrix.sum(axis=1).max())
        try:
            points = HalfspaceIntersection(halfspaces, interior).intersections
        except QhullError:  # pragma: no cover - qhull refuses only pathological input
            if not fallback:
                raise
            points = subset_points(matrix)
    points = np.vstack([np.zeros((1, d)), points])
    points[np.abs(points) < 1e-12] = 0.0
    points = np.unique(np.round(points, 10), axis=0)
    slack = 1.0 - points @ matrix.T
    keep = (points.min(axis=1) >= -_LOOSE) & (slack.min(axis=1) >= -_LOOSE)
    points, slack = points[keep], slack[keep]
    weights_coord = np.array([1 << (coord_offset + i) for i in range(d)], dtype=np.uint64)
    weights_rows = np.array([1 << (row_offset + j) for j in range(k)], dtype=np.uint64)
    masks = ((np.abs(points) <= _LOOSE) * weights_coord).sum(axis=1, dtype=np.uint64) | (
        (np.abs(slack) <= _LOOSE) * weights_rows
    ).sum(axis=1, dtype=np.uint64)
    return points, masks


def subset_points(matrix: NDArray[np.float64]) -> NDArray[np.float64]:  # pragma: no cover - qhull fallback
    """Solutions of every regular ``d``-subset of the constraints (feasible or not)."""
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


class VertexRecovery:
    """``{z >= 0, M z <= 1}`` with integer ``M``: recompute vertices exactly from float hints.

    Hints are vertices of the scaled polytope ``{z >= 0, (M / s) z <= 1}`` (`scaled` =
    ``M / s`` as floats), so that coordinate and row slacks are compared on one scale: the
    ``d`` linearly independent constraints of smallest slack define the vertex, which must
    then satisfy every constraint exactly.
    """

    def __init__(self, matrix: Sequence[Sequence[int]], scaled: NDArray[np.float64]) -> None:
        self.matrix = [[int(v) for v in row] for row in matrix]
        self.scaled = scaled
        self.d = len(self.matrix[0])
        self.cache: dict[tuple[float, ...], tuple[tuple[Fraction, ...], int] | None] = {}

    def _constraint(self, index: int) -> tuple[list[int], int]:
        """Constraint `index` as (normal, rhs) with normal . z = rhs when tight."""
        if index < self.d:
            return [1 if i == index else 0 for i in range(self.d)], 0
        return self.matrix[index - self.d], 1

    def vertex(self, hint: Sequence[float]) -> tuple[tuple[Fraction, ...], int] | None:
        """The exact vertex nearest `hint` and its zero set, or None if there is none."""
        key = tuple(float(v) for v in hint)
        if key in self.cache:
            return self.cache[key]
        z = np.asarray(key, dtype=np.float64)
        slack = np.concatenate([np.abs(z), np.abs(1.0 - self.scaled @ z)])
        chosen: list[int] = []
        basis: list[list[Fraction]] = []
        for index in np.argsort(slack, kind="stable").tolist():
            if add_if_independent(basis, self._constraint(index)[0]):
                chosen.append(index)
            if len(chosen) == self.d:
                break
        result = None
        if len(chosen) == self.d:
            rows = [self._constraint(i) for i in chosen]
            point = solve_square([list(map(Fraction, r[0])) for r in rows], [Fraction(r[1]) for r in rows])
            if point is not None and all(v >= 0 for v in point):
                values = [sum((c * v for c, v in zip(row, point, strict=True)), Fraction(0)) for row in self.matrix]
                if all(v <= 1 for v in values):
                    zero = sum(1 << i for i, v in enumerate(point) if v == 0)
                    zero |= sum(1 << (self.d + j) for j, v in enumerate(values) if v == 1)
                    result = (tuple(point), zero)
        self.cache[key] = result
        return result
