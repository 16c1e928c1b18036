r"""All perfect Bayesian equilibria of a finite signalling game, by exact support enumeration.

The assessments are :class:`~strategy.solvers.signalling.assessment.PBE` values (with
their certificate); the Intuitive Criterion is in :mod:`~strategy.solvers.signalling.refinement`.

**The method** (support enumeration, exact). Fix the supports :math:`S_t \subseteq M` of
every type and :math:`R_m \subseteq A` of the receiver at every message. Then

* the receiver's conditions at an on-path message are *linear* in the unnormalised
  beliefs :math:`w_t = \pi(t) s_t(m)`:
  :math:`\sum_t w_t\,[u_R(t,m,a) - u_R(t,m,a')] = 0` for :math:`a, a' \in R_m` and
  :math:`\ge 0` for :math:`a \in R_m, a' \notin R_m` (the best-reply regions of the
  belief simplex; with two types they are intervals cut at thresholds on
  :math:`\mu(t_1 \mid m)`);
* the sender's conditions are linear in :math:`\sigma`: :math:`v_t(m) = v_t(m')` on
  :math:`S_t`, :math:`v_t(m) \ge v_t(m'')` off it;
* at an off-path message the receiver needs some belief :math:`\mu` with
  :math:`R_m \subseteq BR_m(\mu)`: a polytope in the simplex that must be non-empty.

So for fixed supports the equilibria form a product of two polytopes
:math:`X(S, R) \times Y(S, R)`. Receiver supports whose belief polytope is empty are
pruned first; the vertices of every remaining :math:`X` and :math:`Y` are enumerated in
exact rational arithmetic (floats are read through their decimal form), each candidate is
re-validated with its actual supports, and duplicates are merged.

**Completeness.** In a generic game every polytope is a point and the result lists *all*
PBE (``Guarantee.ALL``). When some polytope has several vertices (for example the receiver
may mix off the path over a range of probabilities, as in the pooling equilibria of
beer-quiche) the PBE set contains continua: the extreme points are reported
(``Guarantee.ALL_EXTREME``), a note says so, and every convex combination of extreme points
with the same supports is also a PBE. Cost grows as
:math:`(2^{|M|}-1)^{|T|}` sender supports times the feasible receiver supports: meant for
teaching-size games.

References
----------
Cho, I.-K. and Kreps, D. M. (1987). Signaling games and stable equilibria. QJE 102(2).
Fudenberg, D. and Tirole, J. (1991). *Game Theory*, ch. 8 and 11. MIT Press.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from strategy.errors import InvalidGameError
from strategy.forms.bayesian import SignallingGame
from strategy.numbers import DEFAULT_TOL, scale_tolerance
from strategy.solvers._exact.polytope import polytope_vertices
from strategy.solvers.result import Concept, Equilibrium, Guarantee, SolveResult
from strategy.solvers.signalling.assessment import PBE, BeliefSet, number_text
from strategy.solvers.signalling.beliefs import ExactSignalling
from strategy.solvers.signalling.refinement import intuitive_criterion, refine

__all__ = ["PBE", "BeliefSet", "intuitive_criterion", "perfect_bayesian_equilibria", "refine"]

METHOD = "signalling_enumeration"


def _subsets(n: int) -> list[tuple[int, ...]]:
    return [c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)]


Rows = tuple[list[list[Fraction]], list[Fraction], list[list[Fraction]], list[Fraction]]
"""Equalities and inequalities ``(A_eq, b_eq, A_ub, b_ub)`` of a polytope over the mixing variables."""


def _mixtures(var: Sequence[tuple[int, int]], groups: int) -> Rows:
    """Each group's probabilities (``var[k][0]`` names the group) are non-negative and sum to one."""
    n = len(var)
    eq = [[Fraction(int(v[0] == g)) for v in var] for g in range(groups)]
    ub = [[Fraction(-int(i == j)) for j in range(n)] for i in range(n)]
    return eq, [Fraction(1)] * groups, ub, [Fraction(0)] * n


def _no_better(rows: Rows, row: list[Fraction], tight: bool) -> None:
    """Add ``row . z <= 0``: an alternative pays no more; ``= 0`` when it is in the support (`tight`)."""
    eq, rhs, ub, ub_rhs = rows
    (eq if tight else ub).append(row)
    (rhs if tight else ub_rhs).append(Fraction(0))


