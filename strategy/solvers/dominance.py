r"""Dominated strategies and their iterated elimination, with a readable trace.

Action :math:`a` of player *i* is **strictly dominated** by a mixed strategy
:math:`\sigma` over *i*'s other actions when, against every profile :math:`s_{-i}` of
the others' remaining actions,

.. math:: \sum_b \sigma_b\, u_i(b, s_{-i}) > u_i(a, s_{-i}),

and **weakly dominated** when ``>=`` holds everywhere and ``>`` somewhere. A pure
dominator is the case of a :math:`\sigma` on one action. Mixed dominators are found by
the linear programme

.. math::

    \max_{\sigma, \varepsilon} \varepsilon \quad \text{s.t.} \quad
    \sum_b \sigma_b u_i(b, s_{-i}) \ge u_i(a, s_{-i}) + \varepsilon \;\; \forall s_{-i},
    \quad \sigma \in \Delta,

(HiGHS through :func:`scipy.optimize.linprog`): :math:`a` is strictly dominated iff the
optimum :math:`\varepsilon^*` is positive. Its dual is a belief :math:`\mu` over the
others' profiles to which :math:`a` is a best reply, so "not dominated" also has a
certificate (Pearce 1984; Osborne & Rubinstein 1994, Lemma 60.1, for two players; with
more players the belief may be correlated).

**Exactness.** Pure dominance is checked exactly in exact games. For a mixed dominator
in an exact game the LP solution is rationalised and the inequality is re-checked in
Fractions, so every elimination reported for an exact game is a proof. A verdict "not
strictly dominated" is likewise confirmed exactly by the rationalised dual belief when
possible; when neither side can be confirmed the action is kept and a note says so.
For weak dominance, "not weakly dominated" rests on the float LP. Float games use the
scaled tolerance of :mod:`strategy.numbers` throughout.

**Order.** Each round removes, for every player at once, every action dominated in the
game left by the previous rounds. For strict dominance the order of elimination does
not change what survives (Gilboa, Kalai & Zemel 1990); for weak dominance it can, so the
result depends on the procedure: pass ``simultaneous=False`` to remove one action per
round instead (the first dominated action found, players and actions in order).

References
----------
.. [Pearce1984] D. G. Pearce, "Rationalizable strategic behavior and the problem of
   perfection", *Econometrica* 52 (1984) 1029-1050.
.. [OR1994] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994,
   sections 4.2 and 4.3.
.. [GKZ1990] I. Gilboa, E. Kalai and E. Zemel, "On the order of eliminating dominated
   strategies", *Operations Research Letters* 9 (1990) 85-89.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from strategy.errors import ConvergenceError
from strategy.forms.normal import NormalFormGame
from strategy.numbers import DEFAULT_TOL, format_number, scale_tolerance
from strategy.solvers._exact.lp import minimise
from strategy.solvers._exact.rationalise import first_verified, roundings

__all__ = ["Elimination", "Step", "dominated_actions", "eliminate_dominated"]

_SHOWN_PROFILES = 6


@dataclass(frozen=True)
class Step:
    """One eliminated action and why.

    Attributes
    ----------
    player, action : str
        Who loses which action.
    dominated_by : Mapping[str, Fraction | float]
        The dominating strategy: action label -> probability (one entry for a pure
        dominator). Exact Fractions in exact games.
    round : int
        The elimination round (1 = in the original game).
    weak : bool
        Whether the dominance is only weak (a strict dominance found while eliminating
        weakly dominated actions is reported as strict).
    opponents : tuple of str
        The other players' names, in order.
    against : tuple of tuple of str
        The others' remaining action profiles (labels, in player order, player *i*
        left out) the comparison ranges over.
    payoffs, dominating_payoffs : tuple
        The eliminated action's payoff, and the dominator's expected payoff, against each
        profile in `against`.
    """

    player: str
    action: str
    dominated_by: Mapping[str, Any]
    round: int
    weak: bool = False
    opponents: tuple[str, ...] = ()
    against: tuple[tuple[str, ...], ...] = ()
    payoffs: tuple[Any, ...] = ()
    dominating_payoffs: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "dominated_by", MappingProxyType(dict(self.dominated_by)))

    @property
    def margin(self) -> Any:
        """The smallest gain of the dominator over the eliminated action."""
        return min(d - p for d, p in zip(self.dominating_payoffs, self.payoffs, strict=True))

    def explain(self) -> str:
        """Return one sentence for people, with the payoffs compared."""
        kind = "weakly" if self.weak else "strictly"
        if len(self.dominated_by) == 1:
            by = next(iter(self.dominated_by))
        else:
            by = "the mixture " + " + ".join(f"{format_number(p)} {a}" for a, p in self.dominated_by.items())
        shown = min(len(self.against), _SHOWN_PROFILES)
        more = ", ..." if len(self.against) > shown else ""
        own = ", ".join(format_number(v) for v in self.payoffs[:shown]) + more
        other = ", ".join(format_number(v) for v in self.dominating_payoffs[:shown]) + more
        if len(self.opponents) == 1:
            where = f" against {self.opponents[0]}'s " + ", ".join(p[0] for p in self.against[:shown]) + more
        elif self.opponents:
            where = (
                f" against ({', '.join(self.opponents)}) = "
                + ", ".join("(" + ", ".join(p) + ")" for p in self.against[:shown])
                + more
            )
        else:
            where = ""
        return f"Round {self.round}: {self.player}'s {self.action} is {kind} dominated by {by} (payoffs {own} vs {other}{where})"


@dataclass(frozen=True, eq=False)
class Elimination:
    """The result of iterated elimination of dominated strategies.

    Attributes
    ----------
    game : NormalFormGame
        The reduced game: only surviving actions.
    original : NormalFormGame
        The game elimination started from.
    steps : tuple of Step
        Every elimination, in order.
    weak, mixed : bool
        Whether weak dominance and mixed dominators were used.
    notes : tuple of str
        Verdicts that could not be confirmed exactly, and the order caveat for weak
        dominance.
    """

    game: NormalFormGame
    original: NormalFormGame = field(repr=False)
    steps: tuple[Step, ...]
    weak: bool = False
    mixed: bool = True
    notes: tuple[str, ...] = ()

    @property
    def surviving(self) -> dict[str, tuple[str, ...]]:
        """Each player's remaining actions."""
        return {p.name: p.actions for p in self.game.players}

    @property
    def solved(self) -> bool:
        """Whether every player is left with a single action (dominance solvable)."""
        return all(n == 1 for n in self.game.shape)

    def explain(self) -> list[str]:
        """Return the elimination, one plain-language sentence per step, then what survives."""
        lines = [step.explain() for step in self.steps]
        if not self.steps:
            kind = "weakly" if self.weak else "strictly"
            lines.append(f"No action is {kind} dominated.")
        left = "; ".join(f"{name}: {', '.join(actions)}" for name, actions in self.surviving.items())
        lines.append(f"Surviving actions: {left}.")
        lines.extend(self.notes)
        return lines


