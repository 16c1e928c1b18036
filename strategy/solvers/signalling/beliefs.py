r"""The receiver's best replies to beliefs in a signalling game, in exact arithmetic.

At message :math:`m` the actions :math:`R \subseteq A` are all best replies to the belief
:math:`\mu \in \Delta(T)` iff

.. math:: \sum_t \mu_t [u_R(t,m,a) - u_R(t,m,a_0)] = 0 \;(a \in R),\qquad
          \sum_t \mu_t [u_R(t,m,a) - u_R(t,m,a_0)] \le 0 \;(a \notin R),

for one :math:`a_0 \in R`: a polytope in the simplex, given by its vertices.
"""

from __future__ import annotations

from fractions import Fraction

from strategy.forms.bayesian import SignallingGame
from strategy.numbers import to_fraction
from strategy.solvers._exact.polytope import polytope_vertices

__all__ = ["ExactSignalling"]


class ExactSignalling:
    """A signalling game's numbers as Fractions (floats through their decimal form), and the
    receiver's best-reply regions of the belief simplex, computed once each."""

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
        """The vertices of ``{mu in Delta(types) : support is a subset of BR_m(mu)}``: the beliefs
        concentrated on `types` (all types by default) under which every action of `support`
        is a best reply at message `m`."""
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
            self._belief_cache[key] = polytope_vertices(n, eq, rhs, ub, ub_rhs)
        return self._belief_cache[key]
