r"""One Nash equilibrium of an n-player game by simplicial subdivision, with restarts.

**Fixed-point problem.** On the product of simplices :math:`S = \prod_j \Delta(A_j)` let
:math:`z_{jh}(x) = v_j(h, x_{-j}) - u_j(x)` be player *j*'s gain from switching to action
*h*; :math:`\sum_h x_{jh} z_{jh}(x) = 0`, and :math:`x` is a Nash equilibrium iff
:math:`M(x) = \max_{j,h} z_{jh}(x) = 0` (the maximum regret). Each player's payoffs are
first mapped to :math:`[0, 1]` (a positive affine change, so equilibria are unchanged and
the path is invariant under such changes). The integer **label** of a point is
:math:`l(x) = \arg\max_{(j,h)} z_{jh}(x)` (first in player-action order on ties).

**Regions** (van der Laan and Talman 1979, 1982 [LT79]_ [LT82]_). From a start
:math:`v \in S`, for :math:`T = (T_j)_j` with :math:`T_j \subsetneq A_j`,

.. math:: A(T) = \{x : x_j = \beta_j v_j + \textstyle\sum_{h \in T_j} \mu_{jh} e_{jh},\
          \beta_j, \mu_{jh} \ge 0,\ \beta_j + \sum_h \mu_{jh} = 1\},

a product of simplices of dimension :math:`t = |T|`; the sets with every
:math:`|T_j| = |A_j| - 1` cover :math:`S`, and :math:`A(T \setminus \{(j,h)\})` is the
facet :math:`\mu_{jh} = 0` of :math:`A(T)`. In the staircase coordinates
:math:`s_{jh} = m \sum_{h' \in T_j,\, h' \ge h} \mu_{jh'}` the set :math:`A(T)` is
:math:`\prod_j \{m \ge s_{jh_1} \ge \dots \ge s_{jh_p} \ge 0\}`, a union of cells of the
Freudenthal (Kuhn) triangulation of mesh 1 whose restriction to every facet is again
Freudenthal: this triangulates every :math:`A(T)` compatibly with grid size
:math:`1/m`. Simplices are :math:`(y, \pi)` with vertices
:math:`y, y + u_{\pi_1}, \dots`; a vertex is replaced by the standard Freudenthal pivots.

**Path.** A *t*-simplex of :math:`A(T)` whose labels include *T* is followed by
replacing the vertex whose label is doubled. A new label :math:`(j,k) \notin T` raises
the dimension (:math:`T \leftarrow T \cup \{(j,k)\}`); reaching the facet
:math:`\mu_{jh} = 0` lowers it. Starting from the 0-simplex :math:`\{v\}` the path
cannot cycle and ends, after finitely many pivots, at a simplex carrying every label of
some player *j*, or on the face :math:`\beta_j = 0`. At every point :math:`\bar x` of
that simplex the gains of player *j* on :math:`T_j` are within :math:`2K\delta` of
:math:`M(\bar x)` (*K* Lipschitz constant of *z*, :math:`\delta` the mesh), and
:math:`\sum_h \bar x_{jh} z_{jh} = 0` forces :math:`M(\bar x) \le 2K\delta`: an
approximate equilibrium, exact in the limit.

**Restarts** (the restart algorithm as in McKelvey and McLennan 1996 [MM96]_, §6, and
Gambit's *simpdiv*): the best vertex becomes the next start and the grid is doubled,
until the maximum regret is within tolerance. After each round the approximate point is
**polished**: the indifference equations on its support are solved by Newton and the
result is kept only if its certificate (maximum regret recomputed from the game) is
within tolerance -- exact (``0``) when a rational profile solves an exact game.

References
----------
.. [LT79] G. van der Laan, A. J. J. Talman, "A restart algorithm for computing fixed
   points without an extra dimension", *Mathematical Programming* 17 (1979) 74-84.
.. [LT82] G. van der Laan, A. J. J. Talman, "On the computation of fixed points in the
   product space of unit simplices and an application to noncooperative N person games",
   *Mathematics of Operations Research* 7 (1982) 1-13.
.. [MM96] R. D. McKelvey, A. McLennan, "Computation of equilibria in finite games",
   *Handbook of Computational Economics* I (1996) 87-142.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import MixedProfile, action_values
from strategy.numbers import DEFAULT_TOL, scale_tolerance
from strategy.solvers.nplayer.polish import polish, support_of
from strategy.solvers.nplayer.supports import Support
from strategy.solvers.result import Equilibrium, Guarantee, SolveResult

__all__ = ["simplicial_subdivision"]

Label = tuple[int, int]
"""(player, action): also the name of a staircase coordinate."""


def _normalised(game: NormalFormGame) -> np.ndarray:
    """Each player's payoffs mapped onto [0, 1] (exactly, then to float, for exact games)."""
    values = game.values
    out = np.zeros(game.payoffs.shape)
    for i in range(game.n_players):
        low, high = values[i].min(), values[i].max()
        if high > low:
            out[i] = np.asarray((values[i] - low) / (high - low), dtype=np.float64)
    return out