def eliminate_dominated(
    game: NormalFormGame,
    *,
    weak: bool = False,
    mixed: bool = True,
    simultaneous: bool = True,
    tol: float = DEFAULT_TOL,
) -> Elimination:
    r"""Iteratively eliminate dominated actions, for any number of players.

    Parameters
    ----------
    game : NormalFormGame
        Any finite game.
    weak : bool, default=False
        Eliminate weakly dominated actions (``>=`` everywhere, ``>`` somewhere). The
        surviving set may then depend on the order of elimination.
    mixed : bool, default=True
        Also look for dominating *mixtures* of the player's other actions (an LP per
        action); ``False`` uses pure dominators only.
    simultaneous : bool, default=True
        Remove every dominated action of every player in each round; ``False`` removes
        only the first one found per round (players, then actions, in order).
    tol : float, default=DEFAULT_TOL
        Relative tolerance for float games (see :mod:`strategy.numbers`).

    Returns
    -------
    Elimination
        The reduced game, the steps and :meth:`Elimination.explain`.

    Examples
    --------
    >>> dilemma = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     actions=(("Cooperate", "Defect"), ("Cooperate", "Defect")))
    >>> result = eliminate_dominated(dilemma)
    >>> result.surviving
    {'Row': ('Defect',), 'Column': ('Defect',)}
    >>> result.explain()[0]
    "Round 1: Row's Cooperate is strictly dominated by Defect (payoffs 3, 0 vs 5, 1 against Column's Cooperate, Defect)"
    """
    current = game
    steps: list[Step] = []
    notes: list[str] = []
    round_ = 0
    while True:
        round_ += 1
        found: list[Step] = []
        for player in current.player_names:
            new, unsure = _dominated(current, current.player_index(player), weak, mixed, tol, round_)
            notes.extend(unsure)
            found.extend(new)
            if found and not simultaneous:
                found = found[:1]
                break
        if not found:
            break
        steps.extend(found)
        gone = {(s.player, s.action) for s in found}
        keep = {p.name: [a for a in p.actions if (p.name, a) not in gone] for p in current.players}
        current = current.restrict(keep)
    if weak:
        notes.append(
            "weak dominance: the surviving actions can depend on the order of elimination "
            + (
                "(here: all weakly dominated actions removed in each round)"
                if simultaneous
                else "(here: one per round)"
            )
        )
    return Elimination(current, game, tuple(steps), weak=weak, mixed=mixed, notes=tuple(dict.fromkeys(notes)))


