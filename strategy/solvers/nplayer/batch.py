r"""Support profiles of the commonest kinds, solved for many profiles of one game at once.

Most support profiles of a small game are of three kinds, each with a closed form that is
a few array operations for all profiles of the kind together (as the two-player kernel
:mod:`strategy.solvers.bimatrix.batch` does across games):

* **pure** profiles: a candidate is a pure profile;
* **two binary mixers** (players *j*, *k* mix two actions each, the others are pure):
  player *j*'s indifference :math:`(d_0 - d_1) q + d_1 = 0` fixes *k*'s first-action
  probability :math:`q`, and vice versa (:math:`d_b` is *j*'s gain of its first action
  over its second when *k* plays *b*);
* **three binary mixers**: with first-action probabilities :math:`p, q, r`, the three
  indifference equations are bilinear, :math:`E_0 = k + lq + mr + nqr`,
  :math:`E_1 = a + bp + cr + dpr`, :math:`E_2 = e + fp + gq + hpq`; eliminating
  :math:`r = -(a + bp)/(c + dp)` and :math:`q = -(e + fp)/(g + hp)` leaves the quadratic

  .. math:: k (c + dp)(g + hp) - l (e + fp)(c + dp) - m (a + bp)(g + hp) + n (e + fp)(a + bp) = 0,

  solved by the stable quadratic formula and polished by Newton on :math:`(E_0, E_1, E_2)`.

A profile whose system is singular or nearly so (a vanishing denominator, a shared root,
an identically zero quadratic; relative threshold ``1e-12``) is returned as a
**fallback**, to be solved alone by :class:`~strategy.solvers.nplayer.systems.SupportSolver`
with its exact degeneracy tests. Candidates are full profiles (one probability vector per
player, concatenated), to be screened and certified by the
:class:`~strategy.solvers.nplayer.pool.CandidatePool`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from strategy.solvers.nplayer.supports import Support, pns_order

__all__ = ["candidates"]

_SINGULAR = 1e-12
"""Relative size below which a denominator or determinant counts as zero (fallback)."""


@dataclass(frozen=True)
class _Kind:
    """The support profiles of one kind in a game shape, laid out for array operations.

    ``positions``: their places in PNS order; ``cells[b, slot]``: flat indices into the
    payoff array of the mixer in ``slot`` at the profiles of support ``b``, one axis of
    length two per mixer, its own axis first and the others' in player order (the pure
    players at their actions); ``template[b]``: the full profile with the pure players'
    unit vectors (zero for the mixers); ``first``, ``second``: the columns of each mixer's
    two support actions in a full profile.
    """

    positions: np.ndarray
    cells: np.ndarray
    template: np.ndarray
    first: np.ndarray
    second: np.ndarray


@functools.cache
def _kinds(shape: tuple[int, ...]) -> dict[int, _Kind]:
    """The support profiles where nobody (key 0) or exactly one, two or three players
    (keys 1, 2, 3) mix, two actions each, laid out once per game shape."""
    offsets = np.cumsum([0, *shape[:-1]])
    groups: dict[int, list[tuple[int, Support]]] = {0: [], 1: [], 2: [], 3: []}
    for position, support in enumerate(pns_order(shape)):
        sizes = [len(s) for s in support]
        width = sum(size > 1 for size in sizes)
        if width in groups and all(size <= 2 for size in sizes):
            groups[width].append((position, support))
    out = {}
    for width, members in groups.items():
        count = len(members)
        cells = np.empty((count, width, *([2] * width)), dtype=int)
        template = np.zeros((count, sum(shape)))
        first = np.zeros((count, width), dtype=int)
        second = np.zeros((count, width), dtype=int)
        for b, (_, support) in enumerate(members):
            mixers = [k for k, s in enumerate(support) if len(s) > 1]
            for k, s in enumerate(support):
                if len(s) == 1:
                    template[b, offsets[k] + s[0]] = 1.0
            for slot, k in enumerate(mixers):
                first[b, slot], second[b, slot] = offsets[k] + support[k][0], offsets[k] + support[k][1]
                order = [k] + [m for m in mixers if m != k]
                for choice in np.ndindex(*([2] * width)):
                    profile = [s[0] for s in support]
                    for m, c in zip(order, choice, strict=True):
                        profile[m] = support[m][c]
                    cells[(b, slot, *choice)] = np.ravel_multi_index((k, *profile), (len(shape), *shape))
        kind = _Kind(np.array([p for p, _ in members], dtype=int), cells, template, first, second)
        for array in (kind.positions, kind.cells, kind.template, kind.first, kind.second):
            array.setflags(write=False)
        out[width] = kind
    return out


def candidates(payoffs: np.ndarray, alive: np.ndarray, slack: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidates of every alive support profile of the kinds above.

    Returns the PNS positions solved here (their candidates are complete), and for each
    candidate its support's position and its full profile (one row, the players' vectors
    concatenated). The other alive profiles, fallbacks included, are left to the caller;
    so are those where one player mixes and its two actions tie within `slack` against
    the others' pure actions (a possible continuum).
    """
    shape = payoffs.shape[1:]
    flat = payoffs.reshape(-1)
    solved, owners, rows = [], [], []
    for width, kind in _kinds(tuple(shape)).items():
        keep = alive[kind.positions]
        if not keep.any():
            continue
        positions = kind.positions[keep]
        if width == 0:  # the pure profiles themselves
            solved.append(positions)
            owners.append(positions)
            rows.append(kind.template[keep])
            continue
        values = flat[kind.cells[keep]]
        if width == 1:  # nothing unless the two actions tie
            solved.append(positions[np.abs(values[:, 0, 0] - values[:, 0, 1]) > slack])
            continue
        owner, probs, fallback = (_two_binary if width == 2 else _three_binary)(values)
        chosen = np.flatnonzero(keep)[owner]
        full = kind.template[chosen]
        rows_ = np.arange(len(owner))[:, None]
        full[rows_, kind.first[chosen]] = probs
        full[rows_, kind.second[chosen]] = 1.0 - probs
        solved.append(positions[~fallback])
        owners.append(positions[owner])
        rows.append(full)
    if not rows:
        return np.concatenate([np.zeros(0, dtype=int), *solved]), np.zeros(0, dtype=int), np.zeros((0, sum(shape)))
    return np.concatenate(solved), np.concatenate(owners), np.concatenate(rows)


