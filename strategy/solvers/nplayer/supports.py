r"""Support profiles of an n-player game in the order of Porter, Nudelman and Shoham, and
their pruning by conditional dominance.

A support profile :math:`S = (S_0, \dots, S_{n-1})` names the actions each player may
use. They are visited by increasing total size :math:`\sum_i |S_i|`, then increasing
imbalance :math:`\max_i |S_i| - \min_i |S_i|` [PNS08]_. A profile is pruned when some
action of :math:`S_i` is strictly dominated, against every pure profile of the
opponents' supports, by another action of player *i* or by a mixture of two others
(with three actions this is every mixed-strategy domination); no equilibrium gives such
an action positive probability.

References
----------
.. [PNS08] R. Porter, E. Nudelman, Y. Shoham, "Simple search methods for finding a Nash
   equilibrium", *Games and Economic Behavior* 63 (2008) 642-662.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

__all__ = ["Support", "alive", "pair_dominated", "pns_order"]

Support = tuple[tuple[int, ...], ...]
"""One tuple of action indices per player."""


def _subsets(n: int) -> list[tuple[int, ...]]:
    return [c for r in range(1, n + 1) for c in itertools.combinations(range(n), r)]


@functools.cache
def _memberships(shape: tuple[int, ...]) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Per player: ``member[s, a]`` (action ``a`` in the player's ``s``-th subset) and the
    opponents' ``masks[T, p]`` (pure opponent profile ``p`` inside support profile ``T``)."""
    n = len(shape)
    member = [np.array([[a in s for a in range(m)] for s in _subsets(m)], dtype=bool) for m in shape]
    out = []
    for i in range(n):
        counts = np.ones((1, 1))
        for k in range(n):
            if k != i:
                counts = np.einsum("tp,sq->tspq", counts, member[k]).reshape(counts.shape[0] * len(member[k]), -1)
        masks = counts > 0
        member[i].setflags(write=False)
        masks.setflags(write=False)
        out.append((member[i], masks))
    return tuple(out)


def alive(payoffs: np.ndarray, slack: float) -> np.ndarray:
    """Whether each support profile, in PNS order (:func:`pns_order`), survives conditional
    dominance.

    An action of player *i* that another action of *i* beats by more than ``slack``
    against every pure profile of the opponents' supports cannot be in an equilibrium
    support. For each player this is one boolean matrix product: ``fails[b, a, T]``
    counts the profiles of the opponents' support profile ``T`` where ``b`` does not beat
    ``a``; ``a`` is dominated given ``T`` when some ``b`` has no failure.
    """
    shape = payoffs.shape[1:]
    n = len(shape)
    grid = np.ones([2**m - 1 for m in shape], dtype=bool)
    for i, (member, masks) in enumerate(_memberships(shape)):
        own_first = [i, *(k for k in range(n) if k != i)]
        flat = payoffs[i].transpose(own_first).reshape(shape[i], -1)
        loses = flat[:, None, :] <= flat[None, :, :] + slack  # loses[b, a, p]: b does not beat a at p
        fails = loses.reshape(shape[i] ** 2, -1) @ masks.T  # (b * a, T): does b fail somewhere in T
        dominated = ~fails.reshape(shape[i], shape[i], -1).all(axis=0)  # (a, T): some b never fails
        if shape[i] > 2:
            dominated |= pair_dominated(flat, masks, slack)
        bad = member @ dominated  # (own support, T)
        bad = bad.reshape([2 ** shape[k] - 1 for k in own_first])
        grid &= ~bad.transpose(np.argsort(own_first))
    return np.asarray(grid[_grid_index(tuple(shape))])


@functools.cache
def pns_order(shape: tuple[int, ...]) -> tuple[Support, ...]:
    """The support profiles of a game shape in PNS order: by total size, then imbalance."""
    return tuple(support for support, _ in _ordered(shape))


@functools.cache
def _ordered(shape: tuple[int, ...]) -> tuple[tuple[Support, tuple[int, ...]], ...]:
    """The support profiles in PNS order, each with its index into the grid of per-player
    subsets (:func:`_subsets`)."""
    subsets = [_subsets(m) for m in shape]
    profiles = [
        (tuple(subsets[k][j] for k, j in enumerate(index)), index) for index in np.ndindex(*[len(s) for s in subsets])
    ]
    profiles.sort(key=lambda p: (sum(map(len, p[0])), max(map(len, p[0])) - min(map(len, p[0]))))
    return tuple(profiles)


@functools.cache
def _grid_index(shape: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """Index arrays taking the grid of per-player subsets to PNS order."""
    index = np.array([i for _, i in _ordered(shape)], dtype=int).reshape(-1, len(shape))
    return tuple(index.T)


def pair_dominated(flat: np.ndarray, masks: np.ndarray, slack: float) -> np.ndarray:
    r"""``out[a, T]``: some mixture :math:`\lambda b + (1 - \lambda) c` of two other actions
    beats action ``a`` by more than ``slack`` at every profile of ``T`` (``masks[T, p]``).

    At profile *p* the condition is :math:`\lambda d_p > s - e_p` with
    :math:`d = u_b - u_c`, :math:`e = u_c - u_a`: a lower bound on :math:`\lambda` where
    :math:`d_p > 0`, an upper bound where :math:`d_p < 0`; some :math:`\lambda \in [0, 1]`
    satisfies all iff the bounds leave an open interval meeting :math:`[0, 1]`. With three
    actions this is every mixed-strategy domination.
    """
    actions = flat.shape[0]
    out = np.zeros((actions, masks.shape[0]), dtype=bool)
    for a in range(actions):
        for b, c in itertools.combinations([k for k in range(actions) if k != a], 2):
            d, e = flat[b] - flat[c], flat[c] - flat[a]
            with np.errstate(divide="ignore", invalid="ignore"):
                r = (slack - e) / d
            low = np.where(masks & (d > 0), r, -np.inf).max(axis=1)
            high = np.where(masks & (d < 0), r, np.inf).min(axis=1)
            flat_fails = (masks & (d == 0) & (e <= slack)).any(axis=1)
            out[a] |= (low < high) & (low < 1) & (high > 0) & ~flat_fails
    return out