def dominated_actions(
    game: NormalFormGame,
    player: str,
    *,
    weak: bool = False,
    mixed: bool = True,
    tol: float = DEFAULT_TOL,
) -> tuple[Step, ...]:
    """Return the actions of `player` dominated in `game` (one round, no iteration).

    Examples
    --------
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]],
    ...     actions=(("Up", "Middle", "Down"), ("Left", "Right")))
    >>> [(s.action, dict(s.dominated_by)) for s in dominated_actions(game, "Row")]
    [('Down', {'Up': Fraction(1, 2), 'Middle': Fraction(1, 2)})]
    >>> dominated_actions(game, "Row", mixed=False)
    ()
    """
    return _dominated(game, game.player_index(player), weak, mixed, tol, 1)[0]


# ---------------------------------------------------------------------- kernels
def _own_matrix(game: NormalFormGame, i: int) -> np.ndarray:
    """Player i's payoffs as a matrix: rows = own actions, columns = others' profiles."""
    matrix: np.ndarray = np.moveaxis(game.values[i], i, 0).reshape(game.shape[i], -1)
    return matrix


def _against(game: NormalFormGame, i: int) -> tuple[tuple[str, ...], ...]:
    others = [p for k, p in enumerate(game.players) if k != i]
    grids = np.indices(tuple(p.n_actions for p in others)).reshape(len(others), -1).T
    return tuple(tuple(p.actions[a] for p, a in zip(others, row, strict=True)) for row in grids)


def _dominated(
    game: NormalFormGame, i: int, weak: bool, mixed: bool, tol: float, round_: int
) -> tuple[tuple[Step, ...], list[str]]:
    player = game.players[i]
    if player.n_actions < 2:
        return (), []
    u = _own_matrix(game, i)
    exact = game.exact_payoffs is not None
    slack = 0 if exact else scale_tolerance(game.payoffs, tol)
    against = _against(game, i)
    steps: list[Step] = []
    notes: list[str] = []
    for a in range(player.n_actions):
        sigma = _pure_dominator(u, a, weak, slack)
        if sigma is None and mixed and player.n_actions >= 3:
            sigma, note = _mixed_dominator(u, a, weak, exact, slack)
            if note:
                notes.append(f"{player.name}'s {player.actions[a]}: {note}")
        if sigma is None:
            continue
        one = Fraction(1) if exact else 1.0
        zero = Fraction(0) if exact else 0.0
        dominating = sum((p * u[b] for b, p in sigma.items()), np.full(u.shape[1], zero, dtype=u.dtype))
        steps.append(
            Step(
                player.name,
                player.actions[a],
                {player.actions[b]: (one if len(sigma) == 1 else p) for b, p in sigma.items()},
                round_,
                weak=weak and not _dominates(dominating, u[a], False, slack),
                opponents=tuple(p.name for k, p in enumerate(game.players) if k != i),
                against=against,
                payoffs=tuple(u[a].tolist()),
                dominating_payoffs=tuple(dominating.tolist()),
            )
        )
    return tuple(steps), notes