class _Labeller:
    """Gains, labels and maximum regret at points of the product of simplices."""

    def __init__(self, payoffs: np.ndarray) -> None:
        self.payoffs = payoffs
        self.n = payoffs.shape[0]

    def gains(self, xs: list[np.ndarray]) -> list[np.ndarray]:
        out = []
        for i in range(self.n):
            vals = action_values(self.payoffs, xs, i)
            out.append(vals - vals @ xs[i])
        return out

    def label(self, xs: list[np.ndarray]) -> tuple[Label, float]:
        best: Label = (0, 0)
        top = -np.inf
        for j, z in enumerate(self.gains(xs)):
            h = int(np.argmax(z))
            if z[h] > top:
                best, top = (j, h), float(z[h])
        return best, top


class _Path:
    """One run of the variable-dimension path on the grid of denominator ``m`` around ``v``."""

    def __init__(self, labeller: _Labeller, v: list[np.ndarray], m: int) -> None:
        self.labeller = labeller
        self.v = v
        self.m = m
        self.sizes = [len(x) for x in v]
        self.T: list[list[int]] = [[] for _ in v]  # sorted actions of T_j
        self.y: dict[Label, int] = {}  # first vertex, staircase coordinates
        self.pi: list[Label] = []  # step order
        self.labels: list[Label] = []
        self.points: list[list[np.ndarray]] = []
        self.regrets: list[float] = []
        self.pivots = 0

    # ------------------------------------------------------------------ geometry
    def vertex(self, k: int) -> dict[Label, int]:
        w = dict(self.y)
        for c in self.pi[:k]:
            w[c] += 1
        return w

    def point(self, w: Mapping[Label, int]) -> list[np.ndarray]:
        xs = []
        for j, vj in enumerate(self.v):
            tj = self.T[j]
            if not tj:
                xs.append(vj)
                continue
            s = [w[(j, h)] for h in tj] + [0]
            x = vj * (1.0 - s[0] / self.m)
            for pos, h in enumerate(tj):
                x[h] += (s[pos] - s[pos + 1]) / self.m
            xs.append(x)
        return xs

    def exit(self, w: Mapping[Label, int]) -> tuple[str, Label] | None:
        """None if `w` lies in A(T); else ('end', c) for beta_j < 0 or ('drop', c) for mu_c < 0."""
        for j, tj in enumerate(self.T):
            if not tj:
                continue
            if w[(j, tj[0])] > self.m:
                return "end", (j, tj[0])
            for a, b in itertools.pairwise(tj):
                if w[(j, a)] < w[(j, b)]:
                    return "drop", (j, a)
            if w[(j, tj[-1])] < 0:
                return "drop", (j, tj[-1])
        return None

    def evaluate(self, w: Mapping[Label, int]) -> tuple[Label, list[np.ndarray], float]:
        xs = self.point(w)
        label, regret = self.labeller.label(xs)
        return label, xs, regret

    def insert(self, index: int, entry: tuple[Label, list[np.ndarray], float]) -> None:
        self.labels.insert(index, entry[0])
        self.points.insert(index, entry[1])
        self.regrets.insert(index, entry[2])

    def delete(self, index: int) -> None:
        del self.labels[index], self.points[index], self.regrets[index]

    # ------------------------------------------------------------------ moves
    def pivot(self, r: int) -> tuple[str, Any]:
        """Replace vertex `r`; return ('new', index), ('end', None) or ('drop', c)."""
        t = len(self.pi)
        if r == 0:
            w = self.vertex(t)
            w[self.pi[0]] += 1
        elif r == t:
            w = dict(self.y)
            w[self.pi[-1]] -= 1
        else:
            w = self.vertex(r - 1)
            w[self.pi[r]] += 1
        out = self.exit(w)
        if out is not None:
            return out
        self.pivots += 1
        entry = self.evaluate(w)
        if r == 0:
            self.y[self.pi[0]] += 1
            self.pi = [*self.pi[1:], self.pi[0]]
            self.delete(0)
            self.insert(t, entry)
            return "new", t
        if r == t:
            self.y = w
            self.pi = [self.pi[-1], *self.pi[:-1]]
            self.delete(t)
            self.insert(0, entry)
            return "new", 0
        self.pi[r - 1], self.pi[r] = self.pi[r], self.pi[r - 1]
        self.delete(r)
        self.insert(r, entry)
        return "new", r

    def drop(self, c: Label, r: int) -> None:
        """Lower the dimension: the facet without vertex `r` lies on mu_c = 0."""
        j, h = c
        self.T[j].remove(h)
        self.pi.remove(c)
        del self.y[c]
        self.delete(r)

    def raise_(self, c: Label) -> int:
        """Raise the dimension with coordinate `c`; return the index of the new vertex."""
        j, k = c
        later = [h for h in self.T[j] if h > k]
        self.T[j] = sorted([*self.T[j], k])
        if later:
            d = (j, later[0])
            self.y[c] = self.y[d]
            p = self.pi.index(d)
            self.pi.insert(p, c)
        else:
            self.y[c] = 0
            p = len(self.pi)
            self.pi.append(c)
        w = self.vertex(p + 1)
        assert self.exit(w) is None  # the adjacent cell of A(T + c) lies inside it
        self.pivots += 1
        self.insert(p + 1, self.evaluate(w))
        return p + 1

    # ------------------------------------------------------------------ the path
    def run(self, budget: int) -> bool:
        """Follow the path; return whether it ended (False: the pivot budget ran out)."""
        self.insert(0, self.evaluate({}))
        new = 0
        while self.pivots < budget:
            label = self.labels[new]
            j, h = label
            if h not in self.T[j]:
                if len(self.T[j]) + 1 == self.sizes[j]:
                    return True  # every label of player j: an approximate equilibrium
                new = self.raise_(label)
                continue
            r = next(k for k, lab in enumerate(self.labels) if lab == label and k != new)
            while True:
                kind, what = self.pivot(r)
                if kind == "new":
                    new = what
                    break
                if kind == "end":
                    self.delete(r)  # the facet on beta_j = 0 is the approximate equilibrium
                    return True
                self.drop(what, r)
                r = self.labels.index(what)
        return False

    def best(self) -> tuple[list[np.ndarray], float]:
        k = int(np.argmin(self.regrets))
        return self.points[k], self.regrets[k]


