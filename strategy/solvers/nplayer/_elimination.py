r"""Private kernel: isolated solutions of n-player indifference systems by elimination.

Three players mix, with supports of sizes :math:`s_a = s_b = m + 1` and :math:`s_p = d + 1`
(any sizes where two are equal; :math:`d \le 2`). Write :math:`x_p = (t, 1 - \sum t)`.
Player *a*'s indifference equations are linear in :math:`x_b` once :math:`x_p` is fixed,
an :math:`m \times m` system whose coefficients are affine in :math:`t`; by Cramer's rule
:math:`x_b = N_b(t) / D_b(t)` with polynomials of degree :math:`\le m`, and likewise
:math:`x_a = N_a / D_a` from player *b*'s equations. Player *p*'s :math:`d` equations,
bilinear in :math:`(x_a, x_b)`, become polynomial after multiplying by :math:`D_a D_b`:

.. math:: E_\pi(t) = \sum_{\alpha, \beta} W_\pi[\alpha, \beta]\, N_a[\alpha](t)\, N_b[\beta](t) = 0,

of degree :math:`\le 2m` in :math:`d` unknowns. For :math:`d = 1` these are univariate; for
:math:`d = 2` the resultant of :math:`E_0, E_1` with respect to :math:`t_2` is a polynomial
in :math:`t_1` of degree :math:`\le (2m)^2`, interpolated on Chebyshev points of an interval
slightly wider than :math:`[0, 1]`; its real roots there, with the real roots in
:math:`t_2` of :math:`E_0, E_1` at each, are the candidates. An identically vanishing
polynomial or resultant (a continuum, or a common factor) is reported as ``None`` so the
caller can fall back. Where a Cramer system is singular but solvable (one player's
equations become dependent) the freed strategy is found from the remaining equations, now
linear in it. Four players mixing two actions each are treated alike
(:func:`four_binary_candidates`). Candidates are polished by Newton and certified by the caller; the
method is numerical but finds every isolated solution of a generic system (Cox, Little and
O'Shea, *Ideals, Varieties, and Algorithms*, ch. 3, on resultants and elimination).
"""

from __future__ import annotations

import numpy as np

from strategy.solvers.nplayer import _binary
from strategy.solvers.nplayer._resultants import (
    MARGIN,
    add,
    common_roots,
    is_zero,
    mul,
    real_roots,
    resultant_roots,
    value,
)

__all__ = ["candidates", "three_player_candidates"]


def _pivot_strategy(d: int) -> list[np.ndarray]:
    """Coefficient arrays (index ``[i, j]`` for ``t1^i t2^j``) of ``x_p = (t, 1 - sum t)``."""
    if d == 1:
        return [np.array([[0.0], [1.0]]), np.array([[1.0], [-1.0]])]
    return [
        np.array([[0.0, 0.0], [1.0, 0.0]]),
        np.array([[0.0, 1.0], [0.0, 0.0]]),
        np.array([[1.0, -1.0], [-1.0, 0.0]]),
    ]


def _cramer(u: np.ndarray, xp: list[np.ndarray]) -> tuple[list[np.ndarray], np.ndarray, list[list[np.ndarray]]]:
    """Numerators and denominator of the other player's strategy from the indifference of
    the owner of ``u`` (axes: owner, other, pivot), and the coefficients ``c[alpha][beta]``
    of the owner's equations ``sum_beta c[alpha][beta] x_other[beta] = 0``."""
    size = u.shape[0] - 1
    # coefficient of the other's action beta in the owner's equation alpha, as a polynomial in t
    c = [
        [sum(((u[a, b, k] - u[-1, b, k]) * xp[k] for k in range(len(xp))), np.zeros((1, 1))) for b in range(size + 1)]
        for a in range(size)
    ]
    mat = [[add(c[a][b], c[a][size], -1.0) for b in range(size)] for a in range(size)]
    rhs = [-c[a][size] for a in range(size)]

    def det(rows: list[list[np.ndarray]]) -> np.ndarray:
        if len(rows) == 1:
            return rows[0][0]
        return add(mul(rows[0][0], rows[1][1]), mul(rows[0][1], rows[1][0]), -1.0)

    den = det(mat)
    nums = []
    for b in range(size):
        replaced = [[rhs[a] if col == b else mat[a][col] for col in range(size)] for a in range(size)]
        nums.append(det(replaced))
    last = den
    for num in nums:
        last = add(last, num, -1.0)
    return [*nums, last], den, c


