r"""The indifference system of one support profile, solved by the route that fits it.

For a support profile :math:`S`, with the players who mix (:math:`|S_i| > 1`) and the
pure ones fixed:

* nobody mixes: the pure profile is a candidate;
* one player mixes: a polytope of its strategies (:mod:`.continua`);
* two players mix: the system decouples into linear systems (player *j*'s indifference
  fixes player *k*'s mixture and vice versa), solved in closed form for two actions each
  and by rank-revealing linear algebra otherwise; a rank deficiency means a continuum,
  sampled by linear programs;
* three players mix two actions each: a quadratic in one unknown (:mod:`._binary`), with
  exact degeneracy tests in integers;
* three players mix with more unknowns, or four mix two actions each: elimination and
  resultants (:mod:`._elimination`);
* otherwise, with at most ``exact_unknowns`` unknowns: a lex Groebner basis of the exact
  system (sympy) decides whether the solution set is finite; its real points are found
  by back-substitution and polished by Newton;
* larger systems: damped Newton from many starting points (may miss solutions).

Every candidate goes to the :class:`~strategy.solvers.nplayer.pool.CandidatePool`, which
certifies and deduplicates it. The solver records what it could not guarantee
(``complete``, ``continua``, ``numerical``, ``unsampled``).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from strategy.forms.normal import NormalFormGame
from strategy.numbers import common_denominator
from strategy.solvers.nplayer import _binary, _multilinear
from strategy.solvers.nplayer.continua import (
    Polytope,
    linear_samples,
    one_mixer_constraints,
    simplex_slice_vertices,
)
from strategy.solvers.nplayer.pool import CandidatePool
from strategy.solvers.nplayer.supports import Support

__all__ = ["SupportSolver"]

LinearSolution = tuple[np.ndarray, bool, np.ndarray | None, np.ndarray | None]
"""(strategy, rank deficient, system matrix, right-hand side) of a two-mixer linear system."""


def mixing_only(arrays: list[np.ndarray], mixing: list[int]) -> list[np.ndarray]:
    """The mixing players' support-restricted payoffs, without the axes of the pure players."""
    pure_axes = tuple(k for k in range(len(arrays)) if k not in mixing)
    return [arrays[i].squeeze(axis=pure_axes) if pure_axes else arrays[i] for i in mixing]


def integral_payoffs(game: NormalFormGame) -> np.ndarray:
    """Payoffs for exact degeneracy tests: each player's exact payoffs times their least
    common denominator, as Python integers (a positive scaling of a player's payoffs leaves
    that player's indifference equations' solutions unchanged); the float payoffs of a
    float game."""
    if game.exact_payoffs is None:
        return game.payoffs
    out = np.empty(game.payoffs.shape, dtype=object)
    for i, values in enumerate(game.exact_payoffs):
        scaled = common_denominator(values)
        if scaled is None:
            return game.payoffs
        out[i] = scaled[0]
    return out


