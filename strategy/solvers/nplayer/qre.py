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
from strategy.solvers.nplayer.polish import polish, support_of
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


class _Branch:
    """The map :math:`H` and its Jacobian for one game. Each player's action values and
    their derivatives are einsum contractions whose subscripts are built once here."""

    def __init__(self, game: NormalFormGame) -> None:
        self.payoffs = game.payoffs
        self.sizes = list(game.shape)
        self.offsets = np.cumsum([0, *self.sizes])
        self.n = n = game.n_players
        letters = "abcdefghijklmnopqrstuvwxyz"[:n]
        self.values_spec = [
            ",".join([letters] + [letters[k] for k in range(n) if k != i]) + "->" + letters[i] for i in range(n)
        ]
        self.pair_spec = {
            (i, k): ",".join([letters] + [letters[m] for m in range(n) if m not in (i, k)])
            + "->"
            + letters[i]
            + letters[k]
            for i in range(n)
            for k in range(n)
            if k != i
        }

    def split(self, z: np.ndarray) -> list[np.ndarray]:
        return [np.exp(z[self.offsets[i] : self.offsets[i + 1]]) for i in range(self.n)]

    def values(self, xs: list[np.ndarray], i: int) -> np.ndarray:
        """Player i's value of each action against the others' (unnormalised) mixtures."""
        return np.einsum(self.values_spec[i], self.payoffs[i], *[xs[k] for k in range(self.n) if k != i])

    def h(self, w: np.ndarray) -> np.ndarray:
        z, lam = w[:-1], w[-1]
        xs = self.split(z)
        out = np.empty(len(z))
        for i in range(self.n):
            o = self.offsets[i]
            v = self.values(xs, i)
            zi = z[o : self.offsets[i + 1]]
            out[o] = xs[i].sum() - 1.0
            out[o + 1 : self.offsets[i + 1]] = zi[1:] - zi[0] - lam * (v[1:] - v[0])
        return out

    def jacobian(self, w: np.ndarray) -> np.ndarray:
        z, lam = w[:-1], w[-1]
        xs = self.split(z)
        dim = len(z)
        jac = np.zeros((dim, dim + 1))
        for i in range(self.n):
            o, e = self.offsets[i], self.offsets[i + 1]
            v = self.values(xs, i)
            jac[o, o:e] = xs[i]
            for a in range(1, self.sizes[i]):
                jac[o + a, o + a] = 1.0
                jac[o + a, o] = -1.0
            jac[o + 1 : e, -1] = -(v[1:] - v[0])
            for k in range(self.n):
                if k == i:
                    continue
                others = [xs[m] for m in range(self.n) if m not in (i, k)]
                d = np.einsum(self.pair_spec[i, k], self.payoffs[i], *others)  # dv_i(a)/dx_k(b)
                d = (d[1:] - d[0]) * xs[k][None, :]  # chain rule to z_k
                jac[o + 1 : e, self.offsets[k] : self.offsets[k + 1]] -= lam * d
        return jac


def _tangent(jac: np.ndarray) -> np.ndarray:
    _, _, vt = np.linalg.svd(jac)
    t = vt[-1]
    return t / np.linalg.norm(t)


