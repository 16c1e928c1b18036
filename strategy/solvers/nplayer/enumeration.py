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

import functools
import itertools
import time
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import MixedProfile, action_values
from strategy.numbers import DEFAULT_TOL, common_denominator, scale_tolerance
from strategy.solvers.nplayer import _multilinear
from strategy.solvers.result import Component, Equilibrium, Guarantee, SolveResult

__all__ = ["MAX_SUPPORT_PROFILES", "nplayer_equilibria"]

Support = tuple[tuple[int, ...], ...]


def _subsets(n: int) -> list[tuple[int, ...]]:
    return [c for r in range(1, n + 1) for c in itertools.combinations(range(n), r)]


def _supports(payoffs: np.ndarray, slack: float) -> list[tuple[Support, bool]]:
    """Every support profile in the PNS order (total size, then imbalance), each with
    whether it survives conditional dominance (PNS08).

    An action of player *i* that another action of *i* beats by more than ``slack``
    against every pure profile of the opponents' supports cannot be in an equilibrium
    support. For each player this is one boolean matrix product: ``fails[b, a, T]``
    counts the profiles of the opponents' support profile ``T`` where ``b`` does not beat
    ``a``; ``a`` is dominated given ``T`` when some ``b`` has no failure.
    """
    shape = payoffs.shape[1:]
    n = len(shape)
    subsets = [_subsets(m) for m in shape]
    member = [
        np.array([[a in s for a in range(m)] for s in subs], dtype=float)
        for subs, m in zip(subsets, shape, strict=True)
    ]
    alive = np.ones([len(s) for s in subsets], dtype=bool)
    for i in range(n):
        others = [k for k in range(n) if k != i]
        masks = np.ones((1, 1))  # (opponents' support profiles, opponents' pure profiles)
        for k in others:
            masks = np.einsum("tp,sq->tspq", masks, member[k]).reshape(masks.shape[0] * len(subsets[k]), -1)
        flat = np.moveaxis(payoffs[i], i, 0).reshape(shape[i], -1)
        loses = ~(flat[:, None, :] > flat[None, :, :] + slack)  # loses[b, a, p]: b does not beat a at p
        fails = loses.reshape(shape[i] ** 2, -1).astype(float) @ masks.T  # (b * a, T)
        dominated = (fails.reshape(shape[i], shape[i], -1) == 0).any(axis=0)  # (a, T)
        dominated |= _pair_dominated(flat, masks > 0, slack)
        bad = (member[i] @ dominated) > 0  # (own support, T)
        bad = bad.reshape([len(subsets[i])] + [len(subsets[k]) for k in others])
        alive &= ~np.moveaxis(bad, 0, i)
    return [(support, bool(alive[index])) for support, index in _pns_order(shape)]


@functools.cache
def _pns_order(shape: tuple[int, ...]) -> tuple[tuple[Support, tuple[int, ...]], ...]:
    """The support profiles of a game shape in PNS order, each with its index into the
    grid of per-player subsets (``_subsets``)."""
    subsets = [_subsets(m) for m in shape]
    profiles = [
        (tuple(subsets[k][j] for k, j in enumerate(index)), index) for index in np.ndindex(*[len(s) for s in subsets])
    ]
    profiles.sort(key=lambda p: (sum(map(len, p[0])), max(map(len, p[0])) - min(map(len, p[0]))))
    return tuple(profiles)


def _pair_dominated(flat: np.ndarray, masks: np.ndarray, slack: float) -> np.ndarray:
    r"""``out[a, T]``: some mixture :math:`\lambda b + (1 - \lambda) c` of two other actions
    beats action ``a`` by more than ``slack`` at every profile of ``T`` (``masks[T, p]``).

    At profile *p* the condition is :math:`\lambda d_p > s - e_p` with
    :math:`d = u_b - u_c`, :math:`e = u_c - u_a`: a lower bound on :math:`\lambda` where
    :math:`d_p > 0`, an upper bound where :math:`d_p < 0`; some :math:`\lambda \in [0, 1]`
    satisfies all iff the bounds leave an open interval meeting :math:`[0, 1]`. With three
    actions this is every mixed-strategy domination.
    """
    actions = flat.shape[0]
    out = np.zeros((actions, masks.shape[0]), dtype=bool)
    for a in range(actions):
        for b, c in itertools.combinations([k for k in range(actions) if k != a], 2):
            d, e = flat[b] - flat[c], flat[c] - flat[a]
            with np.errstate(divide="ignore", invalid="ignore"):
                r = (slack - e) / d
            low = np.where(masks & (d > 0), r, -np.inf).max(axis=1)
            high = np.where(masks & (d < 0), r, np.inf).min(axis=1)
            flat_fails = (masks & (d == 0) & (e <= slack)).any(axis=1)
            out[a] |= (low < high) & (low < 1) & (high > 0) & ~flat_fails
    return out


