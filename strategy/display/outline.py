"""A game tree as an indented text outline, for the terminal.

Each decision node names its player (and its information set when it shares one with
other nodes), each chance node lists its outcomes with their probabilities, and each leaf
shows every player's payoff by name.

Examples
--------
>>> from strategy.forms.extensive import ExtensiveFormGame, decide, leaf
>>> entry = ExtensiveFormGame(("Entrant", "Incumbent"), decide("Entrant",
...     Out=leaf(Entrant=0, Incumbent=2),
...     In=decide("Incumbent", Fight=leaf(Entrant=-1, Incumbent=-1),
...               Accommodate=leaf(Entrant=1, Incumbent=1))), title="Entry")
>>> print(tree_outline(entry))
Entry
Entrant chooses
├─ Out: Entrant 0, Incumbent 2
└─ In: Incumbent chooses
   ├─ Fight: Entrant -1, Incumbent -1
   └─ Accommodate: Entrant 1, Incumbent 1
"""

from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from typing import Any

from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Terminal
from strategy.numbers import decimals as decimal_places
from strategy.numbers import format_number

__all__ = ["tree_outline"]


def _shared_infosets(node: Any, counts: Counter[str]) -> Counter[str]:
    if isinstance(node, Decision):
        if node.infoset is not None:
            counts[node.infoset] += 1
        for child in node.moves.values():
            _shared_infosets(child, counts)
    elif isinstance(node, Chance):
        for _, child in node.outcomes.values():
            _shared_infosets(child, counts)
    return counts


def tree_outline(game: ExtensiveFormGame, *, digits: int = 4, decimals: int | None = None) -> str:
    """Return the tree of `game` as an indented outline (see the module example).

    Payoffs and chance probabilities print as fractions when exact, floats with `digits`
    significant digits, or decimals with `decimals` places.
    """
    with nullcontext() if decimals is None else decimal_places(decimals):
        shared = {name for name, n in _shared_infosets(game.root, Counter()).items() if n > 1}
        names = game.player_names

        def head(node: Any) -> str:
            if isinstance(node, Terminal):
                return ", ".join(f"{p} {format_number(node.payoffs[p], digits)}" for p in names)
            if isinstance(node, Chance):
                return "chance"
            where = f" [information set {node.infoset}]" if node.infoset in shared else ""
            return f"{node.player} chooses{where}"

        def branches(node: Any) -> list[tuple[str, Any]]:
            if isinstance(node, Decision):
                return list(node.moves.items())
            if isinstance(node, Chance):
                return [(f"{k} ({format_number(p, digits)})", child) for k, (p, child) in node.outcomes.items()]
            return []

        lines = [game.title] if getattr(game, "title", "") else []
        lines.append(head(game.root))

        def walk(node: Any, indent: str) -> None:
            items = branches(node)
            for k, (label, child) in enumerate(items):
                last = k == len(items) - 1
                lines.append(f"{indent}{'└─' if last else '├─'} {label}: {head(child)}")
                walk(child, indent + ("   " if last else "│  "))

        walk(game.root, "")
        return "\n".join(lines)
