r"""Perfect Bayesian equilibria of signalling games as values: the assessment and its beliefs.

A PBE of a :class:`~strategy.forms.bayesian.SignallingGame` is a sender strategy
:math:`s_t \in \Delta(M)` per type, a receiver strategy :math:`\sigma_m \in \Delta(A)` per
message and beliefs :math:`\mu_m \in \Delta(T)` such that (i) each type's messages maximise
:math:`v_t(m) = \sum_a \sigma_m(a) u_S(t, m, a)`; (ii) each :math:`\sigma_m` is supported on
best replies to :math:`\mu_m`; (iii) on the path :math:`\mu_m(t) \propto \pi(t) s_t(m)`
(Bayes' rule). Off the path any belief will do: a :class:`PBE` reports the **set** of
beliefs under which the receiver's action is sequentially rational (:class:`BeliefSet`: an
interval ``[lo, hi]`` for :math:`\mu(t_1 \mid m)` with two types; the vertices and the
defining linear inequalities with more).

**The certificate** (:meth:`PBE.max_regret`) is recomputed from the game's payoffs: the
largest of each type's regret against :math:`\sigma`, the receiver's regret at each
on-path message under Bayes beliefs, and, off the path, the smallest receiver regret over
the reported belief set. It is ``0`` iff the assessment is a PBE.

References
----------
Fudenberg, D. and Tirole, J. (1991). *Game Theory*, ch. 8. MIT Press.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from strategy.errors import ConvergenceError, UnknownLabelError
from strategy.forms.bayesian import SignallingGame
from strategy.solvers._exact.lp import minimise
from strategy.solvers.result import number_to_json

__all__ = ["PBE", "BeliefSet", "number_text"]


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


def number_text(x: Any) -> str:
    """A Fraction as ``p/q``, a float with 6 significant digits."""
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
        """The smallest receiver regret at off-path message `m` over the convex hull of the
        belief set's vertices: ``min_{lambda, r} r`` s.t. the gain of every action under the
        mixed belief is at most ``r`` (``inf`` if the LP gives no answer)."""
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
        try:
            optimum = minimise(
                np.r_[np.zeros(nv), 1.0],
                a_ub=np.c_[gain.T, -np.ones(len(g.actions))],
                b_ub=np.zeros(len(g.actions)),
                a_eq=[np.r_[np.ones(nv), 0.0]],
                b_eq=[1.0],
                bounds=[(0, None)] * nv + [(None, None)],
                what="the off-path regret LP",
            )
        except ConvergenceError:
            return float("inf")
        return float("inf") if optimum is None else optimum.value

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
        s = "; ".join(
            f"{t}: " + ", ".join(f"{m} {number_text(p)}" for m, p in d.items()) for t, d in self.sender.items()
        )
        r = "; ".join(
            f"{m}: " + ", ".join(f"{a} {number_text(p)}" for a, p in d.items()) for m, d in self.receiver.items()
        )
        return f"PBE({self.classification}; sender [{s}]; receiver [{r}])"
