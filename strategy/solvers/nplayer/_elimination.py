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

import functools
import math

import numpy as np
from numpy.polynomial import chebyshev as C
from numpy.polynomial import polynomial as P
from scipy.signal import convolve2d

__all__ = [
    "binary_pair_candidates",
    "binary_pivot_candidates",
    "candidates",
    "four_binary_candidates",
    "three_player_candidates",
]

_MARGIN = 1e-6  # roots this far outside [0, 1] are kept for Newton to pull in
_ZERO = 1e-10  # a polynomial whose coefficients are all below this (relative) is zero


def _mul(f: np.ndarray, g: np.ndarray) -> np.ndarray:
    return convolve2d(f, g)


def _add(f: np.ndarray, g: np.ndarray, sign: float = 1.0) -> np.ndarray:
    out = np.zeros((max(f.shape[0], g.shape[0]), max(f.shape[1], g.shape[1])))
    out[: f.shape[0], : f.shape[1]] += f
    out[: g.shape[0], : g.shape[1]] += sign * g
    return out


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
    mat = [[_add(c[a][b], c[a][size], -1.0) for b in range(size)] for a in range(size)]
    rhs = [-c[a][size] for a in range(size)]

    def det(rows: list[list[np.ndarray]]) -> np.ndarray:
        if len(rows) == 1:
            return rows[0][0]
        return _add(_mul(rows[0][0], rows[1][1]), _mul(rows[0][1], rows[1][0]), -1.0)

    den = det(mat)
    nums = []
    for b in range(size):
        replaced = [[rhs[a] if col == b else mat[a][col] for col in range(size)] for a in range(size)]
        nums.append(det(replaced))
    last = den
    for num in nums:
        last = _add(last, num, -1.0)
    return [*nums, last], den, c


def _value(poly: np.ndarray, t1: float, t2: float = 0.0) -> float:
    """``sum_ij poly[i, j] t1^i t2^j``."""
    return float(t1 ** np.arange(poly.shape[0]) @ poly @ t2 ** np.arange(poly.shape[1]))


def _is_zero(poly: np.ndarray, scale: float) -> bool:
    return bool(np.abs(poly).max(initial=0.0) <= _ZERO * scale)


def _trim(poly: np.ndarray, scale: float) -> np.ndarray:
    """Drop trailing rows and columns of (relatively) zero coefficients, so degrees are exact."""
    big = np.abs(poly) > _ZERO * scale
    rows = np.flatnonzero(big.any(axis=1))
    cols = np.flatnonzero(big.any(axis=0))
    if not len(rows):
        return np.zeros((1, 1))
    return poly[: rows[-1] + 1, : cols[-1] + 1]


def _degree(poly: np.ndarray, scale: float) -> int:
    """Total degree (terms below the zero threshold ignored)."""
    i, j = np.nonzero(np.abs(poly) > _ZERO * scale)
    return int((i + j).max(initial=0))


def _real_roots(coeffs: np.ndarray, scale: float) -> list[float]:
    """Real roots in ``[-margin, 1 + margin]`` of a univariate polynomial (ascending coefficients)."""
    big = np.flatnonzero(np.abs(coeffs) > _ZERO * scale)
    if not len(big) or big[-1] == 0:
        return []
    coeffs = np.where(np.abs(coeffs[: big[-1] + 1]) > _ZERO * scale, coeffs[: big[-1] + 1], 0.0)
    if len(coeffs) == 2:
        roots = np.array([-coeffs[0] / coeffs[1]])
    elif len(coeffs) == 3:  # the stable quadratic formula; a near-double root counts as real
        c, b, a = coeffs
        disc = b * b - 4 * a * c
        if disc < 0:
            centre = -b / (2 * a)
            if math.sqrt(-disc) / (2 * abs(a)) > 1e-7 * max(1.0, abs(centre)):
                return []
            roots = np.array([centre])
        else:
            q = -(b + math.copysign(math.sqrt(disc), b)) / 2
            roots = np.array([q / a, c / q] if q != 0 else [0.0])
    else:  # eigenvalues of the companion matrix
        companion = np.diag(np.ones(len(coeffs) - 2), -1)
        companion[:, -1] = -coeffs[:-1] / coeffs[-1]
        roots = np.linalg.eigvals(companion)
    keep = np.abs(roots.imag) <= 1e-7 * np.maximum(1.0, np.abs(roots))
    out: list[float] = []
    for r in sorted(roots.real[keep].tolist()):
        if -_MARGIN <= r <= 1 + _MARGIN and not (out and r - out[-1] <= 1e-9):  # a multiple root once
            out.append(r)
    return out


