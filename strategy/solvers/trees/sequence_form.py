r"""Two-player trees through the sequence form: one equilibrium in time polynomial in the tree.

A *sequence* of player :math:`i` is the empty sequence :math:`\emptyset` or a pair
(information set :math:`I`, action :math:`a`) of that player; under perfect recall every
information set :math:`I` has one parent sequence :math:`\sigma(I)`, the player's last own
move before it. A mixed strategy is summarised by its *realization plan*
:math:`x \ge 0` over sequences, with

.. math::

    x(\emptyset) = 1, \qquad \sum_{a \in A(I)} x(I, a) = x(\sigma(I)) \quad \text{for every } I,

written :math:`Ex = e` (player 2: :math:`Fy = f`). The payoff matrices :math:`A, B` are
indexed by sequence pairs: entry :math:`(\sigma, \tau)` sums, over the leaves reached by
:math:`\sigma` and :math:`\tau`, the leaf payoff times the probability of nature's moves
on the way; then the expected payoffs are :math:`x^\top A y` and :math:`x^\top B y`. The
sizes are linear in the tree, where the reduced normal form is exponential (Koller,
Megiddo and von Stengel 1996; von Stengel 1996).

:math:`(x, y)` is a Nash equilibrium iff each plan solves its best-response LP, whose
duality conditions give the linear complementarity problem

.. math::

    E^\top p - A y \ge 0 \perp x \ge 0, \quad F^\top r - B^\top x \ge 0 \perp y \ge 0,
    \quad Ex = e,\; Fy = f

(:math:`p, r` free). With payoffs shifted to be negative (which changes no best reply:
the leaves' realization probabilities sum to one), it is solved by Lemke's algorithm
with covering vector :math:`\mathbf 1`, the equations written as two inequalities and
the free variables as differences of non-negative ones (a standard-form LCP), in exact
integer pivoting with a lexicographic rule (:mod:`strategy.solvers.trees._lemke`), so that
degenerate trees terminate. Koller, Megiddo and von Stengel (1996) show that Lemke's
algorithm solves the sequence-form LCP; should it ever end on a secondary ray here, a
:class:`~strategy.errors.ConvergenceError` says so rather than returning a false answer. The plans map back to behaviour by
:math:`\beta(I, a) = x(I, a) / x(\sigma(I))` (Kuhn 1953), left unspecified where
:math:`x(\sigma(I)) = 0`; the certificate is recomputed on the tree by
:class:`~strategy.forms.behavior.BehaviorProfile`.

Zero-sum trees have the sequence-form LP (von Stengel 1996, Thm 4.4):
:math:`\max_{x, r} f^\top r` subject to :math:`F^\top r \le A^\top x`, :math:`Ex = e`,
:math:`x \ge 0`, whose duals on :math:`F^\top r \le A^\top x` are the minimiser's plan
:math:`y` (:func:`sequence_form_lp`).

References
----------
Koller, D., Megiddo, N. & von Stengel, B. (1996). Efficient computation of equilibria for
extensive two-person games. *Games and Economic Behavior* 14, 247-259. von Stengel, B.
(1996). Efficient computation of behavior strategies. *Games and Economic Behavior* 14,
220-246. Lemke, C. E. (1965). Bimatrix equilibrium points and mathematical programming.
*Management Science* 11, 681-689.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any, cast

from strategy.errors import ConvergenceError, UnsupportedGameError
from strategy.forms.behavior import BehaviorProfile
from strategy.forms.extensive import ExtensiveFormGame
from strategy.forms.normal import NormalFormGame
from strategy.numbers import PROBABILITY_TOL, ROUNDING_RADIUS
from strategy.solvers._exact.lp import minimise
from strategy.solvers._exact.rationalise import first_verified
from strategy.solvers.result import Concept, Equilibrium, Guarantee, SolveResult
from strategy.solvers.trees.sequences import SequenceForm, sequence_form

__all__ = ["SequenceForm", "sequence_form", "sequence_form_lemke", "sequence_form_lp"]


# ---------------------------------------------------------------------- the LCP
def _integer_scale(values: Sequence[Fraction]) -> int:
    return math.lcm(*(v.denominator for v in values)) if values else 1


def _lcp_plans(sf: SequenceForm, *, max_pivots: int) -> tuple[list[Fraction], list[Fraction], int]:
    """Solve the sequence-form LCP by Lemke's algorithm: return realization plans and pivots."""
    from strategy.solvers.trees._lemke import lemke

    n1, n2 = sf.shape
    e_rows, f_rows = sf.constraints
    m1, m2 = len(e_rows), len(f_rows)
    # negative payoffs: A'(s, t) = A(s, t) - K c(s, t) subtracts K at every leaf, which
    # lowers x'Ay by exactly K for all plans; then scale each matrix to integers.
    mats = []
    for pay in sf.payoffs:
        # A(s, t) / c(s, t) is the average leaf payoff at a pair, so K above it makes every entry negative
        shift = max((pay.get(st, Fraction(0)) / w for st, w in sf.chance.items()), default=Fraction(0)) + 1
        shifted = {st: pay.get(st, Fraction(0)) - shift * w for st, w in sf.chance.items()}
        scale = _integer_scale(list(shifted.values()))
        mats.append({st: int(v * scale) for st, v in shifted.items()})
    a, b = mats
    ox, oy = 0, n1
    op1 = n1 + n2
    op2 = op1 + m1
    or1 = op2 + m1
    or2 = or1 + m2
    size = or2 + m2
    mat: dict[tuple[int, int], int] = {}
    q = [0] * size
    for (s, t), v in a.items():
        mat[ox + s, oy + t] = -v
    for (s, t), v in b.items():
        mat[oy + t, ox + s] = -v
    for rows_, at, plus, minus in ((e_rows, ox, op1, op2), (f_rows, oy, or1, or2)):
        for c, row in enumerate(rows_):  # E x = e (F y = f) as two inequalities, its multiplier free
            for s, coef in row.items():
                mat[at + s, plus + c], mat[at + s, minus + c] = coef, -coef
                mat[plus + c, at + s], mat[minus + c, at + s] = -coef, coef
    q[op1], q[op2], q[or1], q[or2] = 1, -1, 1, -1
    z, pivots = lemke(mat, q, [1] * size, max_pivots=max_pivots)
    x, y = z[ox : ox + n1], z[oy : oy + n2]
    for plan, rows_ in ((x, e_rows), (y, f_rows)):
        for c, row in enumerate(rows_):
            if sum(coef * plan[s] for s, coef in row.items()) != (1 if c == 0 else 0):  # pragma: no cover
                raise ConvergenceError("Lemke's algorithm returned a vector that is not a realization plan")
    return x, y, pivots