def _singular_points(den: np.ndarray, nums: list[np.ndarray], d: int, scale: float) -> list[tuple[float, float]] | None:
    """Points of the simplex where the Cramer system is singular *and* solvable.

    There ``den`` and every numerator vanish (for systems of size at most two a singular
    system is solvable exactly when all the column-replaced determinants vanish). The
    owner's equations are then dependent and the other player's strategy is free along a
    line: the cleared equations do not see such points, so the caller examines each.
    ``None`` when ``den`` vanishes identically or on a curve shared with a numerator.
    """
    if is_zero(den, scale):
        return None
    if d == 1:
        points = [(t, 0.0) for t in real_roots(den[:, 0], scale)]
    else:
        firsts = resultant_roots(den, nums[0], scale)
        if firsts is None:
            return None
        points = []
        for t1 in firsts:
            column = t1 ** np.arange(den.shape[0]) @ den
            points += [(t1, t2) for t2 in real_roots(column, scale) if t1 + t2 <= 1 + MARGIN]
    return [(t1, t2) for t1, t2 in points if all(abs(value(n, t1, t2)) <= 1e-7 * scale for n in nums)]


def _at_singular_point(
    point: tuple[float, float],
    free: tuple[list[list[np.ndarray]], int],
    fixed: tuple[list[np.ndarray], np.ndarray, int],
    fixed_first: bool,
    w: list[np.ndarray],
    xp: list[np.ndarray],
    pivot: int,
    scale: float,
) -> list[list[np.ndarray]] | None:
    """The candidate at a singular point, or None (a continuum, or both systems singular).

    The free player's strategy ``y`` solves the owner's dependent equations ``c y = 0``, the
    pivot's equations ``sum_alpha w[pi][alpha, beta] x_fixed[alpha] y[beta] = 0`` and
    ``sum y = 1``: an overdetermined linear system, usually without solution.
    """
    t1, t2 = point
    coeffs, free_player = free
    nums, den, fixed_player = fixed
    d_value = value(den, t1, t2)
    if abs(d_value) <= 1e-9 * scale:
        return None
    x_fixed = np.array([value(n, t1, t2) for n in nums]) / d_value
    rows = [[value(cb, t1, t2) for cb in row] for row in coeffs]
    # w[pi] has axes (first, second) of the two non-pivot players; contract the fixed one
    rows += [list(x_fixed @ wk) if fixed_first else list(wk @ x_fixed) for wk in w]
    matrix = np.array([*rows, [1.0] * len(rows[0])])
    rhs = np.zeros(len(matrix))
    rhs[-1] = 1.0
    y, *_ = np.linalg.lstsq(matrix, rhs, rcond=None)
    if np.abs(matrix @ y - rhs).max() > 1e-7 * max(1.0, np.abs(matrix).max()):
        return []
    if np.linalg.matrix_rank(matrix, tol=1e-9 * max(1.0, np.abs(matrix).max())) < matrix.shape[1]:
        return None
    strategies = [np.zeros(0)] * 3
    strategies[pivot] = np.array([value(x, t1, t2) for x in xp])
    strategies[fixed_player] = x_fixed
    strategies[free_player] = y
    return [strategies]


