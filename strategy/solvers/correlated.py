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

import functools
import itertools
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, StrategyError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.numbers import BINDING_CANDIDATE_TOL, PROBABILITY_TOL, ROUNDING_RADIUS
from strategy.solvers._exact.linalg import independent_rows, solve_square
from strategy.solvers._exact.lp import minimise
from strategy.solvers._exact.rationalise import first_verified
from strategy.solvers.result import Concept, Equilibrium, Guarantee, SolveResult, number_to_json

__all__ = [
    "CorrelatedEquilibrium",
    "coarse_correlated_solve",
    "correlated_equilibria",
    "correlated_extremes",
    "correlated_solve",
    "deviation_gains",
]


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
    objectives: tuple[str, ...] = ()
    """What the point optimises: ``"welfare"``, ``"max:<player>"``, ``"min:<player>"``."""

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

    def coincides(self, other: CorrelatedEquilibrium) -> bool:
        """Whether `other` is the same distribution (exactly, or to PROBABILITY_TOL in floats)."""
        if self.is_exact and other.is_exact:
            return bool((self.distribution == other.distribution).all())
        return bool(
            np.allclose(self.distribution.astype(float), other.distribution.astype(float), atol=PROBABILITY_TOL)
        )

    def as_floats(self) -> list[float]:
        """Return the distribution as a flat float list in row-major profile order."""
        return [float(v) for v in self.distribution.ravel()]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: ``profile`` holds the marginals (one list per player, as for
        mixed profiles), ``distribution`` the joint law as ``[[labels...], probability]``
        and ``objectives`` what the point optimises."""
        return {
            "profile": [[float(v) for v in self.marginal(p.name).values()] for p in self.game.players],
            "distribution": [[list(k), number_to_json(v)] for k, v in self.masses().items()],
            "objectives": list(self.objectives),
        }

    def exact_json(self) -> dict[str, Any]:
        """The marginals and the distribution as fraction strings (empty unless exact)."""
        if not self.is_exact:
            return {}
        return {
            "profile": [[str(v) for v in self.marginal(p.name).values()] for p in self.game.players],
            "distribution": [[list(k), str(v)] for k, v in self.masses().items()],
        }

    def __repr__(self) -> str:
        items = ", ".join(f"({','.join(k)}): {v}" for k, v in self.masses().items())
        return f"CorrelatedEquilibrium({items})"


def _objective(game: NormalFormGame, objective: Any) -> tuple[np.ndarray, str, str]:
    """Return the LP cost vector, a phrase for notes and the objective's JSON name."""
    if objective == "welfare":
        return -game.payoffs.sum(axis=0).ravel(), "maximise total welfare", "welfare"
    if isinstance(objective, tuple) and len(objective) == 2 and objective[0] in ("max", "min"):
        i = game.player_index(objective[1])
        sign = -1.0 if objective[0] == "max" else 1.0
        name = game.players[i].name
        return sign * game.payoffs[i].ravel(), f"{objective[0]}imise {name}'s payoff", f"{objective[0]}:{name}"
    raise InvalidGameError(
        f"correlated_equilibria: objective must be 'welfare', ('max', player) or ('min', player); got {objective!r}"
    )


def _constraints(values: np.ndarray, coarse: bool) -> np.ndarray:
    """The deviation constraints as rows over the flattened distribution, in the order of
    :func:`deviation_gains` (float or Fraction entries, as `values`)."""
    rows = []
    for i in range(values.shape[0]):
        u = np.moveaxis(values[i], i, 0)
        m = u.shape[0]
        if coarse:
            rows += [np.moveaxis(u[b] - u, 0, i).ravel() for b in range(m)]
            continue
        for a, b in itertools.product(range(m), range(m)):
            if a != b:
                row = np.zeros_like(u)
                row[a] = u[b] - u[a]
                rows.append(np.moveaxis(row, 0, i).ravel())
    return np.array(rows, dtype=values.dtype)


