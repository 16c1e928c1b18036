r"""Best-response dynamics on pure profiles (Cournot adjustment), for any number of players.

Starting from a pure profile, players take turns in order; a player whose action is not a
best reply to the others' current actions switches to a best reply (the first in action
order), and a player already best-replying stays. The run stops at a pure Nash equilibrium
(nobody wants to move) or when a profile recurs at the same turn (a cycle, which then
repeats for ever). Every finite potential game stops at an equilibrium (Monderer & Shapley
1996, the finite improvement property); matching pennies cycles. Fudenberg & Levine (1998),
*The Theory of Learning in Games*, ch. 1 (Cournot adjustment); Hofbauer & Sigmund (1998),
section 8.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError, UnknownLabelError
from strategy.forms.normal import NormalFormGame

__all__ = ["best_response_dynamics"]


def _start(game: NormalFormGame, start: Mapping[str, str] | None) -> list[int]:
    given = start or {}
    unknown = [name for name in given if name not in game.player_names]
    if unknown:
        raise UnknownLabelError("player", unknown[0], game.player_names, "in the starting profile")
    return [p.index(given[p.name]) if p.name in given else 0 for p in game.players]


def best_response_dynamics(
    game: NormalFormGame, start: Mapping[str, str] | None = None, *, max_steps: int = 10_000
) -> Any:
    """Run sequential best-response dynamics from the pure profile `start`.

    `start` maps players to actions (a player left out starts at their first action).
    Returns a :class:`pandas.DataFrame` indexed by ``step`` (0 is the start) with one column
    per player holding action labels and a column ``mover`` naming who moved (empty at step
    0). ``frame.attrs["outcome"]`` is ``"equilibrium"`` or ``"cycle"``; for a cycle,
    ``frame.attrs["cycle_start"]`` is the step where the repeating part begins.

    Examples
    --------
    >>> from strategy import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    >>> path = best_response_dynamics(game, {"Row": "2", "Column": "1"})
    >>> path.attrs["outcome"], tuple(path.iloc[-1][["Row", "Column"]])
    ('equilibrium', ('1', '1'))
    """
    import pandas as pd

    if isinstance(max_steps, bool) or not isinstance(max_steps, int) or max_steps < 1:
        raise InvalidGameError(f"max_steps must be a positive integer; got {max_steps!r}")
    values = game.values
    profile = _start(game, start)
    n = game.n_players
    rows: list[tuple[list[int], str]] = [(list(profile), "")]
    seen: dict[tuple[int, tuple[int, ...]], int] = {}
    idle, turn, outcome, cycle_start = 0, 0, "", None
    while len(rows) <= max_steps:
        key = (turn, tuple(profile))
        if key in seen:
            outcome, cycle_start = "cycle", seen[key]
            break
        seen[key] = len(rows) - 1
        index = tuple(slice(None) if k == turn else profile[k] for k in range(n))
        own = values[(turn, *index)]
        best = max(own)
        if own[profile[turn]] == best:
            idle += 1
            if idle == n:
                outcome = "equilibrium"
                break
        else:
            idle = 0
            profile[turn] = int(np.argmax([v == best for v in own]))
            rows.append((list(profile), game.player_names[turn]))
        turn = (turn + 1) % n
    if not outcome:
        outcome = "stopped"
    frame = pd.DataFrame(
        [[p.actions[a] for p, a in zip(game.players, prof, strict=True)] + [mover] for prof, mover in rows],
        columns=[*game.player_names, "mover"],
    )
    frame.index.name = "step"
    frame.attrs["outcome"] = outcome
    if cycle_start is not None:
        frame.attrs["cycle_start"] = cycle_start
    return frame
