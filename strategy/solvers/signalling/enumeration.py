r"""All perfect Bayesian equilibria of a finite signalling game, and the Intuitive Criterion.

**The object.** A PBE of a :class:`~strategy.forms.bayesian.SignallingGame` is a sender
strategy :math:`s_t \in \Delta(M)` per type, a receiver strategy :math:`\sigma_m \in
\Delta(A)` per message and beliefs :math:`\mu_m \in \Delta(T)` such that (i) each type's
messages maximise :math:`v_t(m) = \sum_a \sigma_m(a) u_S(t, m, a)`; (ii) each
:math:`\sigma_m` is supported on best replies to :math:`\mu_m`; (iii) on the path
:math:`\mu_m(t) \propto \pi(t) s_t(m)` (Bayes' rule). Off the path any belief will do:
the result reports the **set** of beliefs under which the receiver's action is
sequentially rational (an interval ``[lo, hi]`` for :math:`\mu(t_1 \mid m)` with two
types; the vertices and the defining linear inequalities with more).

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

**The certificate** (:meth:`PBE.max_regret`) is recomputed from the game's payoffs: the
largest of each type's regret against :math:`\sigma`, the receiver's regret at each
on-path message under Bayes beliefs, and, off the path, the smallest receiver regret over
the reported belief set. It is ``0`` iff the assessment is a PBE.

References
----------
Cho, I.-K. and Kreps, D. M. (1987). Signaling games and stable equilibria. QJE 102(2).
Fudenberg, D. and Tirole, J. (1991). *Game Theory*, ch. 8 and 11. MIT Press.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, UnknownLabelError
from strategy.forms.bayesian import SignallingGame
from strategy.numbers import DEFAULT_TOL, scale_tolerance, to_fraction
from strategy.solvers.result import Concept, Equilibrium, Guarantee, SolveResult, number_to_json

__all__ = ["PBE", "BeliefSet", "intuitive_criterion", "perfect_bayesian_equilibria", "refine"]

METHOD = "signalling_enumeration"


# ---------------------------------------------------------------------------- exact linear algebra
def _rref(rows: list[list[Fraction]], ncols: int) -> tuple[list[list[Fraction]], list[int]]:
    """Reduced row echelon form of an augmented matrix (last column = right-hand side)."""
    m = [list(r) for r in rows]
    pivots: list[int] = []
    r = 0
    for c in range(ncols):
        p = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if p is None:
            continue
        m[r], m[p] = m[p], m[r]
        inv = 1 / m[r][c]
        m[r] = [v * inv for v in m[r]]
        for i in range(len(m)):
            if i != r and m[i][c] != 0:
                f = m[i][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[r], strict=True)]
        pivots.append(c)
        r += 1
        if r == len(m):
            break
    return m, pivots


def _affine(
    n: int, eq: list[list[Fraction]], rhs: list[Fraction]
) -> tuple[list[Fraction], list[list[Fraction]]] | None:
    """Solve ``eq x = rhs``: particular solution and a basis of the null space, or None."""
    if not eq:
        return [Fraction(0)] * n, [[Fraction(int(i == j)) for i in range(n)] for j in range(n)]
    m, piv = _rref([[*row, b] for row, b in zip(eq, rhs, strict=True)], n)
    for row in m[len(piv) :]:
        if row[n] != 0:
            return None
    x0 = [Fraction(0)] * n
    for i, c in enumerate(piv):
        x0[c] = m[i][n]
    basis = []
    for f in (c for c in range(n) if c not in piv):
        v = [Fraction(0)] * n
        v[f] = Fraction(1)
        for i, c in enumerate(piv):
            v[c] = -m[i][f]
        basis.append(v)
    return x0, basis


def _vertices(
    n: int, eq: list[list[Fraction]], rhs: list[Fraction], ub: list[list[Fraction]], ub_rhs: list[Fraction]
) -> list[tuple[Fraction, ...]]:
    """Vertices of the bounded polytope ``{x : eq x = rhs, ub x <= ub_rhs}`` (exact).

    The affine hull of the equalities is solved exactly; in its coordinates every choice of
    ``k = dim`` inequalities made tight is a vertex candidate. A float solve screens the
    candidates (with a generous tolerance); the survivors are recomputed and checked exactly,
    so the answer is exact and the floats only save time.
    """
    sol = _affine(n, eq, rhs)
    if sol is None:
        return []
    x0, basis = sol
    k = len(basis)
    exact_gh: list[tuple[list[list[Fraction]], list[Fraction]]] = []

    def gh() -> tuple[list[list[Fraction]], list[Fraction]]:
        if not exact_gh:
            g = [[sum((a * b for a, b in zip(row, v, strict=True)), Fraction(0)) for v in basis] for row in ub]
            h = [
                b - sum((a * x for a, x in zip(row, x0, strict=True)), Fraction(0))
                for row, b in zip(ub, ub_rhs, strict=True)
            ]
            exact_gh.append((g, h))
        return exact_gh[0]

    def feasible(z: Sequence[Fraction]) -> bool:
        g, h = gh()
        return all(
            sum((a * zi for a, zi in zip(row, z, strict=True)), Fraction(0)) <= hi for row, hi in zip(g, h, strict=True)
        )

    if k == 0:
        return [tuple(x0)] if feasible([]) else []
    ubf = np.array(ub, dtype=float).reshape(len(ub), n)
    gf = ubf @ np.array(basis, dtype=float).T
    hf = np.array(ub_rhs, dtype=float) - ubf @ np.array(x0, dtype=float)
    slack = 1e-7 * max(1.0, float(np.abs(gf).max(initial=0)), float(np.abs(hf).max(initial=0)))
    found: set[tuple[Fraction, ...]] = set()
    screened: set[tuple[float, ...]] = set()
    for combo in itertools.combinations(range(len(ub)), k):
        idx = list(combo)
        sub = gf[idx]
        rel = abs(float(np.linalg.det(sub))) / max(1.0, float(np.abs(sub).max())) ** k
        if rel < 1e-13:  # singular up to rounding (exact rationals of moderate size are far above this)
            continue
        if rel > 1e-9:  # well conditioned: screen in floats; the grey zone goes straight to exact
            zf = np.linalg.solve(sub, hf[idx])
            if np.any(gf @ zf > hf + slack * (1 + np.abs(zf).sum())):
                continue
            seen = tuple(np.round(zf, 10))
            if seen in screened:  # a degenerate vertex is hit by many tight sets; recompute it once
                continue
            screened.add(seen)
        g, h = gh()
        m, piv = _rref([[*g[i], h[i]] for i in combo], k)
        if len(piv) < k:
            continue
        z = [m[i][k] for i in range(k)]
        if feasible(z):
            found.add(tuple(x0[j] + sum((z[i] * basis[i][j] for i in range(k)), Fraction(0)) for j in range(n)))
    return sorted(found)


# ---------------------------------------------------------------------------- result objects
@dataclass(frozen=True)
class BeliefSet:
    r"""The beliefs at an off-path message under which the receiver's action is optimal.

    ``vertices`` are the extreme beliefs (type -> probability); the set is their convex
    hull, equal to :math:`\{\mu \in \Delta(T) : \sum_t \mu_t [u_R(t,m,a) - u_R(t,m,a')]
    \ge 0\ \forall a \in \text{support}, a' \in A\}` (``inequalities`` spells it out).
    """

    message: str
    support: tuple[str, ...]
    types: tuple[str, ...]
    vertices: tuple[Mapping[str, Any], ...]
    inequalities: tuple[str, ...]

    @property
    def interval(self) -> tuple[Any, Any] | None:
        """``(lo, hi)`` for the probability of the first type when there are two types."""
        if len(self.types) != 2:
            return None
        first = [v[self.types[0]] for v in self.vertices]
        return (min(first), max(first))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "off_path": True,
            "support": list(self.support),
            "vertices": [{t: number_to_json(p) for t, p in v.items()} for v in self.vertices],
            "inequalities": list(self.inequalities),
        }
        if self.interval is not None:
            out["interval"] = {
                "type": self.types[0],
                "lo": number_to_json(self.interval[0]),
                "hi": number_to_json(self.interval[1]),
            }
        return out


def _fmt(x: Any) -> str:
    return str(x) if isinstance(x, Fraction) else f"{float(x):.6g}"


@dataclass(frozen=True, eq=False)
class PBE:
    """A perfect Bayesian equilibrium (assessment) of a signalling game.

    ``sender``: type -> {message: probability}; ``receiver``: message -> {action:
    probability}; ``beliefs``: on-path message -> {type: probability}; ``off_path``:
    off-path message -> :class:`BeliefSet`.
    """

    game: SignallingGame
    sender: Mapping[str, Mapping[str, Any]]
    receiver: Mapping[str, Mapping[str, Any]]
    beliefs: Mapping[str, Mapping[str, Any]]
    off_path: Mapping[str, BeliefSet]

    @property
    def classification(self) -> str:
        """``"pooling on m"``, ``"separating"``, ``"partially pooling"`` or ``"semi-separating"``."""
        if any(len([p for p in d.values() if p > 0]) > 1 for d in self.sender.values()):
            return "semi-separating"
        sent = [next(m for m, p in d.items() if p > 0) for d in self.sender.values()]
        if len(set(sent)) == 1:
            return f"pooling on {sent[0]}"
        return "separating" if len(set(sent)) == len(sent) else "partially pooling"

    def _value(self, t: int, m: int, who: Any) -> Any:
        g = self.game
        return sum(
            (p * who[t, m, g.actions.index(a)] for a, p in self.receiver[g.messages[m]].items()),
            Fraction(0) if g.exact else 0.0,
        )

    @property
    def type_payoffs(self) -> dict[str, Any]:
        """Each sender type's expected payoff."""
        g = self.game
        return {
            t: sum(
                (p * self._value(i, g.messages.index(m), g.sender_payoffs) for m, p in self.sender[t].items()),
                Fraction(0) if g.exact else 0.0,
            )
            for i, t in enumerate(g.types)
        }

    def payoffs(self) -> dict[str, Any]:
        """Sender's ex-ante expected payoff and the receiver's expected payoff."""
        g = self.game
        tp = self.type_payoffs
        us = sum((g.prior[i] * tp[t] for i, t in enumerate(g.types)), Fraction(0) if g.exact else 0.0)
        ur = sum(
            (
                g.prior[i] * p * self._value(i, g.messages.index(m), g.receiver_payoffs)
                for i, t in enumerate(g.types)
                for m, p in self.sender[t].items()
            ),
            Fraction(0) if g.exact else 0.0,
        )
        return {g.sender: us, g.receiver: ur}

    def _receiver_regret(self, m: int, belief: Sequence[Any]) -> Any:
        g = self.game
        ur = g.receiver_payoffs
        vals = [
            sum((belief[t] * ur[t, m, a] for t in range(len(g.types))), Fraction(0) if g.exact else 0.0)
            for a in range(len(g.actions))
        ]
        played = sum(
            (p * vals[g.actions.index(a)] for a, p in self.receiver[g.messages[m]].items()),
            Fraction(0) if g.exact else 0.0,
        )
        return max(vals) - played

    def max_regret(self) -> Any:
        """Certificate recomputed from the payoffs: 0 iff this assessment is a PBE."""
        g = self.game
        regrets = []
        for i, t in enumerate(g.types):
            v = [self._value(i, m, g.sender_payoffs) for m in range(len(g.messages))]
            got = sum((p * v[g.messages.index(m)] for m, p in self.sender[t].items()), Fraction(0) if g.exact else 0.0)
            regrets.append(max(v) - got)
        for j, m in enumerate(g.messages):
            w = [g.prior[i] * self.sender[t].get(m, 0) for i, t in enumerate(g.types)]
            total = sum(w)
            if total > 0:
                regrets.append(self._receiver_regret(j, [x / total for x in w]))
            else:
                bs = self.off_path.get(m)
                if bs is None:
                    regrets.append(
                        max(
                            self._receiver_regret(j, [int(k == i) for k in range(len(g.types))])
                            for i in range(len(g.types))
                        )
                    )
                    continue
                at_vertices = min(self._receiver_regret(j, [v[t] for t in g.types]) for v in bs.vertices)
                regrets.append(at_vertices if at_vertices == 0 else min(at_vertices, self._lp_regret(j, bs)))
        return max(regrets)

    def _lp_regret(self, m: int, bs: BeliefSet) -> float:
        from scipy.optimize import linprog

        g = self.game
        verts = [[float(v[t]) for t in g.types] for v in bs.vertices]
        ur = np.asarray(g.receiver_payoffs, dtype=float)[:, m, :]
        sig = np.array([float(self.receiver[g.messages[m]].get(a, 0)) for a in g.actions])
        gain = np.array(
            [
                [sum(b[t] * (ur[t, a] - ur[t] @ sig) for t in range(len(b))) for a in range(len(g.actions))]
                for b in verts
            ]
        )  # (vertices, actions)
        nv = len(verts)
        c = np.r_[np.zeros(nv), 1.0]
        a_ub = np.c_[gain.T, -np.ones(len(g.actions))]
        res = linprog(
            c,
            A_ub=a_ub,
            b_ub=np.zeros(len(g.actions)),
            A_eq=[np.r_[np.ones(nv), 0.0]],
            b_eq=[1.0],
            bounds=[(0, None)] * nv + [(None, None)],
        )
        return float(res.fun) if res.success else float("inf")

    def __getitem__(self, player: str) -> Mapping[str, Any]:
        if player == self.game.sender:
            return self.sender
        if player == self.game.receiver:
            return self.receiver
        raise UnknownLabelError("player", player, self.game.player_names)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: profile (sender per type, receiver per message), beliefs, classification."""
        g = self.game
        beliefs: dict[str, Any] = {m: {t: number_to_json(p) for t, p in b.items()} for m, b in self.beliefs.items()}
        beliefs.update({m: b.to_dict() for m, b in self.off_path.items()})
        return {
            "profile": {
                g.sender: {t: {m: number_to_json(p) for m, p in d.items()} for t, d in self.sender.items()},
                g.receiver: {m: {a: number_to_json(p) for a, p in d.items()} for m, d in self.receiver.items()},
            },
            "beliefs": beliefs,
            "classification": self.classification,
            "type_payoffs": {t: number_to_json(v) for t, v in self.type_payoffs.items()},
        }

    def as_floats(self) -> dict[str, dict[str, dict[str, float]]]:
        """The sender's strategy per type and the receiver's per message, as floats."""
        g = self.game
        return {
            g.sender: {t: {m: float(p) for m, p in d.items()} for t, d in self.sender.items()},
            g.receiver: {m: {a: float(p) for a, p in d.items()} for m, d in self.receiver.items()},
        }

    def key(self) -> tuple[Any, ...]:
        """Hashable identity: the strategies (beliefs follow from them)."""
        return (
            tuple(sorted((t, tuple(sorted(d.items()))) for t, d in self.sender.items())),
            tuple(sorted((m, tuple(sorted(d.items()))) for m, d in self.receiver.items())),
        )

    def __repr__(self) -> str:
        s = "; ".join(f"{t}: " + ", ".join(f"{m} {_fmt(p)}" for m, p in d.items()) for t, d in self.sender.items())
        r = "; ".join(f"{m}: " + ", ".join(f"{a} {_fmt(p)}" for a, p in d.items()) for m, d in self.receiver.items())
        return f"PBE({self.classification}; sender [{s}]; receiver [{r}])"


# ---------------------------------------------------------------------------- the solver
class _Exact:
    """The game's numbers as Fractions (floats through their decimal form)."""

    def __init__(self, game: SignallingGame) -> None:
        self.nt, self.nm, self.na = len(game.types), len(game.messages), len(game.actions)
        self.prior = [to_fraction(p) for p in game.prior]
        self.us = [
            [[to_fraction(game.sender_payoffs[t, m, a]) for a in range(self.na)] for m in range(self.nm)]
            for t in range(self.nt)
        ]
        self.ur = [
            [[to_fraction(game.receiver_payoffs[t, m, a]) for a in range(self.na)] for m in range(self.nm)]
            for t in range(self.nt)
        ]
        self._belief_cache: dict[tuple[int, tuple[int, ...], tuple[int, ...]], list[tuple[Fraction, ...]]] = {}

    def belief_vertices(
        self, m: int, support: tuple[int, ...], types: tuple[int, ...] | None = None
    ) -> list[tuple[Fraction, ...]]:
        """Vertices of {mu in Delta(types): support subset of BR_m(mu)}."""
        types = tuple(range(self.nt)) if types is None else types
        key = (m, support, types)
        if key not in self._belief_cache:
            n = self.nt
            eq = [[Fraction(1)] * n]
            rhs = [Fraction(1)]
            for t in range(n):
                if t not in types:
                    eq.append([Fraction(int(k == t)) for k in range(n)])
                    rhs.append(Fraction(0))
            a0 = support[0]
            for a in support[1:]:
                eq.append([self.ur[t][m][a] - self.ur[t][m][a0] for t in range(n)])
                rhs.append(Fraction(0))
            ub = [[Fraction(-int(k == t)) for k in range(n)] for t in range(n)]
            ub_rhs = [Fraction(0)] * n
            for a in range(self.na):
                if a not in support:
                    ub.append([self.ur[t][m][a] - self.ur[t][m][a0] for t in range(n)])
                    ub_rhs.append(Fraction(0))
            self._belief_cache[key] = _vertices(n, eq, rhs, ub, ub_rhs)
        return self._belief_cache[key]