def _two_binary(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two players *j < k* mix two actions each (``values[b, slot, own, other]``): (owner,
    first-action probabilities of ``(j, k)`` per candidate, fallback per support)."""
    # each owner's equation (d0 - d1) q + d1 = 0 in the other's first-action probability q
    gain = values[:, :, 0, :] - values[:, :, 1, :]  # (B, slot, the other's action)
    d0, d1 = gain[:, :, 0], gain[:, :, 1]
    den = d0 - d1
    regular = np.abs(den) > 1e-10 * np.maximum(1.0, np.abs(values).max(axis=(2, 3)))
    with np.errstate(divide="ignore", invalid="ignore"):
        solution = np.where(regular, -d1 / np.where(regular, den, 1.0), 0.0)  # columns: q (from j), p (from k)
    inside = (solution >= -1e-9) & (solution <= 1 + 1e-9)
    # as the general route: player j's system first, then k's
    fallback = ~regular[:, 0] | (inside[:, 0] & ~regular[:, 1])
    owner = np.flatnonzero(np.all(regular & inside, axis=1))
    return owner, solution[owner, ::-1], fallback


_FIRST = np.array([[2, 3], [2, 3], [0, 1], [0, 1]])  # in player 1's coefficients: Y1, Y1, X1, X1
_SECOND = np.array([[2, 3], [0, 1], [2, 3], [0, 1]])  # in player 2's: Y2, X2, Y2, X2
_SIGNS = np.array([1.0, -1.0, -1.0, 1.0])
_S, _T = [1, 0, 0], [2, 2, 1]  # the other two mixers of each mixer, lower one first


@np.errstate(divide="ignore", invalid="ignore")
def _three_binary(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three players mix two actions each (``values[b, slot, own, lo, hi]``): (owner,
    first-action probabilities ``(p, q, r)`` of the three per candidate, fallback per
    support).

    ``coef[b, slot]`` holds the mixer's equation :math:`c_0 + c_1 s + c_2 t + c_3 st` in
    the others' first-action probabilities (``(k, l, m, n)``, ``(a, b, c, d)``,
    ``(e, f, g, h)`` above). Writing :math:`X_1 = a + bp`, :math:`Y_1 = c + dp`,
    :math:`X_2 = e + fp`, :math:`Y_2 = g + hp`, the quadratic is
    :math:`k Y_1 Y_2 - l X_2 Y_1 - m X_1 Y_2 + n X_1 X_2`, and :math:`r = -X_1 / Y_1`,
    :math:`q = -X_2 / Y_2`.
    """
    count = len(values)
    scale = np.maximum(1.0, np.abs(values).max(axis=(1, 2, 3, 4)))
    e = values[:, :, 0] - values[:, :, 1]  # (B, slot, lo, hi): first-minus-second value
    coef = np.empty((count, 3, 4))
    coef[:, :, 0] = e[:, :, 1, 1]
    coef[:, :, 1] = e[:, :, 0, 1] - e[:, :, 1, 1]
    coef[:, :, 2] = e[:, :, 1, 0] - e[:, :, 1, 1]
    coef[:, :, 3] = e[:, :, 0, 0] - e[:, :, 0, 1] - e[:, :, 1, 0] + e[:, :, 1, 1]
    # products of the linear polynomials in p, weighted by (k, -l, -m, n), summed
    first, second = coef[:, 1][:, _FIRST], coef[:, 2][:, _SECOND]  # (B, 4 terms, 2 coefficients)
    products = ((coef[:, 0] * _SIGNS)[:, :, None, None] * first[:, :, :, None] * second[:, :, None, :]).sum(axis=1)
    poly = np.stack([products[:, 1, 1], products[:, 0, 1] + products[:, 1, 0], products[:, 0, 0]])
    pair = coef[:, 1:]  # (a, b, c, d) and (e, f, g, h)
    dets = pair[:, :, 0] * pair[:, :, 3] - pair[:, :, 1] * pair[:, :, 2]
    fallback = (
        np.any(np.abs(pair[:, :, 3]) <= _SINGULAR * scale[:, None], axis=1)
        | np.any(np.abs(dets) <= _SINGULAR * scale[:, None] ** 2, axis=1)
        | np.all(np.abs(poly) <= _SINGULAR * scale**3, axis=0)
    )
    pv = _quadratic_roots(*poly)  # (B, 2 roots)
    others = -(pair[:, :, 0, None] + pair[:, :, 1, None] * pv[:, None, :]) / (
        pair[:, :, 2, None] + pair[:, :, 3, None] * pv[:, None, :]
    )  # (B, (r, q), root)
    points = np.stack([pv, others[:, 1], others[:, 0]], axis=2).reshape(-1, 3)
    owner = np.repeat(np.arange(count), 2)
    keep = ~fallback[owner] & np.all(np.isfinite(points) & (points >= -1e-6) & (points <= 1 + 1e-6), axis=1)
    owner, points = owner[keep], points[keep]  # Newton would not bring a point from outside in
    points, ok = _newton(coef[owner], points, scale[owner])
    return owner[ok], points[ok], fallback


def _quadratic_roots(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Real roots of :math:`a x^2 + b x + c` (rows; NaN where absent) by the stable formula;
    a pair of complex roots whose imaginary part is below ``1e-9`` counts as a double root."""
    disc = b * b - 4 * a * c
    near = (disc < 0) & (np.sqrt(np.abs(disc)) <= 2e-9 * np.abs(a))
    disc = np.where(near, 0.0, disc)
    root = np.sqrt(disc)  # NaN where complex
    big = -(b + np.where(b >= 0, root, -root)) / 2
    out = np.stack([big / a, c / big], axis=1)
    return np.where(np.isfinite(out), out, np.nan)


def _newton(coef: np.ndarray, points: np.ndarray, scale: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""Newton on the three bilinear equations, at most four steps; the points and whether
    each converged (residual within ``1e-9`` times the payoff scale).

    The Jacobian in :math:`(p, q, r)` has a zero diagonal,
    :math:`J = \begin{pmatrix} 0 & A & B \\ C & 0 & D \\ E & F & 0 \end{pmatrix}` with
    :math:`\det J = ADE + BCF`; the step is solved by Cramer's rule. Where :math:`J` is
    (nearly) singular, a multiple root, the point is left as it is.
    """
    x = points.copy()
    residual = np.zeros(len(x))
    for iteration in range(5):
        s, t = x[:, _S], x[:, _T]  # each equation's two unknowns
        value = coef[:, :, 0] + coef[:, :, 1] * s + coef[:, :, 2] * t + coef[:, :, 3] * s * t
        residual = np.abs(value).max(axis=1, initial=0.0)
        if iteration == 4 or np.all(residual <= 1e-13 * scale):
            break
        by_s = coef[:, :, 1] + coef[:, :, 3] * t  # (A, C, E): derivative in the first unknown
        by_t = coef[:, :, 2] + coef[:, :, 3] * s  # (B, D, F): in the second
        (a, c, e), (b, d, f), (v0, v1, v2) = by_s.T, by_t.T, value.T
        det = a * d * e + b * c * f
        regular = np.abs(det) > _SINGULAR * scale**3
        det = np.where(regular, det, 1.0)
        step = np.stack(
            [
                a * d * v2 + b * f * v1 - d * f * v0,
                d * e * v0 + b * c * v2 - b * e * v1,
                c * f * v0 + a * e * v1 - a * c * v2,
            ],
            axis=1,
        )
        x = x - np.where(regular[:, None], step / det[:, None], 0.0)
    ok = np.all(np.isfinite(x), axis=1) & (residual <= 1e-9 * scale)
    return x, ok
