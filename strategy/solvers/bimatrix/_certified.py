r"""Certified floating-point pivoting steps for :mod:`strategy.solvers.bimatrix.polytope`.

One step takes a batch of feasible bases of :math:`\{z \ge 0,\ M z \le 1\}` (notation of
:mod:`strategy.solvers.bimatrix._tableau`; :math:`C = [M \mid I]`, :math:`n = d + k`
variables, :math:`B` the basic columns) with approximate inverses :math:`R \approx
B^{-1}`, and for each basis either *decides*, with a proof, that the basic solution is
nondegenerate and which row every entering column leaves by the minimum-ratio test, or
leaves the basis undecided (the caller then pivots it in exact integer arithmetic).

**Error bound** (Rump's a posteriori verification; Higham, *Accuracy and Stability of
Numerical Algorithms*, 2nd ed., §3.5 and ch. 14). :math:`C` is exact in floating point
(integers below :math:`2^{53}`). With :math:`u = 2^{-53}` and :math:`\gamma = (k+2)u /
(1-(k+2)u)`, every computed product obeys :math:`|\mathrm{fl}(RX) - RX| \le \gamma |R|
|X|`, whatever the order of summation. Let :math:`\hat T = \mathrm{fl}(RC)` and
:math:`E = I - RB`; bound :math:`\|E\|_\infty \le \epsilon := \|I - \hat T_B\|_\infty +
\gamma k \max C \, \|R\|_\infty`. The exact tableau :math:`T = B^{-1} C` satisfies
:math:`T - RC = E T`, hence for every column :math:`j`

.. math::  \|T_j - \hat T_j\|_\infty \le \frac{\epsilon}{1 - \epsilon}
           \bigl(\|\hat T_j\|_\infty + \rho_j\bigr) + \rho_j, \qquad
           \rho_j = \gamma \|R\|_\infty \max_i C_{ij},

and the same for the right-hand side :math:`B^{-1} 1` (a column of ones). The bounds
are doubled to cover the rounding in evaluating them.

**Decisions.** The basis is nondegenerate when every basic value exceeds its bound
(:math:`\hat b_i - f > 0`). For an entering column :math:`j`, the candidate row
:math:`i^*` maximises :math:`\hat T_{ij} / (\hat b_i - f)`. It is proved to be the unique
minimum-ratio row when :math:`\hat T_{i^*j} - e_j > 0` and :math:`\lambda = (\hat T_{i^*j}
- e_j) / (\hat b_{i^*} + f)`, a lower bound of :math:`T_{i^*j} / b_{i^*}`, exceeds (by a
factor :math:`1 + 10^{-12}`, for the rounding of these last operations) an upper bound
of :math:`(\hat T_{ij} + e_j) / (\hat b_i - f)` over the other rows: then every other row
has a larger ratio :math:`b_i / T_{ij}`, if its entry is positive at all. A column with
:math:`\hat T_{ij} + e_j \le 0` in every row proves that it has no pivot. Anything else --
ties, entries near zero, a poor inverse -- is undecided. NaN and infinities compare
false, so they leave the basis undecided too.
"""

from __future__ import annotations

import contextlib
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

__all__ = ["Step", "certified_step", "pivot_inverses"]

_U = 2.0**-53
_REFRESH = 1e-9  # recompute an inverse carried through pivots when its bound exceeds this
_RATIO_SLACK = 1 + 1e-12  # covers the rounding of the final comparisons

Floats = NDArray[np.float64]
Ints = NDArray[np.intp]


class Step(NamedTuple):
    """A certified step over ``F`` bases with ``d`` nonbasic columns each."""

    decided: NDArray[np.bool_]  # (F,): every decision of this basis is proved
    rows: Ints  # (F, d): the leaving row of each entering (nonbasic) column
    move: NDArray[np.bool_]  # (F, d): the column enters (decided bases only)
    tableau: Floats  # (F, d, k): the nonbasic columns of R C, one per row of this array
    inverse: Floats  # (F, k, k): R, refreshed where it had drifted


