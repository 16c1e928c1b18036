r"""Private kernel: closed forms for indifference systems where two-action players mix.

* three players mix two actions each (:func:`three_binary_candidates`): a quadratic;
* two mix two actions and a third mixes three (:func:`binary_pair_candidates`): a
  quadratic, then a 3x3 linear system;
* one mixes two actions and two mix equally many (:func:`binary_pivot_candidates`):
  Cramer's rule, then a univariate polynomial;
* four players mix two actions each (:func:`four_binary_candidates`): two probabilities
  eliminated, a resultant in the other two (:mod:`._resultants`).

Each returns candidate solutions (to be polished by Newton and certified by the caller), or
``None`` when the system is degenerate (not zero-dimensional, or a vanishing elimination):
the caller then takes a general route.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.polynomial import polynomial as P

from strategy.solvers.nplayer._resultants import add, common_roots, is_zero, mul, real_roots, value

__all__ = [
    "binary_pair_candidates",
    "binary_pivot_candidates",
    "four_binary_candidates",
    "three_binary_candidates",
]


def three_binary_candidates(sub: list[np.ndarray]) -> np.ndarray | None:
    r"""Candidate solutions when three players mix two actions each.

    ``sub[i]`` is player *i*'s payoff on the support, shape ``(2, 2, 2)`` (integers for
    exact degeneracy tests, or floats). With unknowns :math:`p, q, r` (first-action
    probabilities of players 0, 1, 2) the equations are
    :math:`E_1 = (a + bp) + (c + dp) r`, :math:`E_2 = (e + fp) + (g + hp) q` and
    :math:`E_0(q, r)` bilinear; eliminating :math:`q, r` leaves a quadratic in :math:`p`.

    Returns the candidates as rows :math:`(p, q, r)` near the unit cube, or ``None`` when
    degenerate (a vanishing denominator that is also a root of its numerator, or an
    identically zero polynomial).
    """

    def bilinear(i: int) -> tuple[Any, Any, Any, Any]:
        # E_i = v_i(first) - v_i(second) as a bilinear form in the other two players'
        # first-action probabilities (the lower-numbered one first)
        diff = np.moveaxis(sub[i], i, 0)
        e = diff[0] - diff[1]  # shape (2, 2): indices (other_lo, other_hi), 0 = first action
        e00, e10, e01, e11 = e[1, 1], e[0, 1], e[1, 0], e[0, 0]
        return e00, e10 - e00, e01 - e00, e11 - e10 - e01 + e00

    k, l_, m, n = bilinear(0)  # in (q, r): k + l q + m r + n q r
    a, b, c, d = bilinear(1)  # in (p, r)
    e, f, g, h = bilinear(2)  # in (p, q)

    def shared_root(num: tuple[Any, Any], den: tuple[Any, Any]) -> bool:
        (n0, n1), (d0, d1) = num, den
        if d0 == 0 and d1 == 0:
            return True
        if d1 == 0:
            return False
        return bool(n0 * d1 == n1 * d0)  # the root -d0/d1 of the denominator also kills the numerator

    if shared_root((a, b), (c, d)) or shared_root((e, f), (g, h)):
        return None
    # P(p) = k (c+dp)(g+hp) - l (e+fp)(c+dp) - m (a+bp)(g+hp) + n (e+fp)(a+bp)
    poly = [
        k * d * h - l_ * f * d - m * b * h + n * f * b,
        k * (c * h + d * g) - l_ * (e * d + f * c) - m * (a * h + b * g) + n * (e * b + f * a),
        k * c * g - l_ * e * c - m * a * g + n * e * a,
    ]
    if all(v == 0 for v in poly):
        return None
    coeffs = np.array([float(v) for v in poly])
    while coeffs.size and coeffs[0] == 0:
        coeffs = coeffs[1:]
    points = []
    for root in np.roots(coeffs) if coeffs.size > 1 else []:
        if abs(root.imag) > 1e-9:
            continue
        pv = float(root.real)
        den_r, den_q = float(c) + float(d) * pv, float(g) + float(h) * pv
        if den_r == 0 or den_q == 0:
            continue
        rv = -(float(a) + float(b) * pv) / den_r
        qv = -(float(e) + float(f) * pv) / den_q
        point = [pv, qv, rv]
        if min(point) >= -1e-6 and max(point) <= 1 + 1e-6:  # Newton would not bring it inside
            points.append(point)
    return np.array(points, dtype=float).reshape(-1, 3)


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
    for p in real_roots(poly, scale**2):
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
        return np.asarray(rows[0, 0])
    terms = [np.convolve(rows[0, j], _poly_det(rows[1:, [k for k in range(size) if k != j]])) for j in range(size)]
    return np.asarray(np.sum(terms[0::2], axis=0) - np.sum(terms[1::2], axis=0))


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
        if is_zero(den, den_scale):
            return None
        for root in real_roots(den, den_scale):
            if np.abs(P.polyval(root, num.T)).max() <= 1e-7 * den_scale:
                return None
    up = np.transpose(us[c], (a, b, c))
    t = num_a.T @ (up[:, :, 0] - up[:, :, 1]) @ num_b  # t[i, j]: coefficient of p^i in N_a times p^j in N_b
    e = np.array([np.trace(t[::-1], offset=k) for k in range(-m, m + 1)])  # anti-diagonal sums, ascending
    size_scale = scale ** (2 * m + 1)
    if is_zero(e, size_scale):
        return None
    out = []
    for p in real_roots(e, size_scale):
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


def _times(coefficient: Any, poly: np.ndarray) -> np.ndarray:
    """A scalar or polynomial times a polynomial (coefficient arrays in (r, s))."""
    return mul(coefficient, poly) if isinstance(coefficient, np.ndarray) else coefficient * poly


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
        """Player i's first-minus-second value as a polynomial in (r, s): the difference
        tensor contracted with each other player's two polynomials, the last player first."""
        diff = np.moveaxis(us[i], i, 0)
        terms: list[Any] = list((diff[0] - diff[1]).reshape(-1))  # scalars, then polynomials
        for k in reversed([k for k in range(4) if k != i]):
            first, second = fixed.get(k) or pivots[k]
            terms = [add(_times(terms[j], first), _times(terms[j + 1], second)) for j in range(0, len(terms), 2)]
        return np.asarray(terms[0])

    first, second = [one, zero], [zero, one]
    a0 = equation(0, {1: second})
    b0 = add(equation(0, {1: first}), a0, -1.0)
    a1 = equation(1, {0: second})
    b1 = add(equation(1, {0: first}), a1, -1.0)
    n0 = [-a1, add(b1, a1)]  # p0 = n0[0] / b1, 1 - p0 = n0[1] / b1
    n1 = [-a0, add(b0, a0)]
    f2 = equation(2, {0: n0, 1: n1})
    f3 = equation(3, {0: n0, 1: n1})
    out: list[np.ndarray] = []
    # where one of the two linear equations vanishes, its probability is free
    for a, b, free, other_a, other_b in ((a0, b0, 1, a1, b1), (a1, b1, 0, a0, b0)):
        points = common_roots(a, b, scale**3)
        if points is None:
            return None
        for r, s in points:
            bv = value(other_b, r, s)
            if abs(bv) <= 1e-9 * scale**3:
                return None  # both free
            fixed_p = -value(other_a, r, s) / bv
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
    points = common_roots(f2, f3, size_scale)
    if points is None:
        return None
    for r, s in points:
        d0, d1 = value(b1, r, s), value(b0, r, s)
        if abs(d0) <= 1e-12 * scale**3 or abs(d1) <= 1e-12 * scale**3:
            continue  # a root of the cleared denominators (singular points handled above)
        out.append(np.array([-value(a1, r, s) / d0, -value(a0, r, s) / d1, r, s]))
    return [p for p in out if p.min() >= -1e-4 and p.max() <= 1 + 1e-4]