class _Program:
    """The LP over one polytope (a game's correlated or coarse correlated equilibria):
    the float constraints built once, the exact ones only when a vertex needs them."""

    def __init__(self, game: NormalFormGame, coarse: bool) -> None:
        self.game = game
        self.coarse = coarse
        self.scale = max(1.0, float(np.abs(game.payoffs).max()))
        self.a_ub = _constraints(game.payoffs, coarse)

    @functools.cached_property
    def exact_rows(self) -> np.ndarray:
        """The constraints in Fractions (built at most once, for the first exact vertex)."""
        assert self.game.exact_payoffs is not None
        return _constraints(self.game.exact_payoffs, self.coarse)

    def optimise(self, cost: np.ndarray) -> CorrelatedEquilibrium:
        """The optimal vertex for `cost`, exact when the game is and the vertex can be made so."""
        game, size = self.game, self.a_ub.shape[1]
        optimum = minimise(
            cost,
            a_ub=self.a_ub,
            b_ub=np.zeros(self.a_ub.shape[0]),
            a_eq=np.ones((1, size)),
            b_eq=[1.0],
            scale=self.scale,
            what="the correlated-equilibrium LP",
        )
        if optimum is None:  # pragma: no cover - the polytope always contains the Nash equilibria
            raise StrategyError("correlated_equilibria: the LP has no optimum")
        dist = np.clip(optimum.x, 0.0, None)
        dist = dist / dist.sum()
        if game.exact_payoffs is not None:
            exact = self._exact_vertex(dist)
            if exact is not None:
                return CorrelatedEquilibrium(game, exact, self.coarse)
        return CorrelatedEquilibrium(game, dist.reshape(game.shape), self.coarse)

    def _is_equilibrium(self, flat: Any) -> np.ndarray | None:
        """The exact distribution `flat` reshaped, if it satisfies every constraint exactly."""
        exact = np.array(flat, dtype=object).reshape(self.game.shape)
        return exact if CorrelatedEquilibrium(self.game, exact, self.coarse).max_regret() == 0 else None

    def _exact_vertex(self, x: np.ndarray) -> np.ndarray | None:
        """The LP's optimal vertex recomputed in exact arithmetic, or None.

        The float point rounded to fractions (:mod:`~strategy.solvers._exact.rationalise`,
        kept within ROUNDING_RADIUS of it, since the check below proves feasibility, not
        optimality) is tried first; otherwise the vertex is the solution of the tight
        constraints with the smallest slack that are independent, on the float point's
        support. Either way the exact point must satisfy every constraint exactly.
        """
        rounded = first_verified([x], lambda c: self._is_equilibrium(c[0]), near=ROUNDING_RADIUS)
        if rounded is not None:
            return rounded
        support = [k for k in range(x.size) if x[k] > PROBABILITY_TOL]
        slack = np.abs(self.a_ub[:, support] @ x[support]) / self.scale
        tight = [r for r in np.argsort(slack, kind="stable") if slack[r] < BINDING_CANDIDATE_TOL]
        equations = [([Fraction(1)] * len(support), Fraction(1))]
        equations += [([self.exact_rows[r][k] for k in support], Fraction(0)) for r in tight]
        chosen = independent_rows([row for row, _ in equations], len(support))
        if len(chosen) < len(support):
            return None
        point = solve_square([equations[i][0] for i in chosen], [equations[i][1] for i in chosen])
        if point is None or any(v < 0 for v in point):
            return None
        flat = [Fraction(0)] * x.size
        for k, v in zip(support, point, strict=True):
            flat[k] = v
        return self._is_equilibrium(flat)


MAX_CONSTRAINT_ENTRIES = 20_000_000
"""Largest dense constraint matrix (rows x profiles) the LP is built for."""


