r"""Private kernel: predictor-corrector continuation of the principal logit QRE branch.

In log-probabilities :math:`z_{ia} = \log \sigma_i(a)` the branch is the zero set of

.. math:: H(z, \lambda) = \bigl(\textstyle\sum_a e^{z_{ia}} - 1,\
          z_{ia} - z_{i0} - \lambda [v_i(a) - v_i(0)]\ (a \ge 1)\bigr)_i,

with :math:`v_i(a)` player *i*'s value of action *a* against :math:`x_k = e^{z_k}`. Its
Jacobian has, in player *i*'s rows :math:`a \ge 1` and player *k*'s columns *b*, the entries
:math:`-\lambda\,[G_{ik}(a, b) - G_{ik}(0, b)]\, x_k(b)`, where :math:`G_{ik}(a, b)` is *i*'s
payoff contracted with every mixture but *i*'s and *k*'s (one matrix product per other
player, on payoff arrays transposed once per game), and :math:`v_i = G_{ik} x_k`.

**Continuation** (pseudo-arclength; Allgower and Georg 1990 [AG90]_, the path of Turocy 2005
[Tur05]_). From a point :math:`w` with unit tangent :math:`t` the predictor is
:math:`w + h t`; the corrector is Newton's chord method on :math:`H = 0` restricted to the
hyperplane through the predictor orthogonal to :math:`t`, with the matrix
:math:`A = \begin{pmatrix} J \\ t^\top \end{pmatrix}` taken at the predictor and inverted
once. Its last column solves :math:`J \tau = 0,\ t^\top \tau = 1`: the next tangent, oriented
as :math:`t`, comes free. A step is refused (and halved) when the corrector does not
contract, goes far, leaves the simplex, or when the tangent turns by more than about 18
degrees (a jump to another branch); after an easy step the step grows. Turning points in
:math:`\lambda` are passed.

References
----------
.. [AG90] E. L. Allgower, K. Georg, *Numerical Continuation Methods: An Introduction*,
   Springer (1990), ch. 2 and 6.
.. [Tur05] T. L. Turocy, "A dynamic homotopy interpretation of the logistic quantal
   response equilibrium correspondence", *Games and Economic Behavior* 51 (2005) 243-263.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from strategy.errors import ConvergenceError

__all__ = ["Branch", "trace"]

PATH_TOL = 1e-10
"""Residual of :math:`H` (log-probability units) at recorded points of the path."""

TRACK_TOL = 1e-6
"""Residual of :math:`H` at points only passed through (the end point is corrected to ``1e-12``)."""

Pair = tuple[int, int, np.ndarray, list[int]]
"""(i, k, i's payoffs with axes (i, k, the others), the others)."""

_TURN = 0.95
"""Least cosine between consecutive tangents: a sharper turn is taken for a branch jump."""


class Branch:
    """:math:`H`, its Jacobian and the players' action values for one game."""

    def __init__(self, payoffs: np.ndarray) -> None:
        self.n = n = payoffs.shape[0]
        self.sizes = sizes = list(payoffs.shape[1:])
        self.offsets = np.cumsum([0, *sizes])
        self.dim = int(self.offsets[-1])
        # for each ordered pair (i, k): i's payoffs with axes (i, k, the others), and the others
        self.pairs: list[Pair] = []
        for i in range(n):
            for k in range(n):
                if k != i:
                    rest = [m for m in range(n) if m not in (i, k)]
                    self.pairs.append((i, k, np.ascontiguousarray(payoffs[i].transpose([i, k, *rest])), rest))
        self.firsts = [next(p for p in self.pairs if p[0] == i) for i in range(n)]  # one pair per player
        self.heads = self.offsets[:-1]  # each player's first action (its row of sum e^z = 1)
        self.head_of = np.repeat(self.heads, sizes)  # each action's player's first action
        base = np.zeros((self.dim + 1, self.dim + 1))  # the last row is left to the caller
        base[np.arange(self.dim), np.arange(self.dim)] = 1.0
        base[np.arange(self.dim), self.head_of] -= 1.0
        base[self.heads] = 0.0
        base[-1] = 0.0
        self.base = base
        self.head_rows = self.head_of  # the Jacobian's row sum e^z_i has x_i in i's columns

    def split(self, z: np.ndarray) -> list[np.ndarray]:
        """Each player's (unnormalised) probabilities :math:`e^{z_i}`."""
        x = np.exp(z)
        return [x[self.offsets[i] : self.offsets[i + 1]] for i in range(self.n)]

    def _contracted(self, xs: list[np.ndarray], pairs: list[Pair]) -> list[np.ndarray]:
        """:math:`G_{ik}` for each of `pairs`."""
        out = []
        for _, _, arr, rest in pairs:
            for m in reversed(rest):
                arr = arr @ xs[m]
            out.append(arr)
        return out

    def values(self, z: np.ndarray) -> list[np.ndarray]:
        """Each player's action values against the others' mixtures :math:`e^{z}`."""
        return self._values(self.split(z))

    def _values(self, xs: list[np.ndarray]) -> list[np.ndarray]:
        return [g @ xs[k] for (_, k, _, _), g in zip(self.firsts, self._contracted(xs, self.firsts), strict=True)]

    def h(self, w: np.ndarray) -> np.ndarray:
        z = w[:-1]
        x = np.exp(z)
        xs = [x[self.offsets[i] : self.offsets[i + 1]] for i in range(self.n)]
        return self._h(z, w[-1], x, np.concatenate(self._values(xs)))

    def _h(self, z: np.ndarray, lam: float, x: np.ndarray, v: np.ndarray) -> np.ndarray:
        heads = self.head_of
        out: np.ndarray = z - z[heads] - lam * (v - v[heads])
        out[self.heads] = np.add.reduceat(x, self.heads) - 1.0
        return out

    def h_and_jacobian(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:math:`H(w)` and its Jacobian, the last column in λ, with a last row of zeros
        (shape ``(dim + 1, dim + 1)``: the continuation's bordered matrix, its border row to fill)."""
        z, lam = w[:-1], w[-1]
        x = np.exp(z)
        offsets = self.offsets
        xs = [x[offsets[i] : offsets[i + 1]] for i in range(self.n)]
        jac = self.base.copy()
        values: list[np.ndarray] = [np.zeros(0)] * self.n
        for (i, k, _, _), g in zip(self.pairs, self._contracted(xs, self.pairs), strict=True):
            if not values[i].size:
                values[i] = g @ xs[k]
            jac[offsets[i] + 1 : offsets[i + 1], offsets[k] : offsets[k + 1]] = (lam * (g[0] - g[1:])) * xs[k]
        v = np.concatenate(values)
        jac[self.head_rows, np.arange(self.dim)] = x
        jac[:-1, -1] = v[self.head_of] - v
        jac[self.heads, -1] = 0.0
        return self._h(z, lam, x, v), jac

    def regret(self, z: np.ndarray) -> float:
        """The maximum regret of the normalised profile :math:`e^{z}`."""
        xs = [x / x.sum() for x in self.split(z)]
        values = self._values(xs)
        return max(float(v.max() - v @ x) for v, x in zip(values, xs, strict=True))


def _correct(
    branch: Branch, pred: np.ndarray, tangent: np.ndarray, tol: float
) -> tuple[np.ndarray | None, np.ndarray, int]:
    """Chord corrector from the predictor: (the point or None, the next tangent, iterations)."""
    f, matrix = branch.h_and_jacobian(pred)
    matrix[-1] = tangent
    try:
        inverse = np.linalg.inv(matrix)
    except np.linalg.LinAlgError:
        return None, tangent, 0
    nxt = inverse[:, -1]
    nxt = nxt / math.sqrt(nxt @ nxt)
    chord = inverse[:, :-1]
    w, previous = pred, math.inf
    for iteration in range(1, 8):
        size = float(np.abs(f).max())
        if not size <= 0.5 * previous:  # not contracting (or NaN)
            return None, nxt, iteration
        if size <= tol:
            return w, nxt, iteration
        w = w - chord @ f
        if not (w[:-1].max() <= 1.0 and math.isfinite(w[-1])):  # a probability above one, or NaN
            return None, nxt, iteration
        previous = size
        f = branch.h(w)
    return None, nxt, 8


def land(branch: Branch, w: np.ndarray, iterations: int = 30) -> np.ndarray | None:
    """Newton at fixed λ from `w` to residual ``1e-12`` (None if it fails)."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for _ in range(iterations):
            f, jac = branch.h_and_jacobian(w)
            if not np.all(np.isfinite(f)):
                return None
            if np.abs(f).max() < 1e-12:
                return w
            try:
                step = np.linalg.solve(jac[:-1, :-1], f)
            except np.linalg.LinAlgError:
                return None
            w = np.concatenate([w[:-1] - step, w[-1:]])
            if not np.all(np.isfinite(w)) or w[:-1].max() > 1.0:
                return None
        return w if np.abs(branch.h(w)).max() < 1e-9 else None


def trace(
    branch: Branch,
    lam_max: float,
    max_steps: int,
    first_step: float,
    record: bool,
    stop: Callable[[np.ndarray, float], bool] | None = None,
) -> tuple[list[float], list[np.ndarray]]:
    """Follow the branch from λ = 0 to `lam_max` (or until ``stop(z, lam)``).

    Returns the λ and :math:`z` of every accepted point (`record`: corrected to
    ``PATH_TOL``), or of the first and the last (points passed through corrected to
    ``TRACK_TOL`` only). Raises :class:`ConvergenceError` (with the last point's :math:`z` as ``last_z``)
    after `max_steps` steps, or when the step size underflows.
    """
    z0 = np.concatenate([np.full(m, -np.log(m)) for m in branch.sizes])
    w = np.concatenate([z0, [0.0]])
    lambdas, points = [0.0], [z0.copy()]
    along = np.zeros(branch.dim + 1)
    along[-1] = 1.0
    _, matrix = branch.h_and_jacobian(w)
    matrix[-1] = along
    tangent = np.linalg.solve(matrix, along)  # increasing λ at the start
    tangent /= math.sqrt(tangent @ tangent)
    tol = PATH_TOL if record else TRACK_TOL
    h = first_step
    steps = 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        while w[-1] < lam_max:
            steps += 1
            if steps > max_steps:
                err = ConvergenceError(
                    f"logit QRE path: max_steps={max_steps} reached at lambda={w[-1]:.4g} before "
                    f"lambda={lam_max:g}; raise max_steps"
                )
                err.last_z = w[:-1]  # type: ignore[attr-defined]
                raise err
            while True:
                pred = w + h * tangent
                point, nxt, iterations = _correct(branch, pred, tangent, tol)
                if point is not None and iterations <= 5 and nxt @ tangent > _TURN and (point - w) @ tangent > 0:
                    moved = math.sqrt((point - pred) @ (point - pred))
                    if moved < 0.5 * h:
                        break
                h /= 2
                if h < 1e-10:
                    raise ConvergenceError(f"logit QRE path: step size underflow at lambda={w[-1]:.4g}")
            if moved > 0.25 * h:  # the corrector went far: the tangent at the predictor is not the point's
                _, matrix = branch.h_and_jacobian(point)
                matrix[-1] = nxt
                nxt = np.linalg.solve(matrix, along)
                nxt /= math.sqrt(nxt @ nxt)
            if point[-1] > lam_max:  # land exactly on lam_max
                z = w[:-1] + (point[:-1] - w[:-1]) * (lam_max - w[-1]) / (point[-1] - w[-1])
                landed = land(branch, np.concatenate([z, [lam_max]]))
                point = landed if landed is not None else point
            w, tangent = point, nxt
            if iterations <= 4:  # converged in at most three corrections: a longer step next
                h = min(h * 2.0, max(1.0, math.sqrt(w @ w) / 2))
            elif iterations == 5:
                h *= 0.7
            done = stop is not None and stop(w[:-1], float(w[-1]))
            if record or w[-1] >= lam_max or done:
                lambdas.append(float(w[-1]))
                points.append(w[:-1].copy())
            if done:
                break
    return lambdas, points