def _resultant_roots(f: np.ndarray, g: np.ndarray, scale: float) -> list[float] | None:
    """Real roots in t1 of the resultant of ``f, g`` with respect to t2 (None: identically zero)."""
    f, g = _trim(f, scale), _trim(g, scale)
    nf, ng = f.shape[1] - 1, g.shape[1] - 1
    if nf == 0 or ng == 0:  # one equation does not involve t2: its own roots in t1
        h = f if nf == 0 else g
        if _is_zero(h, scale):
            return None
        return _real_roots(h[:, 0], scale)
    bound = max(1, _degree(f, scale) * _degree(g, scale))
    lo, hi = -0.25, 1.25
    nodes = C.chebpts1(2 * bound + 2)
    xs = lo + (nodes + 1) * (hi - lo) / 2
    size = nf + ng
    sylvester = np.zeros((len(xs), size, size))
    powers = xs[:, None] ** np.arange(max(f.shape[0], g.shape[0]))
    fz = (powers[:, : f.shape[0]] @ f)[:, ::-1]  # coefficients in t2 at each sample, descending
    gz = (powers[:, : g.shape[0]] @ g)[:, ::-1]
    for r in range(ng):
        sylvester[:, r, r : r + nf + 1] = fz
    for r in range(nf):
        sylvester[:, ng + r, r : r + ng + 1] = gz
    norms = np.abs(fz).max(axis=1) ** ng * np.abs(gz).max(axis=1) ** nf
    values = np.linalg.det(sylvester)
    if np.abs(values).max() <= 1e-9 * max(norms.max(), 1e-300):
        return None
    # least squares on first-kind Chebyshev points is the discrete Chebyshev projection
    coeffs = _chebyshev_projection(len(nodes), bound) @ values
    roots = lo + (C.chebroots(coeffs) + 1) * (hi - lo) / 2
    keep = np.abs(roots.imag) <= 1e-6
    return [float(r) for r in roots.real[keep] if -_MARGIN <= r <= 1 + _MARGIN]


@functools.cache
def _chebyshev_projection(nodes: int, degree: int) -> np.ndarray:
    r"""Matrix taking values at ``chebpts1(nodes)`` to the Chebyshev coefficients (up to
    ``degree``) of their least-squares fit: by discrete orthogonality,
    :math:`c_k = (2 / N) \sum_j f_j T_k(x_j)`, halved for :math:`k = 0`."""
    matrix = C.chebvander(C.chebpts1(nodes), degree).T * (2.0 / nodes)
    matrix[0] /= 2.0
    matrix.setflags(write=False)
    return matrix