def _subsets(n: int) -> list[tuple[int, ...]]:
    return [c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)]


def _sender_polytope(
    x: _Exact, supports: Sequence[tuple[int, ...]], responses: Mapping[int, tuple[int, ...]]
) -> list[tuple[Fraction, ...]]:
    var = [(t, m) for t in range(x.nt) for m in supports[t]]
    n = len(var)
    eq: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    for t in range(x.nt):
        eq.append([Fraction(int(v[0] == t)) for v in var])
        rhs.append(Fraction(1))
    ub = [[Fraction(-int(i == j)) for j in range(n)] for i in range(n)]
    ub_rhs = [Fraction(0)] * n
    for m, sup in responses.items():
        a0 = sup[0]
        for a in range(x.na):
            row = [x.prior[t] * (x.ur[t][m][a] - x.ur[t][m][a0]) if mm == m else Fraction(0) for t, mm in var]
            if a in sup[1:]:
                eq.append(row)
                rhs.append(Fraction(0))
            elif a not in sup:
                ub.append(row)
                ub_rhs.append(Fraction(0))
    return _vertices(n, eq, rhs, ub, ub_rhs)


def _receiver_polytope(
    x: _Exact, supports: Sequence[tuple[int, ...]], responses: Sequence[tuple[int, ...]]
) -> list[tuple[Fraction, ...]]:
    var = [(m, a) for m in range(x.nm) for a in responses[m]]
    n = len(var)
    eq: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    for m in range(x.nm):
        eq.append([Fraction(int(v[0] == m)) for v in var])
        rhs.append(Fraction(1))
    ub = [[Fraction(-int(i == j)) for j in range(n)] for i in range(n)]
    ub_rhs = [Fraction(0)] * n
    for t in range(x.nt):
        m0 = supports[t][0]

        def diff(m: int, t: int = t, m0: int = m0) -> list[Fraction]:
            return [
                (x.us[t][mm][a] if mm == m else Fraction(0)) - (x.us[t][mm][a] if mm == m0 else Fraction(0))
                for mm, a in var
            ]

        for m in range(x.nm):
            if m == m0:
                continue
            if m in supports[t]:
                eq.append(diff(m))
                rhs.append(Fraction(0))
            else:
                ub.append(diff(m))
                ub_rhs.append(Fraction(0))
    return _vertices(n, eq, rhs, ub, ub_rhs)


