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

_ZERO, _ONE = Fraction(0), Fraction(1)


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
        self.screen_threshold = max(self.slack, scale_tolerance(game.payoffs, 1e-7))
        self.offsets = np.cumsum([0, *game.shape])
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
        full = np.zeros((batch[0].shape[0], int(self.offsets[-1])))
        for k, x in enumerate(batch):
            full[:, [int(self.offsets[k]) + a for a in support[k]]] = x
        return self.offer_profiles(full)

    def offer_profiles(self, full: np.ndarray) -> list[int | None]:
        """Offer full profiles: the rows of ``full``, each the players' probability vectors
        concatenated (zero outside the support).

        Returns, for each profile, what :meth:`offer` returns.
        """
        ok, profiles = self.screen(full)
        out: list[int | None] = [None] * len(ok)
        for m in np.flatnonzero(ok):
            out[m] = self.admit(profiles[m])
        return out

    def screen(self, full: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which full profiles (as in :meth:`offer_profiles`) pass the float screen, and the
        profiles with negative rounding errors set to zero and each player's vector
        rescaled to sum to one."""
        game = self.game
        finite = np.isfinite(full)
        ok = np.all(finite & (full >= -1e-9), axis=1)
        vec = np.clip(np.where(finite, full, 0.0), 0.0, None)
        totals = np.add.reduceat(vec, self.offsets[:-1], axis=1)
        ok &= np.all(totals > 0, axis=1)
        vec /= np.repeat(np.where(totals > 0, totals, 1.0), game.shape, axis=1)
        if ok.any():
            xs = [vec[:, self.offsets[k] : self.offsets[k + 1]] for k in range(game.n_players)]
            regret = np.zeros(len(vec))
            for i in range(game.n_players):
                values = _multilinear.values(game.payoffs[i], xs, i)
                regret = np.maximum(regret, values.max(axis=1) - np.einsum("za,za->z", values, xs[i]))
            ok &= regret <= self.screen_threshold
        return ok, vec

    def admit(self, point: np.ndarray) -> int | None:
        """Deduplicate and certify one screened profile (the players' vectors concatenated).

        Returns the index of the equilibrium it is, or None when its certificate fails.
        """
        known = self._index(point)
        if known is not None:
            return known
        eq = self._certified([point[self.offsets[k] : self.offsets[k + 1]] for k in range(self.game.n_players)])
        if eq is None:
            return None
        point = np.concatenate([np.asarray(p, dtype=float) for p in eq.profile.probabilities])
        known = self._index(point)  # made exact, it may repeat one
        if known is not None:
            return known
        self.equilibria.append(eq)
        self._points.append(point)
        return len(self.equilibria) - 1

    def _index(self, point: np.ndarray) -> int | None:
        return next((i for i, other in enumerate(self._points) if np.abs(other - point).max() < _DUPLICATE), None)

    def _certified(self, full: Sequence[np.ndarray]) -> Equilibrium | None:
        """The candidate as an equilibrium with its certificate: exact when the game is
        exact and the profile is rational (``limit_denominator``, then an exact regret of
        zero), otherwise in floats within the tolerance; None when it fails."""
        game = self.game
        if game.exact_payoffs is not None:
            exact = []
            for vec in full:
                fr = [
                    _ZERO if v == 0.0 else _ONE if v == 1.0 else Fraction(v).limit_denominator(_DENOMINATOR)
                    for v in vec.tolist()
                ]
                total = sum(fr, _ZERO)
                if total == 0:
                    break
                exact.append(np.array(fr if total == 1 else [f / total for f in fr], dtype=object))
            else:
                # an irrational equilibrium (three or more players mix) fails here, at the
                # first mixing player's exact regret, before the full certificate is computed
                mixing = [k for k, vec in enumerate(full) if np.count_nonzero(vec) > 1]
                values = action_values(game.exact_payoffs, exact, mixing[0]) if len(mixing) > 2 else None
                if values is None or max(values.tolist()) == values @ exact[mixing[0]]:
                    eq = Equilibrium.certify(MixedProfile.from_arrays(game, exact))
                    if eq.max_regret == 0:
                        return eq
        eq = Equilibrium.certify(MixedProfile.from_arrays(game, [np.asarray(v, dtype=float) for v in full]))
        return eq if float(eq.max_regret) <= self.slack else None