def _singular_points(den: np.ndarray, nums: list[np.ndarray], d: int, scale: float) -> list[tuple[float, float]] | None:
    """Points of the simplex where the Cramer system is singular *and* solvable.

    There ``den`` and every numerator vanish (for systems of size at most two a singular
    system is solvable exactly when all the column-replaced determinants vanish). The
    owner's equations are then dependent and the other player's strategy is free along a
    line: the cleared equations do not see such points, so the caller examines each.
    ``None`` when ``den`` vanishes identically or on a curve shared with a numerator.
    """
    if _is_zero(den, scale):
        return None
    if d == 1:
        points = [(t, 0.0) for t in _real_roots(den[:, 0], scale)]
    else:
        firsts = _resultant_roots(den, nums[0], scale)
        if firsts is None:
            return None
        points = []
        for t1 in firsts:
            column = t1 ** np.arange(den.shape[0]) @ den
            points += [(t1, t2) for t2 in _real_roots(column, scale) if t1 + t2 <= 1 + _MARGIN]
    return [(t1, t2) for t1, t2 in points if all(abs(_value(n, t1, t2)) <= 1e-7 * scale for n in nums)]


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
    d_value = _value(den, t1, t2)
    if abs(d_value) <= 1e-9 * scale:
        return None
    x_fixed = np.array([_value(n, t1, t2) for n in nums]) / d_value
    rows = [[_value(cb, t1, t2) for cb in row] for row in coeffs]
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
    strategies[pivot] = np.array([_value(x, t1, t2) for x in xp])
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
                    e = _add(e, wk[alpha, beta] * _mul(num_a[alpha], num_b[beta]))
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
        if _is_zero(e, size_scale):
            return None
        points = [(t, 0.0) for t in _real_roots(e[:, 0], size_scale)]
    else:
        common = _common_roots(equations[0], equations[1], size_scale)
        if common is None:
            return None
        points = common
    for t1, t2 in points:
        da, db = _value(den_a, t1, t2), _value(den_b, t1, t2)
        if abs(da) <= 1e-12 * den_scale or abs(db) <= 1e-12 * den_scale:
            continue  # a root of the cleared denominators, not of the system (checked above)
        strategies = [np.zeros(0)] * 3
        strategies[pivot] = np.array([_value(x, t1, t2) for x in xp])
        strategies[a] = np.array([_value(n, t1, t2) for n in num_a]) / da
        strategies[b] = np.array([_value(n, t1, t2) for n in num_b]) / db
        out.append(strategies)
    # a solution outside the simplex is no equilibrium, and Newton will not bring it inside
    return [x for x in out if all(v.min() >= -1e-4 for v in x)]


def _common_roots(f: np.ndarray, g: np.ndarray, scale: float) -> list[tuple[float, float]] | None:
    """Common real roots of ``f, g`` in the square ``[0, 1]^2``, up to a small margin
    (None: not finitely many, or an identically zero polynomial)."""
    if _is_zero(f, scale) or _is_zero(g, scale):
        return None
    firsts = _resultant_roots(f, g, scale)
    if firsts is None:
        return None
    points = []
    for t1 in firsts:
        for h in (f, g):
            column = t1 ** np.arange(h.shape[0]) @ h
            points += [(t1, t2) for t2 in _real_roots(column, scale)]
    return [(t1, t2) for t1, t2 in points if max(abs(_value(f, t1, t2)), abs(_value(g, t1, t2))) <= 1e-6 * scale]


