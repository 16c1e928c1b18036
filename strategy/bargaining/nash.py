"""The (generalised) Nash bargaining solution on a one-dimensional issue.

Two players bargain over an agreement :math:`x \\in [\\text{low}, \\text{high}]`; player
:math:`i` gets :math:`u_i(x)`, with :math:`u_1` increasing and :math:`u_2` decreasing in
:math:`x` (a frontier parametrised by the issue). If they fail to agree they get the
disagreement point :math:`d`. The generalised Nash solution with bargaining power
:math:`\\beta` of the first player maximises

.. math:: (u_1(x) - d_1)^{\\beta} (u_2(x) - d_2)^{1 - \\beta}

over the agreements both prefer to disagreement. For linear utilities
:math:`u_1 = a_1 + b_1 x`, :math:`u_2 = a_2 - b_2 x` the bargaining range is
:math:`[x_{lo}, x_{hi}]` with :math:`x_{lo} = (d_1 - a_1)/b_1`, :math:`x_{hi} = (a_2 - d_2)/b_2`
and the solution is :math:`x^* = \\beta x_{hi} + (1 - \\beta) x_{lo}`, clipped to the issue.

References
----------
Nash, J. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.
Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining solution in economic
modelling. *RAND Journal of Economics* 17(2), 176-188.

Examples
--------
>>> issue = Issue.linear(("R", "T"), intercepts=(2.5, 0.5), slopes=(8.0, 8.0))
>>> sol = nash_bargaining(issue, {"R": 1.208, "T": -5.137})
>>> round(sol.agreement, 4), sol.range == (-0.1615, 0.704625)
(0.2716, True)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, cast

from strategy.bargaining.outcome import Outcome
from strategy.errors import InvalidGameError, UnknownLabelError

__all__ = ["BargainingSolution", "Issue", "bargaining_range", "nash_bargaining"]


@dataclass(frozen=True)
class Issue:
    """A one-dimensional bargaining issue: ``utility(x) -> (u_1, u_2)`` on ``[low, high]``.

    ``u_1`` must increase and ``u_2`` decrease in ``x``. ``linear`` holds
    ``(a_1, b_1, a_2, b_2)`` when the utilities are ``a_1 + b_1 x`` and ``a_2 - b_2 x``
    (then ranges and solutions are computed in closed form, and may extend past the issue's
    bounds before clipping).
    """

    players: tuple[str, str]
    utility: Callable[[float], tuple[float, float]]
    low: float = 0.0
    high: float = 1.0
    linear_coefficients: tuple[float, float, float, float] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if len(self.players) != 2 or self.players[0] == self.players[1]:
            raise InvalidGameError(f"an issue needs two distinct players; got {self.players!r}")
        if not self.low < self.high:
            raise InvalidGameError(f"the issue's bounds must satisfy low < high; got [{self.low}, {self.high}]")

    @classmethod
    def linear(
        cls,
        players: tuple[str, str],
        intercepts: tuple[float, float],
        slopes: tuple[float, float],
        low: float = 0.0,
        high: float = 1.0,
    ) -> Issue:
        """Utilities ``a_1 + b_1 x`` (increasing) and ``a_2 - b_2 x`` (decreasing), ``b_i > 0``."""
        a1, a2 = (float(v) for v in intercepts)
        b1, b2 = (float(v) for v in slopes)
        if b1 <= 0 or b2 <= 0:
            raise InvalidGameError(f"linear issue slopes must be positive (u_1 rises, u_2 falls in x); got {slopes}")
        return cls(
            cast("tuple[str, str]", tuple(players)),  # a list is accepted too; __post_init__ checks there are two
            lambda x: (a1 + b1 * x, a2 - b2 * x),
            float(low),
            float(high),
            (a1, b1, a2, b2),
        )

    def payoffs(self, x: float) -> Mapping[str, float]:
        """Both players' utilities at agreement `x`, by name."""
        u = self.utility(float(x))
        return MappingProxyType({self.players[0]: float(u[0]), self.players[1]: float(u[1])})

    def solve_for(self, player: str, level: float) -> float:
        """The agreement at which `player`'s utility equals `level` (may lie outside the bounds if linear)."""
        i = _index(self, player)
        if self.linear_coefficients is not None:
            a1, b1, a2, b2 = self.linear_coefficients
            return (level - a1) / b1 if i == 0 else (a2 - level) / b2
        from scipy.optimize import brentq

        def gap(x: float) -> float:
            return self.utility(x)[i] - level

        lo, hi = gap(self.low), gap(self.high)
        if lo * hi > 0:
            return self.low if (abs(lo) < abs(hi)) == (i == 0) else self.high
        return float(brentq(gap, self.low, self.high, xtol=1e-13))


