"""Batched equilibrium kernels: solve many normal-form games of one shape at once.

The input is a payoff array of shape ``(batch, n_players, n_0, ..., n_{n-1})`` (any
number of leading batch axes is flattened). Two kernels:

* :func:`pure_batch` -- pure Nash equilibria of any number of players, through
  :func:`strategy.solvers.pure.pure_equilibrium_mask`.
* :func:`support_enumeration_batch` -- *all* Nash equilibria of two-player games by
  support enumeration (Nisan et al. 2007, Algorithm 3.4; Porter, Nudelman and Shoham
  2008). For each pair of supports ``(I, J)`` with ``|I| = |J| = k`` the indifference
  systems

  .. math::  A_{IJ} y_J = v \\mathbf 1,\\ \\mathbf 1^\\top y_J = 1, \\qquad
             B_{IJ}^\\top x_I = u \\mathbf 1,\\ \\mathbf 1^\\top x_I = 1

  are solved for the whole batch with one :func:`numpy.linalg.solve` on stacked
  ``(k+1) x (k+1)`` matrices, then non-negativity and the best-reply conditions
  ``max_a (A y)_a <= v + tol`` and ``max_b (x^T B)_b <= u + tol`` are checked.

In a *nondegenerate* game every equilibrium has supports of equal size and unique
solutions of these systems, so it is found this way, and the number of equilibria is
odd (Shapley 1974). A singular but consistent system is solved by least squares (the
minimum-norm solution). A game is flagged degenerate when an equilibrium comes from a
singular system (a continuum), when an even number was found, when a found
equilibrium has a zero weight inside its support, or when an action outside the
support is also a best reply (a tie), for example a pure profile with a tied best
reply. Degenerate games are re-solved one by one with the exact general solver
:func:`strategy.solvers.bimatrix.enumeration.enumerate_equilibria` (extreme equilibria), and the
game's ``note`` says so.

The tolerance is that of :mod:`strategy.numbers`: ``tol * max(1, max|payoff|)`` per game.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError
from strategy.forms.normal import NormalFormGame
from strategy.forms.players import Player, as_players
from strategy.numbers import DEFAULT_TOL
from strategy.solvers.bimatrix._kernels import across, fold, indifference, indifference_2x2, positive_or_one
from strategy.solvers.pure import pure_equilibrium_mask

__all__ = ["BatchEquilibria", "pure_batch", "solve_batch", "support_enumeration_batch"]


@dataclass(frozen=True, eq=False)
class BatchEquilibria:
    """Equilibria of a batch of games, stored flat.

    Attributes
    ----------
    players : tuple of Player
    batch_shape : tuple of int
        The batch shape of the input (games are numbered in C order).
    game : ndarray of int, shape (E,)
        The (flat) game number of each equilibrium, non-decreasing.
    probabilities : ndarray, shape (E, n_players, max_actions)
        Mixed strategies, zero-padded beyond each player's number of actions.
    payoffs : ndarray, shape (E, n_players)
        Expected payoffs, recomputed from the profile.
    max_regret : ndarray, shape (E,)
        The certificate: the largest gain from a unilateral deviation.
    counts : ndarray of int, shape (B,)
        Number of equilibria of each game.
    degenerate : ndarray of bool, shape (B,)
    notes : dict
        Flat game number -> note (for example ``"degenerate: re-solved by exact enumeration"``).
    complete : bool
        True when the equilibria are all equilibria (extreme ones for degenerate games);
        False for :func:`pure_batch` (pure equilibria only).
    """

    players: tuple[Player, ...]
    batch_shape: tuple[int, ...]
    game: np.ndarray
    probabilities: np.ndarray
    payoffs: np.ndarray
    max_regret: np.ndarray
    counts: np.ndarray
    degenerate: np.ndarray
    notes: dict[int, str] = field(default_factory=dict)
    complete: bool = True

    @property
    def size(self) -> int:
        """Number of games."""
        return int(np.prod(self.batch_shape, dtype=np.int64))

    @property
    def offsets(self) -> np.ndarray:
        """``offsets[g]:offsets[g+1]`` are the rows of game ``g``."""
        return np.concatenate(([0], np.cumsum(self.counts)))

    def of(self, g: int) -> list[tuple[np.ndarray, ...]]:
        """The equilibria of flat game `g` as tuples of probability vectors."""
        start, stop = self.offsets[g], self.offsets[g + 1]
        return [
            tuple(self.probabilities[e, i, : p.n_actions].copy() for i, p in enumerate(self.players))
            for e in range(start, stop)
        ]

    def supports(self, tol: float = 1e-12) -> np.ndarray:
        """Boolean support array ``(E, n_players, max_actions)``: probabilities above `tol`.

        The default is far below the payoff tolerance so that a mixed equilibrium close
        to a regime boundary keeps its label there (thresholds are located to 1e-9).
        """
        return self.probabilities > tol


def _flatten(
    payoffs: np.ndarray, players: Any, n_players: int | None = None
) -> tuple[np.ndarray, tuple[Player, ...], tuple[int, ...]]:
    values = np.asarray(payoffs, dtype=np.float64)
    if players is None:
        n = n_players
        for n_try in range(values.ndim - 1, 0, -1):  # the most players that fit (ambiguous shapes: pass players)
            if n is None and values.shape[values.ndim - n_try - 1] == n_try:
                n = n_try
                break
        if n is None:
            raise InvalidGameError(f"cannot read players from a payoff array of shape {values.shape}; pass players=")
        shape = values.shape[values.ndim - n :]
        players = tuple(Player(f"P{i + 1}", tuple(f"a{j + 1}" for j in range(k))) for i, k in enumerate(shape))
    players = as_players(players)
    n = len(players)
    tail = (n, *(p.n_actions for p in players))
    if values.shape[values.ndim - len(tail) :] != tail:
        raise InvalidGameError(f"payoff array of shape {values.shape} does not end with {tail}")
    batch_shape = values.shape[: values.ndim - len(tail)]
    flat = values.reshape((-1, *tail))
    return flat, players, batch_shape


def _scale(flat: np.ndarray, tol: float) -> np.ndarray:
    return np.asarray(tol * np.maximum(1.0, across(np.maximum, np.abs(flat.reshape(len(flat), -1)))))


def pure_batch(payoffs: np.ndarray, players: Any = None, *, tol: float = DEFAULT_TOL) -> BatchEquilibria:
    """Pure Nash equilibria of every game of a batch (any number of players).

    Examples
    --------
    >>> import numpy as np
    >>> pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], dtype=float)
    >>> r = pure_batch(np.stack([pd, pd]))
    >>> r.counts.tolist(), r.probabilities[0].tolist()
    ([1, 1], [[0.0, 1.0], [0.0, 1.0]])
    """
    flat, players, batch_shape = _flatten(payoffs, players)
    n = len(players)
    mask = pure_equilibrium_mask(flat, batch_dims=1, tol=tol)
    hits = np.argwhere(mask)
    width = max(p.n_actions for p in players)
    probs = np.zeros((len(hits), n, width))
    for i in range(n):
        probs[np.arange(len(hits)), i, hits[:, 1 + i]] = 1.0
    idx = tuple(hits[:, 1 + i] for i in range(n))
    pay = (
        np.stack([flat[(hits[:, 0], np.full(len(hits), i), *idx)] for i in range(n)], axis=1) if n else np.zeros((0, 0))
    )
    regret = np.zeros(len(hits))
    for i in range(n):
        best = flat[:, i].max(axis=1 + i)
        best_at = best[(hits[:, 0], *[s for k, s in enumerate(idx) if k != i])]
        regret = np.maximum(regret, best_at - pay[:, i])
    counts = np.bincount(hits[:, 0], minlength=len(flat)) if len(flat) else np.zeros(0, int)
    return BatchEquilibria(
        players, batch_shape, hits[:, 0], probs, pay, regret, counts, np.zeros(len(flat), bool), {}, complete=False
    )


def support_enumeration_batch(
    payoffs: np.ndarray, players: Any = None, *, tol: float = DEFAULT_TOL, fallback: bool = True
) -> BatchEquilibria:
    """All Nash equilibria of a batch of two-player games (see the module docstring).

    Parameters
    ----------
    payoffs : array, shape (*batch, 2, m, n)
    players : players of the games (default ``P1``, ``P2`` with ``a1, a2, ...``).
    tol : float
        Relative tolerance (:data:`strategy.numbers.DEFAULT_TOL`).
    fallback : bool
        Re-solve degenerate games with the exact general solver.

    Examples
    --------
    >>> import numpy as np
    >>> pennies = np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], dtype=float)
    >>> r = support_enumeration_batch(pennies[None])
    >>> r.counts.tolist(), r.probabilities[0].round(6).tolist()
    ([1], [[0.5, 0.5], [0.5, 0.5]])
    """
    flat, players, batch_shape = _flatten(payoffs, players, 2)
    if len(players) != 2:
        raise InvalidGameError("support enumeration needs a two-player game; use pure_batch for more players")
    B = len(flat)
    m, n = players[0].n_actions, players[1].n_actions
    A, Bm = flat[:, 0], flat[:, 1]
    atol = _scale(flat, tol)
    scale = atol / tol
    degenerate = np.zeros(B, dtype=bool)
    found_g, found_x, found_y = _pure_pairs(A, Bm, atol, degenerate)
    # cell-major copies, (rows, columns, batch): each payoff cell is one contiguous vector
    cells_a = np.ascontiguousarray(np.moveaxis(A, 0, -1))
    cells_bt = np.ascontiguousarray(np.moveaxis(np.swapaxes(Bm, 1, 2), 0, -1))
    for k in range(2, min(m, n) + 1):
        rows_sets = list(itertools.combinations(range(m), k))
        cols_sets = list(itertools.combinations(range(n), k))
        for I in rows_sets:
            I_arr = np.array(I)
            for J in cols_sets:
                J_arr = np.array(J)
                if k == 2:
                    y, v, sing_y = indifference_2x2(A, cells_a, I, J, scale)
                    x, u, sing_x = indifference_2x2(np.swapaxes(Bm, 1, 2), cells_bt, J, I, scale)
                else:
                    y, v, sing_y = indifference(A[:, I_arr][:, :, J_arr], scale)
                    x, u, sing_x = indifference(np.swapaxes(Bm[:, I_arr][:, :, J_arr], 1, 2), scale)
                singular = sing_x | sing_y
                ok = (across(np.minimum, x) >= -atol) & (across(np.minimum, y) >= -atol)
                if not ok.any():
                    continue
                # from here on only the candidates (usually a small fraction of the batch)
                c = np.nonzero(ok)[0]
                x, y, u, v, singular, tol_c = x[c], y[c], u[c], v[c], singular[c], atol[c]
                yy = np.zeros((len(c), n))
                yy[:, J_arr] = np.clip(y, 0.0, None)
                xx = np.zeros((len(c), m))
                xx[:, I_arr] = np.clip(x, 0.0, None)
                yy /= positive_or_one(across(np.add, yy))[:, None]
                xx /= positive_or_one(across(np.add, xx))[:, None]
                row_vals = np.einsum("bij,bj->bi", A[c], yy)
                col_vals = np.einsum("bi,bij->bj", xx, Bm[c])
                good = (across(np.maximum, row_vals) <= v + tol_c) & (across(np.maximum, col_vals) <= u + tol_c)
                if not good.any():
                    continue
                # degeneracy: a zero weight inside the support, or a tie outside it
                out_rows = np.ones(m, bool)
                out_rows[I_arr] = False
                out_cols = np.ones(n, bool)
                out_cols[J_arr] = False
                tie = np.zeros(len(c), bool)
                if out_rows.any():
                    tie |= across(np.maximum, row_vals[:, out_rows]) >= v - tol_c
                if out_cols.any():
                    tie |= across(np.maximum, col_vals[:, out_cols]) >= u - tol_c
                zero = (across(np.minimum, x) <= tol_c) | (across(np.minimum, y) <= tol_c)
                degenerate[c[good & (tie | zero | singular)]] = True
                found_g.append(c[good])
                found_x.append(xx[good])
                found_y.append(yy[good])
    notes: dict[int, str] = {}
    if found_g:
        # a nondegenerate game has an odd number of equilibria (Shapley 1974)
        even = np.bincount(np.concatenate(found_g), minlength=B) % 2 == 0
        degenerate |= even
    else:
        degenerate |= True
    if found_g:
        games = np.concatenate(found_g)
        xs = np.concatenate(found_x)
        ys = np.concatenate(found_y)
    else:
        games, xs, ys = np.zeros(0, int), np.zeros((0, m)), np.zeros((0, n))
    if fallback and degenerate.any():
        games, xs, ys, notes = _refine(flat, players, degenerate, games, xs, ys, tol)
    order = np.argsort(games, kind="stable")
    games, xs, ys = games[order], xs[order], ys[order]
    width = max(m, n)
    probs = np.zeros((len(games), 2, width))
    probs[:, 0, :m] = xs
    probs[:, 1, :n] = ys
    pay, regret = _certify(flat, games, xs, ys)
    counts = np.bincount(games, minlength=B) if B else np.zeros(0, int)
    return BatchEquilibria(players, batch_shape, games, probs, pay, regret, counts, degenerate, notes, True)


def _pure_pairs(
    A: np.ndarray, Bm: np.ndarray, atol: np.ndarray, degenerate: np.ndarray
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Supports of size 1 for the whole batch at once.

    Cell ``(i, j)`` is an equilibrium when ``A[i, j]`` is a best reply in column ``j`` and
    ``B[i, j]`` one in row ``i`` (within `atol`); a second best reply within `atol` marks
    the game degenerate (in place).
    """
    m, n = A.shape[1:]
    t = atol[:, None, None]
    # reductions over the short action axes, one slice at a time (see across)
    best_rows = fold(np.maximum, A, 1) - t <= A
    best_cols = Bm >= fold(np.maximum, Bm, 2) - t
    best = best_rows & best_cols
    tie = (fold(np.add, best_rows, 1, int) > 1) | (fold(np.add, best_cols, 2, int) > 1) | (t >= 1)
    degenerate |= (best & tie).any(axis=(1, 2))
    found_g, found_x, found_y = [], [], []
    eye_m, eye_n = np.eye(m), np.eye(n)
    for i in range(m):
        for j in range(n):
            g = np.nonzero(best[:, i, j])[0]
            if len(g):
                found_g.append(g)
                found_x.append(np.broadcast_to(eye_m[i], (len(g), m)))
                found_y.append(np.broadcast_to(eye_n[j], (len(g), n)))
    return found_g, found_x, found_y


