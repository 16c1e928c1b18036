"""Critical discount factors for grim-trigger and stick-and-carrot strategies.

All payoffs are normalised per period (multiplied by :math:`1 - \\delta`). For a
cooperative pure profile :math:`a^*` and player :math:`i` with cooperative payoff
:math:`R_i = u_i(a^*)` and best one-shot deviation payoff
:math:`T_i = \\max_{a_i} u_i(a_i, a^*_{-i})`:

**Grim trigger** (Nash reversion: any deviation is followed forever by a stage
equilibrium worth :math:`P_i`; Friedman 1971). By the one-shot deviation principle,
cooperation is an SPE iff :math:`R_i \\ge (1 - \\delta) T_i + \\delta P_i` for all i, i.e.

.. math:: \\delta \\ge \\delta_i^* = \\frac{T_i - R_i}{T_i - P_i}

(:math:`\\delta_i^* = 0` when :math:`T_i \\le R_i`; impossible, reported as ``inf``, when
:math:`T_i > R_i` and :math:`P_i \\ge R_i`). The punishment may be a mixed stage equilibrium:
:math:`P_i` is its expected payoff.

**Stick and carrot** (Abreu 1986, 1988): after any deviation, play the punishment profile
:math:`p` for k periods, then return to :math:`a^*`; a deviation during the punishment
restarts it. With :math:`P_i = u_i(p)`, :math:`D_i = \\max_{a_i} u_i(a_i, p_{-i})` and the
value at the start of the punishment :math:`W_i = (1 - \\delta^k) P_i + \\delta^k R_i`,
the one-shot deviation conditions are

.. math:: R_i \\ge (1 - \\delta) T_i + \\delta W_i, \\qquad W_i \\ge D_i

(the second is the first period of the punishment, the most demanding one when
:math:`P_i < R_i`). Option ``punisher_reversion`` replaces the restart by reversion to a
given stage-equilibrium value for deviations *during* the punishment:
:math:`W_i \\ge (1 - \\delta) D_i + \\delta V_i`.

References
----------
Friedman, J. (1971). A non-cooperative equilibrium for supergames. *RES* 38, 1-12.
Abreu, D. (1986). Extremal equilibria of oligopolistic supergames. *JET* 39, 191-225.
Abreu, D. (1988). On the theory of infinitely repeated games with discounting.
*Econometrica* 56(2), 383-396. Mailath, G. & Samuelson, L. (2006). *Repeated Games and
Reputations*, ch. 2.

Examples
--------
>>> from strategy import NormalFormGame
>>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
>>> res = grim_trigger(pd, ("C", "C"), ("D", "D"))
>>> res.critical["Row"]
0.5
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, InvalidProfileError
from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import MixedProfile

__all__ = ["CriticalDiscounts", "DiscountCondition", "grim_trigger", "minimum_punishment_length", "stick_and_carrot"]


@dataclass(frozen=True)
class DiscountCondition:
    """One player's incentive data and critical discount factor.

    ``critical`` is the smallest delta in [0, 1) from which on the player's conditions hold
    (0 if they always hold; ``inf`` if they never do).
    """

    player: str
    cooperative: float
    temptation: float
    deviation: str
    punishment: float
    critical: float
    punishment_deviation: float | None = None

    @property
    def sustainable(self) -> bool:
        """Whether some delta < 1 works."""
        return self.critical < 1.0


@dataclass(frozen=True)
class CriticalDiscounts:
    """Critical discount factors of every player for one strategy code."""

    code: str
    cooperative: tuple[str, ...]
    conditions: Mapping[str, DiscountCondition]
    condition: Callable[[str, float], float] | None = None

    @property
    def critical(self) -> Mapping[str, float]:
        """Player -> critical discount factor."""
        return MappingProxyType({p: c.critical for p, c in self.conditions.items()})

    def sustainable(self, delta: Mapping[str, float]) -> bool:
        """Whether the code is an SPE at the given discount factors (by player)."""
        if self.condition is not None:
            return all(self.condition(p, float(delta[p])) >= -1e-12 for p in self.conditions)
        return all(float(delta[p]) >= c.critical - 1e-12 for p, c in self.conditions.items())

    def to_text(self) -> str:
        """``grim trigger, cooperation (Restrain, Hold): Russia needs delta >= 0.397, ...``."""
        needs = "; ".join(
            f"{p}: no delta suffices" if math.isinf(c.critical) else f"{p} needs delta >= {c.critical:.4g}"
            for p, c in self.conditions.items()
        )
        return f"{self.code}, cooperation ({', '.join(self.cooperative)}): {needs}"

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><td>{html.escape(p)}</td><td>{c.cooperative:.4g}</td><td>{c.temptation:.4g} "
            f"({html.escape(c.deviation)})</td><td>{c.punishment:.4g}</td><td>{_delta_text(c.critical)}</td></tr>"
            for p, c in self.conditions.items()
        )
        return (
            f"<p>{html.escape(self.code)}, cooperation on ({html.escape(', '.join(self.cooperative))})</p>"
            "<table class='strategy-table'><tr><th>player</th><th>cooperating</th><th>best deviation</th>"
            f"<th>punished</th><th>smallest δ</th></tr>{rows}</table>"
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "code": self.code,
            "cooperative": list(self.cooperative),
            "critical": {p: (None if math.isinf(v) else v) for p, v in self.critical.items()},
        }


def _delta_text(x: float) -> str:
    """``0.397``; ``never`` for an impossible code (infinite critical discount factor)."""
    return "never" if math.isinf(x) else f"{x:.4g}"


def _index_profile(game: NormalFormGame, profile: Mapping[str, str] | Sequence[str], what: str) -> tuple[int, ...]:
    if isinstance(profile, Mapping):
        missing = [p.name for p in game.players if p.name not in profile]
        if missing:
            raise InvalidProfileError(f"the {what} profile has no action for {missing}; give one per player")
        labels = [profile[p.name] for p in game.players]
    else:
        labels = list(profile)
        if len(labels) != len(game.players):
            raise InvalidProfileError(f"the {what} profile needs {len(game.players)} actions; got {labels}")
    return tuple(p.index(a) for p, a in zip(game.players, labels, strict=True))


def _best_deviation(game: NormalFormGame, i: int, index: tuple[int, ...]) -> tuple[float, str]:
    u = np.asarray(game.payoffs[i], dtype=float)
    at: tuple[Any, ...] = (*index[:i], slice(None), *index[i + 1 :])
    column = u[at]
    best = int(np.argmax(column))
    return float(column[best]), game.players[i].actions[best]


def _punishment_values(game: NormalFormGame, punishment: Any) -> np.ndarray:
    if isinstance(punishment, MixedProfile):
        pay = punishment.payoffs()
        return np.array([float(pay[p.name]) for p in game.players])
    index = _index_profile(game, punishment, "punishment")
    return np.array([float(game.payoffs[(i, *index)]) for i in range(len(game.players))])


def grim_trigger(
    game: NormalFormGame,
    cooperative: Mapping[str, str] | Sequence[str],
    punishment: Mapping[str, str] | Sequence[str] | MixedProfile,
) -> CriticalDiscounts:
    """Critical discount factors for grim trigger with reversion to `punishment` forever.

    `punishment` should be a stage Nash equilibrium for the code to be subgame perfect
    (pure labels or a :class:`MixedProfile`); this is not checked here, so that other
    reversion profiles can be studied, but then the code is not self-enforcing.
    """
    index = _index_profile(game, cooperative, "cooperative")
    pun = _punishment_values(game, punishment)
    out = {}
    for i, player in enumerate(game.players):
        r = float(game.payoffs[(i, *index)])
        t, dev = _best_deviation(game, i, index)
        p = float(pun[i])
        tol = 1e-12 * max(1.0, abs(t), abs(r), abs(p))
        if t <= r + tol:
            crit = 0.0
        elif p >= r - tol:
            crit = math.inf
        else:
            crit = (t - r) / (t - p)
        out[player.name] = DiscountCondition(player.name, r, t, dev, p, crit)
    labels = tuple(game.players[i].actions[a] for i, a in enumerate(index))
    return CriticalDiscounts("grim trigger", labels, MappingProxyType(out))


def stick_and_carrot(
    game: NormalFormGame,
    cooperative: Mapping[str, str] | Sequence[str],
    punishment: Mapping[str, str] | Sequence[str],
    k: int,
    *,
    punisher_reversion: Mapping[str, float] | None = None,
) -> CriticalDiscounts:
    """Critical discount factors of the k-period stick-and-carrot code (see the module docstring).

    Parameters
    ----------
    punishment : pure profile
        Played for `k` periods after a deviation.
    k : int
        Length of the punishment, at least 1.
    punisher_reversion : mapping, optional
        Player -> payoff. For the players named, a deviation *during* the punishment is
        followed by reversion forever to a stage equilibrium worth that payoff (a
        player-specific code) instead of restarting the punishment; the others restart.
    """
    if not isinstance(k, int | np.integer) or k < 1:
        raise InvalidGameError(f"the punishment length k must be a positive integer; got {k!r}")
    index = _index_profile(game, cooperative, "cooperative")
    pindex = _index_profile(game, punishment, "punishment")
    data = {}
    for i, player in enumerate(game.players):
        r = float(game.payoffs[(i, *index)])
        t, dev = _best_deviation(game, i, index)
        p = float(game.payoffs[(i, *pindex)])
        d, _ = _best_deviation(game, i, pindex)
        v = (
            None
            if punisher_reversion is None or player.name not in punisher_reversion
            else float(punisher_reversion[player.name])
        )
        data[player.name] = (r, t, dev, p, d, v)

    def slack(name: str, delta: float) -> float:
        r, t, _, p, d, v = data[name]
        w = (1 - delta**k) * p + delta**k * r
        first = r - ((1 - delta) * t + delta * w)
        second = w - d if v is None else w - ((1 - delta) * d + delta * v)
        scale = max(1.0, abs(r), abs(t), abs(p), abs(d))
        return min(first, second) / scale

    out = {}
    for name, (r, t, dev, p, d, _) in data.items():
        crit = _critical(partial(slack, name))
        out[name] = DiscountCondition(name, r, t, dev, p, crit, d)
    labels = tuple(game.players[i].actions[a] for i, a in enumerate(index))
    return CriticalDiscounts(f"stick and carrot (k={k})", labels, MappingProxyType(out), slack)


def _critical(slack: Callable[[float], float], grid: int = 4001) -> float:
    """Smallest delta in [0, 1) such that slack >= 0 on [delta, 1); inf if slack < 0 near 1."""
    xs = np.linspace(0.0, 1.0, grid)[:-1]
    ok = np.array([slack(float(x)) >= -1e-12 for x in xs])
    if not ok[-1]:
        return math.inf
    if ok.all():
        return 0.0
    last_bad = int(np.nonzero(~ok)[0][-1])
    a, b = float(xs[last_bad]), float(xs[last_bad + 1])
    while b - a > 1e-14:  # bisection on the same predicate as the grid
        mid = 0.5 * (a + b)
        if slack(mid) >= -1e-12:
            b = mid
        else:
            a = mid
    return b


def minimum_punishment_length(
    game: NormalFormGame,
    cooperative: Mapping[str, str] | Sequence[str],
    punishment: Mapping[str, str] | Sequence[str],
    delta: Mapping[str, float],
    *,
    players: Sequence[str] | None = None,
    k_max: int = 100,
) -> int | None:
    """Smallest k for which the stick-and-carrot code holds at `delta` (for `players`), or None."""
    names = tuple(players) if players is not None else tuple(p.name for p in game.players)
    for k in range(1, k_max + 1):
        code = stick_and_carrot(game, cooperative, punishment, k)
        if all(code.condition(n, float(delta[n])) >= -1e-12 for n in names):  # type: ignore[misc]
            return k
    return None