def _index(issue: Issue, player: str) -> int:
    if player not in issue.players:
        raise UnknownLabelError("player", player, issue.players)
    return issue.players.index(player)


def bargaining_range(issue: Issue, disagreement: Mapping[str, float]) -> tuple[float, float]:
    """``(x_lo, x_hi)``: the agreements each player weakly prefers to disagreement, unclipped.

    x_lo is where player 1 is indifferent, x_hi where player 2 is. The range is empty when
    ``x_lo > x_hi``.
    """
    p1, p2 = issue.players
    return (issue.solve_for(p1, float(disagreement[p1])), issue.solve_for(p2, float(disagreement[p2])))


@dataclass(frozen=True)
class BargainingSolution(Outcome):
    """An agreement with its payoffs, the gains over disagreement and the bargaining range."""

    agreement: float
    payoffs: Mapping[str, float]
    gains: Mapping[str, float]
    range: tuple[float, float]
    clipped_range: tuple[float, float]
    method: str
    notes: tuple[str, ...] = ()

    def to_text(self) -> str:
        """``nash: x = 0.2716 (range 0 to 0.7046); Russia 4.67, Turkey -1.67``."""
        pays = ", ".join(f"{p} {v:.4g}" for p, v in self.payoffs.items())
        lo, hi = self.clipped_range
        return f"{self.method}: x = {self.agreement:.4g} (range {lo:.4g} to {hi:.4g}); {pays}"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "agreement": self.agreement,
            "payoffs": dict(self.payoffs),
            "gains": dict(self.gains),
            "range": list(self.range),
            "clipped_range": list(self.clipped_range),
            "method": self.method,
            "notes": list(self.notes),
        }


def nash_bargaining(issue: Issue, disagreement: Mapping[str, float], power: float = 0.5) -> BargainingSolution:
    """The generalised Nash bargaining solution with bargaining power `power` of the first player.

    Raises
    ------
    InvalidGameError
        If `power` is outside [0, 1] or no agreement gives both players at least their
        disagreement payoff (no bargaining range on the issue).
    """
    if not 0.0 <= power <= 1.0 or math.isnan(power):
        raise InvalidGameError(f"bargaining power must lie in [0, 1]; got {power}")
    p1, p2 = issue.players
    for name in issue.players:
        if name not in disagreement:
            raise InvalidGameError(f"the disagreement point has no payoff for {name!r}; give one for each player")
    x_lo, x_hi = bargaining_range(issue, disagreement)
    lo, hi = max(x_lo, issue.low), min(x_hi, issue.high)
    if lo > hi:
        raise InvalidGameError(
            f"no agreement in [{issue.low}, {issue.high}] beats disagreement for both players (range [{x_lo:.4g}, "
            f"{x_hi:.4g}]); there is nothing to bargain over"
        )
    if issue.linear_coefficients is not None:
        x = power * x_hi + (1 - power) * x_lo
        method = "nash (linear closed form)"
    else:
        x = _maximise(issue, disagreement, power, lo, hi)
        method = "nash (numerical)"
    x = min(max(x, lo), hi)
    pay = issue.payoffs(x)
    gains = MappingProxyType({n: pay[n] - float(disagreement[n]) for n in (p1, p2)})
    return BargainingSolution(x, pay, gains, (x_lo, x_hi), (lo, hi), method)


def _maximise(issue: Issue, d: Mapping[str, float], power: float, lo: float, hi: float) -> float:
    from scipy.optimize import minimize_scalar

    p1, p2 = issue.players

    def neg_log(x: float) -> float:
        u = issue.payoffs(x)
        g1, g2 = u[p1] - d[p1], u[p2] - d[p2]
        if g1 <= 0 or g2 <= 0:
            return math.inf
        return -(power * math.log(g1) + (1 - power) * math.log(g2))

    if power in (0.0, 1.0):
        return lo if power == 0.0 else hi
    res = minimize_scalar(neg_log, bounds=(lo, hi), method="bounded", options={"xatol": 1e-12})
    return float(res.x)