def binary_pair_candidates(us: list[np.ndarray]) -> list[list[np.ndarray]] | None:
    r"""Candidate solutions when two players mix two actions and the third mixes three.

    Player *c* (three actions) is indifferent between its actions through two equations
    that do not involve its own strategy: with :math:`p, q` the first-action probabilities
    of the two binary players, :math:`E_k(p, q) = x_a^\top W_k x_b = 0` (:math:`k = 0, 1`),
    bilinear. Writing them as :math:`M(p) (1, q)^\top = 0` with :math:`M` affine in
    :math:`p`, a solution needs :math:`\det M(p) = 0`, a quadratic; at each real root
    :math:`q` spans the null space of :math:`M(p)`. The binary players' equations are then
    linear in :math:`x_c`: with :math:`\sum x_c = 1`, a 3x3 linear system. At most two
    candidates; ``None`` when the system is not zero-dimensional (a vanishing quadratic,
    :math:`M(p) = 0` at a root, or a singular but consistent 3x3 system).
    """
    sizes = us[0].shape
    c = sizes.index(3)
    a, b = (k for k in range(3) if k != c)
    up = np.transpose(us[c], (a, b, c))
    rows = []
    for k in range(2):
        w = up[:, :, k] - up[:, :, 2]  # E_k = x_a^T w x_b
        e0, e1 = float(w[1, 1]), float(w[0, 1] - w[1, 1])  # terms without q: e0 + e1 p
        f0, f1 = float(w[1, 0] - w[1, 1]), float(w[0, 0] - w[0, 1] - w[1, 0] + w[1, 1])  # coefficient of q
        rows.append(((e0, e1), (f0, f1)))
    ((a0, a1), (b0, b1)), ((c0, c1), (d0, d1)) = rows
    poly = np.array([a0 * d0 - b0 * c0, a0 * d1 + a1 * d0 - b0 * c1 - b1 * c0, a1 * d1 - b1 * c1])
    if not poly.any():
        return None
    scale = max(1.0, max(float(np.abs(u).max()) for u in us))
    ga_of = np.transpose(us[a], (a, b, c))
    gb_of = np.transpose(us[b], (b, a, c))
    da, db = ga_of[0] - ga_of[1], gb_of[0] - gb_of[1]  # (other binary player, c)
    out = []
    for p in _real_roots(poly, scale**2):
        m = np.array([[a0 + a1 * p, b0 + b1 * p], [c0 + c1 * p, d0 + d1 * p]])
        if np.abs(m).max() <= 1e-9 * scale:
            return None  # M(p) = 0: q is free
        r = m[int(np.argmax(np.abs(m).max(axis=1)))]
        if abs(r[1]) <= 1e-12 * scale:
            continue  # q at infinity
        q = -r[0] / r[1]
        if not -1e-4 <= q <= 1 + 1e-4:
            continue
        xa, xb = np.array([p, 1.0 - p]), np.array([q, 1.0 - q])
        system = np.array([xb @ da, xa @ db, np.ones(3)])
        rhs = np.array([0.0, 0.0, 1.0])
        det = np.linalg.det(system)
        if abs(det) <= 1e-12 * np.prod(np.abs(system).max(axis=1)):
            y, *_ = np.linalg.lstsq(system, rhs, rcond=None)
            if np.abs(system @ y - rhs).max() <= 1e-9 * scale:
                return None  # a line of solutions in x_c
            continue
        xc = np.linalg.solve(system, rhs)
        strategies = [np.zeros(0)] * 3
        strategies[a], strategies[b], strategies[c] = xa, xb, xc
        out.append(strategies)
    return [x for x in out if all(v.min() >= -1e-4 for v in x)]


def _poly_det(rows: np.ndarray) -> np.ndarray:
    """Determinant of a square matrix of univariate polynomials (``rows[i, j]`` holds
    ascending coefficients, all of one length), by expansion along the first row."""
    size = rows.shape[0]
    if size == 1:
        return rows[0, 0]
    terms = [np.convolve(rows[0, j], _poly_det(rows[1:, [k for k in range(size) if k != j]])) for j in range(size)]
    return np.sum(terms[0::2], axis=0) - np.sum(terms[1::2], axis=0)


def _null_numerators(u: np.ndarray) -> np.ndarray:
    """For the owner of ``u`` (axes: owner, other, pivot with two actions ``(p, 1 - p)``):
    polynomials ``N[beta](p)`` with ``x_other = N / sum(N)`` solving the owner's
    indifference ``C(p) x_other = 0``. ``N[beta]`` is the cofactor of column ``beta`` in
    ``C(p)`` bordered by a row of ones (Cramer's rule)."""
    g = u[:-1] - u[-1]  # (m, s, 2): the owner's action alpha against its last action
    coeffs = np.stack([g[..., 1], g[..., 0] - g[..., 1]], axis=-1)  # C[alpha, beta] = c0 + c1 p
    m, s = coeffs.shape[:2]
    out = np.zeros((s, m + 1))
    for beta in range(s):
        cof = (-1) ** (m + beta) * _poly_det(coeffs[:, [k for k in range(s) if k != beta]])
        out[beta, : len(cof)] = cof
    return out


