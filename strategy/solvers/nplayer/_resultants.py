r"""Private kernel: polynomials in one and two variables, their real roots in the unit
interval and square, and resultants.

A bivariate polynomial is an array ``f[i, j]``, the coefficient of :math:`t_1^i t_2^j`;
products are 2-D convolutions. Real roots of a univariate polynomial come from the stable
quadratic formula or the eigenvalues of the companion matrix. The common roots of
:math:`f, g` are found through the resultant :math:`R(t_1) = \operatorname{res}_{t_2}(f, g)`,
a polynomial of degree at most :math:`\deg f \cdot \deg g`, whose values (Sylvester
determinants) are taken at first-kind Chebyshev points of an interval slightly wider than
:math:`[0, 1]` and turned into Chebyshev coefficients by the discrete projection; its real
roots, with the real roots in :math:`t_2` of :math:`f` and :math:`g` at each, are the
candidates (Cox, Little and O'Shea, *Ideals, Varieties, and Algorithms*, ch. 3). Roots
slightly outside the unit interval are kept (``MARGIN``) for Newton to pull in.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from numpy.polynomial import chebyshev as C
from scipy.signal import convolve2d

__all__ = ["add", "common_roots", "degree", "is_zero", "mul", "real_roots", "resultant_roots", "trim", "value"]

MARGIN = 1e-6  # roots this far outside [0, 1] are kept for Newton to pull in
ZERO = 1e-10  # a polynomial whose coefficients are all below this (relative) is zero


def mul(f: np.ndarray, g: np.ndarray) -> np.ndarray:
    return np.asarray(convolve2d(f, g))


def add(f: np.ndarray, g: np.ndarray, sign: float = 1.0) -> np.ndarray:
    out = np.zeros((max(f.shape[0], g.shape[0]), max(f.shape[1], g.shape[1])))
    out[: f.shape[0], : f.shape[1]] += f
    out[: g.shape[0], : g.shape[1]] += sign * g
    return out


def value(poly: np.ndarray, t1: float, t2: float = 0.0) -> float:
    """``sum_ij poly[i, j] t1^i t2^j``."""
    return float(t1 ** np.arange(poly.shape[0]) @ poly @ t2 ** np.arange(poly.shape[1]))


def is_zero(poly: np.ndarray, scale: float) -> bool:
    return bool(np.abs(poly).max(initial=0.0) <= ZERO * scale)


def trim(poly: np.ndarray, scale: float) -> np.ndarray:
    """Drop trailing rows and columns of (relatively) zero coefficients, so degrees are exact."""
    big = np.abs(poly) > ZERO * scale
    rows = np.flatnonzero(big.any(axis=1))
    cols = np.flatnonzero(big.any(axis=0))
    if not len(rows):
        return np.zeros((1, 1))
    return poly[: rows[-1] + 1, : cols[-1] + 1]


def degree(poly: np.ndarray, scale: float) -> int:
    """Total degree (terms below the zero threshold ignored)."""
    i, j = np.nonzero(np.abs(poly) > ZERO * scale)
    return int((i + j).max(initial=0))


def real_roots(coeffs: np.ndarray, scale: float) -> list[float]:
    """Real roots in ``[-margin, 1 + margin]`` of a univariate polynomial (ascending coefficients)."""
    big = np.flatnonzero(np.abs(coeffs) > ZERO * scale)
    if not len(big) or big[-1] == 0:
        return []
    coeffs = np.where(np.abs(coeffs[: big[-1] + 1]) > ZERO * scale, coeffs[: big[-1] + 1], 0.0)
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
        if -MARGIN <= r <= 1 + MARGIN and not (out and r - out[-1] <= 1e-9):  # a multiple root once
            out.append(r)
    return out


def resultant_roots(f: np.ndarray, g: np.ndarray, scale: float) -> list[float] | None:
    """Real roots in t1 of the resultant of ``f, g`` with respect to t2 (None: identically zero)."""
    f, g = trim(f, scale), trim(g, scale)
    nf, ng = f.shape[1] - 1, g.shape[1] - 1
    if nf == 0 or ng == 0:  # one equation does not involve t2: its own roots in t1
        h = f if nf == 0 else g
        if is_zero(h, scale):
            return None
        return real_roots(h[:, 0], scale)
    if nf == 1 and ng == 1:  # linear in t2: the resultant f0 g1 - f1 g0, in closed form
        size = float(np.abs(f).max() * np.abs(g).max())
        resultant = _poly_sub(np.convolve(f[:, 0], g[:, 1]), np.convolve(f[:, 1], g[:, 0]))
        if np.abs(resultant).max() <= 1e-9 * size:
            return None
        return real_roots(resultant, size)
    bound = max(1, degree(f, scale) * degree(g, scale))
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
    return [float(r) for r in roots.real[keep] if -MARGIN <= r <= 1 + MARGIN]


def _poly_sub(f: np.ndarray, g: np.ndarray) -> np.ndarray:
    out = np.zeros(max(len(f), len(g)))
    out[: len(f)] += f
    out[: len(g)] -= g
    return out


@functools.cache
def _chebyshev_projection(nodes: int, deg: int) -> np.ndarray:
    r"""Matrix taking values at ``chebpts1(nodes)`` to the Chebyshev coefficients (up to
    ``deg``) of their least-squares fit: by discrete orthogonality,
    :math:`c_k = (2 / N) \sum_j f_j T_k(x_j)`, halved for :math:`k = 0`."""
    matrix = C.chebvander(C.chebpts1(nodes), deg).T * (2.0 / nodes)
    matrix[0] /= 2.0
    matrix.setflags(write=False)
    return matrix


def common_roots(f: np.ndarray, g: np.ndarray, scale: float) -> list[tuple[float, float]] | None:
    """Common real roots of ``f, g`` in the square ``[0, 1]^2``, up to a small margin
    (None: not finitely many, or an identically zero polynomial)."""
    if is_zero(f, scale) or is_zero(g, scale):
        return None
    firsts = resultant_roots(f, g, scale)
    if firsts is None:
        return None
    points = []
    for t1 in firsts:
        for h in (f, g):
            column = t1 ** np.arange(h.shape[0]) @ h
            points += [(t1, t2) for t2 in real_roots(column, scale)]
    return [(t1, t2) for t1, t2 in points if max(abs(value(f, t1, t2)), abs(value(g, t1, t2))) <= 1e-6 * scale]