def _sender_polytope(
    x: ExactSignalling, supports: Sequence[tuple[int, ...]], responses: Mapping[int, tuple[int, ...]]
) -> list[tuple[Fraction, ...]]:
    """The sender's strategies with these supports that make the receiver's `responses` best replies."""
    var = [(t, m) for t in range(x.nt) for m in supports[t]]
    rows = _mixtures(var, x.nt)
    for m, sup in responses.items():
        for a in range(x.na):
            if a != sup[0]:
                row = [x.prior[t] * (x.ur[t][m][a] - x.ur[t][m][sup[0]]) if mm == m else Fraction(0) for t, mm in var]
                _no_better(rows, row, a in sup)
    return polytope_vertices(len(var), *rows)


def _receiver_polytope(
    x: ExactSignalling, supports: Sequence[tuple[int, ...]], responses: Sequence[tuple[int, ...]]
) -> list[tuple[Fraction, ...]]:
    """The receiver's strategies with these supports that make the sender's `supports` best replies."""
    var = [(m, a) for m in range(x.nm) for a in responses[m]]
    rows = _mixtures(var, x.nm)
    for t in range(x.nt):
        m0 = supports[t][0]
        for m in range(x.nm):
            if m != m0:
                row = [
                    (x.us[t][mm][a] if mm == m else Fraction(0)) - (x.us[t][mm][a] if mm == m0 else Fraction(0))
                    for mm, a in var
                ]
                _no_better(rows, row, m in supports[t])
    return polytope_vertices(len(var), *rows)


def _may_be_optimal(
    x: ExactSignalling, supports: Sequence[tuple[int, ...]], responses: Sequence[tuple[int, ...]]
) -> bool:
    """Cheap necessary condition for the receiver polytope: no type's used message is beaten for sure."""
    for t in range(x.nt):
        best_used = min(max(x.us[t][m][a] for a in responses[m]) for m in supports[t])
        for m in range(x.nm):
            if m not in supports[t] and min(x.us[t][m][a] for a in responses[m]) > best_used:
                return False
    return True


def _build(
    game: SignallingGame,
    x: ExactSignalling,
    s: Mapping[tuple[int, int], Fraction],
    sig: Mapping[tuple[int, int], Fraction],
) -> PBE | None:
    """Assemble and validate a candidate with its actual supports; None if not a PBE."""
    conv: Any = (lambda v: v) if game.exact else float
    sender = {
        game.types[t]: MappingProxyType(
            {game.messages[m]: conv(p) for m in range(x.nm) if (p := s.get((t, m), Fraction(0))) > 0}
        )
        for t in range(x.nt)
    }
    receiver = {
        game.messages[m]: MappingProxyType(
            {game.actions[a]: conv(p) for a in range(x.na) if (p := sig.get((m, a), Fraction(0))) > 0}
        )
        for m in range(x.nm)
    }
    beliefs, off = {}, {}
    for m in range(x.nm):
        support = tuple(a for a in range(x.na) if sig.get((m, a), 0) > 0)
        w = [x.prior[t] * s.get((t, m), Fraction(0)) for t in range(x.nt)]
        total = sum(w)
        if total > 0:
            mu = [v / total for v in w]
            vals = [sum(mu[t] * x.ur[t][m][a] for t in range(x.nt)) for a in range(x.na)]
            if any(vals[a] != max(vals) for a in support):
                return None
            beliefs[game.messages[m]] = MappingProxyType({game.types[t]: conv(mu[t]) for t in range(x.nt)})
        else:
            verts = x.belief_vertices(m, support)
            if not verts:
                return None
            a0 = support[0]
            ineq = tuple(
                " + ".join(f"({number_text(x.ur[t][m][a0] - x.ur[t][m][a])})*mu[{game.types[t]}]" for t in range(x.nt))
                + (" = 0" if a in support else " >= 0")
                + f"  ({game.actions[a0]} vs {game.actions[a]})"
                for a in range(x.na)
                if a != a0
            )
            off[game.messages[m]] = BeliefSet(
                game.messages[m],
                tuple(game.actions[a] for a in support),
                game.types,
                tuple(MappingProxyType({game.types[t]: conv(v[t]) for t in range(x.nt)}) for v in verts),
                ineq,
            )
    return PBE(
        game, MappingProxyType(sender), MappingProxyType(receiver), MappingProxyType(beliefs), MappingProxyType(off)
    )


