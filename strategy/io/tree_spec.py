"""Trees written as nested TOML tables (see ``docs/trees.md``).

A node is a table with one of the keys ``player`` (decision), ``chance`` (nature) or
``payoffs`` (leaf)::

    [game]
    title = "Entry deterrence"
    players = ["Entrant", "Incumbent"]

    [tree]
    player = "Entrant"
    [tree.moves.Out]
    payoffs = { Entrant = 0, Incumbent = 2 }
    [tree.moves.In]
    player = "Incumbent"
    infoset = "after entry"        # optional: nodes sharing a name form one information set
    moves.Fight = { payoffs = { Entrant = -1, Incumbent = -1 } }
    moves.Accommodate = { payoffs = { Entrant = 1, Incumbent = 1 } }

Chance nodes: ``chance = { Heads = { p = "1/2", node = { ... } }, ... }``. Numbers are TOML
integers or floats, or strings holding an integer, a fraction ``"a/b"`` or a decimal
(kept exact). Nothing in the file is evaluated as code.

Examples
--------
>>> data = {"game": {"players": ["A"]}, "tree": {"player": "A", "moves": {
...     "x": {"payoffs": {"A": 1}}, "y": {"chance": {
...         "h": {"p": "1/2", "node": {"payoffs": {"A": 4}}},
...         "t": {"p": "1/2", "node": {"payoffs": {"A": 0}}}}}}}}
>>> game = parse_tree_spec(data)
>>> game.n_nodes
5
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from strategy.errors import InvalidGameError, SpecError
from strategy.forms.extensive import ExtensiveFormGame
from strategy.forms.nodes import Chance, Decision, Node, Terminal, gc_paused, path_label
from strategy.io.source import read_source
from strategy.numbers import parse_number

__all__ = ["loads_tree_spec", "parse_tree_spec", "read_tree_spec"]


def _number(x: Any, place: tuple[list[tuple[Any, int, str]], int, str], path: str | None) -> Any:
    """`x` as a number; `place` (frames, node, what) is spelled out only for an error."""
    if isinstance(x, bool | int | float):
        if not isinstance(x, bool):
            return x
        problem = f"{x!r} is a boolean, not a number"
    elif isinstance(x, str):
        try:
            return parse_number(x)
        except ValueError as err:
            problem = f'{err} (write 3, 0.5 or "1/3")'
    else:
        problem = f'{x!r} is not a number (write 3, 0.5 or "1/3")'
    frames, k, what = place
    raise SpecError(f"{_where(frames, k)}: {what}: {problem}", path=path)


def _where(frames: list[tuple[Any, int, str]], k: int) -> str:
    trail = []
    while k > 0:
        _, parent, move = frames[k]
        trail.append(move)
        k = parent
    return f"tree at {path_label(tuple(reversed(trail)))}"


def _tree(data: Any, path: str | None) -> Node:
    """Build the tree iteratively: tables in preorder first, then nodes from the leaves up."""
    frames: list[tuple[Any, int, str]] = []  # (table, parent frame, move label) in preorder
    kids: list[list[tuple[str, Any, int]]] = []  # per frame: (label, probability or None, child frame)
    stack: list[tuple[Any, int, str, Any]] = [(data, -1, "", None)]
    while stack:
        table, parent, move, prob = stack.pop()
        k = len(frames)
        frames.append((table, parent, move))
        kids.append([])
        if parent >= 0:
            kids[parent].append((move, prob, k))
        if not isinstance(table, Mapping):
            raise SpecError(f"{_where(frames, k)}: a node must be a table, got {type(table).__name__}", path=path)
        kinds = [key for key in ("player", "chance", "payoffs") if key in table]
        if len(kinds) != 1:
            raise SpecError(
                f"{_where(frames, k)}: a node needs exactly one of 'player', 'chance' or 'payoffs' "
                f"(found {kinds or 'none'})",
                path=path,
            )
        if "payoffs" in table:
            continue
        children: list[tuple[Any, str, Any]] = []
        if "chance" in table:
            outcomes = table["chance"]
            if not isinstance(outcomes, Mapping) or not outcomes:
                raise SpecError(
                    f"{_where(frames, k)}: chance must be a table outcome = {{ p = ..., node = {{...}} }}", path=path
                )
            for name, spec in outcomes.items():
                if not isinstance(spec, Mapping) or "p" not in spec or "node" not in spec:
                    raise SpecError(f"{_where(frames, k)}: chance outcome {name!r} needs 'p' and 'node'", path=path)
                p = _number(spec["p"], (frames, k, f"probability of {name}"), path)
                children.append((spec["node"], str(name), p))
        else:
            moves = table.get("moves")
            if not isinstance(moves, Mapping) or not moves:
                raise SpecError(
                    f"{_where(frames, k)}: decision node of {table['player']} needs a table 'moves' "
                    "with at least one move",
                    path=path,
                )
            children = [(m, str(a), None) for a, m in moves.items()]
        for child, label, p in reversed(children):
            stack.append((child, k, label, p))
    built: dict[int, Node] = {}  # nodes whose parent is not built yet
    for k in range(len(frames) - 1, -1, -1):
        table = frames[k][0]
        label = str(table.get("label", ""))
        if "payoffs" in table:
            pays = table["payoffs"]
            if not isinstance(pays, Mapping):
                raise SpecError(f"{_where(frames, k)}: payoffs must be a table player = number", path=path)
            built[k] = Terminal(
                {p: _number(v, (frames, k, f"payoff of {p}"), path) for p, v in pays.items()},
                label,
            )
        elif "chance" in table:
            built[k] = Chance({a: (p, built.pop(c)) for a, p, c in kids[k]}, label)
        else:
            infoset = table.get("infoset")
            built[k] = Decision(
                str(table["player"]),
                {a: built.pop(c) for a, _, c in kids[k]},
                None if infoset is None else str(infoset),
                label,
            )
    return built[0]


def parse_tree_spec(data: Mapping[str, Any], path: str | None = None) -> ExtensiveFormGame:
    """Build an :class:`ExtensiveFormGame` from parsed TOML (tables ``game`` and ``tree``)."""
    game = data.get("game", {})
    if not isinstance(game, Mapping) or "players" not in game:
        raise SpecError("missing [game] table with players = [...]", path=path)
    if "tree" not in data:
        raise SpecError("missing [tree] table (the root node)", path=path)
    with gc_paused():
        root = _tree(data["tree"], path)
        try:
            return ExtensiveFormGame(tuple(map(str, game["players"])), root, str(game.get("title", "")))
        except InvalidGameError as err:
            raise SpecError(str(err), path=path) from None


def loads_tree_spec(text: str, path: str | None = None) -> ExtensiveFormGame:
    """Build an :class:`ExtensiveFormGame` from the text of a tree TOML file."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None)
        raise SpecError(f"invalid TOML: {err}", path=path, line=line) from None
    except RecursionError:
        raise SpecError(
            "the TOML nests inline tables deeper than the TOML reader can follow; write deep trees "
            "with [tree.moves...] headers or as a Gambit .efg file",
            path=path,
        ) from None
    return parse_tree_spec(data, path)


def read_tree_spec(path: str | Path) -> ExtensiveFormGame:
    """Read a tree TOML file."""
    p = Path(path)
    return loads_tree_spec(read_source(p), str(p))