def three_player_candidates(us: list[np.ndarray]) -> list[list[np.ndarray]] | None:
    """Candidate solutions of the indifference system of three mixing players.

    Parameters
    ----------
    us : list of three arrays
        ``us[i]`` is player *i*'s payoff restricted to the support, shape ``(s0, s1, s2)``.

    Returns
    -------
    list or None
        Each candidate as three strategy vectors (not yet certified), or ``None`` when the
        method does not apply (no two support sizes equal, pivot with more than three
        actions) or the system is not zero-dimensional (identically vanishing elimination).
    """
    sizes = us[0].shape
    pivot = next((p for p in range(3) if sizes[(p + 1) % 3] == sizes[(p + 2) % 3]), None)
    if pivot is None or sizes[pivot] > 3:
        return None
    a, b = (pivot + 1) % 3, (pivot + 2) % 3
    d = sizes[pivot] - 1
    scale = max(1.0, max(float(np.abs(u).max()) for u in us))
    xp = _pivot_strategy(d)
    # x_b from a's indifference, x_a from b's
    num_b, den_b, c_a = _cramer(np.transpose(us[a], (a, b, pivot)), xp)
    num_a, den_a, c_b = _cramer(np.transpose(us[b], (b, a, pivot)), xp)
    up = np.transpose(us[pivot], (a, b, pivot))
    w = [up[:, :, k] - up[:, :, -1] for k in range(d)]  # pivot's equations, axes (a, b)
    equations = []
    for wk in w:
        e = np.zeros((1, 1))
        for alpha in range(sizes[a]):
            for beta in range(sizes[b]):
                if wk[alpha, beta] != 0:
                    e = add(e, wk[alpha, beta] * mul(num_a[alpha], num_b[beta]))
        equations.append(e)
    size_scale = scale ** (2 * (sizes[a] - 1) + 1)
    den_scale = scale ** (sizes[a] - 1)
    out: list[list[np.ndarray]] = []
    # where a's equations are dependent x_b is free (and x_a fixed by b's), and vice versa
    for coeffs, free_player, nums, den, fixed_player, singular_den, singular_nums in (
        (c_a, b, num_a, den_a, a, den_b, num_b),
        (c_b, a, num_b, den_b, b, den_a, num_a),
    ):
        points = _singular_points(singular_den, singular_nums, d, den_scale)
        if points is None:
            return None
        for point in points:
            found = _at_singular_point(
                point, (coeffs, free_player), (nums, den, fixed_player), fixed_player == a, w, xp, pivot, den_scale
            )
            if found is None:
                return None
            out += found
    if d == 1:
        (e,) = equations
        if is_zero(e, size_scale):
            return None
        points = [(t, 0.0) for t in real_roots(e[:, 0], size_scale)]
    else:
        common = common_roots(equations[0], equations[1], size_scale)
        if common is None:
            return None
        points = common
    for t1, t2 in points:
        da, db = value(den_a, t1, t2), value(den_b, t1, t2)
        if abs(da) <= 1e-12 * den_scale or abs(db) <= 1e-12 * den_scale:
            continue  # a root of the cleared denominators, not of the system (checked above)
        strategies = [np.zeros(0)] * 3
        strategies[pivot] = np.array([value(x, t1, t2) for x in xp])
        strategies[a] = np.array([value(n, t1, t2) for n in num_a]) / da
        strategies[b] = np.array([value(n, t1, t2) for n in num_b]) / db
        out.append(strategies)
    # a solution outside the simplex is no equilibrium, and Newton will not bring it inside
    return [x for x in out if all(v.min() >= -1e-4 for v in x)]


def candidates(us: list[np.ndarray]) -> list[np.ndarray] | None:
    """Candidate solutions in the unknowns of :mod:`._multilinear` (each mixing player's
    probabilities but the last), for three mixing players or four mixing two actions each.

    ``None`` when neither method applies or the system is not zero-dimensional.
    """
    if len(us) == 3:
        shape = sorted(us[0].shape)
        found = None
        if shape == [2, 2, 3]:
            found = _binary.binary_pair_candidates(us)
        elif shape[0] == 2 and shape[1] == shape[2] <= 4:
            found = _binary.binary_pivot_candidates(us)
        if found is None:
            found = three_player_candidates(us)
        return None if found is None else [np.concatenate([x[:-1] for x in s]) for s in found]
    if len(us) == 4 and all(size == 2 for size in us[0].shape):
        return _binary.four_binary_candidates(us)
    return None
