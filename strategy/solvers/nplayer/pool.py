r"""The candidate pool of the n-player solvers: candidate profiles in, certified and
deduplicated equilibria out.

Support enumeration, simplicial subdivision and the logit QRE path all end the same way:
a point that nearly solves the indifference equations of a support profile
:math:`S` is to become a reported equilibrium. :class:`CandidatePool` does it once:

1. **screen** (floats, a batch at once): the strategies are padded with zeros outside
   :math:`S`, and the point is dropped when some probability is negative or the maximum
   regret exceeds :math:`\max(\text{slack}, 10^{-7} \max(1, \max|u|))`;
2. **deduplicate**: a point within :math:`10^{-7}` (max norm) of one already kept is that
   one;
3. **certify**: when the game is exact the point is made rational
   (``limit_denominator(10**6)``, each player's vector rescaled to sum to one) and kept
   if its exact maximum regret is zero; otherwise it is kept if its float certificate
   (:meth:`~strategy.solvers.result.Equilibrium.certify`, recomputed from the game) is
   within the slack ``tol * max(1, max|u|)``.

Candidate points come as strategies on the support (:meth:`CandidatePool.offer`) or in
the unknowns of :mod:`._multilinear` (:meth:`CandidatePool.offer_points`: each mixing
player's probabilities but the last).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from strategy.forms.normal import NormalFormGame
from strategy.forms.profiles import MixedProfile, action_values
from strategy.numbers import DEFAULT_TOL, scale_tolerance
from strategy.solvers.nplayer import _multilinear
from strategy.solvers.nplayer.supports import Support
from strategy.solvers.result import Equilibrium

__all__ = ["CandidatePool"]

_DUPLICATE = 1e-7
"""Two points closer than this (max norm) are one equilibrium."""

_DENOMINATOR = 10**6
"""Candidates of exact games are rounded to fractions with denominators up to this."""


class CandidatePool:
    """Certified, deduplicated equilibria of one game, from candidate points.

    Parameters
    ----------
    game : NormalFormGame
    tol : float
        Relative tolerance of float certificates (see :func:`strategy.numbers.scale_tolerance`).

    Attributes
    ----------
    equilibria : list of Equilibrium
        The equilibria kept, in the order they were first offered.
    """

    def __init__(self, game: NormalFormGame, *, tol: float = DEFAULT_TOL) -> None:
        self.game = game
        self.slack = scale_tolerance(game.payoffs, tol)
        self._screen = max(self.slack, 1e-7 * max(1.0, float(np.abs(game.payoffs).max())))
        self.equilibria: list[Equilibrium] = []
        self._points: list[np.ndarray] = []  # the equilibria kept, as float vectors

    def offer(self, support: Support, strategies: Sequence[np.ndarray]) -> int | None:
        """Offer one candidate: ``strategies[k]`` is player k's mixture on ``support[k]``.

        Returns the index in :attr:`equilibria` of the equilibrium it is (new, or equal to
        one kept before), or None when it is not an equilibrium.
        """
        batch = [np.asarray(x, dtype=float)[None, :] for x in strategies]
        return self.offer_batch(support, batch)[0]

    def offer_points(self, support: Support, points: np.ndarray | Sequence[np.ndarray]) -> list[int | None]:
        """Offer candidates in the unknowns of :mod:`._multilinear` (rows of ``points``).

        Returns, for each row, what :meth:`offer` returns.
        """
        if not len(points):
            return []
        sizes = [len(s) for s in support]
        batch = _multilinear.split(np.asarray(points, dtype=float).reshape(len(points), -1), sizes)
        return self.offer_batch(support, batch)

    def offer_batch(self, support: Support, batch: Sequence[np.ndarray]) -> list[int | None]:
        """Offer a batch of candidates: ``batch[k]`` has shape ``(M, len(support[k]))``.

        Returns, for each candidate, what :meth:`offer` returns.
        """
        game = self.game
        count = batch[0].shape[0]
        out: list[int | None] = [None] * count
        ok = np.ones(count, dtype=bool)
        full = []
        for k, x in enumerate(batch):
            ok &= np.all(x >= -1e-9, axis=1) & np.all(np.isfinite(x), axis=1)
            vec = np.zeros((count, game.shape[k]))
            vec[:, list(support[k])] = np.clip(np.nan_to_num(x), 0.0, None)
            total = vec.sum(axis=1, keepdims=True)
            ok &= total[:, 0] > 0
            full.append(vec / np.where(total > 0, total, 1.0))
        if not ok.any():
            return out
        regret = np.zeros(count)
        for i in range(game.n_players):
            values = _multilinear.values(game.payoffs[i], full, i)
            regret = np.maximum(regret, values.max(axis=1) - np.einsum("za,za->z", values, full[i]))
        ok &= regret <= self._screen
        flat = np.concatenate(full, axis=1)
        for m in np.flatnonzero(ok):
            out[m] = self._admit([x[m] for x in full], flat[m])
        return out

    def _admit(self, full: list[np.ndarray], point: np.ndarray) -> int | None:
        known = self._index(point)
        if known is not None:
            return known
        eq = self._certified(full)
        if eq is None:
            return None
        point = np.concatenate([np.asarray(p, dtype=float) for p in eq.profile.as_floats()])
        known = self._index(point)  # made exact, it may repeat one
        if known is not None:
            return known
        self.equilibria.append(eq)
        self._points.append(point)
        return len(self.equilibria) - 1

    def _index(self, point: np.ndarray) -> int | None:
        return next((i for i, other in enumerate(self._points) if np.abs(other - point).max() < _DUPLICATE), None)

    def _certified(self, full: list[np.ndarray]) -> Equilibrium | None:
        """The candidate as an equilibrium with its certificate: exact when the game is
        exact and the profile is rational (``limit_denominator``, then an exact regret of
        zero), otherwise in floats within the tolerance; None when it fails."""
        game = self.game
        if game.exact_payoffs is not None:
            exact = []
            for vec in full:
                fr = [
                    Fraction(int(v)) if v in (0.0, 1.0) else Fraction(float(v)).limit_denominator(_DENOMINATOR)
                    for v in vec
                ]
                total = sum(fr, Fraction(0))
                if total == 0:
                    break
                exact.append(np.array([f / total for f in fr], dtype=object))
            else:
                # an irrational equilibrium fails here, at the first mixing player's exact
                # regret, before the full certificate is computed
                i = next((k for k, vec in enumerate(full) if np.count_nonzero(vec) > 1), 0)
                values = action_values(game.exact_payoffs, exact, i)
                if max(values.tolist()) == values @ exact[i]:
                    eq = Equilibrium.certify(MixedProfile.from_arrays(game, exact))
                    if eq.max_regret == 0:
                        return eq
        eq = Equilibrium.certify(MixedProfile.from_arrays(game, [np.asarray(v, dtype=float) for v in full]))
        return eq if float(eq.max_regret) <= self.slack else None