def _certify(flat: np.ndarray, games: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Payoffs and maximum regret of each profile, recomputed from the payoffs alone."""
    if not len(games):
        return np.zeros((0, 2)), np.zeros(0)
    A, Bm = flat[games, 0], flat[games, 1]
    row_vals = np.einsum("eij,ej->ei", A, ys)
    col_vals = np.einsum("ei,eij->ej", xs, Bm)
    u1 = across(np.add, xs * row_vals)
    u2 = across(np.add, ys * col_vals)
    regret = np.maximum(across(np.maximum, row_vals) - u1, across(np.maximum, col_vals) - u2)
    return np.stack([u1, u2], axis=1), np.maximum(regret, 0.0)


def _refine(
    flat: np.ndarray,
    players: Any,
    degenerate: np.ndarray,
    games: np.ndarray,
    xs: np.ndarray,
    ys: np.ndarray,
    tol: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, str]]:
    """Re-solve the degenerate games one by one by exact enumeration (their extreme equilibria)."""
    from strategy.solvers.bimatrix.enumeration import enumerate_equilibria

    notes: dict[int, str] = {}
    bad = np.nonzero(degenerate)[0]
    keep = ~np.isin(games, bad)
    new_g, new_x, new_y = [games[keep]], [xs[keep]], [ys[keep]]
    for g in bad:
        game = NormalFormGame(players, flat[g])
        result = enumerate_equilibria(game, tol=tol)
        for eq in result.equilibria:
            p = [np.asarray(q, dtype=np.float64) for q in eq.profile.probabilities]
            new_g.append(np.array([g]))
            new_x.append(p[0][None])
            new_y.append(p[1][None])
        note = "degenerate: re-solved by exact enumeration (extreme equilibria)"
        if getattr(result, "components", None):
            note += "; equilibria form connected components"
        notes[int(g)] = note
    return np.concatenate(new_g), np.concatenate(new_x), np.concatenate(new_y), notes


def solve_batch(payoffs: np.ndarray, players: Any = None, *, tol: float = DEFAULT_TOL) -> BatchEquilibria:
    """All equilibria for two players (support enumeration), pure equilibria otherwise."""
    _flat, ps, _ = _flatten(payoffs, players)
    if len(ps) == 2:
        return support_enumeration_batch(payoffs, ps, tol=tol)
    return pure_batch(payoffs, ps, tol=tol)