def binary_pivot_candidates(us: list[np.ndarray]) -> list[list[np.ndarray]] | None:
    r"""Candidate solutions when one player mixes two actions (probability :math:`p`) and the
    two others mix equally many, :math:`m + 1`.

    Each of the two others' indifference equations is linear in the third player's strategy
    with coefficients affine in :math:`p`, so by Cramer's rule :math:`x_b = N_b(p) / D_b(p)`
    and :math:`x_a = N_a(p) / D_a(p)`, polynomials of degree :math:`\le m`
    (:func:`_null_numerators`, :math:`D = \sum N`). The binary player's equation
    :math:`x_a^\top W x_b = 0` becomes :math:`E(p) = N_a(p)^\top W N_b(p) = 0`, degree
    :math:`\le 2m`. ``None`` (use the general route) when :math:`E` or a denominator
    vanishes identically or a denominator and its numerators share a root in the simplex
    (a singular but solvable system: the general route examines those points).
    """
    sizes = us[0].shape
    c = next(k for k in range(3) if sizes[k] == 2)
    a, b = (k for k in range(3) if k != c)
    scale = max(1.0, max(float(np.abs(u).max()) for u in us))
    num_b = _null_numerators(np.transpose(us[a], (a, b, c)))
    num_a = _null_numerators(np.transpose(us[b], (b, a, c)))
    m = sizes[a] - 1
    den_scale = scale**m
    for num in (num_a, num_b):
        den = num.sum(axis=0)
        if _is_zero(den, den_scale):
            return None
        for root in _real_roots(den, den_scale):
            if np.abs(P.polyval(root, num.T)).max() <= 1e-7 * den_scale:
                return None
    up = np.transpose(us[c], (a, b, c))
    t = num_a.T @ (up[:, :, 0] - up[:, :, 1]) @ num_b  # t[i, j]: coefficient of p^i in N_a times p^j in N_b
    e = np.array([np.trace(t[::-1], offset=k) for k in range(-m, m + 1)])  # anti-diagonal sums, ascending
    size_scale = scale ** (2 * m + 1)
    if _is_zero(e, size_scale):
        return None
    out = []
    for p in _real_roots(e, size_scale):
        xa, xb = P.polyval(p, num_a.T), P.polyval(p, num_b.T)
        da, db = xa.sum(), xb.sum()
        if abs(da) <= 1e-12 * den_scale or abs(db) <= 1e-12 * den_scale:
            continue
        strategies = [np.zeros(0)] * 3
        strategies[a], strategies[b], strategies[c] = xa / da, xb / db, np.array([p, 1.0 - p])
        out.append(strategies)
    return [x for x in out if all(v.min() >= -1e-4 for v in x)]


def _difference(us: list[np.ndarray], i: int, probs: list[float]) -> float:
    """Player i's first-minus-second action value when player k plays its first action
    with probability ``probs[k]`` (binary players)."""
    diff = np.moveaxis(us[i], i, 0)
    value = diff[0] - diff[1]
    for k in reversed([k for k in range(len(us)) if k != i]):
        value = value @ np.array([probs[k], 1.0 - probs[k]])
    return float(value)


