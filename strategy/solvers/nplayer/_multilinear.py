r"""Private kernels for the multilinear indifference systems of n-player games.

For a support profile :math:`S = (S_0, \dots, S_{n-1})` restrict the game to :math:`S` and
write :math:`x_k` for player *k*'s mixed strategy on :math:`S_k`, parametrised by
:math:`t_k = (x_k(0), \dots, x_k(s_k-2))` and :math:`x_k(s_k-1) = 1 - \sum t_k`. Player
*i*'s indifference equations are

.. math:: F_{i,a}(t) = v_i(a, x_{-i}) - v_i(s_i - 1, x_{-i}) = 0, \qquad a < s_i - 1,

multilinear in the other players' strategies. There are as many equations as unknowns.
This module evaluates :math:`F` and its Jacobian for a batch of points (vectorised
Newton from many starts) and builds the exact polynomial system for sympy.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

_LETTERS = "abcdefghijklmnop"


def split(t: np.ndarray, sizes: Sequence[int]) -> list[np.ndarray]:
    """Return the batch of strategies ``x_k`` (shape ``(M, s_k)``) from unknowns ``t``."""
    xs, pos = [], 0
    for s in sizes:
        part = t[:, pos : pos + s - 1]
        pos += s - 1
        xs.append(np.concatenate([part, 1.0 - part.sum(axis=1, keepdims=True)], axis=1))
    return xs


@functools.cache
def _values_spec(n: int, i: int) -> str:
    """einsum subscripts of player i's action values against a batch of the others' mixtures."""
    others = [k for k in range(n) if k != i]
    return ",".join([_LETTERS[:n], *("z" + _LETTERS[k] for k in others)]) + "->z" + _LETTERS[i]


def values(u: np.ndarray, xs: Sequence[np.ndarray], i: int) -> np.ndarray:
    r"""Player i's value of each action, :math:`v_i(a, x_{-i})`, for a batch of profiles.

    ``u`` is player i's payoff array (one axis per player), ``xs[k]`` player k's batch of
    strategies (shape ``(M, s_k)``; ``xs[i]`` is not read). Returns shape ``(M, s_i)``.
    """
    n = u.ndim
    return np.asarray(np.einsum(_values_spec(n, i), u, *[xs[k] for k in range(n) if k != i]))


@functools.cache
def _contract_spec(n: int, keep: tuple[int, ...]) -> str:
    """einsum subscripts contracting a payoff array with a batch of every mixture not kept."""
    terms = [_LETTERS[:n], *("z" + _LETTERS[k] for k in range(n) if k not in keep)]
    return ",".join(terms) + "->z" + "".join(_LETTERS[k] for k in keep)


def _contract(u: np.ndarray, xs: Sequence[np.ndarray], keep: tuple[int, ...]) -> np.ndarray:
    n = u.ndim
    if len(keep) == n:  # nothing to contract: broadcast over the batch
        m = xs[0].shape[0]
        return np.broadcast_to(np.transpose(u, keep), (m, *[u.shape[k] for k in keep])).copy()
    return np.asarray(np.einsum(_contract_spec(n, keep), u, *[xs[k] for k in range(n) if k not in keep]))


def residual(us: Sequence[np.ndarray], t: np.ndarray) -> np.ndarray:
    """Return ``F(t)`` (shape ``(M, D)``) at a batch ``t``."""
    sizes = us[0].shape
    xs = split(t, sizes)
    parts = []
    for i, si in enumerate(sizes):
        if si > 1:
            v = _contract(us[i], xs, (i,))
            parts.append(v[:, :-1] - v[:, -1:])
    return np.concatenate(parts, axis=1)


def jacobian(us: Sequence[np.ndarray], t: np.ndarray) -> np.ndarray:
    """Return the Jacobian of ``F`` (shape ``(M, D, D)``) at a batch ``t``."""
    return residual_and_jacobian(us, t)[1]


def residual_and_jacobian(us: Sequence[np.ndarray], t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return ``F(t)`` and its Jacobian at a batch ``t``, from one contraction per pair of
    mixing players: :math:`D_{ik}[a, b] = v_i` with *i* at *a* and *k* at *b*, so that
    :math:`v_i = D_{ik} x_k`."""
    sizes = us[0].shape
    n = len(sizes)
    xs = split(t, sizes)
    m = t.shape[0]
    mixing = [i for i in range(n) if sizes[i] > 1]
    offsets = np.cumsum([0, *[s - 1 for s in sizes]])
    dim = int(offsets[-1])
    f = np.zeros((m, dim))
    jac = np.zeros((m, dim, dim))
    for i in mixing:
        rows = slice(offsets[i], offsets[i + 1])
        others = [k for k in mixing if k != i]
        if not others:  # the others play pure: i's values are constant
            v = _contract(us[i], xs, (i,))
            f[:, rows] = v[:, :-1] - v[:, -1:]
            continue
        for k in others:
            d = _contract(us[i], xs, (i, k))  # (M, s_i, s_k)
            if k == others[0]:
                v = np.einsum("zab,zb->za", d, xs[k])
                f[:, rows] = v[:, :-1] - v[:, -1:]
            d = d[:, :, :-1] - d[:, :, -1:]
            jac[:, rows, offsets[k] : offsets[k + 1]] = d[:, :-1, :] - d[:, -1:, :]
    return f, jac