def perfect_bayesian_equilibria(game: SignallingGame, *, tol: float = DEFAULT_TOL) -> SolveResult:
    """Return every perfect Bayesian equilibrium of a finite signalling game.

    Parameters
    ----------
    game : SignallingGame
    tol : float
        Relative tolerance for the certificate check of float games (the enumeration
        itself is exact).

    Returns
    -------
    SolveResult
        ``Concept.PERFECT_BAYESIAN`` equilibria whose profiles are :class:`PBE` objects;
        ``Guarantee.ALL`` when the PBE set is finite, ``Guarantee.ALL_EXTREME`` (extreme
        points of continua, with a note) otherwise.

    Examples
    --------
    >>> from strategy.forms.bayesian import SignallingGame
    >>> g = SignallingGame.from_table(("H", "L"), (Fraction(1, 4), Fraction(3, 4)), ("E", "N"), ("M", "C"),
    ...     {(t, m, a): ((4 if a == "M" else 1) - (0 if m == "N" else 1 if t == "H" else 4),
    ...                  (2 if t == "H" else -1) if a == "M" else 0)
    ...      for t in "HL" for m in "EN" for a in "MC"})
    >>> sorted(e.profile.classification for e in perfect_bayesian_equilibria(g))
    ['pooling on N', 'pooling on N', 'separating']
    """
    if not isinstance(game, SignallingGame):
        raise InvalidGameError(f"perfect_bayesian_equilibria() needs a SignallingGame, not {type(game).__name__}")
    x = ExactSignalling(game)
    feasible = [[r for r in _subsets(x.na) if x.belief_vertices(m, r)] for m in range(x.nm)]
    found: dict[tuple[Any, ...], PBE] = {}
    continuum = False
    sender_cache: dict[tuple[Any, ...], list[tuple[Fraction, ...]]] = {}
    for supports in itertools.product(_subsets(x.nm), repeat=x.nt):
        on_path = sorted({m for sup in supports for m in sup})
        for responses in itertools.product(*feasible):
            if not _may_be_optimal(x, supports, responses):
                continue
            ys = _receiver_polytope(x, supports, responses)
            if not ys:
                continue
            key = (supports, tuple(responses[m] for m in on_path))
            if key not in sender_cache:
                sender_cache[key] = _sender_polytope(x, supports, {m: responses[m] for m in on_path})
            xs = sender_cache[key]
            if not xs:
                continue
            svar = [(t, m) for t in range(x.nt) for m in supports[t]]
            rvar = [(m, a) for m in range(x.nm) for a in responses[m]]
            hits = 0
            for xv in xs:
                for yv in ys:
                    pbe = _build(game, x, dict(zip(svar, xv, strict=True)), dict(zip(rvar, yv, strict=True)))
                    if pbe is not None:
                        hits += 1
                        found.setdefault(pbe.key(), pbe)
            if hits and (len(xs) > 1 or len(ys) > 1):
                continuum = True
    equilibria = tuple(
        Equilibrium(p, MappingProxyType(p.payoffs()), p.max_regret(), Concept.PERFECT_BAYESIAN)
        for p in sorted(found.values(), key=lambda p: (p.classification, repr(p)))
    )
    notes = [
        (
            f"{len(game.types)} types, {len(game.messages)} messages, {len(game.actions)} actions; "
            "supports enumerated exhaustively in exact arithmetic"
        )
    ]
    if continuum:
        notes.append(
            "the PBE set contains continua (e.g. the receiver may mix over a range of probabilities); "
            "their extreme points are reported, and every convex combination of extreme points with the "
            "same supports is also a PBE"
        )
    if not game.exact:
        limit = scale_tolerance(game.payoffs, tol)
        bad = [i for i, e in enumerate(equilibria) if float(e.max_regret) > limit]
        if bad:
            notes.append(f"equilibria {bad} have certificates above the tolerance {limit:.3g}")
    return SolveResult(
        game,
        equilibria,
        METHOD,
        Guarantee.ALL_EXTREME if continuum else Guarantee.ALL,
        options={"tol": tol},
        degenerate=continuum,
        notes=tuple(notes),
    )
