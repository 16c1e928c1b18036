r"""Array kernels of the batched two-player solver (:mod:`strategy.solvers.bimatrix.batch`).

Reductions over short action axes as element-wise passes (:func:`across`, :func:`fold`),
and the indifference systems :math:`M z = w \mathbf 1,\ \mathbf 1^\top z = 1` for a whole
stack of games: closed forms for 2 x 2 blocks (:func:`indifference_2x2`), the bordered
:math:`(k+1) \times (k+1)` systems otherwise (:func:`indifference`), singular ones flagged.
"""

from __future__ import annotations

import numpy as np

__all__ = ["across", "fold", "indifference", "indifference_2x2", "positive_or_one"]


def across(ufunc: np.ufunc, a: np.ndarray) -> np.ndarray:
    """``ufunc.reduce(a, axis=1)`` for a tall, narrow array, one column at a time.

    Reducing over a short inner axis is several times slower in NumPy than a few
    element-wise passes over whole columns.
    """
    out = a[:, 0].copy()
    for c in range(1, a.shape[1]):
        ufunc(out, a[:, c], out=out)
    return out


def fold(ufunc: np.ufunc, a: np.ndarray, axis: int, dtype: type | None = None) -> np.ndarray:
    """``ufunc.reduce(a, axis, keepdims=True)`` over a short axis, as element-wise passes."""
    parts = np.moveaxis(a, axis, 0)
    out = parts[0].astype(dtype or a.dtype)
    for part in parts[1:]:
        ufunc(out, part, out=out)
    return np.expand_dims(out, axis)


def positive_or_one(total: np.ndarray) -> np.ndarray:
    return np.where(total > 0, total, 1.0)


def indifference_2x2(
    M: np.ndarray, cells: np.ndarray, rows: tuple[int, ...], cols: tuple[int, ...], scale: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`indifference` of the 2 x 2 blocks ``M[:, rows][:, :, cols]``, on contiguous cells.

    `cells` is ``M`` cell-major (``cells[r, c] = M[:, r, c]``). With
    ``d_c = M[r1, c] - M[r0, c]``: ``z = (-d_1, d_0) / (d_0 - d_1)``, ``w = M[r0] . z``.
    Singular blocks are handed to :func:`indifference` (a continuum or no solution).
    """
    (r0, r1), (c0, c1) = rows, cols
    m00, m01 = cells[r0, c0], cells[r0, c1]
    d0, d1 = cells[r1, c0] - m00, cells[r1, c1] - m01
    det = d0 - d1
    singular = np.abs(det) < 1e-12 * scale
    with np.errstate(divide="ignore", invalid="ignore"):
        z1 = d0 / np.where(singular, 1.0, det)
    z = np.empty((len(M), 2))
    z[:, 0] = 1.0 - z1
    z[:, 1] = z1
    w = m00 + (m01 - m00) * z1
    if singular.any():
        where = np.nonzero(singular)[0]
        block = M[where][:, [r0, r1]][:, :, [c0, c1]]
        z[where], w[where], singular[where] = indifference(block, scale[where])
    return z, w, singular


def indifference(M: np.ndarray, scale: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Solve ``M z = w 1, 1^T z = 1`` for a stack of k x k matrices ``M``."""
    B, k, _ = M.shape

    def bordered(rows: np.ndarray | slice) -> tuple[np.ndarray, np.ndarray]:
        """The (k+1) x (k+1) systems ``[[M, -1], [1^T, 0]]`` of `rows` and their right-hand sides."""
        block = M[rows]
        system = np.zeros((len(block), k + 1, k + 1))
        system[:, :k, :k] = block
        system[:, :k, k] = -1.0
        system[:, k, :k] = 1.0
        rhs = np.zeros((len(block), k + 1))
        rhs[:, k] = 1.0
        return system, rhs

    if k == 1:
        singular = np.zeros(B, bool)
        return np.ones((B, 1)), M[:, 0, 0].copy(), singular
    if scale is None:
        scale = np.maximum(1.0, np.abs(M).reshape(B, -1).max(axis=1))
    if k in (2, 3):
        # Subtract row 0: (M_r - M_0) z = 0 for r >= 1 and 1^T z = 1. By Cramer's rule z is
        # the adjugate's last column over the determinant: for k = 2, (-b, a) / (a - b) with
        # (a, b) = M_1 - M_0; for k = 3, c / sum(c) with c = (M_1 - M_0) x (M_2 - M_0).
        d = M[:, 1:, :] - M[:, :1, :]
        c = np.empty((B, k))
        if k == 2:
            c[:, 0], c[:, 1] = -d[:, 0, 1], d[:, 0, 0]
        else:  # the cross product d_0 x d_1, written out
            (p0, p1, p2), (q0, q1, q2) = d[:, 0].T, d[:, 1].T
            c[:, 0], c[:, 1], c[:, 2] = p1 * q2 - p2 * q1, p2 * q0 - p0 * q2, p0 * q1 - p1 * q0
        det = across(np.add, c)
        threshold = 1e-12 * scale ** (k - 1)
        singular = np.abs(det) < threshold
        with np.errstate(divide="ignore", invalid="ignore"):
            z = c / np.where(singular, 1.0, det)[:, None]
        w = np.einsum("bj,bj->b", M[:, 0, :], z)
        if not singular.any():
            return z, w, singular
        # c spans the null space of the differences when they have full rank k - 1; then
        # every solution is t c and 1^T (t c) = t det = 0 != 1: no solution, no SVD needed
        # (the common case: structurally singular supports of a parametric family).
        rank_full = singular & (across(np.maximum, np.abs(c)) > threshold)
        z[rank_full] = -1.0  # fails non-negativity
        singular &= ~rank_full
        if not singular.any():
            return z, w, singular
        sol = np.concatenate([z, w[:, None]], axis=1)
    else:
        system, rhs = bordered(slice(None))
        det = np.linalg.det(system / scale[:, None, None])
        singular = np.abs(det) < 1e-12
        safe = system.copy()
        safe[singular] = np.eye(k + 1)
        sol = np.linalg.solve(safe, rhs[..., None])[..., 0]
    if singular.any():
        # a singular system matters only when it is consistent (a continuum of solutions)
        sub, sub_rhs = bordered(singular)
        least = (np.linalg.pinv(sub) @ sub_rhs[..., None])[..., 0]
        residual = np.abs(np.einsum("bij,bj->bi", sub, least) - sub_rhs).max(axis=1)
        consistent = residual <= 1e-9 * np.maximum(1.0, scale[singular])
        where = np.nonzero(singular)[0]
        sol[where] = least
        sol[where[~consistent], :k] = -1.0  # no solution: fails non-negativity
        singular[where[~consistent]] = False
    return sol[:, :k], sol[:, k], singular
