r"""Two-player zero-sum and constant-sum games: the value and optimal strategies by LP.

In a game where :math:`u_0(a) + u_1(a) = c` at every profile, write :math:`A` for the
row player's matrix. By the minimax theorem (von Neumann 1928) the row player's
*maximin* and the column player's *minimax* coincide:

.. math::

    v = \max_{x \in \Delta_m} \min_j (x^\top A)_j = \min_{y \in \Delta_n} \max_i (A y)_i ,

and :math:`(x, y)` is a Nash equilibrium iff :math:`x` attains the max and :math:`y` the
min. Each side is one linear programme, solved here with HiGHS through
:func:`scipy.optimize.linprog`:

.. math::

    \max_{x, v} v \quad \text{s.t.} \quad A^\top x \ge v \mathbf{1},\;
    \mathbf{1}^\top x = 1,\; x \ge 0,

and symmetrically for :math:`y`. :math:`v` is the row player's value; the column
player's is :math:`c - v`.

**Exactness.** For exact (integer or Fraction) games the float LP solution is turned
into fractions (:meth:`fractions.Fraction.limit_denominator` with growing bounds, then,
failing that, an exact solve of the LP's binding equations) and *verified exactly*:
:math:`\min_j (x^\top A)_j = \max_i (A y)_i` in Fractions proves both strategies optimal
and gives the exact value. If no candidate verifies, the float solution is reported and
a note says so.

References
----------
.. [vonNeumann1928] J. von Neumann, "Zur Theorie der Gesellschaftsspiele",
   *Mathematische Annalen* 100 (1928) 295-320.
.. [vonStengel2007] B. von Stengel, "Equilibrium computation for two-player games in
   strategic and extensive form", ch. 3 in *Algorithmic Game Theory*, CUP, 2007.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from strategy.errors import ConvergenceError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import MixedProfile
from strategy.numbers import BINDING_TOL, DEFAULT_TOL, PROBABILITY_TOL, format_number, scale_tolerance
from strategy.solvers._exact.linalg import solve
from strategy.solvers._exact.lp import minimise
from strategy.solvers._exact.rationalise import roundings
from strategy.solvers.result import Equilibrium, Guarantee, SolveResult

__all__ = ["game_value", "zero_sum_lp"]


def zero_sum_lp(game: NormalFormGame, *, tol: float = DEFAULT_TOL) -> SolveResult:
    r"""Find the value and one pair of optimal strategies of a two-player constant-sum game.

    Parameters
    ----------
    game : NormalFormGame
        Two players whose payoffs sum to the same constant at every profile (zero-sum
        is the case ``c = 0``).
    tol : float, default=DEFAULT_TOL
        Relative tolerance (scaled by the payoffs, see :mod:`strategy.numbers`) for the
        constant-sum check and for rounding the float LP solution.

    Returns
    -------
    SolveResult
        One certified equilibrium (guarantee ``one``); the notes state the value. Optimal
        strategy sets are polytopes: ``solve(game, "enumeration")`` lists their extreme
        points. Use :func:`game_value` for the value as a number.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players or is not constant-sum; the message names
        a profile whose payoffs break the constant sum.

    Examples
    --------
    >>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]], actions=(("H", "T"), ("H", "T")))
    >>> result = zero_sum_lp(pennies)
    >>> result[0]["Row"]
    {'H': Fraction(1, 2), 'T': Fraction(1, 2)}
    >>> result[0].max_regret
    Fraction(0, 1)
    """
    return _solve(game, tol)[0]


def game_value(game: NormalFormGame, *, tol: float = DEFAULT_TOL) -> Fraction | float:
    r"""Return the value of a two-player constant-sum game: the row player's minimax payoff.

    Exact (a Fraction) when the game is exact and the LP solution could be verified
    exactly, a float otherwise. The column player's value is ``c - value`` where ``c`` is
    the constant sum.

    Examples
    --------
    >>> game_value(NormalFormGame.zero_sum([[2, -1], [-1, 1]]))
    Fraction(1, 5)
    """
    return _solve(game, tol)[1]


# ---------------------------------------------------------------------- internals
def _constant_sum(game: NormalFormGame, tol: float) -> Fraction | float:
    if game.n_players != 2:
        raise UnsupportedGameError(
            f"zero_sum_lp needs a two-player game; this one has {game.n_players} players "
            f"({', '.join(game.player_names)}). Use solve(game) for other games."
        )
    totals = game.values.sum(axis=0)
    first: Fraction | float = totals.flat[0]
    if game.exact_payoffs is not None:
        bad = np.argwhere(totals != first)
    else:
        bad = np.argwhere(np.abs(totals - first) > scale_tolerance(game.payoffs, tol))
    if bad.size:
        index = tuple(int(k) for k in bad[0])
        labels = ", ".join(p.actions[a] for p, a in zip(game.players, index, strict=True))
        first_labels = ", ".join(p.actions[0] for p in game.players)
        raise UnsupportedGameError(
            f"zero_sum_lp needs a constant-sum game, but the payoffs sum to {format_number(totals[index])} at "
            f"({labels}) and to {format_number(first)} at ({first_labels}). Check those payoffs, or use "
            "solve(game, 'enumeration') for general two-player games."
        )
    return first


def _maximin(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """Solve max_x min_j (x^T M)_j over the simplex; return (x, value)."""
    m, n = matrix.shape
    # Variables (x_1..x_m, v); minimise -v subject to v - (x^T M)_j <= 0.
    cost = np.zeros(m + 1)
    cost[-1] = -1.0
    optimum = minimise(
        cost,
        a_ub=np.hstack([-matrix.T, np.ones((n, 1))]),
        b_ub=np.zeros(n),
        a_eq=np.hstack([np.ones((1, m)), np.zeros((1, 1))]),
        b_eq=[1.0],
        bounds=[(0.0, None)] * m + [(None, None)],
        precise=True,
        what="the zero-sum LP",
    )
    if optimum is None:  # pragma: no cover - the maximin LP is always feasible and bounded
        raise ConvergenceError("the zero-sum LP has no optimum")
    x = np.clip(optimum.x[:m], 0.0, None)
    return x / x.sum(), float(optimum.x[-1])


def _exact_candidates(x: np.ndarray, matrix: np.ndarray, value: float, scale: float) -> list[list[Fraction]]:
    """Rational candidates for a float maximin strategy `x` of the exact `matrix` (Fractions)."""
    out = [list(candidate) for (candidate,) in roundings([x])]
    # The optimum is a vertex: solve its binding equations (support of x, tight columns) exactly.
    support = [i for i in range(len(x)) if x[i] > PROBABILITY_TOL]
    payoff = x @ matrix.astype(float)
    tight = [j for j in range(matrix.shape[1]) if payoff[j] <= value + BINDING_TOL * scale]
    solved = _solve_binding(matrix, support, tight)
    if solved is not None:
        out.append(solved)
    return out


def _solve_binding(matrix: np.ndarray, support: Sequence[int], tight: Sequence[int]) -> list[Fraction] | None:
    """Solve sum_i x_i M[i, j] = v (j tight), sum x_i = 1, x_i = 0 off support, exactly."""
    k = len(support)
    rows = [[matrix[i, j] for i in support] + [Fraction(-1)] for j in tight]
    rows.append([Fraction(1)] * k + [Fraction(0)])
    solution = solve(rows, [Fraction(0)] * len(tight) + [Fraction(1)])
    if solution is None:
        return None
    x = [Fraction(0)] * matrix.shape[0]
    for pos, i in enumerate(support):
        x[i] = solution[pos]
    return x if all(p >= 0 for p in x) else None


def _exact_side(
    matrix: np.ndarray, x: np.ndarray, value: float, scale: float
) -> tuple[list[Fraction], Fraction] | None:
    """Return the best exact candidate and its guaranteed payoff min_j (x^T M)_j."""
    best = None
    for cand in _exact_candidates(x, matrix, value, scale):
        guaranteed = min(
            sum((p * matrix[i, j] for i, p in enumerate(cand)), Fraction(0)) for j in range(matrix.shape[1])
        )
        if best is None or guaranteed > best[1]:
            best = (cand, guaranteed)
    return best


def _solve(game: NormalFormGame, tol: float) -> tuple[SolveResult, Fraction | float]:
    total = _constant_sum(game, tol)
    row_matrix = np.asarray(game.payoffs[0], dtype=float)
    x, lower = _maximin(row_matrix)
    # The column player minimises the row player's payoff: maximin of -A^T.
    y, minus_upper = _maximin(-row_matrix.T)
    upper = -minus_upper
    notes: list[str] = []
    value: Fraction | float = float((lower + upper) / 2)
    profile: MixedProfile | None = None
    if game.exact_payoffs is not None:
        exact_a = game.exact_payoffs[0]
        scale = max(1.0, float(np.abs(row_matrix).max()))
        row_side = _exact_side(exact_a, x, lower, scale)
        col_side = _exact_side(-exact_a.T, y, -upper, scale)
        if row_side is not None and col_side is not None and row_side[1] == -col_side[1]:
            profile = MixedProfile.from_arrays(game, [row_side[0], col_side[0]])
            value = row_side[1]
        else:
            notes.append("the LP solution could not be verified in exact arithmetic; float strategies are reported")
    if profile is None:
        profile = MixedProfile.from_arrays(game, [x, y])
    equilibrium = Equilibrium.certify(profile)
    row, col = game.player_names
    column_value = total - value
    notes.append(
        f"value of the game: {format_number(value)} for {row}, {format_number(column_value)} for {col}"
        + (f" (constant sum {format_number(total)})" if total != 0 else "")
    )
    notes.append(
        "one optimal strategy per player; the optimal strategy sets are polytopes whose extreme points "
        "solve(game, 'enumeration') lists"
    )
    result = SolveResult(
        game,
        (equilibrium,),
        method="zero_sum_lp",
        guarantee=Guarantee.ONE,
        options={"tol": tol},
        notes=tuple(notes),
    )
    return result, value