def _may_be_optimal(x: _Exact, supports: Sequence[tuple[int, ...]], responses: Sequence[tuple[int, ...]]) -> bool:
    """Cheap necessary condition for the receiver polytope: no type's used message is beaten for sure."""
    for t in range(x.nt):
        best_used = min(max(x.us[t][m][a] for a in responses[m]) for m in supports[t])
        for m in range(x.nm):
            if m not in supports[t] and min(x.us[t][m][a] for a in responses[m]) > best_used:
                return False
    return True


def _build(
    game: SignallingGame, x: _Exact, s: Mapping[tuple[int, int], Fraction], sig: Mapping[tuple[int, int], Fraction]
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
                " + ".join(f"({_fmt(x.ur[t][m][a0] - x.ur[t][m][a])})*mu[{game.types[t]}]" for t in range(x.nt))
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
    x = _Exact(game)
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


# ---------------------------------------------------------------------------- Intuitive Criterion
def intuitive_criterion(game: SignallingGame, pbe: PBE | Equilibrium) -> tuple[bool, str]:
    r"""Test a PBE with the Intuitive Criterion of Cho and Kreps (1987).

    For each off-path message *m*: type *t* is **equilibrium-dominated** at *m* if
    :math:`u^*_t > \max_{a \in BR(m, \Delta(T))} u_S(t, m, a)` (no receiver best reply to
    any belief makes *m* worth sending). Let *J* be the other types (all types if every
    type is dominated, in which case *m* imposes nothing). The PBE **fails** if some type
    *t'* has :math:`u^*_{t'} < \min_{a \in BR(m, \Delta(J))} u_S(t', m, a)`: it gains from
    *m* against every best reply to beliefs concentrated on *J*. Pure best replies suffice
    for both the max and the min, because the payoff is linear in the receiver's mix.

    Returns
    -------
    (passes, explanation)
    """
    p = pbe.profile if isinstance(pbe, Equilibrium) else pbe
    x = _Exact(game)
    star = {t: to_fraction(v) for t, v in p.type_payoffs.items()}
    lines = []
    passes = True
    for m_label in p.off_path:
        m = game.messages.index(m_label)
        br_all = [a for a in range(x.na) if x.belief_vertices(m, (a,))]
        dominated = [t for t in range(x.nt) if star[game.types[t]] > max(x.us[t][m][a] for a in br_all)]
        names = [game.types[t] for t in dominated]
        if len(dominated) == x.nt:
            lines.append(f"{m_label}: equilibrium-dominated for every type; no restriction")
            continue
        j = tuple(t for t in range(x.nt) if t not in dominated)
        br_j = [a for a in range(x.na) if x.belief_vertices(m, (a,), j)]
        gainers = [game.types[t] for t in range(x.nt) if star[game.types[t]] < min(x.us[t][m][a] for a in br_j)]
        jn = [game.types[t] for t in j]
        if gainers:
            passes = False
            lines.append(
                f"{m_label}: dominated for {names or 'no type'}; against every best reply to beliefs on "
                f"{jn} ({[game.actions[a] for a in br_j]}) type(s) {gainers} gain -> fails"
            )
        else:
            lines.append(
                f"{m_label}: dominated for {names or 'no type'}; no type gains against every best reply to "
                f"beliefs on {jn} -> passes"
            )
    if not p.off_path:
        lines.append("no off-path messages; the criterion holds trivially")
    return passes, "; ".join(lines)


def refine(result: SolveResult, criterion: str = "intuitive") -> SolveResult:
    """Keep the equilibria of `result` that pass `criterion` (``"intuitive"``)."""
    if criterion != "intuitive":
        raise UnknownLabelError("refinement", criterion, ["intuitive"])
    kept = tuple(e for e in result if intuitive_criterion(result.game, e)[0])
    return replace(
        result,
        equilibria=kept,
        notes=(*result.notes, f"refined by the Intuitive Criterion: {len(kept)} of {len(result)} kept"),
    )