def _polish(game: NormalFormGame, xs: list[np.ndarray], gains: list[np.ndarray], tol: float) -> Equilibrium | None:
    """Solve the indifference equations on supports read off `xs`; certify the solution.

    Candidate supports: the actions whose gain (normalised payoffs) is within a few
    multiples of the regret of the best, and those with probability above a threshold.
    """
    regret = max(max(float(z.max()) for z in gains), 1e-12)
    candidates: list[Support] = []
    for c in (3.0, 10.0, 30.0, 100.0):
        support = tuple(
            tuple(int(a) for a in np.flatnonzero(z >= z.max() - c * regret)) or (int(np.argmax(x)),)
            for x, z in zip(xs, gains, strict=True)
        )
        if support not in candidates:
            candidates.append(support)
    for p in (1e-2, 1e-3):
        support = support_of(xs, p)
        if support not in candidates:
            candidates.append(support)
    return polish(game, xs, candidates, tol=tol)


def _trimmed(xs: list[np.ndarray], gains: list[np.ndarray]) -> list[np.ndarray]:
    """The next start: `xs` without the actions whose gain is far below the regret.

    Any start keeps the guarantee; dropping clearly inferior actions spares the next
    path the long walk needed to drain their probability (``beta_j v_jk``).
    """
    regret = max(float(z.max()) for z in gains)
    out = []
    for x, z in zip(xs, gains, strict=True):
        y = np.where(z < -10.0 * regret, 0.0, x)
        out.append(y / y.sum() if y.sum() > 0 else x)
    return out