def _check(game: Any, coarse: bool) -> None:
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"correlated equilibria need a NormalFormGame; got {type(game).__name__}")
    size = int(np.prod(game.shape))
    rows = sum(m if coarse else m * (m - 1) for m in game.shape)
    if rows * size > MAX_CONSTRAINT_ENTRIES:
        raise UnsupportedGameError(
            f"correlated equilibria of a {'x'.join(map(str, game.shape))} game need an LP with {rows:,} constraints "
            f"over {size:,} profiles, too large here (limit {MAX_CONSTRAINT_ENTRIES:,} entries); remove dominated "
            "actions first (strategy.solvers.eliminate_dominated) or use coarse=True, which has fewer constraints"
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
    _check(game, coarse)
    cost, described, name = _objective(game, objective)
    point = _Program(game, coarse).optimise(cost)
    profile = replace(point, objectives=(name,))
    return SolveResult(
        game,
        (Equilibrium.certify(profile, _concept(coarse)),),
        method="coarse_correlated" if coarse else "correlated",
        guarantee=Guarantee.ONE,
        options={"objective": objective, "coarse": coarse},
        notes=(f"{'coarse ' if coarse else ''}correlated equilibrium chosen to {described} (LP, HiGHS)",),
    )


def correlated_extremes(game: NormalFormGame, *, coarse: bool = False) -> SolveResult:
    """Return the correlated equilibria that maximise welfare and each player's best and worst.

    One LP per objective over the same polytope: total welfare, then for each player the
    maximum and the minimum of their payoff. Points that coincide are reported once, with
    every objective they attain listed in ``profile.objectives`` (JSON ``objectives``:
    ``"welfare"``, ``"max:<player>"``, ``"min:<player>"``). The welfare maximiser comes
    first. Ties within an objective may exist (the LP returns one optimal vertex).

    Examples
    --------
    In chicken each player's best correlated equilibrium gives them 7 (the pure
    equilibrium in their favour) and their worst gives them 2.

    >>> from strategy.forms.normal import NormalFormGame
    >>> chicken = NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]],
    ...     actions=(("C", "D"), ("C", "D")))
    >>> [eq.profile.objectives for eq in correlated_extremes(chicken)]
    [('welfare',), ('max:Row', 'min:Column'), ('min:Row', 'max:Column')]
    """
    _check(game, coarse)
    program = _Program(game, coarse)
    objectives: list[Any] = ["welfare"]
    for player in game.players:
        objectives += [("max", player.name), ("min", player.name)]
    points: list[CorrelatedEquilibrium] = []
    for objective in objectives:
        cost, _, name = _objective(game, objective)
        point = program.optimise(cost)
        same = next((k for k, p in enumerate(points) if p.coincides(point)), None)
        if same is None:
            points.append(replace(point, objectives=(name,)))
        else:
            points[same] = replace(points[same], objectives=(*points[same].objectives, name))
    kind = "coarse correlated" if coarse else "correlated"
    return SolveResult(
        game,
        tuple(Equilibrium.certify(p, _concept(coarse)) for p in points),
        method="coarse_correlated" if coarse else "correlated",
        guarantee=Guarantee.SOME,
        options={"coarse": coarse},
        notes=(
            (
                f"{kind} equilibria maximising total welfare and each player's payoff, and minimising "
                f"each player's payoff (LP, HiGHS): {len(points)} distinct optimal vertices of the polytope"
            ),
        ),
    )


def _concept(coarse: bool) -> Concept:
    return Concept.COARSE_CORRELATED if coarse else Concept.CORRELATED


def correlated_solve(game: NormalFormGame, **options: Any) -> SolveResult:
    """Dispatcher entry (``--method correlated``): :func:`correlated_extremes`, or with
    ``objective=`` the single optimum of :func:`correlated_equilibria`."""
    if "objective" in options:
        return correlated_equilibria(game, options.pop("objective"), **options)
    return correlated_extremes(game, **options)


def coarse_correlated_solve(game: NormalFormGame, **options: Any) -> SolveResult:
    """Dispatcher entry (``--method coarse_correlated``): as :func:`correlated_solve`, coarse."""
    return correlated_solve(game, coarse=True, **options)
