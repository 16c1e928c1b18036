"""A game tree as an indented text outline, for the terminal.

Each decision node names its player (and its information set when it shares one with
other nodes), each chance node lists its outcomes with their probabilities, and each leaf
shows every player's payoff by name.

Examples
--------
>>> from fractions import Fraction
>>> from strategy.forms.extensive import ExtensiveFormGame, chance, decide, leaf
>>> def moves(fight):
...     return decide("Sender", Fight=leaf(Sender=fight, Receiver=-fight), Yield=leaf(Sender=0, Receiver=1))
>>> game = ExtensiveFormGame(("Sender", "Receiver"),
...     chance(Strong=(Fraction(2, 3), moves(2)), Weak=(Fraction(1, 3), moves(-1))), title="Nature first")
>>> print(tree_outline(game))
Nature first
chance
├─ Strong (2/3): Sender chooses
│  ├─ Fight: Sender 2, Receiver -2
│  └─ Yield: Sender 0, Receiver 1
└─ Weak (1/3): Sender chooses
   ├─ Fight: Sender -1, Receiver 1
   └─ Yield: Sender 0, Receiver 1
"""

from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from typing import Any

from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Terminal
from strategy.numbers import decimals as decimal_places
from strategy.numbers import format_number

__all__ = ["tree_outline"]


MAX_LINES = 400
"""The most lines an outline prints; a larger tree ends with a line saying how much is left out."""

MAX_DEPTH = 40
"""The deepest level an outline indents to; deeper subtrees are summarised in one line."""


def _children(node: Any) -> list[Any]:
    if isinstance(node, Decision):
        return list(node.moves.values())
    if isinstance(node, Chance):
        return [child for _, child in node.outcomes.values()]
    return []


def _shared_infosets(root: Any) -> Counter[str]:
    counts: Counter[str] = Counter()
    stack = [root]
    while stack:  # iterative: trees may be deeper than Python's recursion limit
        node = stack.pop()
        if isinstance(node, Decision) and node.infoset is not None:
            counts[node.infoset] += 1
        stack.extend(_children(node))
    return counts


def tree_outline(game: ExtensiveFormGame, *, digits: int = 4, decimals: int | None = None) -> str:
    """Return the tree of `game` as an indented outline (see the module example).

    Payoffs and chance probabilities print as fractions when exact, floats with `digits`
    significant digits, or decimals with `decimals` places. At most :data:`MAX_LINES`
    lines and :data:`MAX_DEPTH` levels are printed, so the outline of a huge or very deep
    tree stays readable; what is left out is said.
    """
    with nullcontext() if decimals is None else decimal_places(decimals):
        shared = {name for name, n in _shared_infosets(game.root).items() if n > 1}
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

        def entries(node: Any, indent: str) -> list[tuple[str, Any, str]]:
            """(line, child, the child's indent) for each move out of `node`."""
            items = branches(node)
            if items and len(indent) >= 3 * MAX_DEPTH:
                return [(f"{indent}└─ … {len(items)} moves deeper than {MAX_DEPTH} levels, not shown", None, "")]
            return [
                (
                    f"{indent}{'└─' if k == len(items) - 1 else '├─'} {label}: {head(child)}",
                    child,
                    indent + ("   " if k == len(items) - 1 else "│  "),
                )
                for k, (label, child) in enumerate(items)
            ]

        stack = entries(game.root, "")[::-1]
        while stack:  # depth first in the order of the moves, without recursion
            line, child, indent = stack.pop()
            if len(lines) >= MAX_LINES:
                lines.append(f"… the outline stops at {MAX_LINES} lines")
                break
            lines.append(line)
            if child is not None:
                stack.extend(entries(child, indent)[::-1])
        return "\n".join(lines)
