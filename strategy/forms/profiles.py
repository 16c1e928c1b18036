r"""Mixed-strategy profiles of normal-form games, and what they are worth.

A mixed profile :math:`\sigma = (\sigma_0, \dots, \sigma_{n-1})` gives each player a
probability distribution over their actions. Player *i*'s value of pure action *a*
against the others is

.. math:: v_i(a, \sigma_{-i}) = \sum_{a_{-i}} u_i(a, a_{-i}) \prod_{k \ne i} \sigma_k(a_k),

the regret of *i* is :math:`\max_a v_i(a, \sigma_{-i}) - u_i(\sigma)`, and
:math:`\sigma` is a Nash equilibrium iff every regret is zero. The maximum regret is the
certificate attached to every reported equilibrium; it is computed here, from the game's
payoffs, independently of the algorithm that found the profile, and exactly when both
the game and the profile are exact.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any, Protocol, runtime_checkable

import numpy as np

from strategy.errors import InvalidProfileError, UnknownLabelError
from strategy.forms.normal import NormalFormGame
from strategy.numbers import DEFAULT_TOL, common_denominator, is_exact_value, scale_tolerance, to_fraction

__all__ = ["MixedProfile", "Profile", "action_values"]


def action_values(values: np.ndarray, probabilities: Sequence[np.ndarray], player: int) -> np.ndarray:
    """Return player `player`'s value of each pure action against the others' mixtures.

    `values` is a payoff array in the global convention (``values[i, a_0, ...]``); works
    on float arrays and on object arrays of Fractions alike.
    """
    if values.dtype == object:
        exact = _integral_action_values(values[player], probabilities, player)
        if exact is not None:
            return exact
    if len(probabilities) == 2 and values.dtype != object:  # the bimatrix case, without moving axes
        return np.asarray(values[0] @ probabilities[1] if player == 0 else probabilities[0] @ values[1])
    arr = values[player]
    for k in reversed(range(len(probabilities))):
        if k != player:  # contract axis k (the last one unless the player's own axis follows)
            arr = (arr if k == arr.ndim - 1 else np.moveaxis(arr, k, -1)) @ probabilities[k]
    return np.asarray(arr)


def _integral_action_values(payoffs: np.ndarray, probabilities: Sequence[np.ndarray], player: int) -> np.ndarray | None:
    """Exact action values computed over common denominators: integer products and sums
    (no gcd per operation), one Fraction per result."""
    scaled: list[tuple[np.ndarray, int] | None] = [
        None if k == player else common_denominator(np.asarray(p, dtype=object)) for k, p in enumerate(probabilities)
    ]
    integral = _scaled_action_values(common_denominator(payoffs), scaled, player)
    if integral is None:
        return None
    numerators, den = integral
    out = np.empty(np.shape(numerators), dtype=object)
    out.ravel()[:] = [Fraction(v, den) for v in np.ravel(numerators).tolist()]
    return out


def _scaled_action_values(
    payoffs: tuple[np.ndarray, int] | None, scaled: Sequence[tuple[np.ndarray, int] | None], player: int
) -> tuple[np.ndarray, int] | None:
    """Player `player`'s action values as integer numerators over one denominator, from its
    payoffs and the others' probabilities, each as ``(integer numerators, denominator)``
    (:func:`strategy.numbers.common_denominator`); None when some entry is not exact."""
    if payoffs is None:
        return None
    arr, den = payoffs
    for k in reversed(range(len(scaled))):
        if k != player:
            p = scaled[k]
            if p is None:
                return None
            if k != arr.ndim - 1:  # bring axis k last (a cheap transpose: as in action_values)
                arr = arr.transpose([*range(k), *range(k + 1, arr.ndim), k])
            arr = arr @ p[0]
            den *= p[1]
    return arr, den


_SCALED_PAYOFFS: dict[int, tuple[weakref.ref[NormalFormGame], tuple[tuple[np.ndarray, int] | None, ...]]] = {}
"""id(game) -> (a weak reference to the game, its scaled payoffs); games compare by value,
so the cache is keyed by identity, and an entry leaves with its game."""


def _scaled_payoffs(game: NormalFormGame) -> tuple[tuple[np.ndarray, int] | None, ...]:
    """Each player's exact payoffs as ``(integer numerators, denominator)``
    (:func:`strategy.numbers.common_denominator`), computed once per game (games are
    immutable) for the certificates of its profiles."""
    key = id(game)
    entry = _SCALED_PAYOFFS.get(key)
    if entry is not None and entry[0]() is game:
        return entry[1]
    exact = game.exact_payoffs
    scaled = tuple(None if exact is None else common_denominator(exact[i]) for i in range(game.n_players))

    def forget(_: weakref.ref[NormalFormGame]) -> None:
        _SCALED_PAYOFFS.pop(key, None)

    _SCALED_PAYOFFS[key] = (weakref.ref(game, forget), scaled)
    return scaled


@runtime_checkable
class Profile(Protocol):
    """What every profile an equilibrium holds offers, whatever the form of game.

    Implemented by :class:`MixedProfile` (normal forms),
    :class:`~strategy.forms.behavior.BehaviorProfile` (trees),
    :class:`~strategy.solvers.signalling.enumeration.PBE` (signalling games) and
    :class:`~strategy.solvers.correlated.CorrelatedEquilibrium` (joint distributions).
    """

    def payoffs(self) -> Mapping[str, Any]:
        """Each player's expected payoff."""
        ...

    def max_regret(self) -> Any:
        """The largest gain any player could get by deviating: the certificate."""
        ...

    def as_floats(self) -> Any:
        """The probabilities as floats (the shape depends on the kind of profile)."""
        ...

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the profile (what ``strategy solve --json`` prints for it)."""
        ...


@dataclass(frozen=True, eq=False)
class MixedProfile:
    """One probability distribution per player over that player's actions.

    Build one with :meth:`NormalFormGame.profile` (labels) or :meth:`from_arrays`.
    Probabilities are Fractions when every entry is exact, floats otherwise.

    Examples
    --------
    >>> from strategy.forms.normal import NormalFormGame
    >>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]], actions=(("H", "T"), ("H", "T")))
    >>> half = {"H": Fraction(1, 2), "T": Fraction(1, 2)}
    >>> pennies.profile({"Row": half, "Column": half}).max_regret()
    Fraction(0, 1)
    """

    game: NormalFormGame
    probabilities: tuple[np.ndarray, ...]

    def __post_init__(self) -> None:
        game = self.game
        if len(self.probabilities) != game.n_players:
            raise InvalidProfileError(
                f"a profile needs one distribution per player ({game.n_players}); got {len(self.probabilities)}"
            )
        if self._floats_checked() or self._fractions_checked():
            return
        flat = [v for vec in self.probabilities for v in np.asarray(vec, dtype=object).ravel()]
        exact = all(is_exact_value(v) for v in flat)
        arrays = []
        for player, vec in zip(game.players, self.probabilities, strict=True):
            raw = np.asarray(vec, dtype=object).ravel()
            if raw.shape != (player.n_actions,):
                raise InvalidProfileError(f"{player.name} has {player.n_actions} actions; got {raw.size} probabilities")
            arr: np.ndarray
            if exact:
                arr = np.array([to_fraction(v) for v in raw], dtype=object)
                negative = [player.actions[a] for a, v in enumerate(arr) if v < 0]
                total = sum(arr, Fraction(0))
                off = total != 1
            else:
                try:
                    arr = np.array([float(v) for v in raw], dtype=np.float64)
                except (TypeError, ValueError):
                    raise InvalidProfileError(
                        f"{player.name}'s probabilities must be numbers; got {list(raw)}"
                    ) from None
                if not np.all(np.isfinite(arr)):
                    raise InvalidProfileError(f"{player.name}'s probabilities contain NaN or infinity: {list(raw)}")
                negative = [player.actions[a] for a, v in enumerate(arr) if v < -DEFAULT_TOL]
                total = float(arr.sum())
                off = abs(total - 1.0) > 1e-6
            if negative:
                raise InvalidProfileError(f"{player.name} has negative probabilities on {negative}")
            if off:
                raise InvalidProfileError(
                    f"{player.name}'s probabilities sum to {total}, not 1; rescale them or add the missing action"
                )
            arr.setflags(write=False)
            arrays.append(arr)
        object.__setattr__(self, "probabilities", tuple(arrays))

    def _fractions_checked(self) -> bool:
        """Validate vectors of Fractions at once (the solvers' exact output); False to take
        the general path."""
        vectors = self.probabilities
        if not all(isinstance(v, np.ndarray) and v.dtype == object and v.ndim == 1 for v in vectors):
            return False
        if any(v.shape != (p.n_actions,) for v, p in zip(vectors, self.game.players, strict=True)):
            return False
        for v in vectors:
            entries = v.tolist()
            if not all(type(x) is Fraction and x.numerator >= 0 for x in entries):
                return False  # the general path says what is wrong
            den = math.lcm(*(x.denominator for x in entries))
            if sum(x.numerator * (den // x.denominator) for x in entries) != den:
                return False
        self._keep(vectors)
        return True

    def _keep(self, vectors: Sequence[np.ndarray]) -> None:
        """Hold read-only copies of checked `vectors` as the probabilities."""
        arrays = []
        for v in vectors:
            arr = v.copy()
            arr.setflags(write=False)
            arrays.append(arr)
        object.__setattr__(self, "probabilities", tuple(arrays))

    def _floats_checked(self) -> bool:
        """Validate float vectors at once (the solvers' output); False to take the general path."""
        vectors = self.probabilities
        if not all(isinstance(v, np.ndarray) and v.dtype == np.float64 and v.ndim == 1 for v in vectors):
            return False
        if any(v.shape != (p.n_actions,) for v, p in zip(vectors, self.game.players, strict=True)):
            return False  # the general path says what is wrong
        if not all(np.isfinite(v).all() and v.min() >= -DEFAULT_TOL and abs(v.sum() - 1.0) <= 1e-6 for v in vectors):
            return False
        self._keep(vectors)
        return True

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_arrays(cls, game: NormalFormGame, arrays: Sequence[Any]) -> MixedProfile:
        """Build a profile from one probability vector per player, in action order."""
        return cls(
            game,
            tuple(
                a if isinstance(a, np.ndarray) and a.dtype == np.float64 else np.asarray(a, dtype=object)
                for a in arrays
            ),
        )

    @classmethod
    def from_labels(cls, game: NormalFormGame, strategies: Mapping[str, str | Mapping[str, Any]]) -> MixedProfile:
        """Build a profile from ``{player: action}`` or ``{player: {action: probability}}``."""
        unknown = [name for name in strategies if name not in game.player_names]
        if unknown:
            raise UnknownLabelError("player", unknown[0], game.player_names)
        arrays = []
        for player in game.players:
            if player.name not in strategies:
                raise InvalidProfileError(f"the profile gives no strategy for {player.name}")
            choice = strategies[player.name]
            vec = np.array([0] * player.n_actions, dtype=object)
            if isinstance(choice, str):
                vec[player.index(choice)] = 1
            else:
                for action, prob in choice.items():
                    vec[player.index(action)] = prob
            arrays.append(vec)
        return cls(game, tuple(arrays))

    @classmethod
    def pure(cls, game: NormalFormGame, index: Sequence[int]) -> MixedProfile:
        """Build the pure profile with player *k* playing action ``index[k]``."""
        arrays = []
        for player, a in zip(game.players, index, strict=True):
            vec = np.array([0] * player.n_actions, dtype=object)
            vec[a] = 1
            arrays.append(vec)
        return cls(game, tuple(arrays))

    # ------------------------------------------------------------------ queries
    @property
    def is_exact(self) -> bool:
        """Whether the probabilities are exact Fractions."""
        return self.probabilities[0].dtype == object

    def _values(self) -> np.ndarray:
        game = self.game
        if self.is_exact and game.exact_payoffs is not None:
            return game.exact_payoffs
        return game.payoffs

    def _probs(self) -> tuple[np.ndarray, ...]:
        if self.is_exact and self.game.exact_payoffs is not None:
            return self.probabilities
        return tuple(np.asarray(p, dtype=np.float64) for p in self.probabilities)

    def __getitem__(self, player: str) -> dict[str, Any]:
        i = self.game.player_index(player)
        return dict(zip(self.game.players[i].actions, self.probabilities[i].tolist(), strict=True))

    def action_values(self, player: str) -> dict[str, Any]:
        """Return `player`'s expected payoff of each pure action against the others."""
        i = self.game.player_index(player)
        return dict(zip(self.game.players[i].actions, self._all_action_values[i].tolist(), strict=True))

    @cached_property
    def _all_action_values(self) -> tuple[np.ndarray, ...]:
        """Each player's action values (computed once: the profile is immutable)."""
        integral = self._integral
        if integral is not None:
            out = []
            for numerators, den, _, _ in integral:
                vec = np.empty(len(numerators), dtype=object)
                vec[:] = [Fraction(v, den) for v in numerators]
                out.append(vec)
            return tuple(out)
        values, probs = self._values(), self._probs()
        return tuple(action_values(values, probs, i) for i in range(self.game.n_players))

    @cached_property
    def _integral(self) -> tuple[tuple[list[int], int, list[int], int], ...] | None:
        """For an exact profile of an exact game, per player: the action values as integer
        numerators over one denominator and the probabilities likewise,
        ``(values, value_denominator, probabilities, probability_denominator)``; payoffs and
        regrets then take one Fraction each. None otherwise."""
        game = self.game
        if not self.is_exact or game.exact_payoffs is None:
            return None
        vectors = [p.tolist() for p in self.probabilities]
        if all(v.count(1) == 1 and v.count(0) == len(v) - 1 for v in vectors):  # pure: values read off
            actions = [v.index(1) for v in vectors]
            pure = []
            for i, payoffs in enumerate(_scaled_payoffs(game)):
                if payoffs is None:
                    return None
                where: list[int | slice] = list(actions)
                where[i] = slice(None)
                pure.append((payoffs[0][tuple(where)].tolist(), payoffs[1], [int(x) for x in vectors[i]], 1))
            return tuple(pure)
        scaled = [common_denominator(p) for p in self.probabilities]
        out = []
        for i in range(game.n_players):
            own = scaled[i]
            values = _scaled_action_values(_scaled_payoffs(game)[i], scaled, i)
            if own is None or values is None:
                return None
            out.append((np.ravel(values[0]).tolist(), values[1], own[0].tolist(), own[1]))
        return tuple(out)

    def _player_payoff(self, i: int) -> Any:
        integral = self._integral
        if integral is not None:
            values, den, probs, probs_den = integral[i]
            return Fraction(sum(v * p for v, p in zip(values, probs, strict=True)), den * probs_den)
        return self._all_action_values[i] @ self._probs()[i]

    def payoffs(self) -> dict[str, Any]:
        """Return each player's expected payoff."""
        return {p.name: self._player_payoff(i) for i, p in enumerate(self.game.players)}

    def regrets(self) -> dict[str, Any]:
        """Return each player's regret: best-reply value minus current expected payoff."""
        out = {}
        integral = self._integral
        probs = self._probs()
        for i, p in enumerate(self.game.players):
            if integral is not None:
                values, den, weights, weights_den = integral[i]
                payoff = sum(v * w for v, w in zip(values, weights, strict=True))
                out[p.name] = Fraction(max(values) * weights_den - payoff, den * weights_den)
                continue
            vals = self._all_action_values[i]
            out[p.name] = max(vals.tolist()) - vals @ probs[i]
        return out

    def max_regret(self) -> Any:
        """Return the largest regret: zero exactly at a Nash equilibrium."""
        regrets = self.regrets().values()
        best = max(regrets)
        return max(best, 0) if isinstance(best, Fraction) else max(float(best), 0.0)

    def is_equilibrium(self, *, tol: float = DEFAULT_TOL) -> bool:
        """Whether the maximum regret is zero (exact) or within the scaled tolerance."""
        regret = self.max_regret()
        if isinstance(regret, Fraction):
            return regret == 0
        return bool(regret <= scale_tolerance(self.game.payoffs, tol))

    def best_responses(self, player: str, *, tol: float = DEFAULT_TOL) -> tuple[str, ...]:
        """Return the actions of `player` that are best replies to the others' strategies."""
        i = self.game.player_index(player)
        vals = self._all_action_values[i].tolist()
        top = max(vals)
        slack = 0 if isinstance(top, Fraction) else scale_tolerance(self.game.payoffs, tol)
        return tuple(a for a, v in zip(self.game.players[i].actions, vals, strict=True) if v >= top - slack)

    def support(self, *, tol: float = DEFAULT_TOL) -> dict[str, tuple[str, ...]]:
        """Return the actions each player plays with positive probability."""
        out = {}
        for p, vec in zip(self.game.players, self.probabilities, strict=True):
            out[p.name] = tuple(
                a for a, v in zip(p.actions, vec.tolist(), strict=True) if v > (0 if self.is_exact else tol)
            )
        return out

    @property
    def is_pure(self) -> bool:
        """Whether every player plays a single action."""
        return all(len(s) == 1 for s in self.support().values())

    def as_floats(self) -> list[list[float]]:
        """Return the probabilities as nested float lists, one list per player."""
        return [[float(v) for v in vec] for vec in self.probabilities]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"profile": [[p, ...], ...]}``, one probability list per player."""
        return {"profile": self.as_floats()}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MixedProfile):
            return NotImplemented
        return self.game == other.game and all(
            np.array_equal(a, b) for a, b in zip(self.probabilities, other.probabilities, strict=True)
        )

    def __hash__(self) -> int:
        return hash(tuple(tuple(float(v) for v in vec) for vec in self.probabilities))

    def __repr__(self) -> str:
        parts = []
        for p, vec in zip(self.game.players, self.probabilities, strict=True):
            items = ", ".join(f"{a}: {_fmt(v)}" for a, v in zip(p.actions, vec.tolist(), strict=True) if v != 0)
            parts.append(f"{p.name}: {{{items}}}")
        return f"MixedProfile({'; '.join(parts)})"


def _fmt(value: Any) -> str:
    if isinstance(value, Fraction):
        return str(value)
    return f"{value:.6g}"