# ---------------------------------------------------------------------- back to behaviour
def _behavior(
    game: ExtensiveFormGame, sf: SequenceForm, plans: Sequence[Sequence[Any]], *, threshold: float = 0
) -> dict[str, Any]:
    """Kuhn's map from realization plans to behaviour: ``x(I, a) / x(sigma(I))``
    (unspecified where ``x(sigma(I)) <= threshold``)."""
    out: dict[str, Any] = {}
    for i in (0, 1):
        plan, seqs = plans[i], sf.sequences[i]
        for k, row in enumerate(sf.constraints[i][1:]):
            parent = sf.parents[i][k]
            moves = [(s, cast(tuple[str, str], seqs[s])) for s in row if s != parent]
            label = moves[0][1][0]
            total = plan[parent]
            if total <= threshold:
                out[label] = None  # unreachable by the owner's own plan
                continue
            dist: dict[str, Any] = {seq[1]: plan[s] / total for s, seq in moves}
            if not game.exact:
                dist = {a: float(p) for a, p in dist.items()}
            pure = [a for a, p in dist.items() if p == 1]
            out[label] = pure[0] if pure else dist
    return out


def _equilibrium(
    game: ExtensiveFormGame | NormalFormGame, sf: SequenceForm, plans: Sequence[Sequence[Any]]
) -> Equilibrium:
    if isinstance(game, NormalFormGame):
        from strategy.forms.profiles import MixedProfile

        arrays = [list(plan[1:]) if game.exact_payoffs is not None else [float(p) for p in plan[1:]] for plan in plans]
        return Equilibrium.certify(MixedProfile.from_arrays(game, arrays), Concept.NASH)
    return Equilibrium.certify(BehaviorProfile(game, _behavior(game, sf, plans), "nash"), Concept.NASH)


def sequence_form_lemke(
    game: ExtensiveFormGame | NormalFormGame, *, max_pivots: int = 1_000_000, **options: Any
) -> SolveResult:
    """One Nash equilibrium of a two-player tree with perfect recall, by Lemke's algorithm
    on the sequence-form LCP (exact; guarantee ``one``).

    Also accepts a bimatrix game (its sequence form has one information set per player).
    The equilibrium's certificate is recomputed on the game, not taken from the algorithm.

    Examples
    --------
    >>> from strategy.forms.extensive import ExtensiveFormGame, decide, leaf
    >>> pennies = ExtensiveFormGame(("A", "B"), decide("A",
    ...     H=decide("B", infoset="b", H=leaf(A=1, B=-1), T=leaf(A=-1, B=1)),
    ...     T=decide("B", infoset="b", H=leaf(A=-1, B=1), T=leaf(A=1, B=-1))))
    >>> res = sequence_form_lemke(pennies)
    >>> dict(res[0].profile["root"]), res[0].max_regret
    ({'H': Fraction(1, 2), 'T': Fraction(1, 2)}, Fraction(0, 1))
    """
    sf = sequence_form(game)
    x, y, pivots = _lcp_plans(sf, max_pivots=max_pivots)
    eq = _equilibrium(game, sf, (x, y))
    n1, n2 = sf.shape
    note = (
        f"sequence form: {n1} + {n2} sequences, {len(sf.constraints[0])} + {len(sf.constraints[1])} "
        f"plan constraints; Lemke's algorithm (exact, lexicographic) took {pivots} pivots"
    )
    return SolveResult(
        game, (eq,), "sequence_form", Guarantee.ONE, {"max_pivots": max_pivots, **options}, None, (), (note,)
    )