def _start(game: NormalFormGame, start: Any) -> list[np.ndarray]:
    if start is None:
        return [np.full(n, 1.0 / n) for n in game.shape]
    profile = start if isinstance(start, MixedProfile) else game.profile(start)
    if profile.game.shape != game.shape:
        raise InvalidGameError("simplicial_subdivision: the start profile belongs to a game of another shape")
    return [np.asarray(p, dtype=np.float64) for p in profile.as_floats()]


def simplicial_subdivision(
    game: NormalFormGame,
    *,
    start: MixedProfile | Mapping[str, str | Mapping[str, Any]] | None = None,
    grid: int = 4,
    refinements: int = 40,
    tol: float = DEFAULT_TOL,
    max_pivots: int = 1_000_000,
) -> SolveResult:
    """Find one Nash equilibrium by simplicial subdivision (van der Laan-Talman restarts).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    start : MixedProfile or mapping, optional
        The first start: a profile, or labels as for :meth:`NormalFormGame.profile`
        (``{player: action}`` or ``{player: {action: probability}}``). Default: uniform.
        The equilibrium found may depend on it.
    grid : int
        Denominator *m* of the first grid (mesh ``1/m``); it is doubled at each refinement.
    refinements : int
        At most this many refinements (restarts on a finer grid).
    tol : float
        Stop when the maximum regret is at most ``tol * max(1, max|u|)``.
    max_pivots : int
        Budget of pivots (new vertices) over all rounds.

    Returns
    -------
    SolveResult
        One equilibrium. ``guarantee`` is ``one`` when its certificate is within `tol`
        (polished profiles of exact games are often exact, certificate ``0``); otherwise
        ``approximate``, with the regret reached in ``notes``.

    Examples
    --------
    >>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]], actions=(("H", "T"), ("H", "T")))
    >>> result = simplicial_subdivision(pennies)
    >>> result[0]["Row"], str(result.guarantee)
    ({'H': Fraction(1, 2), 'T': Fraction(1, 2)}, 'one')
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"simplicial_subdivision needs a NormalFormGame; got {type(game).__name__}")
    if grid < 1 or refinements < 0 or max_pivots < 1:
        raise InvalidGameError("simplicial_subdivision: grid and max_pivots must be >= 1, refinements >= 0")
    labeller = _Labeller(_normalised(game))
    v = _start(game, start)
    limit = scale_tolerance(game.payoffs, tol)
    m, pivots, rounds = grid, 0, 0
    found: Equilibrium | None = None
    stopped = ""
    while True:
        rounds += 1
        path = _Path(labeller, v, m)
        ended = path.run(max_pivots - pivots)
        pivots += path.pivots
        point, _ = path.best()
        gains = labeller.gains(point)
        profile = MixedProfile.from_arrays(game, point)
        if float(profile.max_regret()) <= limit:
            found = _polish(game, point, gains, tol) or Equilibrium.certify(profile)
            break
        if not ended:
            stopped = f"max_pivots={max_pivots} reached on the grid of denominator {m}"
            break
        found = _polish(game, point, gains, tol)
        if found is not None:
            break
        if rounds > refinements:
            stopped = f"refinements={refinements} exhausted"
            break
        v = _trimmed(point, gains)
        m *= 2
    options = {
        "start": None if start is None else [list(map(float, x)) for x in _start(game, start)],
        "grid": grid,
        "refinements": refinements,
        "tol": tol,
        "max_pivots": max_pivots,
    }
    summary = f"{rounds} grid(s), denominators {grid} to {m}, {pivots} pivots"
    if found is not None and not stopped:
        note = f"simplicial subdivision: {summary}; certified within tolerance"
        return SolveResult(game, (found,), "simpdiv", Guarantee.ONE, options, notes=(note,))
    eq = Equilibrium.certify(profile)
    note = (
        f"simplicial subdivision: {summary}; {stopped}; approximate equilibrium with max regret "
        f"{float(eq.max_regret):.3g} (tolerance {limit:.3g})"
    )
    return SolveResult(game, (eq,), "simpdiv", Guarantee.APPROXIMATE, options, notes=(note,))