def four_binary_candidates(us: list[np.ndarray]) -> list[np.ndarray] | None:
    r"""Candidate solutions when four players each mix two actions.

    With :math:`p_k` the probability of player *k*'s first action, player *i*'s equation
    is multilinear in the others'. Player 0's is linear in :math:`p_1` and player 1's in
    :math:`p_0`: :math:`p_1 = -A_0 / B_0`, :math:`p_0 = -A_1 / B_1` with :math:`A, B`
    bilinear in :math:`(r, s) = (p_2, p_3)`. Players 2 and 3's equations, cleared of the
    denominators, are polynomials of degree at most 5 in :math:`(r, s)`, solved by a
    resultant. Where :math:`A_0 = B_0 = 0` (or :math:`A_1 = B_1 = 0`) the freed
    probability is found from the two remaining equations, now linear in it.

    Returns each candidate as the four first-action probabilities, or ``None`` when an
    elimination vanishes identically (a continuum, or a common factor).
    """
    scale = max(1.0, max(float(np.abs(u).max()) for u in us))
    one, zero = np.ones((1, 1)), np.zeros((1, 1))
    pivots = {
        2: [np.array([[0.0], [1.0]]), np.array([[1.0], [-1.0]])],
        3: [np.array([[0.0, 1.0]]), np.array([[1.0, -1.0]])],
    }

    def equation(i: int, fixed: dict[int, list[np.ndarray]]) -> np.ndarray:
        """Player i's first-minus-second value as a polynomial in (r, s)."""
        diff = np.moveaxis(us[i], i, 0)
        diff = diff[0] - diff[1]
        others = [k for k in range(4) if k != i]
        total = zero
        for actions in np.ndindex(2, 2, 2):
            c = diff[actions]
            if c == 0:
                continue
            term = c * one
            for k, a in zip(others, actions, strict=True):
                term = _mul(term, (fixed.get(k) or pivots[k])[a])
            total = _add(total, term)
        return total

    first, second = [one, zero], [zero, one]
    a0 = equation(0, {1: second})
    b0 = _add(equation(0, {1: first}), a0, -1.0)
    a1 = equation(1, {0: second})
    b1 = _add(equation(1, {0: first}), a1, -1.0)
    n0 = [-a1, _add(b1, a1)]  # p0 = n0[0] / b1, 1 - p0 = n0[1] / b1
    n1 = [-a0, _add(b0, a0)]
    f2 = equation(2, {0: n0, 1: n1})
    f3 = equation(3, {0: n0, 1: n1})
    out: list[np.ndarray] = []
    # where one of the two linear equations vanishes, its probability is free
    for a, b, free, other_a, other_b in ((a0, b0, 1, a1, b1), (a1, b1, 0, a0, b0)):
        points = _common_roots(a, b, scale**3)
        if points is None:
            return None
        for r, s in points:
            bv = _value(other_b, r, s)
            if abs(bv) <= 1e-9 * scale**3:
                return None  # both free
            fixed_p = -_value(other_a, r, s) / bv
            rows = []
            probs = [0.0, 0.0, r, s]
            probs[1 - free] = fixed_p
            for i in (2, 3):
                probs[free] = 0.0
                low = _difference(us, i, probs)
                probs[free] = 1.0
                rows.append((low, _difference(us, i, probs) - low))  # low + (high - low) p_free = 0
            slopes = np.array([h for _, h in rows])
            if np.abs(slopes).max() <= 1e-9 * scale:
                if max(abs(lo) for lo, _ in rows) <= 1e-9 * scale:
                    return None  # a continuum
                continue
            k = int(np.argmax(np.abs(slopes)))
            p_free = -rows[k][0] / rows[k][1]
            probs = [0.0] * 4
            probs[free], probs[1 - free], probs[2], probs[3] = p_free, fixed_p, r, s
            out.append(np.array(probs))
    size_scale = scale**5
    points = _common_roots(f2, f3, size_scale)
    if points is None:
        return None
    for r, s in points:
        d0, d1 = _value(b1, r, s), _value(b0, r, s)
        if abs(d0) <= 1e-12 * scale**3 or abs(d1) <= 1e-12 * scale**3:
            continue  # a root of the cleared denominators (singular points handled above)
        out.append(np.array([-_value(a1, r, s) / d0, -_value(a0, r, s) / d1, r, s]))
    return [p for p in out if p.min() >= -1e-4 and p.max() <= 1 + 1e-4]


def candidates(us: list[np.ndarray]) -> list[np.ndarray] | None:
    """Candidate solutions in the unknowns of :mod:`._multilinear` (each mixing player's
    probabilities but the last), for three mixing players or four mixing two actions each.

    ``None`` when neither method applies or the system is not zero-dimensional.
    """
    if len(us) == 3:
        shape = sorted(us[0].shape)
        found = None
        if shape == [2, 2, 3]:
            found = binary_pair_candidates(us)
        elif shape[0] == 2 and shape[1] == shape[2] <= 4:
            found = binary_pivot_candidates(us)
        if found is None:
            found = three_player_candidates(us)
        return None if found is None else [np.concatenate([x[:-1] for x in s]) for s in found]
    if len(us) == 4 and all(size == 2 for size in us[0].shape):
        return four_binary_candidates(us)
    return None
