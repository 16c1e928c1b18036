"""Players: a name and the labels of the actions (strategies) open to them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from strategy.errors import InvalidGameError, UnknownLabelError

__all__ = ["Player", "as_players"]


@dataclass(frozen=True, slots=True)
class Player:
    """A player of a finite game.

    Parameters
    ----------
    name : str
        Non-empty label, unique within a game.
    actions : tuple of str
        Non-empty, unique action labels, in the order of the payoff array's axis.

    Examples
    --------
    >>> Player("Turkey", ("Disarm", "Hold", "Arm")).index("Hold")
    1
    """

    name: str
    actions: tuple[str, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidGameError(f"a player's name must be a non-empty string; got {self.name!r}")
        actions = tuple(self.actions) if not isinstance(self.actions, str) else (self.actions,)
        object.__setattr__(self, "actions", actions)
        if not actions:
            raise InvalidGameError(f"player {self.name!r} has no actions; give at least one")
        for action in actions:
            if not isinstance(action, str) or not action.strip():
                raise InvalidGameError(f"player {self.name!r} has an empty or non-string action label {action!r}")
        duplicates = sorted({a for a in actions if actions.count(a) > 1})
        if duplicates:
            raise InvalidGameError(
                f"player {self.name!r} has duplicate action labels {duplicates}; labels must be unique"
            )

    @property
    def n_actions(self) -> int:
        """Number of actions."""
        return len(self.actions)

    def index(self, action: str) -> int:
        """Return the position of `action`; raise :class:`UnknownLabelError` if absent."""
        try:
            return self.actions.index(action)
        except ValueError:
            raise UnknownLabelError("action", action, self.actions, f"of player {self.name!r}") from None


def as_players(players: Iterable[Player | tuple[str, Sequence[str]]]) -> tuple[Player, ...]:
    """Normalise players given as :class:`Player` or ``(name, actions)`` pairs; check names."""
    result = tuple(p if isinstance(p, Player) else Player(p[0], tuple(p[1])) for p in players)
    if not result:
        raise InvalidGameError("a game needs at least one player")
    names = [p.name for p in result]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InvalidGameError(f"duplicate player names {duplicates}; player names must be unique")
    return result
