"""Rubinstein's alternating-offers game on a one-dimensional issue, with outside options.

Players alternate proposals of an agreement :math:`x`; a responder who rejects proposes
next period, and every period of delay discounts gains over the disagreement point by
:math:`\\delta_i`. Measured in gains :math:`g_i(x) = u_i(x) - d_i`, the unique SPE (no
outside options) has stationary proposals :math:`x_1, x_2` with each responder indifferent:

.. math:: g_2(x_1) = \\delta_2 g_2(x_2), \\qquad g_1(x_2) = \\delta_1 g_1(x_1).

On a linear frontier the first proposer's share of the bargaining range is
:math:`(1 - \\delta_2)/(1 - \\delta_1 \\delta_2)` (Rubinstein 1982). Proposals are kept inside
the issue's bounds (a proposer who would like to go past a bound proposes the bound).

**Outside options** (Shaked and Sutton 1984; Binmore, Shaked and Sutton 1989): a responder
who may quit to an outside option worth :math:`w_i` gets :math:`\\max(\\text{Rubinstein payoff},
w_i)` -- the option matters only when it binds, and then exactly pins the offer. With
outside options for both players better than disagreement the game can have many SPE,
including delayed agreement (Ponsatí and Sákovics 1998); the result then sets
``multiple_spe`` and reports the outside-option-principle outcome as one of them.

Examples
--------
>>> from strategy.bargaining.nash import Issue
>>> issue = Issue.linear(("R", "T"), intercepts=(2.5, 0.5), slopes=(8.0, 8.0))
>>> out = rubinstein(issue, {"R": 1.208, "T": -5.137}, {"R": 0.9, "T": 0.8})
>>> round(out.agreement, 4), round(out.proposer_share, 4)
(0.4572, 0.7143)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from strategy.bargaining.nash import Issue, bargaining_range
from strategy.bargaining.outcome import Outcome
from strategy.errors import ConvergenceError, InvalidGameError

__all__ = ["RubinsteinOutcome", "rubinstein"]


@dataclass(frozen=True)
class RubinsteinOutcome(Outcome):
    """The SPE of alternating offers: immediate agreement on the first proposer's offer.

    ``proposals`` maps each player to its stationary proposal; ``agreement`` is the first
    proposer's; ``binding`` lists the players whose outside option binds; ``multiple_spe``
    flags two-sided outside options (other SPE, with delay, exist). ``deal`` is False when
    some player's outside option beats every agreement on the issue: that player walks
    away, ``agreement`` and the proposals are NaN and ``payoffs`` are the outside options
    taken (disagreement payoffs for the others).
    """

    first: str
    agreement: float
    payoffs: Mapping[str, float]
    proposals: Mapping[str, float]
    proposer_share: float
    binding: tuple[str, ...]
    multiple_spe: bool
    notes: tuple[str, ...] = ()
    deal: bool = True

    def to_text(self) -> str:
        """``Russia proposes first: x = 0.4572; Russia 6.16, Turkey -3.16`` (or ``no deal: ...``)."""
        pays = ", ".join(f"{p} {v:.4g}" for p, v in self.payoffs.items())
        if not self.deal:
            return f"{self.first} proposes first: no deal ({', '.join(self.binding) or 'a player'} walks away); {pays}"
        binding = f"; outside option binds for {', '.join(self.binding)}" if self.binding else ""
        return f"{self.first} proposes first: x = {self.agreement:.4g}; {pays}{binding}"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "first": self.first,
            "deal": self.deal,
            "agreement": self.agreement if self.deal else None,
            "payoffs": dict(self.payoffs),
            "proposals": dict(self.proposals),
            "proposer_share": self.proposer_share,
            "binding": list(self.binding),
            "multiple_spe": self.multiple_spe,
            "notes": list(self.notes),
        }


def rubinstein(
    issue: Issue,
    disagreement: Mapping[str, float],
    discount: Mapping[str, float],
    *,
    first: str | None = None,
    outside: Mapping[str, float] | None = None,
) -> RubinsteinOutcome:
    """Solve alternating offers on `issue`.

    Parameters
    ----------
    issue : Issue
        The first player's utility rises in ``x``, the second's falls.
    disagreement : mapping
        Payoff of each player while no agreement is reached (gains are measured from it).
    discount : mapping
        Per-period discount factor of each player, in (0, 1).
    first : str, optional
        Who proposes first (default the issue's first player).
    outside : mapping, optional
        Outside-option payoffs a responder can take instead of continuing.
    """
    p1, p2 = issue.players
    first = p1 if first is None else first
    if first not in issue.players:
        raise InvalidGameError(f"first proposer {first!r} is not one of {issue.players}")
    for name in issue.players:
        if name not in discount or not 0.0 < float(discount[name]) < 1.0:
            raise InvalidGameError(f"the discount factor of {name!r} must lie in (0, 1); got {discount.get(name)!r}")
    outside = dict(outside or {})
    d = {n: float(disagreement[n]) for n in issue.players}
    x_lo, x_hi = bargaining_range(issue, d)
    lo, hi = max(x_lo, issue.low), min(x_hi, issue.high)
    if lo > hi:
        raise InvalidGameError("no agreement beats disagreement for both players; Rubinstein bargaining has no deal")

    best = {p1: issue.payoffs(hi)[p1], p2: issue.payoffs(lo)[p2]}  # p1's utility rises in x
    leaving = tuple(n for n in issue.players if outside.get(n, -float("inf")) > best[n])
    if leaving:
        nan = float("nan")
        walk = {n: float(outside[n]) if n in leaving else d[n] for n in issue.players}
        return RubinsteinOutcome(
            first,
            nan,
            MappingProxyType(walk),
            MappingProxyType({p1: nan, p2: nan}),
            nan,
            leaving,
            False,
            (f"{', '.join(leaving)}'s outside option beats every agreement on the issue: no deal",),
            deal=False,
        )

    def gain(name: str, x: float) -> float:
        return issue.payoffs(x)[name] - d[name]

    def offer_to(responder: str, level: float) -> float:
        """Agreement giving `responder` utility `level`, kept inside [lo, hi]."""
        return min(max(issue.solve_for(responder, level), lo), hi)

    # Stationary proposals: x1 (p1 proposes), x2 (p2 proposes). new1(x1) maps [lo, hi] into
    # itself, so F(x1) = new1(x1) - x1 changes sign on [lo, hi]; its root is the fixed point.
    none = -float("inf")

    def step(x1: float) -> tuple[float, float, float, float]:
        rest1 = d[p1] + discount[p1] * gain(p1, x1)
        x2 = offer_to(p1, max(rest1, outside.get(p1, none)))
        rest2 = d[p2] + discount[p2] * gain(p2, x2)
        return offer_to(p2, max(rest2, outside.get(p2, none))), x2, rest1, rest2

    from scipy.optimize import brentq

    if step(hi)[0] >= hi:
        x1 = hi
    elif step(lo)[0] <= lo:
        x1 = lo
    else:
        try:
            x1 = float(brentq(lambda x: step(x)[0] - x, lo, hi, xtol=1e-15, rtol=1e-15))
        except ValueError as err:  # pragma: no cover - F changes sign on [lo, hi] by construction
            raise ConvergenceError(f"alternating-offers proposals: {err}") from None
    _, x2, rest1, rest2 = step(x1)
    agreement = x1 if first == p1 else x2
    payoffs = issue.payoffs(agreement)
    binding = tuple(n for n, rest in ((p1, rest1), (p2, rest2)) if outside.get(n, none) > rest)
    multiple = sum(1 for n in issue.players if outside.get(n, -float("inf")) > d[n]) == 2
    notes: list[str] = []
    if multiple:
        notes.append(
            "both players have outside options better than disagreement: other SPE exist, some with delay "
            "(Ponsati and Sakovics 1998); the outside-option-principle outcome is reported"
        )
    width = x_hi - x_lo
    share = (agreement - x_lo) / width if first == p1 else (x_hi - agreement) / width
    return RubinsteinOutcome(
        first, agreement, payoffs, MappingProxyType({p1: x1, p2: x2}), share, binding, multiple, tuple(notes)
    )