# ---------------------------------------------------------------------- zero-sum: one LP
def sequence_form_lp(game: ExtensiveFormGame, **options: Any) -> SolveResult:
    r"""One equilibrium (optimal plans) of a two-player constant-sum tree by one LP.

    .. math::

        \max_{x, r} f^\top r \quad \text{s.t.} \quad F^\top r - A^\top x \le 0,\; Ex = e,\; x \ge 0,

    solved by HiGHS; the duals of the first rows are the minimiser's plan :math:`y`. For
    an exact tree the behaviour probabilities are then rounded to nearby fractions and
    kept if the exact certificate is zero; otherwise the exact Lemke path
    (:func:`sequence_form_lemke`) answers, with a note.

    Raises
    ------
    UnsupportedGameError
        If the tree is not constant-sum (a leaf's payoffs sum differently).
    """
    import numpy as np
    from scipy.sparse import coo_matrix

    sf = sequence_form(game)
    constant = sf.constant_sum()
    if constant is None:
        raise UnsupportedGameError(
            "sequence_form_lp needs a constant-sum tree (the players' payoffs sum to the same number at "
            "every leaf); use sequence_form_lemke for general two-player trees"
        )
    n1, n2 = sf.shape
    e_rows, f_rows = sf.constraints
    m1, m2 = len(e_rows), len(f_rows)
    # variables: x (n1), r (m2) free; minimise -r_0
    ub_r, ub_c, ub_v = [], [], []
    for c, row in enumerate(f_rows):
        for t, coef in row.items():
            ub_r.append(t)
            ub_c.append(n1 + c)
            ub_v.append(float(coef))
    for (s, t), v in sf.payoffs[0].items():
        ub_r.append(t)
        ub_c.append(s)
        ub_v.append(-float(v))
    eq_r, eq_c, eq_v = [], [], []
    for c, row in enumerate(e_rows):
        for s, coef in row.items():
            eq_r.append(c)
            eq_c.append(s)
            eq_v.append(float(coef))
    cost = np.zeros(n1 + m2)
    cost[n1] = -1.0
    optimum = minimise(
        cost,
        a_ub=coo_matrix((ub_v, (ub_r, ub_c)), shape=(n2, n1 + m2)).tocsr(),
        b_ub=np.zeros(n2),
        a_eq=coo_matrix((eq_v, (eq_r, eq_c)), shape=(m1, n1 + m2)).tocsr(),
        b_eq=np.eye(m1)[0],
        bounds=[(0, None)] * n1 + [(None, None)] * m2,
        precise=True,
        what="the sequence-form LP",
    )
    if optimum is None:  # pragma: no cover - the LP is feasible and bounded for every tree
        raise ConvergenceError("the sequence-form LP has no optimum")
    plans = [list(optimum.x[:n1]), list(-optimum.upper_duals)]
    floats = _behavior(game, sf, [[max(float(v), 0.0) for v in p] for p in plans], threshold=PROBABILITY_TOL)
    note = f"sequence-form LP (HiGHS): {n1} + {n2} sequences; value to {sf.players[0]} {-optimum.value:.10g}"
    if game.exact:
        mixed = [label for label, c in floats.items() if isinstance(c, dict)]

        def certified(candidate: list[tuple[Fraction, ...]]) -> tuple[Equilibrium, int] | None:
            exact = dict(floats)
            for label, probabilities in zip(mixed, candidate, strict=True):
                snapped = dict(zip(floats[label], probabilities, strict=True))
                pure = [a for a, p in snapped.items() if p == 1]
                exact[label] = pure[0] if pure else snapped
            eq = Equilibrium.certify(BehaviorProfile(game, exact, "nash"), Concept.NASH)
            return (eq, max((p.denominator for d in candidate for p in d), default=1)) if eq.max_regret == 0 else None

        verified = first_verified([list(floats[label].values()) for label in mixed], certified, near=ROUNDING_RADIUS)
        if verified is not None:
            return SolveResult(game, (verified[0],), "sequence_form_lp", Guarantee.ONE, dict(options), None, (), (
                note, f"probabilities rounded to fractions (largest denominator {verified[1]}) and verified exactly"
            ))  # fmt: skip
        fallback = sequence_form_lemke(game, **options)
        return replace(
            fallback, notes=(note, "rounding did not verify exactly: solved by Lemke instead", *fallback.notes)
        )
    eq = Equilibrium.certify(BehaviorProfile(game, floats, "nash"), Concept.NASH)
    return SolveResult(game, (eq,), "sequence_form_lp", Guarantee.ONE, dict(options), None, (), (note,))