class SupportSolver:
    """Solves support profiles of one game, offering candidates to a shared pool.

    Parameters
    ----------
    pool : CandidatePool
        Receives every candidate (and holds the game).
    exact_unknowns : int
        Systems of three or more mixing players with at most this many unknowns (and no
        closed form) go to an exact Groebner basis; larger ones to multistart Newton.
    starts : int
        Newton starting points per numerically solved system.
    seed : int
        Seed of the starting points and of the samples of continua.
    """

    def __init__(self, pool: CandidatePool, *, exact_unknowns: int, starts: int, seed: int) -> None:
        self.pool = pool
        self.game = pool.game
        self.slack = pool.slack
        self.exact_unknowns = exact_unknowns
        self.starts = starts
        self.seed = seed
        self._rng: np.random.Generator | None = None
        self._integral: np.ndarray | None = None
        self.complete = True
        self.continua: list[Support] = []  # continua known only by sample points
        self.polytopes: list[Polytope] = []
        self.numerical = 0
        self.unsampled = 0

    @property
    def rng(self) -> np.random.Generator:
        """The random generator (made on first use)."""
        if self._rng is None:
            self._rng = np.random.default_rng(self.seed)
        return self._rng

    @property
    def integral(self) -> np.ndarray:
        """:func:`integral_payoffs` of the game (computed on first use)."""
        if self._integral is None:
            self._integral = integral_payoffs(self.game)
        return self._integral

    def solve(self, support: Support) -> None:
        """Solve the indifference system of `support`; offer its solutions to the pool."""
        game = self.game
        mixing = [k for k, s in enumerate(support) if len(s) > 1]
        if not mixing:
            self.pool.offer(support, [np.ones(1) for _ in support])
            return
        idx = np.ix_(*[np.array(s) for s in support])
        us = [game.payoffs[i][idx] for i in range(game.n_players)]
        if len(mixing) == 1:
            self._one_mixing(support, us, mixing[0])
        elif len(mixing) == 2:
            self._two_mixing(support, us, mixing)
        else:
            self._polynomial(support, idx, us)

    def _one_mixing(self, support: Support, us: list[np.ndarray], k: int) -> None:
        # player k's values against pure opponents must tie; then x_k ranges over the
        # polytope where no pure opponent gains by deviating: report its vertices (a single
        # vertex is an isolated equilibrium, more span a continuum)
        if np.ptp(us[k].reshape(-1)) > self.slack:
            return
        a_ub = one_mixer_constraints(self.game.payoffs, support, k)
        vertices, every = simplex_slice_vertices(a_ub, self.slack)
        kept = [self.pool.offer(support, [np.ones(1) if m != k else x for m in range(len(support))]) for x in vertices]
        members = sorted({i for i in kept if i is not None})
        certified = sum(i is not None for i in kept)
        if 0 < certified < len(vertices) or (certified and not every):
            # a vertex failed its certificate (a tie within the tolerance), or the vertices
            # were not all enumerated: the polytope is not known exactly
            self.complete = False
            if len(members) > 1:
                self._continuum(support)
        elif len(members) > 1:
            # x_k ranges over a polytope of dimension >= 1: every point of it is an
            # equilibrium (the constraints are linear in x_k); its vertices are the members
            self.polytopes.append((support, k, tuple(members)))

    def _two_mixing(self, support: Support, us: list[np.ndarray], mixing: list[int]) -> None:
        j, k = mixing
        solutions: dict[int, LinearSolution] = {}  # keyed by the player whose strategy it is
        for owner, other in ((j, k), (k, j)):
            # owner's indifference: M x_other = w 1, sum x_other = 1; unknowns (x_other, w)
            mat = np.moveaxis(us[owner], (owner, other), (0, 1)).reshape(len(support[owner]), len(support[other]))
            if mat.shape == (2, 2):  # one equation (a - b) q + b = 0 in the other's first probability q
                d0, d1 = mat[0, 0] - mat[1, 0], mat[0, 1] - mat[1, 1]
                if abs(d0 - d1) > 1e-10 * max(1.0, float(np.abs(mat).max())):
                    q = -d1 / (d0 - d1)
                    if not -1e-9 <= q <= 1 + 1e-9:
                        return
                    solutions[other] = (np.array([q, 1.0 - q]), False, None, None)
                    continue
            size = mat.shape[1]
            a = np.zeros((mat.shape[0] + 1, size + 1))
            a[:-1, :size] = mat
            a[:-1, size] = -1.0
            a[-1, :size] = 1.0
            b = np.zeros(mat.shape[0] + 1)
            b[-1] = 1.0
            sol, *_ = np.linalg.lstsq(a, b, rcond=None)
            if np.abs(a @ sol - b).max() > 1e-9 * max(1.0, np.abs(a).max()):
                return
            rank = np.linalg.matrix_rank(a, tol=1e-10 * max(1.0, np.abs(a).max()))
            solutions[other] = (sol[:size], rank < size + 1, a, b)
        xs = [np.ones(1) for _ in support]
        xs[j], xs[k] = solutions[j][0], solutions[k][0]
        if solutions[j][1] or solutions[k][1]:
            # a rank-deficient system: its solutions form a continuum, only sampled here
            before = len(self.pool.equilibria)
            self._sample_linear(support, xs, solutions, mixing)
            self.complete = False
            if len(self.pool.equilibria) > before:
                self._continuum(support)
            else:
                self.unsampled += 1
            return
        self.pool.offer(support, xs)

    def _sample_linear(
        self, support: Support, xs: list[np.ndarray], solutions: dict[int, LinearSolution], mixing: list[int]
    ) -> None:
        options: dict[int, list[np.ndarray]] = {}
        for k in mixing:
            sol, degenerate, a, b = solutions[k]
            options[k] = [sol]
            if degenerate and a is not None and b is not None:
                options[k] += linear_samples(a, b, len(sol), self.rng)
        for combo in itertools.product(*[options[k] for k in mixing]):
            trial = list(xs)
            for k, x in zip(mixing, combo, strict=True):
                trial[k] = x
            self.pool.offer(support, trial)

    def _polynomial(self, support: Support, idx: tuple[np.ndarray, ...], us: list[np.ndarray]) -> None:
        sizes = [len(s) for s in support]
        dim = sum(s - 1 for s in sizes)
        mixing = [k for k, size in enumerate(sizes) if size > 1]
        if len(mixing) == 3 and all(sizes[k] == 2 for k in mixing):
            sub = mixing_only([self.integral[i][idx] for i in range(self.game.n_players)], mixing)
            found = _binary.three_binary_candidates(sub)
            if found is not None:
                if len(found):
                    self.pool.offer_points(support, _multilinear.newton(us, found, iterations=6))
                return
        if len(mixing) in (3, 4) and dim > 3 and self._eliminated(support, us, mixing):
            return
        if dim <= self.exact_unknowns:
            self._groebner(support, idx, us, dim)
            return
        self.numerical += 1
        self.complete = False
        self.pool.offer_points(support, self._multistart(us, dim))

    def _groebner(self, support: Support, idx: tuple[np.ndarray, ...], us: list[np.ndarray], dim: int) -> None:
        import sympy as sp

        exact = self.game.exact_payoffs
        if exact is None:
            exact = np.vectorize(lambda v: Fraction(repr(float(v))), otypes=[object])(self.game.payoffs)
        equations, gens = _multilinear.exact_system([exact[i][idx] for i in range(self.game.n_players)])
        basis = sp.groebner(equations, *gens, order="lex")
        if list(basis.exprs) == [1]:
            return
        if basis.is_zero_dimensional:
            points = _multilinear.triangular_roots(list(basis.exprs), gens)
            if points:
                self.pool.offer_points(support, _multilinear.newton(us, np.array(points), iterations=8))
            return
        before = len(self.pool.equilibria)
        self.pool.offer_points(support, self._multistart(us, dim))
        if len(self.pool.equilibria) > before:
            self._continuum(support)
        else:
            self.complete = False
            self.unsampled += 1

    def _eliminated(self, support: Support, us: list[np.ndarray], mixing: list[int]) -> bool:
        """Three players mix, or four mix two actions each: candidates by elimination and
        resultants (:mod:`._elimination`), polished by Newton and certified.

        Returns False when the method does not apply or the system is not zero-dimensional.
        """
        from strategy.solvers.nplayer import _elimination  # scipy.signal: loaded only when needed

        candidates = _elimination.candidates(mixing_only(us, mixing))
        if candidates is None:
            return False
        if candidates:
            self.pool.offer_points(support, _multilinear.newton(us, np.array(candidates), iterations=30))
        return True

    def _multistart(self, us: list[np.ndarray], dim: int) -> np.ndarray:
        sizes = us[0].shape
        starts = np.concatenate(
            [self.rng.dirichlet(np.ones(s), size=self.starts)[:, :-1] for s in sizes if s > 1], axis=1
        )
        return _multilinear.newton(us, starts.reshape(self.starts, dim))

    def _continuum(self, support: Support) -> None:
        self.complete = False
        self.continua.append(support)
