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

    def select(self, keep: np.ndarray) -> _Kind:
        return _Kind(self.positions[keep], self.cells[keep], self.template[keep], self.first[keep], self.second[keep])


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
        kind = kind.select(alive[kind.positions])
        if not len(kind.positions):
            continue
        values = flat[kind.cells]
        if width == 0:
            owner, probs, fallback = np.arange(len(kind.positions)), np.zeros((len(kind.positions), 0)), None
        elif width == 1:  # nothing unless the two actions tie
            solved.append(kind.positions[np.abs(values[:, 0, 0] - values[:, 0, 1]) > slack])
            continue
        elif width == 2:
            owner, probs, fallback = _two_binary(values)
        else:
            owner, probs, fallback = _three_binary(values)
        full = kind.template[owner]
        rows_ = np.arange(len(owner))[:, None]
        full[rows_, kind.first[owner]] = probs
        full[rows_, kind.second[owner]] = 1.0 - probs
        solved.append(kind.positions if fallback is None else kind.positions[~fallback])
        owners.append(kind.positions[owner])
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


@np.errstate(divide="ignore", invalid="ignore")
def _three_binary(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three players mix two actions each (``values[b, slot, own, lo, hi]``): (owner,
    first-action probabilities ``(p, q, r)`` of the three per candidate, fallback per
    support)."""
    scale = np.maximum(1.0, np.abs(values).max(axis=(1, 2, 3, 4)))
    e = values[:, :, 0] - values[:, :, 1]  # (B, slot, lo, hi): first-minus-second value
    # as c0 + c1 s + c2 t + c3 s t in the other two mixers' first-action probabilities s, t
    c0 = e[:, :, 1, 1]
    c1, c2 = e[:, :, 0, 1] - c0, e[:, :, 1, 0] - c0
    c3 = e[:, :, 0, 0] - e[:, :, 0, 1] - e[:, :, 1, 0] + c0
    (k, a, e_), (l_, b, f), (m, c, g), (n, d, h) = c0.T, c1.T, c2.T, c3.T  # E0 in (q, r), E1 in (p, r), E2 in (p, q)

    def tiny(x: np.ndarray, power: int) -> np.ndarray:
        return np.asarray(np.abs(x) <= _SINGULAR * scale**power)

    poly = np.stack(
        [
            k * d * h - l_ * f * d - m * b * h + n * f * b,
            k * (c * h + d * g) - l_ * (e_ * d + f * c) - m * (a * h + b * g) + n * (e_ * b + f * a),
            k * c * g - l_ * e_ * c - m * a * g + n * e_ * a,
        ]
    )
    fallback = (
        tiny(d, 1) | tiny(a * d - b * c, 2) | tiny(h, 1) | tiny(e_ * h - f * g, 2) | np.all(tiny(poly, 3), axis=0)
    )
    owner = np.repeat(np.arange(len(scale)), 2)
    pv = _quadratic_roots(*poly).reshape(-1)
    rv = -(a[owner] + b[owner] * pv) / (c[owner] + d[owner] * pv)
    qv = -(e_[owner] + f[owner] * pv) / (g[owner] + h[owner] * pv)
    points = np.stack([pv, qv, rv], axis=1)
    keep = ~fallback[owner] & np.all(np.isfinite(points), axis=1)
    keep &= np.all((points >= -1e-6) & (points <= 1 + 1e-6), axis=1)  # Newton would not bring it inside
    owner, points = owner[keep], points[keep]
    coefficients = np.stack([k, l_, m, n, a, b, c, d, e_, f, g, h], axis=1)[owner]
    points, ok = _newton(coefficients, points, scale[owner])
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


def _newton(coefficients: np.ndarray, points: np.ndarray, scale: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""Newton on the three bilinear equations, at most four steps; the points and whether
    each converged (residual within ``1e-9`` times the payoff scale).

    The Jacobian in :math:`(p, q, r)` has a zero diagonal,
    :math:`J = \begin{pmatrix} 0 & A & B \\ C & 0 & D \\ E & F & 0 \end{pmatrix}` with
    :math:`\det J = ADE + BCF`; the step is solved by Cramer's rule. Where :math:`J` is
    (nearly) singular, a multiple root, the point is left as it is.
    """
    k, l_, m, n, a, b, c, d, e, f, g, h = coefficients.T
    p, q, r = points.T.copy()
    residual = np.zeros(len(p))
    for iteration in range(5):
        v0, v1, v2 = k + l_ * q + m * r + n * q * r, a + b * p + c * r + d * p * r, e + f * p + g * q + h * p * q
        residual = np.maximum(np.maximum(np.abs(v0), np.abs(v1)), np.abs(v2))
        if iteration == 4 or np.all(residual <= 1e-13 * scale):
            break
        big_a, big_b, big_c, big_d, big_e, big_f = l_ + n * r, m + n * q, b + d * r, c + d * p, f + h * q, g + h * p
        det = big_a * big_d * big_e + big_b * big_c * big_f
        regular = np.abs(det) > _SINGULAR * scale**3
        det = np.where(regular, det, 1.0)
        p = p - np.where(regular, (big_a * big_d * v2 + big_b * big_f * v1 - big_d * big_f * v0) / det, 0.0)
        q = q - np.where(regular, (big_d * big_e * v0 + big_b * big_c * v2 - big_b * big_e * v1) / det, 0.0)
        r = r - np.where(regular, (big_c * big_f * v0 + big_a * big_e * v1 - big_a * big_c * v2) / det, 0.0)
    x = np.stack([p, q, r], axis=1)
    ok = np.all(np.isfinite(x), axis=1) & (residual <= 1e-9 * scale)
    return x, ok