def _simplex_slice_vertices(a_ub: np.ndarray, slack: float) -> tuple[list[np.ndarray], bool]:
    r"""Vertices of :math:`\{x \ge 0,\ \sum x = 1,\ A x \le s\}`, distinct, and whether
    they are all of them.

    Every vertex is the unique solution of ``sum x = 1`` with ``size - 1`` tight inequalities
    (rows of ``A`` or ``x_j >= 0``): all such systems are solved at once and the feasible
    solutions kept. Beyond 20,000 systems the extreme points in each coordinate direction
    (linear programs) are returned instead, a subset of the vertices (flag False).
    """
    size = a_ub.shape[1]
    if size == 1:
        return ([np.ones(1)] if np.all(a_ub[:, 0] <= slack) else []), True
    g = np.vstack([a_ub, -np.eye(size)])
    h = np.zeros(len(a_ub) + size)  # vertices of the exact polytope; the slack only in the feasibility test
    tight = list(itertools.combinations(range(len(g)), size - 1))
    if len(tight) > 20_000:
        from scipy.optimize import linprog

        found = []
        for c in np.vstack([np.eye(size), -np.eye(size)]):
            res = linprog(c, A_ub=a_ub, b_ub=np.full(len(a_ub), slack), A_eq=np.ones((1, size)), b_eq=[1.0])
            if res.status == 0:
                found.append(res.x)
        points = found
        every = False
    else:
        every = True
        rows = np.array(tight)
        systems = np.concatenate([g[rows], np.ones((len(rows), 1, size))], axis=1)
        rhs = np.concatenate([h[rows], np.ones((len(rows), 1))], axis=1)
        scale = np.abs(systems).max(axis=2).prod(axis=1)
        regular = np.abs(np.linalg.det(systems)) > 1e-12 * scale
        x = np.linalg.solve(systems[regular], rhs[regular][:, :, None])[:, :, 0]
        feasible = np.all(x @ g.T <= h + max(slack, 1e-9 * max(1.0, float(np.abs(g).max()))), axis=1)
        points = list(x[feasible])
    out: list[np.ndarray] = []
    for p in points:
        if not any(np.abs(p - q).max() <= 1e-9 for q in out):
            out.append(p)
    return out, every


def _mixing_only(arrays: list[np.ndarray], mixing: list[int]) -> list[np.ndarray]:
    """The mixing players' support-restricted payoffs, without the axes of the pure players."""
    pure_axes = tuple(k for k in range(len(arrays)) if k not in mixing)
    return [arrays[i].squeeze(axis=pure_axes) if pure_axes else arrays[i] for i in mixing]


def _integral(game: NormalFormGame) -> np.ndarray:
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


