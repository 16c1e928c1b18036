"""Gambit ``.efg`` files (extensive form, format version 4) read and written.

Format (Gambit documentation, "The extensive game (.efg) file format"): a header
``EFG 2 R "title" { "P1" "P2" }`` and an optional comment string, then the nodes in
preorder, one per line::

    p "node name" player infoset "infoset name" { "a" "b" } outcome ["outcome name" { u1, u2 }]
    c "node name" infoset "infoset name" { "h" 1/2 "t" 1/2 } outcome [...]
    t "node name" outcome "outcome name" { u1, u2 }

Outcomes attached to non-terminal nodes add to every payoff below them. Numbers may be
integers, fractions ``a/b`` or decimals; integers and fractions stay exact.

Examples
--------
>>> text = '''EFG 2 R "Entry" { "E" "I" }
... ""
... p "" 1 1 "" { "Out" "In" } 0
... t "" 1 "" { 0, 2 }
... p "" 2 1 "" { "Fight" "Accommodate" } 0
... t "" 2 "" { -1, -1 }
... t "" 3 "" { 1, 1 }
... '''
>>> game = parse_efg(text)
>>> game.players, game.n_nodes
(('E', 'I'), 5)
>>> parse_efg(format_efg(game)).n_nodes
5
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Any

from strategy.errors import InvalidGameError, SpecError
from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Node, Terminal, path_label
from strategy.io.source import read_source

__all__ = ["format_efg", "parse_efg", "read_efg", "write_efg"]

_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([{}])|([^\s{},"]+)|(,)|(\s+)', re.DOTALL)


def _tokens(text: str, path: str | None) -> list[tuple[str, str, int]]:
    out = []
    line = 1
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise SpecError(f"unexpected character {text[pos]!r}", path=path, line=line)
        if m.group(1) is not None:
            out.append(("str", m.group(1).replace('\\"', '"'), line))
        elif m.group(2):
            out.append((m.group(2), m.group(2), line))
        elif m.group(3):
            out.append(("word", m.group(3), line))
        line += m.group(0).count("\n")
        pos = m.end()
    return out


def _number(tok: tuple[str, str, int], path: str | None) -> Fraction | float:
    kind, text, line = tok
    try:
        if kind == "word" and re.fullmatch(r"[-+]?\d+(/\d+)?", text):
            return Fraction(text)
        if kind == "word":
            return float(text)
    except (ValueError, ZeroDivisionError):
        pass
    raise SpecError(f"expected a number, got {text!r}", path=path, line=line)


class _Reader:
    def __init__(self, text: str, path: str | None) -> None:
        self.toks = _tokens(text, path)
        self.i = 0
        self.path = path

    def line(self) -> int:
        return self.toks[min(self.i, len(self.toks) - 1)][2] if self.toks else 1

    def take(self, kind: str | None = None, what: str = "") -> tuple[str, str, int]:
        if self.i >= len(self.toks):
            raise SpecError(f"unexpected end of file, expected {what or kind}", path=self.path, line=self.line())
        tok = self.toks[self.i]
        if kind is not None and tok[0] != kind:
            raise SpecError(f"expected {what or kind}, got {tok[1]!r}", path=self.path, line=tok[2])
        self.i += 1
        return tok

    def peek(self) -> tuple[str, str, int] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def integer(self, what: str) -> int:
        tok = self.take("word", what)
        if not re.fullmatch(r"\d+", tok[1]):
            raise SpecError(f"expected {what} (a whole number), got {tok[1]!r}", path=self.path, line=tok[2])
        return int(tok[1])

    def braced(self) -> list[tuple[str, str, int]]:
        self.take("{", "'{'")
        out: list[tuple[str, str, int]] = []
        while True:
            tok = self.take(None, "'}'")
            if tok[0] == "}":
                return out
            out.append(tok)


def parse_efg(text: str, path: str | None = None) -> ExtensiveFormGame:
    """Parse the text of a Gambit ``.efg`` file into an :class:`ExtensiveFormGame`.

    Raises
    ------
    SpecError
        With the line number, for malformed files or invalid games.
    """
    r = _Reader(text, path)
    head = r.take("word", "'EFG'")
    if head[1] != "EFG":
        raise SpecError("not an .efg file: it must start with 'EFG 2 R'", path=path, line=head[2])
    r.take("word", "version 2")
    r.take("word", "'R'")
    title = r.take("str", "the title in quotes")[1]
    players = tuple(t[1] for t in r.braced())
    if not players:
        raise SpecError("no players listed", path=path, line=r.line())
    nxt = r.peek()
    if nxt is not None and nxt[0] == "str":
        r.take()
    outcomes: dict[int, tuple[Any, ...]] = {}
    infoset_names: dict[tuple[Any, int], str] = {}
    infoset_members: dict[tuple[Any, int], int] = {}

    def outcome(number: int, line: int) -> tuple[Any, ...]:
        nxt = r.peek()
        if nxt is not None and nxt[0] == "str":
            r.take()
            vals = [_number(t, path) for t in r.braced()]
            if len(vals) != len(players):
                raise SpecError(
                    f"outcome {number} has {len(vals)} payoffs for {len(players)} players", path=path, line=line
                )
            if number in outcomes and outcomes[number] != tuple(vals):
                raise SpecError(f"outcome {number} defined twice with different payoffs", path=path, line=line)
            outcomes[number] = tuple(vals)
        if number == 0:
            return (0,) * len(players)
        if number not in outcomes:
            raise SpecError(f"outcome {number} used before its payoffs are given", path=path, line=line)
        return outcomes[number]

    def node(acc: tuple[Any, ...], trail: tuple[str, ...]) -> Node:
        kind_tok = r.take("word", "a node type p, c or t")
        kind, line = kind_tok[1], kind_tok[2]
        name = r.take("str", "the node name in quotes")[1]
        if kind == "t":
            num = r.integer("an outcome number")
            vals = outcome(num, line)
            total = tuple(a + b for a, b in zip(acc, vals, strict=True))
            return Terminal(dict(zip(players, total, strict=True)), name)
        if kind == "p":
            pl = r.integer("a player number")
            if not 1 <= pl <= len(players):
                raise SpecError(f"player {pl} does not exist (there are {len(players)})", path=path, line=line)
            key: tuple[Any, int] = (pl, r.integer("an infoset number"))
            iname = r.take("str", "the infoset name in quotes")[1]
            actions = [t[1] for t in r.braced()]
            probs = None
        elif kind == "c":
            key = ("c", r.integer("an infoset number"))
            iname = r.take("str", "the infoset name in quotes")[1]
            items = r.braced()
            if len(items) % 2:
                raise SpecError('chance moves come as pairs "label" probability', path=path, line=line)
            actions = [items[t][1] for t in range(0, len(items), 2)]
            probs = [_number(items[t + 1], path) for t in range(0, len(items), 2)]
        else:
            raise SpecError(f"unknown node type {kind!r}; expected p, c or t", path=path, line=line)
        if not actions:
            raise SpecError("a node with no actions", path=path, line=line)
        here = outcome(r.integer("an outcome number"), line)
        acc = tuple(a + b for a, b in zip(acc, here, strict=True))
        infoset_names.setdefault(key, iname)
        infoset_members[key] = infoset_members.get(key, 0) + 1
        kids = [node(acc, (*trail, a)) for a in actions]
        if probs is not None:
            return Chance({a: (p, k) for a, p, k in zip(actions, probs, kids, strict=True)}, name)
        return Decision(players[key[0] - 1], dict(zip(actions, kids, strict=True)), f"\0{key[0]}:{key[1]}", name)

    root = node((0,) * len(players), ())
    extra = r.peek()
    if extra is not None:
        raise SpecError(f"unexpected text after the tree: {extra[1]!r}", path=path, line=extra[2])
    _name_infosets(root, infoset_names, infoset_members, ())
    try:
        return ExtensiveFormGame(players, root, title)
    except InvalidGameError as err:
        raise SpecError(str(err), path=path) from None


def _name_infosets(
    node: Node, names: dict[tuple[Any, int], str], members: dict[tuple[Any, int], int], trail: tuple[str, ...]
) -> None:
    stack = [(node, trail)]
    while stack:
        n, tr = stack.pop()
        if isinstance(n, Decision):
            assert n.infoset is not None  # parse_efg gives every Decision its "\0player:number" key
            pl, num = n.infoset[1:].split(":")
            key = (int(pl), int(num))
            name = names[key]
            label = None if members[key] == 1 and name in ("", path_label(tr)) else name or f"{n.player}:{num}"
            object.__setattr__(n, "infoset", label)
            stack.extend((c, (*tr, a)) for a, c in n.moves.items())
        elif isinstance(n, Chance):
            stack.extend((c, (*tr, a)) for a, (_, c) in n.outcomes.items())


def _num(x: Any) -> str:
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    return repr(float(x))


def _q(s: str) -> str:
    return '"' + str(s).replace('"', '\\"') + '"'


def format_efg(game: ExtensiveFormGame) -> str:
    """Return the Gambit ``.efg`` text of `game` (one outcome per leaf)."""
    lines = [f"EFG 2 R {_q(game.title)} {{ {' '.join(_q(p) for p in game.players)} }}", '""', ""]
    numbers: dict[int, tuple[int, int]] = {}
    per_player: dict[str, int] = {}
    chance_count = 0
    outcome = 0
    for k, node in enumerate(game.nodes):
        if isinstance(node, Terminal):
            outcome += 1
            pays = ", ".join(_num(v) for v in game.leaf_payoffs(k))
            lines.append(f't {_q(node.label)} {outcome} "" {{ {pays} }}')
        elif isinstance(node, Chance):
            chance_count += 1
            moves = " ".join(f"{_q(a)} {_num(node.outcomes[a][0])}" for a, _ in game.children[k])
            lines.append(f'c {_q(node.label)} {chance_count} "" {{ {moves} }} 0')
        else:
            j = game.node_infoset[k]
            if j not in numbers:
                per_player[node.player] = per_player.get(node.player, 0) + 1
                numbers[j] = (game.players.index(node.player) + 1, per_player[node.player])
            pl, num = numbers[j]
            moves = " ".join(_q(a) for a, _ in game.children[k])
            lines.append(f"p {_q(node.label)} {pl} {num} {_q(game.infosets[j].label)} {{ {moves} }} 0")
    return "\n".join(lines) + "\n"


def read_efg(path: str | Path) -> ExtensiveFormGame:
    """Read a Gambit ``.efg`` file."""
    p = Path(path)
    text = read_source(p)
    return parse_efg(text, str(p))


def write_efg(game: ExtensiveFormGame, path: str | Path) -> None:
    """Write `game` as a Gambit ``.efg`` file."""
    Path(path).write_text(format_efg(game), encoding="utf-8")
