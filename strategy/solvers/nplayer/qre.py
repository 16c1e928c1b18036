r"""Logit quantal response equilibria and the principal branch of their correspondence.

At precision :math:`\lambda \ge 0` a **logit QRE** (McKelvey and Palfrey 1995 [MP95]_) is a
profile with

.. math:: \sigma_i(a) = \frac{\exp(\lambda v_i(a, \sigma_{-i}))}{\sum_b \exp(\lambda v_i(b, \sigma_{-i}))}.

At :math:`\lambda = 0` the unique QRE is uniform; the **principal branch** of the
correspondence starting there leads, as :math:`\lambda \to \infty`, to a Nash equilibrium
(the logit solution; for generic games it is unique). In log-probabilities
:math:`z_{ia} = \log \sigma_i(a)` the branch is the zero set of

.. math:: H(z, \lambda) = \bigl(z_{ia} - z_{i0} - \lambda [v_i(a) - v_i(0)]\ (a \ge 1),\ 
          \textstyle\sum_a e^{z_{ia}} - 1\bigr)_i,

a curve followed here by predictor-corrector continuation in arclength (tangent predictor,
Moore-Penrose Newton corrector, adaptive step) as in Turocy (2005) [Tur05]_, so turning
points in :math:`\lambda` are passed.

References
----------
.. [MP95] R. D. McKelvey, T. R. Palfrey, "Quantal response equilibria for normal form
   games", *Games and Economic Behavior* 10 (1995) 6-38.
.. [Tur05] T. L. Turocy, "A dynamic homotopy interpretation of the logistic quantal
   response equilibrium correspondence", *Games and Economic Behavior* 51 (2005) 243-263.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from strategy.errors import ConvergenceError, InvalidGameError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import MixedProfile
from strategy.numbers import DEFAULT_TOL, scale_tolerance
from strategy.solvers.nplayer import _continuation
from strategy.solvers.nplayer.polish import polish, support_of
from strategy.solvers.nplayer.supports import Support
from strategy.solvers.result import Concept, Equilibrium, Guarantee, SolveResult

__all__ = ["QREPath", "logit_qre", "logit_qre_path", "logit_solve", "qre_solve", "quantal_response"]


@dataclass(frozen=True)
class QREPath:
    """Points of the principal branch: ``lambdas[k]`` and the profile ``profiles[k]``."""

    game: NormalFormGame
    lambdas: tuple[float, ...]
    profiles: tuple[MixedProfile, ...]

    @property
    def limit(self) -> MixedProfile:
        """The last profile computed (the approximate limit as lambda grows)."""
        return self.profiles[-1]

    def to_frame(self) -> Any:
        """Return a tidy pandas DataFrame: one row per (lambda, player, action)."""
        import pandas as pd

        rows = []
        for lam, prof in zip(self.lambdas, self.profiles, strict=True):
            for player, vec in zip(self.game.players, prof.probabilities, strict=True):
                rows += [
                    {"lambda": lam, "player": player.name, "action": a, "probability": float(p)}
                    for a, p in zip(player.actions, vec, strict=True)
                ]
        return pd.DataFrame(rows)


def _trace(
    game: NormalFormGame,
    lam_max: float,
    max_steps: int,
    first_step: float,
    record: bool,
    stop: Callable[[np.ndarray, float], bool] | None = None,
    branch: _continuation.Branch | None = None,
) -> tuple[list[float], list[np.ndarray]]:
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"logit QRE needs a NormalFormGame; got {type(game).__name__}")
    if lam_max < 0:
        raise InvalidGameError(f"logit QRE: lambda must be >= 0; got {lam_max}")
    try:
        return _continuation.trace(
            branch or _continuation.Branch(game.payoffs), lam_max, max_steps, first_step, record, stop
        )
    except ConvergenceError as err:
        last_z = getattr(err, "last_z", None)
        if last_z is not None:  # say where the path stopped
            err.last = _profile(game, last_z)  # type: ignore[attr-defined]
            err.max_regret = err.last.max_regret()  # type: ignore[attr-defined]
        raise


def _profile(game: NormalFormGame, z: np.ndarray) -> MixedProfile:
    sizes = list(game.shape)
    offsets = np.cumsum([0, *sizes])
    xs = [np.exp(z[offsets[i] : offsets[i + 1]]) for i in range(len(sizes))]
    return MixedProfile.from_arrays(game, [x / x.sum() for x in xs])


def logit_qre_path(
    game: NormalFormGame, *, lam_max: float = 100.0, max_steps: int = 10_000, first_step: float = 0.03
) -> QREPath:
    """Follow the principal branch of the logit QRE correspondence from lambda = 0.

    Returns a :class:`QREPath` with every accepted point; ``path.limit`` approximates the
    logit solution when `lam_max` is large relative to the payoff differences.

    Examples
    --------
    >>> from strategy.forms.normal import NormalFormGame
    >>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> path = logit_qre_path(pennies, lam_max=5.0)
    >>> path.lambdas[-1], [round(p, 9) for p in path.limit.as_floats()[0]]
    (5.0, [0.5, 0.5])
    """
    lambdas, points = _trace(game, lam_max, max_steps, first_step, record=True)
    return QREPath(game, tuple(lambdas), tuple(_profile(game, z) for z in points))


def logit_qre(game: NormalFormGame, lam: float, *, max_steps: int = 10_000) -> MixedProfile:
    """Return the logit QRE at precision `lam` on the principal branch (float profile)."""
    _, points = _trace(game, float(lam), max_steps, 0.03, record=False)
    return _profile(game, points[-1])


def _supports(xs: tuple[np.ndarray, ...]) -> list[Support]:
    """The supports to polish a QRE point on: the actions above 1e-2, then above 1e-4 (an
    action on its way out of the limit's support keeps some probability for long)."""
    supports = [support_of(xs, 1e-2)]
    wide = support_of(xs, 1e-4)
    return supports if wide == supports[0] else [*supports, wide]


def logit_solve(
    game: NormalFormGame, *, lam_max: float | None = None, tol: float = DEFAULT_TOL, max_steps: int = 10_000
) -> SolveResult:
    """Return the limit of the principal logit branch as a Nash equilibrium, polished if possible.

    The branch is followed to ``lam_max`` (default ``1e4 / payoff scale``). At precisions
    growing by half from ``2 / payoff scale``, once the maximum regret is below ``0.05``
    times the payoff scale, the QRE point is **polished**: the indifference system of the
    actions above ``1e-2`` (then ``1e-4``) is solved by Newton from it
    (:func:`~strategy.solvers.nplayer.polish.polish`; isolated solutions only, within
    ``0.05`` of the point, made exact when rational). The branch stops at the
    next precision if the QRE point has come nearer to the polished equilibrium (it may
    pass close to other equilibria on its way). Otherwise the QRE point
    at ``lam_max`` is polished (any certified solution near it, as in a continuum of
    equilibria). If the polished profile is certified (maximum regret zero, or within
    `tol`) the guarantee is ``one``; otherwise the QRE point itself is returned with
    guarantee ``approximate``.
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"logit QRE needs a NormalFormGame; got {type(game).__name__}")
    scale = max(1.0, float(np.abs(game.payoffs).max()))
    lam_top = 1e4 / scale if lam_max is None else lam_max
    polished: list[Equilibrium] = []
    pending: list[tuple[Equilibrium, np.ndarray, float]] = []  # the last polished equilibrium, and its distance
    checkpoint = [2.0 / scale]
    branch = _continuation.Branch(game.payoffs)

    def stop(z: np.ndarray, lam: float) -> bool:
        # from time to time, try to polish the current point into a certified equilibrium
        if lam < checkpoint[0]:
            return False
        checkpoint[0] = lam * 1.5
        xs = _profile(game, z).probabilities
        here = np.concatenate(xs)
        if pending:  # confirmed when the branch has come nearer to it
            eq, point, gap = pending.pop()
            if float(np.abs(point - here).max()) < gap:
                polished.append(eq)
                return True
        found = None
        if branch.regret(z) <= 0.05 * scale:
            found = polish(game, xs, _supports(xs), tol=tol, isolated=True)
        if found is not None:
            point = np.concatenate([np.asarray(p, dtype=float) for p in found.profile.probabilities])
            pending.append((found, point, float(np.abs(point - here).max())))
        return False

    _, points = _trace(game, lam_top, max_steps, 0.03, record=False, stop=stop, branch=branch)
    qre_profile = _profile(game, points[-1])
    if not polished:
        found = polish(game, qre_profile.probabilities, _supports(qre_profile.probabilities), tol=tol)
        if found is not None:
            polished.append(found)
    options = {"lam_max": lam_top, "tol": tol}
    if polished:
        return SolveResult(
            game,
            (polished[0],),
            method="qre",
            guarantee=Guarantee.ONE,
            options=options,
            notes=(
                (
                    "principal logit QRE branch followed until its point, polished on its support, "
                    "was a certified equilibrium"
                ),
            ),
        )
    eq = Equilibrium.certify(qre_profile)
    limit = scale_tolerance(game.payoffs, tol)
    return SolveResult(
        game,
        (eq,),
        method="qre",
        guarantee=Guarantee.APPROXIMATE,
        options=options,
        notes=(
            (
                f"logit QRE at lambda={lam_top:g}; polishing on its support failed; "
                f"max regret {float(eq.max_regret):.3g} (tolerance {limit:.3g})"
            ),
        ),
    )


def quantal_response(game: NormalFormGame, lam: float, *, max_steps: int = 10_000) -> Equilibrium:
    """Return the logit QRE at `lam` wrapped with its payoffs and Nash regret (concept QRE)."""
    return Equilibrium.certify(logit_qre(game, lam, max_steps=max_steps), Concept.QUANTAL_RESPONSE)


def qre_solve(game: NormalFormGame, *, lam: float | None = None, **options: Any) -> SolveResult:
    """Dispatcher entry (``--method qre``): the logit solution, or with `lam` the QRE at that λ.

    At a finite `lam` the one profile reported is the point of the principal branch, with
    concept ``quantal_response``: its ``max_regret`` is its Nash regret, positive in
    general (noisy players leave gains on the table), so it is not a Nash certificate.
    """
    if lam is None:
        return logit_solve(game, **options)
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"logit QRE needs a NormalFormGame; got {type(game).__name__}")
    if not np.isfinite(lam) or lam < 0:
        raise InvalidGameError(f"logit QRE: lambda must be a finite number >= 0; got {lam!r}")
    eq = quantal_response(game, lam, **options)
    return SolveResult(
        game,
        (eq,),
        method="qre",
        guarantee=Guarantee.ONE,
        options={"lam": lam, **options},
        notes=(
            (
                f"logit quantal response equilibrium at lambda={lam:g} on the principal branch; "
                f"max_regret is its Nash regret ({float(eq.max_regret):.3g}), not a Nash certificate"
            ),
        ),
    )