def certified_step(basic: Ints, nonbasic: Ints, inverse: Floats | None, transposed: Floats) -> Step:
    """Decide the bases ``basic`` (``(F, k)``, the row order of `inverse`) of ``C (z, s) = 1``.

    `nonbasic` holds the other ``d`` variables of each basis, `transposed` is :math:`C^\top`
    (``(n, k)`` floats), and `inverse` approximates the inverses of the basis matrices
    (None: compute them). Arrays are laid out column by column (``(F, column, row)``), so
    that every reduction over the rows of a column runs along the last axis.
    """
    k = transposed.shape[1]
    gamma = (k + 2) * _U / (1 - (k + 2) * _U)
    rounding = gamma * k * float(transposed.max())
    if inverse is None:
        inverse = _inverses(transposed, basic)
    r_norm, eps = _accuracy(basic, inverse, transposed, rounding)
    stale = np.flatnonzero(~(eps < _REFRESH))
    if stale.size:
        inverse[stale] = _inverses(transposed, basic[stale])
        r_norm[stale], eps[stale] = _accuracy(basic[stale], inverse[stale], transposed, rounding)
    tableau: Floats = transposed[nonbasic] @ inverse.transpose(0, 2, 1)  # (F, d, k)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        amp = eps / (1 - eps)
        rho = gamma * r_norm[:, None] * transposed.max(axis=1)[nonbasic]  # (F, d)
        top, bottom = tableau.max(axis=2), tableau.min(axis=2)
        err = 2 * (amp[:, None] * (np.maximum(top, -bottom) + rho) + rho)  # (F, d)
        rhs = inverse.sum(axis=2)  # (F, k)
        rho_rhs = gamma * r_norm
        err_rhs = 2 * (amp * (np.abs(rhs).max(axis=1) + rho_rhs) + rho_rhs)  # (F,)
        rhs_low = rhs - err_rhs[:, None]
        decided = (eps < 0.5) & (rhs_low.min(axis=1) > 0)
        inverse_low = 1.0 / rhs_low
        ratios = tableau * inverse_low[:, None, :]  # (F, d, k): t_i / (b_i - f), inverse ratios
        rows = ratios.argmax(axis=2)  # (F, d)
        pivot_low = np.take_along_axis(tableau, rows[:, :, None], axis=2)[:, :, 0] - err
        move = pivot_low > 0
        # a lower bound of t / b in the candidate row, an upper bound of (t_i + e) / (b_i - f) elsewhere
        least = pivot_low / (np.take_along_axis(rhs, rows, axis=1) + err_rhs[:, None])
        np.put_along_axis(ratios, rows[:, :, None], -np.inf, axis=2)
        others = ratios.max(axis=2) + err * inverse_low.max(axis=1)[:, None]
        proved = np.where(move, others * _RATIO_SLACK < least, top + err <= 0)
    decided &= proved.all(axis=1)
    return Step(decided, rows, move & decided[:, None], tableau, inverse)


def pivot_inverses(step: Step, basic: Ints, nonbasic: Ints, parents: Ints, positions: Ints) -> tuple[Ints, Floats]:
    """Bases and inverses after pivoting column ``nonbasic[p, j]`` into basis ``p``, for
    ``(p, j)`` in ``zip(parents, positions)``.

    The inverse is updated by the pivot (``R_r /= t_r``, ``R_i -= t_i R_r``), not
    recomputed; its accuracy is checked again by the next :func:`certified_step`.
    """
    g = np.arange(parents.size)
    rows = step.rows[parents, positions]
    column = step.tableau[parents, positions, :]  # (G, k)
    lead = step.inverse[parents, rows, :] / column[g, rows][:, None]
    inverse = step.inverse[parents] - column[:, :, None] * lead[:, None, :]
    inverse[g, rows, :] = lead
    new_basic = basic[parents]
    new_basic[g, rows] = nonbasic[parents, positions]
    return new_basic, inverse


def _inverses(transposed: Floats, basic: Ints) -> Floats:
    """``inv(C[:, basic[f]])`` for each ``f``; NaN where numpy finds a matrix singular."""
    matrices = transposed[basic].transpose(0, 2, 1)
    try:
        return np.asarray(np.linalg.inv(matrices), dtype=np.float64)
    except np.linalg.LinAlgError:
        out = np.full(matrices.shape, np.nan)
        for f, matrix in enumerate(matrices):
            with contextlib.suppress(np.linalg.LinAlgError):
                out[f] = np.linalg.inv(matrix)
        return out


def _accuracy(basic: Ints, inverse: Floats, transposed: Floats, rounding: float) -> tuple[Floats, Floats]:
    """``||R||_inf`` and the bound on ``||I - R B||_inf`` of each basis."""
    k = basic.shape[1]
    product = inverse @ transposed[basic].transpose(0, 2, 1)  # (F, k, k): R B
    r_norm: Floats = np.abs(inverse).sum(axis=2).max(axis=1)
    with np.errstate(invalid="ignore", over="ignore"):
        eps: Floats = 2 * (np.abs(np.eye(k) - product).sum(axis=2).max(axis=1) + rounding * r_norm)
    return r_norm, eps