def _dominates(row: np.ndarray, target: np.ndarray, weak: bool, slack: float) -> bool:
    diff = row - target
    if weak:
        return bool(np.all(diff >= -slack) and np.any(diff > slack))
    return bool(np.all(diff > slack))


def _pure_dominator(u: np.ndarray, a: int, weak: bool, slack: float) -> dict[int, Any] | None:
    """Return {b: 1} for the pure dominator of `a` with the largest margin, or None."""
    best, best_margin = None, None
    for b in range(u.shape[0]):
        if b != a and _dominates(u[b], u[a], weak, slack):
            margin = min((u[b] - u[a]).tolist())
            if best_margin is None or margin > best_margin:
                best, best_margin = b, margin
    return None if best is None else {best: 1}


def _mixed_dominator(u: np.ndarray, a: int, weak: bool, exact: bool, slack: float) -> tuple[dict[int, Any] | None, str]:
    """Find a mixture of the other rows dominating row `a`; return ({row: prob}, note)."""
    others = [b for b in range(u.shape[0]) if b != a]
    uf = np.asarray(u, dtype=float)
    k, n_profiles = len(others), u.shape[1]
    block = uf[others].T  # (profiles, k)
    try:
        if weak:
            # max total gain subject to no loss anywhere
            optimum = minimise(
                -block.sum(axis=0), a_ub=-block, b_ub=-uf[a], a_eq=np.ones((1, k)), b_eq=[1.0], what="the dominance LP"
            )
            if optimum is None:
                return None, ""
            weights = optimum.x
        else:
            cost = np.zeros(k + 1)
            cost[-1] = -1.0
            optimum = minimise(
                cost,
                a_ub=np.hstack([-block, np.ones((n_profiles, 1))]),
                b_ub=-uf[a],
                a_eq=np.hstack([np.ones((1, k)), np.zeros((1, 1))]),
                b_eq=[1.0],
                bounds=[(0, None)] * k + [(None, None)],
                what="the dominance LP",
            )
            if optimum is None:  # pragma: no cover - always feasible and bounded
                return None, "the dominance LP failed; the action was kept"
            weights = optimum.x[:k]
            epsilon = float(optimum.x[-1])
            if not exact and epsilon <= slack:
                return None, ""
            belief = np.clip(-optimum.upper_duals, 0.0, None)
            if exact and epsilon <= 0 and _confirm_best_reply(u, a, belief):
                return None, ""
    except ConvergenceError:  # pragma: no cover - HiGHS solves these small LPs
        return None, "the dominance LP failed; the action was kept"
    weights = np.clip(weights, 0.0, None)
    if weights.sum() <= 0:  # pragma: no cover - sum is 1 by the constraint
        return None, ""
    weights = weights / weights.sum()
    if not exact:
        mix = weights @ uf[others]
        if not _dominates(mix, uf[a], weak, slack):
            return None, ""
        return {b: float(w) for b, w in zip(others, weights, strict=True) if w > 0}, ""

    def dominator(candidate: list[tuple[Fraction, ...]]) -> dict[int, Any] | None:
        weights = candidate[0]
        mix = sum(
            (p * u[b] for b, p in zip(others, weights, strict=True)), np.full(n_profiles, Fraction(0), dtype=object)
        )
        return {b: p for b, p in zip(others, weights, strict=True) if p > 0} if _dominates(mix, u[a], weak, 0) else None

    found = first_verified([weights], dominator)
    if found is not None:
        return found, ""
    if weak or _confirm_best_reply(u, a, belief):
        return None, ""  # for weak dominance, "not dominated" rests on the float LP (documented)
    return None, "could not confirm exactly whether it is strictly dominated by a mixture; it was kept"


def _confirm_best_reply(u: np.ndarray, a: int, belief: np.ndarray) -> bool:
    """Check exactly that row `a` is a best reply to some rationalisation of `belief`."""
    if belief.sum() <= 0:
        return False
    for (mu,) in roundings([belief / belief.sum()]):
        values = [sum((m * v for m, v in zip(mu, row, strict=True)), Fraction(0)) for row in u]
        if values[a] >= max(values):
            return True
    return False
