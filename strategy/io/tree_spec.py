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

import re
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from strategy.errors import InvalidGameError, SpecError
from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Node, Terminal, path_label
from strategy.io.source import read_source

__all__ = ["parse_tree_spec", "read_tree_spec"]

_RATIONAL = re.compile(r"\s*[-+]?\d+(\s*/\s*\d+)?\s*")
_DECIMAL = re.compile(r"\s*[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?\s*")


def _number(x: Any, where: str, path: str | None) -> Any:
    if isinstance(x, bool):
        raise SpecError(f"{where}: {x!r} is a boolean, not a number", path=path)
    if isinstance(x, int | float):
        return x
    if isinstance(x, str):
        if _RATIONAL.fullmatch(x):
            try:
                return Fraction(x.replace(" ", ""))
            except ZeroDivisionError:
                raise SpecError(f"{where}: division by zero in {x!r}", path=path) from None
        if _DECIMAL.fullmatch(x):
            return Fraction(x.strip())
    raise SpecError(f'{where}: {x!r} is not a number (write 3, 0.5 or "1/3")', path=path)


def _node(data: Any, trail: tuple[str, ...], path: str | None) -> Node:
    where = f"tree at {path_label(trail)}"
    if not isinstance(data, Mapping):
        raise SpecError(f"{where}: a node must be a table, got {type(data).__name__}", path=path)
    kinds = [k for k in ("player", "chance", "payoffs") if k in data]
    if len(kinds) != 1:
        raise SpecError(
            f"{where}: a node needs exactly one of 'player', 'chance' or 'payoffs' (found {kinds or 'none'})", path=path
        )
    label = str(data.get("label", ""))
    if "payoffs" in data:
        pays = data["payoffs"]
        if not isinstance(pays, Mapping):
            raise SpecError(f"{where}: payoffs must be a table player = number", path=path)
        return Terminal({p: _number(v, f"{where}: payoff of {p}", path) for p, v in pays.items()}, label)
    if "chance" in data:
        outcomes = data["chance"]
        if not isinstance(outcomes, Mapping) or not outcomes:
            raise SpecError(f"{where}: chance must be a table outcome = {{ p = ..., node = {{...}} }}", path=path)
        out = {}
        for name, spec in outcomes.items():
            if not isinstance(spec, Mapping) or "p" not in spec or "node" not in spec:
                raise SpecError(f"{where}: chance outcome {name!r} needs 'p' and 'node'", path=path)
            out[name] = (
                _number(spec["p"], f"{where}: probability of {name}", path),
                _node(spec["node"], (*trail, name), path),
            )
        return Chance(out, label)
    moves = data.get("moves")
    if not isinstance(moves, Mapping) or not moves:
        raise SpecError(
            f"{where}: decision node of {data['player']} needs a table 'moves' with at least one move", path=path
        )
    infoset = data.get("infoset")
    return Decision(
        str(data["player"]),
        {a: _node(m, (*trail, a), path) for a, m in moves.items()},
        None if infoset is None else str(infoset),
        label,
    )


def parse_tree_spec(data: Mapping[str, Any], path: str | None = None) -> ExtensiveFormGame:
    """Build an :class:`ExtensiveFormGame` from parsed TOML (tables ``game`` and ``tree``)."""
    game = data.get("game", {})
    if not isinstance(game, Mapping) or "players" not in game:
        raise SpecError("missing [game] table with players = [...]", path=path)
    if "tree" not in data:
        raise SpecError("missing [tree] table (the root node)", path=path)
    root = _node(data["tree"], (), path)
    try:
        return ExtensiveFormGame(tuple(map(str, game["players"])), root, str(game.get("title", "")))
    except InvalidGameError as err:
        raise SpecError(str(err), path=path) from None


def read_tree_spec(path: str | Path) -> ExtensiveFormGame:
    """Read a tree TOML file."""
    import tomllib

    p = Path(path)
    text = read_source(p)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None)
        raise SpecError(f"invalid TOML: {err}", path=str(p), line=line) from None
    return parse_tree_spec(data, str(p))
