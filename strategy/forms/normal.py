r"""Finite games in normal (strategic) form.

An :math:`n`-player normal-form game :math:`(N, (A_i)_{i\in N}, (u_i)_{i\in N})` has
players :math:`N = \{0, \dots, n-1\}`, finite action sets :math:`A_i` and payoff functions
:math:`u_i : A_0 \times \dots \times A_{n-1} \to \mathbb{R}`.

**The payoff convention.** ``payoffs[i, a_0, ..., a_{n-1}]`` is player *i*'s payoff when
player *k* plays action ``a_k``. Every player's array uses this same global action order
(unlike QuantEcon's own-action-first arrays, and unlike Axelrod's transposed ``B``). For a
bimatrix game ``payoffs[0] = A`` and ``payoffs[1] = B``, both indexed ``[row, column]``.

Games are immutable values: arrays are copied and made read-only, variants are made with
:meth:`NormalFormGame.restrict` or :func:`dataclasses.replace`. Integer and
:class:`~fractions.Fraction` payoffs are kept exactly (see :mod:`strategy.numbers`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Self

import numpy as np
import numpy.typing as npt

from strategy.errors import InvalidGameError, UnknownLabelError
from strategy.forms.players import Player, as_players
from strategy.forms.shapes import MAX_PAYOFFS, _as_list, _default_actions, _matrix_shape, check_size, readonly
from strategy.numbers import FloatArray, ObjectArray, to_number_array

if TYPE_CHECKING:
    from strategy.forms.profiles import MixedProfile

__all__ = ["MAX_PAYOFFS", "NormalFormGame", "check_size"]

PlayerSpec = Player | tuple[str, Sequence[str]]
PayoffsLike = npt.ArrayLike | Sequence[Any]
"""An array or nested sequences of payoffs; unlike ``npt.ArrayLike`` it admits Fractions."""


@dataclass(frozen=True, eq=False)
class NormalFormGame:
    """A finite game in normal form with labelled players and actions.

    Parameters
    ----------
    players : sequence of Player or (name, actions)
        The players in order; their action lists give the array's axes.
    payoffs : array_like
        Shape ``(n_players, n_0, ..., n_{n-1})``; ``payoffs[i, a_0, ..., a_{n-1}]`` is
        player *i*'s payoff.
    title : str
        Optional name of the game.
    exact : bool or None
        ``None`` (default) keeps int/Fraction payoffs exact; ``True`` makes float payoffs
        exact through their decimal form; ``False`` drops exactness.

    Examples
    --------
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     players=("Row", "Column"), actions=(("C", "D"), ("C", "D")))
    >>> game.payoff({"Row": "D", "Column": "C"})
    {'Row': Fraction(5, 1), 'Column': Fraction(0, 1)}
    """

    players: tuple[Player, ...]
    payoffs: FloatArray
    title: str = ""
    exact: bool | None = field(default=None, repr=False)
    exact_payoffs: ObjectArray | None = field(init=False, repr=False, default=None)

    if TYPE_CHECKING:  # the generated __init__ takes what __post_init__ normalises: player specs, array-likes

        def __init__(
            self, players: Sequence[PlayerSpec], payoffs: PayoffsLike, title: str = "", exact: bool | None = None
        ) -> None: ...

    def __post_init__(self) -> None:
        players = as_players(self.players)
        object.__setattr__(self, "players", players)
        check_size([p.n_actions for p in players], "the game")
        source = self.payoffs
        if isinstance(source, np.ndarray) and source.dtype == np.float64 and self.exact is None:
            floats, fractions = np.array(source, dtype=np.float64), None
            bad = np.argwhere(~np.isfinite(floats))
            if bad.size:
                raise InvalidGameError(self._place(tuple(bad[0])) + " is not finite; payoffs must be finite numbers")
        else:
            try:
                floats, fractions = to_number_array(source, exact=self.exact)
            except ValueError as err:
                raise InvalidGameError(f"invalid payoffs: {err}") from None
        expected = (len(players), *(p.n_actions for p in players))
        if floats.shape != expected:
            names = ", ".join(f"{p.name}'s actions" for p in players)
            hint = ""
            if len(players) == 2 and floats.shape == (2, expected[2], expected[1]):
                hint = " Did you transpose the matrices?"
            raise InvalidGameError(
                f"payoffs must have shape {expected} = (players, {names}); got {floats.shape}.{hint}"
            )
        object.__setattr__(self, "payoffs", readonly(floats))
        object.__setattr__(self, "exact_payoffs", None if fractions is None else readonly(fractions))
        object.__setattr__(self, "exact", fractions is not None)

    def _place(self, index: tuple[int, ...]) -> str:
        player, *profile = index
        labels = ", ".join(p.actions[a] for p, a in zip(self.players, profile, strict=False))
        return f"payoff of {self.players[player].name} at ({labels})"

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_bimatrix(
        cls,
        row_payoffs: PayoffsLike,
        column_payoffs: PayoffsLike,
        *,
        players: tuple[str, str] = ("Row", "Column"),
        actions: tuple[Sequence[str], Sequence[str]] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> Self:
        """Build a two-player game from the row player's and the column player's matrices.

        Both matrices are indexed ``[row action, column action]``. Actions default to
        ``"1", "2", ...`` as in Gambit's files.
        """
        rows, cols = _matrix_shape(row_payoffs, "row payoffs")
        if _matrix_shape(column_payoffs, "column payoffs") != (rows, cols):
            raise InvalidGameError(
                f"row payoffs are {rows}x{cols} but column payoffs are "
                f"{'x'.join(map(str, _matrix_shape(column_payoffs, 'column payoffs')))}; both are indexed "
                "[row action, column action]"
            )
        if actions is None:
            actions = (_default_actions(rows), _default_actions(cols))
        data: Any = [_as_list(row_payoffs), _as_list(column_payoffs)]
        if exact is None and all(
            isinstance(m, np.ndarray) and m.dtype.kind == "f" for m in (row_payoffs, column_payoffs)
        ):
            data = np.stack([row_payoffs, column_payoffs]).astype(np.float64)  # floats stay floats: no per-entry pass
        return cls(
            (Player(players[0], tuple(actions[0])), Player(players[1], tuple(actions[1]))),
            data,
            title=title,
            exact=exact,
        )

    @classmethod
    def zero_sum(
        cls,
        row_payoffs: PayoffsLike,
        *,
        title: str = "",
        exact: bool | None = None,
        players: tuple[str, str] = ("Row", "Column"),
        actions: tuple[Sequence[str], Sequence[str]] | None = None,
    ) -> Self:
        """Build a two-player zero-sum game from the row player's matrix."""
        rows = _as_list(row_payoffs)
        _matrix_shape(rows, "row payoffs")
        negated = [[-v for v in row] for row in rows]
        return cls.from_bimatrix(rows, negated, players=players, actions=actions, title=title, exact=exact)

    @classmethod
    def from_arrays(
        cls,
        players: Sequence[PlayerSpec],
        arrays: Sequence[PayoffsLike],
        *,
        title: str = "",
        exact: bool | None = None,
    ) -> Self:
        """Build a game from one payoff array per player, each in the global action order."""
        return cls(as_players(players), [_as_list(a) for a in arrays], title=title, exact=exact)

    @classmethod
    def from_table(
        cls,
        players: Sequence[PlayerSpec],
        table: Mapping[tuple[str, ...], Sequence[Any] | Mapping[str, Any]],
        *,
        title: str = "",
        exact: bool | None = None,
    ) -> Self:
        """Build a game from a table keyed by labelled profiles.

        Each key is a tuple with one action label per player; each value lists the
        payoffs in player order, or maps player names to payoffs. Every profile must
        appear exactly once.

        Examples
        --------
        >>> game = NormalFormGame.from_table(
        ...     [("Row", ("H", "T")), ("Column", ("H", "T"))],
        ...     {("H", "H"): (1, -1), ("H", "T"): (-1, 1), ("T", "H"): (-1, 1), ("T", "T"): (1, -1)})
        >>> game.is_zero_sum
        True
        """
        ps = as_players(players)
        shape = tuple(p.n_actions for p in ps)
        check_size(shape, "the table")
        cells: dict[tuple[int, ...], Sequence[Any]] = {}
        for key, value in table.items():
            key_t = (key,) if isinstance(key, str) else tuple(key)
            if len(key_t) != len(ps):
                raise InvalidGameError(f"profile {key_t} names {len(key_t)} actions; the game has {len(ps)} players")
            index = tuple(p.index(a) for p, a in zip(ps, key_t, strict=True))
            if index in cells:
                raise InvalidGameError(f"profile {key_t} appears twice in the table")
            if isinstance(value, Mapping):
                unknown = set(value) - {p.name for p in ps}
                if unknown:
                    raise UnknownLabelError("player", min(unknown), [p.name for p in ps], f"in profile {key_t}")
                missing = [p.name for p in ps if p.name not in value]
                if missing:
                    raise InvalidGameError(f"profile {key_t} has no payoff for {missing}")
                row = [value[p.name] for p in ps]
            else:
                row = list(value)
                if len(row) != len(ps):
                    raise InvalidGameError(
                        f"profile {key_t} has {len(row)} payoffs; expected {len(ps)}, one per player"
                    )
            cells[index] = row
        missing_profiles = [
            tuple(p.actions[a] for p, a in zip(ps, idx, strict=True))
            for idx in itertools.product(*(range(n) for n in shape))
            if idx not in cells
        ]
        if missing_profiles:
            raise InvalidGameError(f"the table has no payoffs for profile(s) {missing_profiles[:3]}")
        data = np.empty((len(ps), *shape), dtype=object)
        for idx, cell in cells.items():
            for i, v in enumerate(cell):
                data[(i, *idx)] = v
        return cls(ps, data.tolist(), title=title, exact=exact)

    @classmethod
    def from_nashpy(
        cls,
        game: Any,
        *,
        title: str = "",
        players: tuple[str, str] = ("Row", "Column"),
        actions: tuple[Sequence[str], Sequence[str]] | None = None,
    ) -> Self:
        """Bring over a ``nashpy.Game``: its matrices ``A`` (row) and ``B`` (column) as a bimatrix game.

        nashpy's games carry no labels: players default to ``Row``/``Column`` and actions to
        ``"1", "2", ...``. Integer matrices stay exact; float matrices stay floats.

        Examples
        --------
        >>> import nashpy
        >>> game = NormalFormGame.from_nashpy(nashpy.Game([[1, -1], [-1, 1]]))
        >>> game.is_zero_sum, game.exact
        (True, True)
        """
        matrices = getattr(game, "payoff_matrices", None)
        if not isinstance(matrices, tuple) or len(matrices) != 2:
            raise InvalidGameError(
                f"from_nashpy expects a nashpy.Game (with payoff_matrices = (A, B)); got a {type(game).__name__}"
            )
        row, column = (np.asarray(m) for m in matrices)
        return cls.from_bimatrix(row, column, players=players, actions=actions, title=title)

    def to_nashpy(self) -> Any:
        """This two-player game as a ``nashpy.Game(A, B)`` (labels are dropped: nashpy has none).

        Exact payoffs that are all integers are passed as integer arrays (so that
        :meth:`from_nashpy` gives back an exact game); any other payoffs as floats, in
        which nashpy computes anyway.
        """
        if self.n_players != 2:
            raise InvalidGameError(f"nashpy holds two-player games; this game has {self.n_players} players")
        try:
            import nashpy
        except ImportError:  # pragma: no cover - nashpy is a runtime dependency
            raise InvalidGameError("to_nashpy needs nashpy: pip install nashpy") from None
        matrices: np.ndarray = self.payoffs
        exact = self.exact_payoffs
        values: list[Fraction] = [] if exact is None else list(exact.reshape(-1).tolist())
        if values and all(v.denominator == 1 and abs(v) < 2**62 for v in values):
            matrices = np.array([int(v) for v in values], dtype=np.int64).reshape(self.payoffs.shape)
        return nashpy.Game(matrices[0], matrices[1])

    # ------------------------------------------------------------------ queries
    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(p.n_actions for p in self.players)

    @property
    def player_names(self) -> tuple[str, ...]:
        """The players' names, in order."""
        return tuple(p.name for p in self.players)

    @property
    def values(self) -> np.ndarray:
        """The payoffs as exact Fractions when the game is exact, else as floats."""
        return self.exact_payoffs if self.exact_payoffs is not None else self.payoffs

    @property
    def is_zero_sum(self) -> bool:
        """Whether the payoffs sum to zero at every profile (exactly, or within tolerance)."""
        if self.exact_payoffs is not None:
            return bool(np.all(self.exact_payoffs.sum(axis=0) == 0))
        from strategy.numbers import scale_tolerance

        return bool(np.all(np.abs(self.payoffs.sum(axis=0)) <= scale_tolerance(self.payoffs)))

    def player_index(self, player: str | int) -> int:
        """Return the index of `player` (a name, or an index that is checked)."""
        if isinstance(player, int | np.integer) and not isinstance(player, bool):
            if 0 <= int(player) < self.n_players:
                return int(player)
            raise UnknownLabelError("player index", player, [str(i) for i in range(self.n_players)])
        for i, p in enumerate(self.players):
            if p.name == player:
                return i
        raise UnknownLabelError("player", player, self.player_names)

    def player(self, name: str) -> Player:
        """Return the player called `name`."""
        return self.players[self.player_index(name)]

    def action_index(self, profile: Mapping[str, str]) -> tuple[int, ...]:
        """Return the index tuple of a pure profile given by labels ``{player: action}``."""
        unknown = [name for name in profile if name not in self.player_names]
        if unknown:
            raise UnknownLabelError("player", unknown[0], self.player_names)
        missing = [p.name for p in self.players if p.name not in profile]
        if missing:
            raise InvalidGameError(f"the profile gives no action for {missing}")
        return tuple(p.index(profile[p.name]) for p in self.players)

    def payoff(self, profile: Mapping[str, str]) -> dict[str, Fraction | float]:
        """Return each player's payoff at a pure profile given by labels."""
        index = self.action_index(profile)
        values = self.values
        return {p.name: values[(i, *index)] for i, p in enumerate(self.players)}

    def pure_profiles(self) -> Iterator[tuple[str, ...]]:
        """Iterate over all pure profiles as tuples of action labels."""
        return itertools.product(*(p.actions for p in self.players))

    def restrict(self, keep: Mapping[str, Sequence[str]]) -> NormalFormGame:
        """Return the subgame in which the named players keep only the listed actions."""
        indices: list[list[int]] = []
        for p in self.players:
            chosen = keep.get(p.name)
            indices.append(list(range(p.n_actions)) if chosen is None else [p.index(a) for a in chosen])
        unknown = [name for name in keep if name not in self.player_names]
        if unknown:
            raise UnknownLabelError("player", unknown[0], self.player_names)
        players = tuple(
            Player(p.name, tuple(p.actions[a] for a in idx)) for p, idx in zip(self.players, indices, strict=True)
        )
        grid = np.ix_(range(self.n_players), *indices)
        return NormalFormGame(players, self.values[grid], title=self.title)

    def as_float(self) -> NormalFormGame:
        """Return the same game with float payoffs (no exact copy)."""
        return NormalFormGame(self.players, self.payoffs, title=self.title, exact=False)

    def as_exact(self) -> NormalFormGame:
        """Return the same game with exact payoffs (floats through their decimal form)."""
        if self.exact:
            return self
        return NormalFormGame(self.players, self.payoffs.tolist(), title=self.title, exact=True)

    def profile(self, strategies: Mapping[str, str | Mapping[str, Any]]) -> MixedProfile:
        """Build a :class:`~strategy.forms.profiles.MixedProfile` from labels.

        Each player maps to an action label (a pure strategy) or to ``{action: probability}``
        (unlisted actions get probability zero).
        """
        from strategy.forms.profiles import MixedProfile

        return MixedProfile.from_labels(self, strategies)

    def _repr_html_(self) -> str:
        from strategy.forms.rendering import render

        return render(self, "html")

    # ------------------------------------------------------------------ values
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        if self.players != other.players or self.title != other.title:
            return False
        if self.exact_payoffs is not None and other.exact_payoffs is not None:
            return bool(np.array_equal(self.exact_payoffs, other.exact_payoffs))
        return bool(np.array_equal(self.payoffs, other.payoffs))

    def __hash__(self) -> int:
        return hash((self.players, self.title, self.payoffs.tobytes()))

    def __str__(self) -> str:
        """The payoff table with best replies starred (see :func:`strategy.display.text.payoff_table`)."""
        from strategy.forms.rendering import render

        return render(self)

    def __repr__(self) -> str:
        shape = "x".join(str(n) for n in self.shape)
        title = f" {self.title!r}" if self.title else ""
        return f"<NormalFormGame{title} {shape}: {', '.join(self.player_names)}>"