class _Search:
    """State of one run: candidates, notes and completeness flags."""

    def __init__(self, game: NormalFormGame, tol: float, exact_unknowns: int, starts: int, seed: int) -> None:
        self.game = game
        self.tol = tol
        self.slack = scale_tolerance(game.payoffs, tol)
        self.exact_unknowns = exact_unknowns
        self.starts = starts
        self.rng = np.random.default_rng(seed)
        self.integral = _integral(game)
        self.found: list[Equilibrium] = []
        self.points: list[np.ndarray] = []  # the equilibria found, as float vectors
        self.complete = True
        self.continua: list[Support] = []  # continua known only by sample points
        self.polytopes: list[tuple[Support, int, tuple[int, ...]]] = []  # (support, mixing player, vertices)
        self.numerical = 0
        self.unsampled = 0

    # ---------------------------------------------------------------- candidates
    def offer(self, support: Support, xs: list[np.ndarray]) -> int | None:
        """Certify a candidate (support-restricted strategies); keep it if an equilibrium.

        Returns its index in ``found`` (new, or the equal one found before), None when it
        is not an equilibrium.
        """
        game = self.game
        if any(np.any(x < -1e-9) or not np.all(np.isfinite(x)) for x in xs):
            return None
        full = []
        for k, x in enumerate(xs):
            vec = np.zeros(game.shape[k])
            vec[list(support[k])] = np.clip(x, 0.0, None)
            full.append(vec / vec.sum())
        regret = max(
            float(vals.max() - vals @ full[i])
            for i in range(game.n_players)
            for vals in [action_values(game.payoffs, full, i)]
        )
        if regret > max(self.slack, 1e-7 * max(1.0, float(np.abs(game.payoffs).max()))):
            return None
        point = np.concatenate(full)
        known = self._index(point)
        if known is not None:
            return known
        eq = self._certified(full)
        if eq is None:
            return None
        point = np.concatenate([np.asarray(p, dtype=float) for p in eq.profile.as_floats()])
        known = self._index(point)  # made exact, it may repeat one
        if known is not None:
            return known
        self.found.append(eq)
        self.points.append(point)
        return len(self.found) - 1

    def _index(self, point: np.ndarray) -> int | None:
        return next((i for i, other in enumerate(self.points) if np.abs(other - point).max() < 1e-7), None)

    def _certified(self, full: list[np.ndarray]) -> Equilibrium | None:
        """The candidate as an equilibrium with its certificate: exact when the game is
        exact and the profile is rational (``limit_denominator``, then an exact regret of
        zero), otherwise in floats within the tolerance; None when it fails."""
        game = self.game
        if game.exact_payoffs is not None:
            exact = []
            for vec in full:
                fr = [Fraction(int(v)) if v in (0.0, 1.0) else Fraction(float(v)).limit_denominator(10**6) for v in vec]
                total = sum(fr, Fraction(0))
                if total == 0:
                    break
                exact.append(np.array([f / total for f in fr], dtype=object))
            else:
                # an irrational equilibrium fails here, at the first mixing player's exact
                # regret, before the full certificate is computed
                i = next((k for k, vec in enumerate(full) if np.count_nonzero(vec) > 1), 0)
                values = action_values(game.exact_payoffs, exact, i)
                if max(values.tolist()) == values @ exact[i]:
                    eq = Equilibrium.certify(MixedProfile.from_arrays(game, exact))
                    if eq.max_regret == 0:
                        return eq
        eq = Equilibrium.certify(MixedProfile.from_arrays(game, [np.asarray(v, dtype=float) for v in full]))
        return eq if float(eq.max_regret) <= self.slack else None

    # ---------------------------------------------------------------- supports
    def solve_support(self, support: Support) -> None:
        game = self.game
        idx = np.ix_(*[np.array(s) for s in support])
        mixing = [k for k, s in enumerate(support) if len(s) > 1]
        if not mixing:
            self.offer(support, [np.ones(1) for _ in support])
            return
        us_float = [game.payoffs[i][idx] for i in range(game.n_players)]
        if len(mixing) == 1:
            self._one_mixing(support, us_float, mixing[0])
        elif len(mixing) == 2:
            self._two_mixing(support, us_float, mixing)
        else:
            self._polynomial(support, idx, us_float)

    def _one_mixing(self, support: Support, us: list[np.ndarray], k: int) -> None:
        # player k's values against pure opponents must tie; then x_k ranges over the
        # polytope where no pure opponent gains by deviating: report its vertices (a single
        # vertex is an isolated equilibrium, more span a continuum)
        values = us[k].reshape(-1)
        if np.ptp(values) > self.slack:
            return
        game = self.game
        size = len(support[k])
        rows = []
        for i in range(game.n_players):
            if i == k:
                continue
            for b in range(game.shape[i]):
                row = []
                for c in support[k]:
                    at = [s[0] for s in support]
                    at[k] = c
                    dev = list(at)
                    dev[i] = b
                    row.append(game.payoffs[(i, *dev)] - game.payoffs[(i, *at)])
                rows.append(row)
        a_ub = np.array(rows, dtype=float).reshape(-1, size)
        vertices, every = _simplex_slice_vertices(a_ub, self.slack)
        kept = [self.offer(support, [np.ones(1) if m != k else x for m in range(len(support))]) for x in vertices]
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
        # other player -> (strategy, rank deficient, system matrix, right-hand side)
        solutions: dict[int, tuple[np.ndarray, bool, np.ndarray | None, np.ndarray | None]] = {}
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
            before = len(self.found)
            self._sample_linear(support, xs, solutions, mixing)
            self.complete = False
            if len(self.found) > before:
                self._continuum(support)
            else:
                self.unsampled += 1
            return
        self.offer(support, xs)

    def _sample_linear(
        self, support: Support, xs: list[np.ndarray], solutions: dict[int, Any], mixing: list[int]
    ) -> None:
        from scipy.optimize import linprog

        options: dict[int, list[np.ndarray]] = {}
        for k in mixing:
            sol, degenerate, a, b = solutions[k]
            pts = [sol]
            if degenerate:
                size = len(sol)
                for _ in range(4):
                    c = np.concatenate([self.rng.normal(size=size), [0.0]])
                    res = linprog(c, A_eq=a, b_eq=b, bounds=[(0, None)] * size + [(None, None)], method="highs")
                    if res.status == 0:
                        pts.append(res.x[:size])
            options[k] = pts
        for combo in itertools.product(*[options[k] for k in mixing]):
            trial = list(xs)
            for k, x in zip(mixing, combo, strict=True):
                trial[k] = x
            self.offer(support, trial)

    def _polynomial(self, support: Support, idx: tuple[np.ndarray, ...], us: list[np.ndarray]) -> None:
        sizes = [len(s) for s in support]
        dim = sum(s - 1 for s in sizes)
        points: list[np.ndarray] = []
        mixing = [k for k, size in enumerate(sizes) if size > 1]
        if len(mixing) == 3 and all(sizes[k] == 2 for k in mixing) and self._three_binary(support, idx, us, mixing):
            return
        if len(mixing) in (3, 4) and dim > 3 and self._eliminated(support, us, mixing):
            return
        if dim <= self.exact_unknowns:
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
                    points = list(_multilinear.newton(us, np.array(points), iterations=8))
            else:
                points = self._multistart(us, dim)
                before = len(self.found)
                self._offer_points(support, sizes, points)
                if len(self.found) > before:
                    self._continuum(support)
                else:
                    self.complete = False
                    self.unsampled += 1
                return
        else:
            self.numerical += 1
            self.complete = False
            points = self._multistart(us, dim)
        self._offer_points(support, sizes, points)

    def _three_binary(
        self, support: Support, idx: tuple[np.ndarray, ...], us: list[np.ndarray], mixing: list[int]
    ) -> bool:
        r"""Solve a 2x2x2 support system (three players mixing, others pure) in closed form.

        Returns False when degenerate.

        With unknowns :math:`p, q, r` (first-action probabilities of players 0, 1, 2) the
        equations are :math:`E_1 = (a + bp) + (c + dp) r`, :math:`E_2 = (e + fp) + (g + hp) q`
        and :math:`E_0(q, r)` bilinear; eliminating :math:`q, r` leaves a quadratic in
        :math:`p`. Degenerate cases (a vanishing denominator that is also a root of its
        numerator, or an identically zero polynomial) are left to the Groebner route.
        """
        sub = _mixing_only([self.integral[i][idx] for i in range(self.game.n_players)], mixing)

        def bilinear(i: int) -> tuple[Any, Any, Any, Any]:
            # E_i = v_i(first) - v_i(second) as a bilinear form in the other two players'
            # first-action probabilities (the lower-numbered one first)
            diff = np.moveaxis(sub[i], i, 0)
            e = diff[0] - diff[1]  # shape (2, 2): indices (other_lo, other_hi), 0 = first action
            e00, e10, e01, e11 = e[1, 1], e[0, 1], e[1, 0], e[0, 0]
            return e00, e10 - e00, e01 - e00, e11 - e10 - e01 + e00

        k, l_, m, n = bilinear(0)  # in (q, r): k + l q + m r + n q r
        a, b, c, d = bilinear(1)  # in (p, r)
        e, f, g, h = bilinear(2)  # in (p, q)

        def shared_root(num: tuple[Any, Any], den: tuple[Any, Any]) -> bool:
            (n0, n1), (d0, d1) = num, den
            if d0 == 0 and d1 == 0:
                return True
            if d1 == 0:
                return False
            return n0 * d1 == n1 * d0  # the root -d0/d1 of the denominator also kills the numerator

        if shared_root((a, b), (c, d)) or shared_root((e, f), (g, h)):
            return False
        # P(p) = k (c+dp)(g+hp) - l (e+fp)(c+dp) - m (a+bp)(g+hp) + n (e+fp)(a+bp)
        poly = [
            k * d * h - l_ * f * d - m * b * h + n * f * b,
            k * (c * h + d * g) - l_ * (e * d + f * c) - m * (a * h + b * g) + n * (e * b + f * a),
            k * c * g - l_ * e * c - m * a * g + n * e * a,
        ]
        if all(v == 0 for v in poly):
            return False
        coeffs = np.array([float(v) for v in poly])
        while coeffs.size and coeffs[0] == 0:
            coeffs = coeffs[1:]
        points = []
        for root in np.roots(coeffs) if coeffs.size > 1 else []:
            if abs(root.imag) > 1e-9:
                continue
            pv = float(root.real)
            den_r, den_q = float(c) + float(d) * pv, float(g) + float(h) * pv
            if den_r == 0 or den_q == 0:
                continue
            rv = -(float(a) + float(b) * pv) / den_r
            qv = -(float(e) + float(f) * pv) / den_q
            point = np.array([pv, qv, rv])
            if point.min() >= -1e-6 and point.max() <= 1 + 1e-6:  # Newton would not bring it inside
                points.append(point)
        if points:
            points = list(_multilinear.newton(us, np.array(points), iterations=6))
        self._offer_points(support, [len(x) for x in support], points)
        return True

    def _eliminated(self, support: Support, us: list[np.ndarray], mixing: list[int]) -> bool:
        """Three players mix, or four mix two actions each: candidates by elimination and
        resultants (:mod:`._elimination`), polished by Newton and certified.

        Returns False when the method does not apply or the system is not zero-dimensional.
        """
        from strategy.solvers.nplayer import _elimination  # scipy.signal: loaded only when needed

        candidates = _elimination.candidates(_mixing_only(us, mixing))
        if candidates is None:
            return False
        if candidates:
            points = list(_multilinear.newton(us, np.array(candidates), iterations=30))
            self._offer_points(support, [len(x) for x in support], points)
        return True

    def _multistart(self, us: list[np.ndarray], dim: int) -> list[np.ndarray]:
        sizes = us[0].shape
        starts = np.concatenate(
            [self.rng.dirichlet(np.ones(s), size=self.starts)[:, :-1] for s in sizes if s > 1], axis=1
        )
        return list(_multilinear.newton(us, starts.reshape(self.starts, dim)))

    def _offer_points(self, support: Support, sizes: list[int], points: list[np.ndarray]) -> None:
        if not len(points):
            return
        batch = _multilinear.split(np.asarray(points, dtype=float).reshape(len(points), -1), sizes)
        inside = np.all([np.all(x >= -1e-9, axis=1) for x in batch], axis=0)
        seen: list[np.ndarray] = []
        for m in np.flatnonzero(inside):
            point = np.concatenate([x[m] for x in batch])
            if any(np.abs(point - q).max() < 1e-8 for q in seen):
                continue
            seen.append(point)
            self.offer(support, [x[m] for x in batch])

    def _continuum(self, support: Support) -> None:
        self.complete = False
        self.continua.append(support)


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
    search = _Search(game, tol, exact_unknowns, starts, seed)
    began = time.perf_counter()
    visited = skipped = 0
    stopped = ""
    for support, alive in _supports(game.payoffs, search.slack):
        if max_supports is not None and visited >= max_supports:
            stopped = f"stopped after max_supports={max_supports} support profiles"
            break
        if time.perf_counter() - began > time_limit:
            stopped = f"stopped after the time limit of {time_limit} s"
            break
        visited += 1
        if not alive:
            skipped += 1
            continue
        search.solve_support(support)
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
    components = _polytope_components(game, search)
    if components:
        notes.append(
            f"{len(components)} continua of equilibria (degenerate game): in each, one player mixes freely over a "
            "polytope while the others play pure; every mixture of its extreme strategies is an equilibrium"
        )
    complete = search.complete and not stopped
    guarantee = Guarantee.SOME if not complete else Guarantee.ALL_EXTREME if components else Guarantee.ALL
    return SolveResult(
        game,
        tuple(search.found),
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


def _polytope_components(game: NormalFormGame, search: _Search) -> tuple[Component, ...]:
    """The polytopes of equilibria in which one player mixes and the others play pure, as
    components; a polytope inside another (a face of the same player's simplex against the
    same pure profile) is left out, so each reported one is a maximal convex set."""
    polytopes = sorted(search.polytopes, key=lambda p: -len(p[2]))
    kept: list[tuple[Support, int, tuple[int, ...]]] = []
    for support, k, members in polytopes:
        if not any(k == k2 and set(members) <= set(m2) for _, k2, m2 in kept):
            kept.append((support, k, members))
    kept.sort(key=lambda p: p[2])
    out = []
    for _, k, members in kept:
        extreme: dict[str, tuple[Mapping[str, Any], ...]] = {}
        for i, player in enumerate(game.players):
            strategies = [dict(search.found[m][player.name]) for m in (members if i == k else members[:1])]
            extreme[player.name] = tuple(strategies)
        out.append(Component(equilibria=members, extreme_strategies=extreme))
    return tuple(out)


MAX_SUPPORT_PROFILES = 500_000
"""Games with more support profiles are first reduced by strict dominance, then refused."""


def _support_profiles(shape: tuple[int, ...]) -> int:
    r"""The number of support profiles, :math:`\prod_i (2^{m_i} - 1)`."""
    return int(np.prod([2**m - 1 for m in shape], dtype=object))


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