def newton(
    us: Sequence[np.ndarray],
    starts: np.ndarray,
    *,
    iterations: int = 30,
    tol: float = 1e-12,
    radius: float | None = None,
) -> np.ndarray:
    """Run damped Newton from every start; return the converged points (possibly none).

    Points that leave a neighbourhood of the simplex (no probability vector is near), or
    go farther than `radius` (max norm) from their start, are dropped early; iteration
    stops once every remaining point has converged.
    """
    t: np.ndarray = np.array(starts, dtype=np.float64)
    origin = t.copy()
    scale = max(1.0, max(float(np.abs(u).max()) for u in us))
    for iteration in range(iterations):
        if not t.shape[0]:
            return t
        f, jac = residual_and_jacobian(us, t)
        err = np.abs(f).max(axis=1)
        if err.max() <= tol * scale:
            return t
        if iteration >= 10:  # past the basin-finding phase keep only the points converging fast
            near = err <= 1e-4 * scale
            t, f, jac, origin = t[near], f[near], jac[near], origin[near]
            if not t.shape[0]:
                return t
        try:
            step = np.linalg.solve(jac, f[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            step = np.einsum("mij,mj->mi", np.linalg.pinv(jac, rcond=1e-13), f)
        norm = np.abs(step).max(axis=1, keepdims=True)
        step = np.where(norm > 1.0, step / np.maximum(norm, 1e-300), step)
        t = t - step
        keep = np.all(np.isfinite(t), axis=1) & (np.abs(t).max(axis=1, initial=0.0) < 5.0)
        if radius is not None:
            keep &= np.abs(t - origin).max(axis=1, initial=0.0) <= radius
        t, origin = t[keep], origin[keep]
    if not t.shape[0]:
        return t
    ok = np.abs(residual(us, t)).max(axis=1) <= tol * scale * 1e3
    return np.asarray(t[ok])


def exact_system(us: Sequence[np.ndarray]) -> tuple[list[object], list[object]]:
    """Return the indifference equations as sympy expressions over Fractions, and the unknowns."""
    import sympy as sp

    sizes = us[0].shape
    n = len(sizes)
    gens: list[object] = []
    probs: list[list[object]] = []
    for k, s in enumerate(sizes):
        ts = [sp.Symbol(f"t{k}_{j}") for j in range(s - 1)]
        gens += ts
        probs.append([*ts, 1 - sum(ts, sp.Integer(0))])
    equations: list[object] = []
    for i in range(n):
        if sizes[i] < 2:
            continue
        values = []
        for a in range(sizes[i]):
            total = sp.Integer(0)
            for profile in itertools.product(*[range(s) for s in sizes]):
                if profile[i] != a:
                    continue
                c = Fraction(us[i][profile])
                term = sp.Rational(c.numerator, c.denominator)
                for k in range(n):
                    if k != i:
                        term = term * probs[k][profile[k]]
                total += term
            values.append(sp.expand(total))
        equations += [sp.expand(values[a] - values[-1]) for a in range(sizes[i] - 1)]
    return equations, gens


def triangular_roots(basis: Sequence[object], gens: Sequence[object]) -> list[np.ndarray]:
    """Return the real points of a zero-dimensional lex Groebner basis (floats, unpolished).

    Back-substitution from the last variable: at each step the basis polynomials in the
    remaining variables become univariate once the known values are substituted; the roots
    of the lowest-degree one are candidates and the others must vanish there.
    """
    import sympy as sp

    polys = [sp.Poly(g, *gens) for g in basis]
    dim = len(gens)
    partial: list[dict[int, float]] = [{}]
    for idx in range(dim - 1, -1, -1):
        involved = [p for p in polys if p.degree(gens[idx]) > 0 and all(p.degree(gens[j]) == 0 for j in range(idx))]
        grown: list[dict[int, float]] = []
        for known in partial:
            unis = []
            for p in involved:
                q = p.as_expr().subs({gens[j]: sp.Float(v, 30) for j, v in known.items()})
                q = sp.Poly(q, gens[idx])
                coeffs = np.array([complex(c) for c in q.all_coeffs()])
                if np.all(np.abs(coeffs) < 1e-12):
                    continue
                unis.append(coeffs)
            if not unis:
                continue
            unis.sort(key=len)
            for root in np.roots(unis[0]) if len(unis[0]) > 1 else []:
                if abs(root.imag) > 1e-6 * max(1.0, abs(root)):
                    continue
                r = float(root.real)
                if all(abs(np.polyval(c, r)) <= 1e-6 * max(1.0, float(np.abs(c).max())) for c in unis[1:]):
                    grown.append({**known, idx: r})
        partial = grown
    return [np.array([known[j] for j in range(dim)]) for known in partial if len(known) == dim]