def _correct(
    branch: _Branch, w: np.ndarray, *, fixed_lambda: bool = False, iterations: int = 10, jac: np.ndarray | None = None
) -> np.ndarray | None:
    """Newton corrector back to the curve (chord method: the Jacobian of the first point)."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _chord(branch, w, fixed_lambda, iterations, jac)


def _chord(
    branch: _Branch, w: np.ndarray, fixed_lambda: bool, iterations: int, jac: np.ndarray | None
) -> np.ndarray | None:
    if not np.all(np.isfinite(w)) or w[:-1].max() > 1.0:
        return None
    if jac is None:
        jac = branch.jacobian(w)
    pinv = np.linalg.pinv(jac[:, :-1] if fixed_lambda else jac)
    for _ in range(iterations):
        f = branch.h(w)
        if np.abs(f).max() < (1e-12 if fixed_lambda else 1e-10):  # points on the way need less
            return w
        step = pinv @ f
        w = w - (np.concatenate([step, [0.0]]) if fixed_lambda else step)
        if not np.all(np.isfinite(w)) or w[:-1].max() > 1.0:
            return None
    return w if np.abs(branch.h(w)).max() < 1e-9 else None


def _trace(
    game: NormalFormGame,
    lam_max: float,
    max_steps: int,
    first_step: float,
    record: bool,
    stop: Callable[[np.ndarray, float], bool] | None = None,
) -> tuple[list[float], list[np.ndarray]]:
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"logit QRE needs a NormalFormGame; got {type(game).__name__}")
    if lam_max < 0:
        raise InvalidGameError(f"logit QRE: lambda must be >= 0; got {lam_max}")
    branch = _Branch(game)
    z0 = np.concatenate([np.full(m, -np.log(m)) for m in branch.sizes])
    w = np.concatenate([z0, [0.0]])
    lambdas, points = [0.0], [w[:-1].copy()]
    h = first_step
    direction = None
    steps = 0
    jac_w = branch.jacobian(w)
    t_next = _tangent(jac_w)
    while w[-1] < lam_max:
        steps += 1
        if steps > max_steps:
            err = ConvergenceError(
                f"logit QRE path: max_steps={max_steps} reached at lambda={w[-1]:.4g} before lambda={lam_max:g}; "
                "raise max_steps"
            )
            last = MixedProfile.from_arrays(game, [x / x.sum() for x in branch.split(w[:-1])])
            err.last = last  # type: ignore[attr-defined]
            err.max_regret = last.max_regret()  # type: ignore[attr-defined]
            raise err
        t = t_next
        if direction is None:
            t = t if t[-1] > 0 else -t
        elif t @ direction < 0:
            t = -t
        candidate = None
        while candidate is None:
            trial = _correct(branch, w + h * t, jac=jac_w)  # chord: the Jacobian at the last point
            if trial is not None and np.linalg.norm(trial - w) < 2 * h and (trial - w) @ t > 0:
                jac_trial = branch.jacobian(trial)
                t_next = _tangent(jac_trial)
                if abs(t_next @ t) > 0.95:  # the tangent turned little: no jump to another branch
                    candidate = trial
            if candidate is None:
                h /= 2
                if h < 1e-10:
                    raise ConvergenceError(f"logit QRE path: step size underflow at lambda={w[-1]:.4g}")
        if candidate[-1] > lam_max:  # land exactly on lam_max
            z = w[:-1] + (candidate[:-1] - w[:-1]) * (lam_max - w[-1]) / (candidate[-1] - w[-1])
            landed = _correct(branch, np.concatenate([z, [lam_max]]), fixed_lambda=True, iterations=30)
            candidate = landed if landed is not None else candidate
        direction = t
        w = candidate
        jac_w = jac_trial
        h = min(h * 1.5, max(1.0, float(np.linalg.norm(w)) / 4))
        done = stop is not None and stop(w[:-1], float(w[-1]))
        if record or w[-1] >= lam_max or done:
            lambdas.append(float(w[-1]))
            points.append(w[:-1].copy())
        if done:
            break
    return lambdas, points


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


def logit_solve(
    game: NormalFormGame, *, lam_max: float | None = None, tol: float = DEFAULT_TOL, max_steps: int = 10_000
) -> SolveResult:
    """Return the limit of the principal logit branch as a Nash equilibrium, polished if possible.

    The branch is followed to ``lam_max`` (default ``1e4 / payoff scale``) or until the
    maximum regret falls below ``1e-6`` times the payoff scale; the actions with
    non-negligible probability form a support profile whose indifference system is then
    solved by Newton from the QRE point (and made exact when rational). If the polished
    profile is certified (maximum regret zero, or within `tol`) the guarantee is ``one``;
    otherwise the QRE point itself is returned with guarantee ``approximate``.
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"logit QRE needs a NormalFormGame; got {type(game).__name__}")
    scale = max(1.0, float(np.abs(game.payoffs).max()))
    lam_top = 1e4 / scale if lam_max is None else lam_max
    polished: list[Equilibrium] = []
    checkpoint = [2.0 / scale]

    def stop(z: np.ndarray, lam: float) -> bool:
        # from time to time, try to polish the current point into a certified equilibrium
        if lam < checkpoint[0]:
            return False
        checkpoint[0] = lam * 1.5
        profile = _profile(game, z)
        if float(profile.max_regret()) > 0.05 * scale:
            return False
        found = polish(game, profile.probabilities, [support_of(profile.probabilities, 1e-4)], tol=tol)
        if found is not None:
            polished.append(found)
            return True
        return False

    _, points = _trace(game, lam_top, max_steps, 0.03, record=False, stop=stop)
    qre_profile = _profile(game, points[-1])
    if not polished:
        found = polish(game, qre_profile.probabilities, [support_of(qre_profile.probabilities, 1e-4)], tol=tol)
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
