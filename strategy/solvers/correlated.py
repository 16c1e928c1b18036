r"""Correlated and coarse correlated equilibria by linear programming.

A distribution :math:`p` over pure profiles is a **correlated equilibrium** (Aumann 1974
[Aum74]_) iff no player gains by disobeying a recommendation:

.. math:: \sum_{a_{-i}} p(a_i, a_{-i})\,[u_i(b_i, a_{-i}) - u_i(a_i, a_{-i})] \le 0
          \quad \text{for all } i,\ a_i,\ b_i,

and a **coarse correlated equilibrium** iff no player gains by committing to a fixed
action before the draw: :math:`\sum_a p(a)[u_i(b_i, a_{-i}) - u_i(a)] \le 0` for all
*i*, :math:`b_i`. Both sets are polytopes; a linear objective (total welfare, or one
player's payoff, maximised or minimised) is optimised with HiGHS
(:func:`scipy.optimize.linprog`). The optimal distribution is made exact when the game is
exact and the rounded distribution still satisfies every constraint exactly; its
**certificate** is the largest gain of any deviation constraint, recomputed from the
payoffs independently of the LP.

References
----------
.. [Aum74] R. J. Aumann, "Subjectivity and correlation in randomized strategies",
   *Journal of Mathematical Economics* 1 (1974) 67-96.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, StrategyError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.solvers.result import Concept, Equilibrium, Guarantee, SolveResult, number_to_json

__all__ = ["CorrelatedEquilibrium", "correlated_equilibria", "correlated_solve", "deviation_gains"]


def deviation_gains(values: np.ndarray, distribution: np.ndarray, *, coarse: bool = False) -> list[Any]:
    """Return the gain of every deviation constraint (``<= 0`` at an equilibrium).

    Works on float arrays and on object arrays of Fractions alike. For the correlated
    concept the constraints are indexed by (player, recommended action, deviation); for
    the coarse one by (player, deviation).
    """
    n = values.shape[0]
    gains: list[Any] = []
    for i in range(n):
        u = np.moveaxis(values[i], i, 0)
        p = np.moveaxis(distribution, i, 0)
        m = u.shape[0]
        if coarse:
            total = (u * p).sum()
            marginal = p.sum(axis=0)
            gains += [(u[b] * marginal).sum() - total for b in range(m)]
        else:
            for a, b in itertools.product(range(m), range(m)):
                if a != b:
                    gains.append((p[a] * (u[b] - u[a])).sum())
    return gains


@dataclass(frozen=True, eq=False)
class CorrelatedEquilibrium:
    """A distribution over pure profiles, with its payoffs and certificate."""

    game: NormalFormGame
    distribution: np.ndarray
    coarse: bool = False

    @property
    def is_exact(self) -> bool:
        """Whether the probabilities are exact Fractions."""
        return self.distribution.dtype == object

    def _values(self) -> np.ndarray:
        return self.game.exact_payoffs if self.is_exact and self.game.exact_payoffs is not None else self.game.payoffs

    def masses(self) -> dict[tuple[str, ...], Any]:
        """Return ``{(action of each player): probability}`` for the profiles with mass."""
        out = {}
        for index in np.ndindex(*self.distribution.shape):
            p = self.distribution[index]
            if p != 0:
                out[tuple(pl.actions[a] for pl, a in zip(self.game.players, index, strict=True))] = p
        return out

    def payoffs(self) -> dict[str, Any]:
        """Return each player's expected payoff under the distribution."""
        values = self._values()
        return {p.name: (values[i] * self.distribution).sum() for i, p in enumerate(self.game.players)}

    def max_regret(self) -> Any:
        """Return the largest gain of any deviation constraint (zero exactly at equilibrium)."""
        best = max(deviation_gains(self._values(), self.distribution, coarse=self.coarse))
        return max(best, Fraction(0)) if isinstance(best, Fraction) else max(float(best), 0.0)

    def marginal(self, player: str) -> dict[str, Any]:
        """Return the probability of each of `player`'s recommendations."""
        i = self.game.player_index(player)
        axes = tuple(k for k in range(self.game.n_players) if k != i)
        totals = self.distribution.sum(axis=axes) if axes else self.distribution
        return dict(zip(self.game.players[i].actions, totals.tolist(), strict=True))

    def __getitem__(self, player: str) -> dict[str, Any]:
        return self.marginal(player)

    def as_floats(self) -> list[float]:
        """Return the distribution as a flat float list in row-major profile order."""
        return [float(v) for v in self.distribution.ravel()]

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form: ``profile`` holds the marginals (one list per player, as for
        mixed profiles) and ``distribution`` the joint law as ``[[labels...], probability]``."""
        return {
            "profile": [[float(v) for v in self.marginal(p.name).values()] for p in self.game.players],
            "distribution": [[list(k), number_to_json(v)] for k, v in self.masses().items()],
        }

    def __repr__(self) -> str:
        items = ", ".join(f"({','.join(k)}): {v}" for k, v in self.masses().items())
        return f"CorrelatedEquilibrium({items})"


def _objective(game: NormalFormGame, objective: Any) -> tuple[np.ndarray, str]:
    if objective == "welfare":
        return -game.payoffs.sum(axis=0).ravel(), "maximise total welfare"
    if isinstance(objective, tuple) and len(objective) == 2 and objective[0] in ("max", "min"):
        i = game.player_index(objective[1])
        sign = -1.0 if objective[0] == "max" else 1.0
        return sign * game.payoffs[i].ravel(), f"{objective[0]}imise {game.players[i].name}'s payoff"
    raise InvalidGameError(
        f"correlated_equilibria: objective must be 'welfare', ('max', player) or ('min', player); got {objective!r}"
    )


def correlated_equilibria(game: NormalFormGame, objective: Any = "welfare", *, coarse: bool = False) -> SolveResult:
    """Return the correlated (or coarse correlated) equilibrium optimising `objective`.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    objective : "welfare" or ("max", player) or ("min", player)
        What to optimise over the polytope of equilibria.
    coarse : bool
        Coarse correlated equilibria (Hannan / no-regret) instead.

    Returns
    -------
    SolveResult
        One :class:`Equilibrium` whose ``profile`` is a :class:`CorrelatedEquilibrium`;
        guarantee ``one`` (an optimal point of the polytope; ties may exist).

    Examples
    --------
    Chicken (Aumann 1974): the welfare-maximising correlated equilibrium puts 1/2 on
    (C, C) and 1/4 on each of (C, D) and (D, C).

    >>> from strategy.forms.normal import NormalFormGame
    >>> chicken = NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]],
    ...     actions=(("C", "D"), ("C", "D")))
    >>> ce = correlated_equilibria(chicken)[0]
    >>> sorted((k, str(v)) for k, v in ce.profile.masses().items())
    [(('C', 'C'), '1/2'), (('C', 'D'), '1/4'), (('D', 'C'), '1/4')]
    """
    from scipy.optimize import linprog

    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"correlated_equilibria needs a NormalFormGame; got {type(game).__name__}")
    c, described = _objective(game, objective)
    size = int(np.prod(game.shape))
    rows = []
    for k in range(size):
        unit = np.zeros(size)
        unit[k] = 1.0
        rows.append(deviation_gains(game.payoffs, unit.reshape(game.shape), coarse=coarse))
    a_ub = np.array(rows, dtype=float).T
    scale = max(1.0, float(np.abs(game.payoffs).max()))
    res = linprog(
        c / scale,
        A_ub=a_ub / scale,
        b_ub=np.zeros(a_ub.shape[0]),
        A_eq=np.ones((1, size)),
        b_eq=[1.0],
        bounds=[(0, None)] * size,
        method="highs",
    )
    if res.status != 0:  # pragma: no cover - the polytope always contains the Nash equilibria
        raise StrategyError(f"correlated_equilibria: the LP solver failed ({res.message})")
    dist = np.clip(res.x, 0.0, None)
    dist = dist / dist.sum()
    profile = CorrelatedEquilibrium(game, dist.reshape(game.shape), coarse)
    if game.exact_payoffs is not None:
        fr = [Fraction(float(v)).limit_denominator(10**6) for v in dist]
        total = sum(fr, Fraction(0))
        exact = np.array([f / total for f in fr], dtype=object).reshape(game.shape)
        candidate = CorrelatedEquilibrium(game, exact, coarse)
        if candidate.max_regret() == 0:
            profile = candidate
    concept = Concept.COARSE_CORRELATED if coarse else Concept.CORRELATED
    return SolveResult(
        game,
        (Equilibrium.certify(profile, concept),),
        method="correlated",
        guarantee=Guarantee.ONE,
        options={"objective": objective, "coarse": coarse},
        notes=(f"{'coarse ' if coarse else ''}correlated equilibrium chosen to {described} (LP, HiGHS)",),
    )


def correlated_solve(game: NormalFormGame, **options: Any) -> SolveResult:
    """Dispatcher entry: the welfare-maximising correlated equilibrium."""
    return correlated_equilibria(game, options.pop("objective", "welfare"), **options)
