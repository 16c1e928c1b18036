"""Gambit ``.efg`` files (extensive form, ``EFG 2 R`` and ``EFG 2 D``) read and written.

Grammar (Gambit documentation, "The extensive game (.efg) file format"; the reader
follows Gambit's own): a header ``EFG 2 R "title" { "P1" "P2" }`` and an optional comment
string, then the nodes in preorder, one per line::

    p "node name" player infoset ["infoset name" { "a" "b" }] outcome ["outcome name" { u1, u2 }]
    c "node name" infoset ["infoset name" { "h" 1/2 "t" 1/2 }] outcome [...]
    t "node name" outcome ["outcome name" { u1, u2 }]

* Information sets are numbered **per player** (player 2's set 1 and player 3's set 1
  are different sets; chance sets have their own numbers). The infoset name and action
  list come with the first member and may be omitted on later members
  (``p "" 2 1 0``); when repeated, they must match.
* An outcome's name and payoffs come once, where it first appears; later nodes name it by
  its number alone. Outcome ``0`` is the null outcome (pays nothing) and takes no
  payoffs. Outcomes at non-terminal nodes add to every payoff below them.
* Payoffs and probabilities are integers, decimals or fractions ``a/b``, read exactly
  with :func:`strategy.numbers.parse_number`; commas between payoffs are optional.
* Labels: empty player names become ``"Player k"``, empty action names ``"Action k"``
  (``k`` the position), and repeated player names or action labels at one information set are made
  unique by :func:`strategy.io.labels.unique_labels` (``x_1``, ``x_2``, ... as Gambit
  does), never merged. An information set with an empty name gets ``"<player>:<number>"``
  when it has several members; a single-node one is named by its path (see
  :mod:`strategy.forms.extensive`). Repeated infoset names are made unique the same way.

The reader is iterative and linear in the size of the file, whatever the depth of the
tree: one pass reads the nodes in preorder, a second builds the tree from the leaves up.

The writer numbers information sets per player, gives the name and actions on the first
member only, and writes one outcome per leaf (the game is the same; outcome names and
outcomes at inner nodes are not kept).

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
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from strategy.errors import InvalidGameError, SpecError
from strategy.forms.extensive import ExtensiveFormGame
from strategy.forms.nodes import Chance, Decision, Node, Terminal, gc_paused
from strategy.io.labels import unique_labels
from strategy.io.source import read_source
from strategy.numbers import parse_number

__all__ = ["format_efg", "parse_efg", "read_efg", "write_efg"]

# a token is a quoted string, a brace or a word; commas and white space separate tokens,
# and a lone '"' starts a string that is never closed
_TOKEN = re.compile(r'("(?:[^"\\]|\\.)*"|[{}]|[^\s{},"]+|")', re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_MAX_INDEX_DIGITS = 18
_SHORT_INTEGER = 15  # integers this short are far inside parse_number's bounds


def _kind(tok: str) -> str:
    """``"str"``, ``"{"``, ``"}"`` or ``"word"``."""
    first = tok[0]
    if first == '"':
        return "str"
    return first if first in "{}" else "word"


def _text(tok: str) -> str:
    """The value of a token: a quoted string without its quotes and escapes."""
    if tok[0] != '"':
        return tok
    inner = tok[1:-1]
    return _ESCAPE.sub(r"\1", inner) if "\\" in inner else inner


@dataclass
class _InfosetDef:
    """An information set as first defined in the file."""

    name: str
    actions: list[str]
    probs: list[Fraction] | None
    at: int  # index of its first node's token
    members: int = 1


class _Reader:
    """Tokens of the file (one regular-expression pass) and a cursor over them.

    Lines are not tracked while reading: an error finds the line of its token again.
    """

    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.path = path
        self.toks: list[str] = _TOKEN.findall(text)
        self.i = 0
        self.numbers: dict[str, Fraction] = {}
        if '"' in self.toks:
            self.i = self.toks.index('"')
            raise self.error("a string is not closed: add the closing '\"'")

    def line_of(self, index: int) -> int:
        """The line of token `index` (the last token's line past the end)."""
        if not self.toks:
            return 1
        index = min(index, len(self.toks) - 1)
        for k, m in enumerate(_TOKEN.finditer(self.text)):
            if k == index:
                return self.text.count("\n", 0, m.start()) + 1
        return self.text.count("\n") + 1

    def error(self, message: str, index: int | None = None) -> SpecError:
        return SpecError(message, path=self.path, line=self.line_of(self.i if index is None else index))

    def take(self, kind: str | None, what: str) -> str:
        """The next token's value, which must be of `kind` (any kind if None)."""
        if self.i >= len(self.toks):
            raise self.error(f"unexpected end of file, expected {what}")
        tok = self.toks[self.i]
        if kind is not None and _kind(tok) != kind:
            raise self.error(f"expected {what}, got {tok!r}")
        self.i += 1
        return _text(tok)

    def at_str(self) -> bool:
        return self.i < len(self.toks) and self.toks[self.i][0] == '"'

    def integer(self, what: str) -> int:
        tok = self.take("word", what)
        if not (tok.isascii() and tok.isdigit()) or len(tok) > _MAX_INDEX_DIGITS:
            raise self.error(f"expected {what} (a whole number), got {tok!r}", self.i - 1)
        return int(tok)

    def number(self, index: int, what: str) -> Fraction:
        """The number at token `index` (read exactly, bounded; cached by its text)."""
        tok = self.toks[index]
        value = self.numbers.get(tok)
        if value is not None:
            return value
        if _kind(tok) != "word":
            raise self.error(f"expected {what}, got {tok!r}", index)
        if len(tok) <= _SHORT_INTEGER and tok.lstrip("-").isdigit() and tok.isascii():
            value = self.numbers[tok] = Fraction(int(tok))  # what parse_number gives, without its checks
            return value
        try:
            value = self.numbers[tok] = parse_number(tok)
        except ValueError as err:
            raise self.error(f"expected {what}, got {tok!r}: {err}", index) from None
        return value

    def braced(self, what: str) -> tuple[int, int]:
        """Skip ``{ ... }`` holding no braces; return the token range inside it."""
        self.take("{", f"'{{' opening the {what}")
        start = self.i
        toks = self.toks
        while True:
            if self.i >= len(toks):
                raise self.error(f"unexpected end of file, expected '}}' closing the {what}")
            first = toks[self.i][0]
            if first == "}":
                self.i += 1
                return start, self.i - 1
            if first == "{":
                raise self.error(f"unexpected '{{' inside the {what}")
            self.i += 1


def parse_efg(text: str, path: str | None = None) -> ExtensiveFormGame:
    """Parse the text of a Gambit ``.efg`` file into an :class:`ExtensiveFormGame`.

    Raises
    ------
    SpecError
        With the line number, for malformed files or invalid games.
    """
    with gc_paused():
        r = _Reader(text, path)
        if r.take("word", "'EFG'") != "EFG":
            raise r.error("not an .efg file: it must start with 'EFG 2 R'", r.i - 1)
        version = r.take("word", "the format version 2")
        if version != "2":
            raise r.error(f"unknown .efg version {version!r}: only 'EFG 2 R' (or 'EFG 2 D') files exist", r.i - 1)
        kind = r.take("word", "'R' or 'D'")
        if kind not in ("R", "D"):
            raise r.error(f"expected 'R' or 'D' after 'EFG 2', got {kind!r}", r.i - 1)
        title = r.take("str", "the title in quotes")
        first, last = r.braced("player names")
        if first == last:
            raise r.error('no players listed: give them as { "Player 1" "Player 2" }', first)
        for j in range(first, last):
            if _kind(r.toks[j]) != "str":
                raise r.error(f"expected a player name in quotes, got {r.toks[j]!r}", j)
        players = unique_labels((_text(r.toks[j]) for j in range(first, last)), default=lambda k: f"Player {k}")
        if r.at_str():
            r.take("str", "the comment")
        records, infosets = _read_nodes(r, len(players))
        root = _build(records, infosets, players)
        try:
            return ExtensiveFormGame(players, root, title)
        except InvalidGameError as err:
            raise SpecError(str(err), path=path) from None


_Record = tuple[str, str, Any]  # ("t", name, payoffs) | ("p" | "c", name, infoset key)


def _read_nodes(r: _Reader, n: int) -> tuple[list[_Record], dict[tuple[int, int], _InfosetDef]]:
    """First pass: the nodes in preorder, with payoffs accumulated down the tree."""
    outcomes: dict[int, tuple[str, tuple[Fraction, ...]]] = {}
    infosets: dict[tuple[int, int], _InfosetDef] = {}
    records: list[_Record] = []
    zero = (Fraction(0),) * n
    # open inner nodes: ([children still to read], payoffs accumulated from the root)
    stack: list[tuple[list[int], tuple[Fraction, ...]]] = []

    def outcome() -> tuple[Fraction, ...]:
        at = r.i
        number = r.integer("an outcome number")
        if not r.at_str():
            if number == 0:
                return zero
            if number not in outcomes:
                raise r.error(
                    f"outcome {number} is used before its payoffs are given: give them where it first "
                    f'appears, as {number} "name" {{ u1, u2 }}',
                    at,
                )
            return outcomes[number][1]
        if number == 0:
            raise r.error(
                "payoffs given for outcome 0, the null outcome that pays nothing: "
                "number the outcome from 1 up (or drop its name and payoffs)",
                at,
            )
        name = r.take("str", "the outcome name")
        first, last = r.braced(f"payoffs of outcome {number}")
        if last - first != n:
            raise r.error(f"outcome {number} has {last - first} payoffs for {n} players: give one per player", at)
        pays = tuple(r.number(j, "a number") for j in range(first, last))
        if number in outcomes and outcomes[number] != (name, pays):
            raise r.error(
                f"outcome {number} is given again with a different name or payoffs; "
                "repeat it exactly or refer to it by its number alone",
                at,
            )
        outcomes[number] = (name, pays)
        return pays

    while True:
        acc = stack[-1][1] if stack else zero
        at = r.i
        kind = r.take("word", "a node: p, c or t")
        if kind not in ("p", "c", "t"):
            raise r.error(f"unknown node type {kind!r}; expected p (player), c (chance) or t (terminal)", at)
        name = r.take("str", "the node name in quotes")
        if stack:
            stack[-1][0][0] -= 1
        if kind == "t":
            here = outcome()
            records.append(("t", name, here if acc is zero else tuple(a + b for a, b in zip(acc, here, strict=True))))
            while stack and stack[-1][0][0] == 0:
                stack.pop()
            if not stack:
                break
            continue
        if kind == "p":
            pl = r.integer("a player number")
            if not 1 <= pl <= n:
                raise r.error(f"player {pl} does not exist (there are {n}: number them 1 to {n})", r.i - 1)
        else:
            pl = 0
        set_at = r.i
        key = (pl, r.integer("an information set number"))
        owner = f"player {pl}" if pl else "chance"
        known = infosets.get(key)
        if r.at_str():
            iname = r.take("str", "the information set name")
            first, last = r.braced("actions")
            toks = r.toks
            probs: list[Fraction] | None = None
            if pl:
                for j in range(first, last):
                    if _kind(toks[j]) != "str":
                        raise r.error(f"expected an action name in quotes, got {toks[j]!r}", j)
                actions = [_text(toks[j]) for j in range(first, last)]
            else:
                if (last - first) % 2 or any(_kind(toks[j]) != "str" for j in range(first, last, 2)):
                    raise r.error('chance moves come as pairs "label" probability', at)
                actions = [_text(toks[j]) for j in range(first, last, 2)]
                probs = [r.number(j, "a probability") for j in range(first + 1, last, 2)]
            if not actions:
                raise r.error("a node with no actions: list at least one, or make it a terminal node 't'", at)
            if known is None:
                known = infosets[key] = _InfosetDef(iname, actions, probs, at, 0)
            elif (known.name, known.actions, known.probs) != (iname, actions, probs):
                raise r.error(
                    f"information set {key[1]} of {owner} is given again with a different name, actions or "
                    f"probabilities than on line {r.line_of(known.at)}; repeat them exactly or omit them",
                    set_at,
                )
        elif known is None:
            raise r.error(
                f"information set {key[1]} of {owner} is used before it is defined: give its name and "
                "actions at its first node",
                set_at,
            )
        known.members += 1
        here = outcome()
        records.append((kind, name, key))
        stack.append(
            ([len(known.actions)], acc if here is zero else tuple(a + b for a, b in zip(acc, here, strict=True)))
        )
    if r.i < len(r.toks):
        raise r.error(f"unexpected text after the tree: {_text(r.toks[r.i])!r}")
    return records, infosets


def _infoset_labels(infosets: dict[tuple[int, int], _InfosetDef], players: tuple[str, ...]) -> dict[Any, str | None]:
    keys = [k for k in infosets if k[0]]
    wanted = [infosets[k].name or f"{players[k[0] - 1]}:{k[1]}" for k in keys]
    named = [j for j, k in enumerate(keys) if infosets[k].name or infosets[k].members > 1]
    labels: dict[Any, str | None] = dict.fromkeys(keys)
    labels.update(zip((keys[j] for j in named), unique_labels(wanted[j] for j in named), strict=True))
    return labels


def _build(records: list[_Record], infosets: dict[tuple[int, int], _InfosetDef], players: tuple[str, ...]) -> Node:
    """Second pass: build the tree from the leaves up (reverse preorder)."""
    labels = _infoset_labels(infosets, players)
    actions = {k: unique_labels(d.actions, default=lambda j: f"Action {j}") for k, d in infosets.items()}
    built: list[Node] = []
    for kind, name, data in reversed(records):
        if kind == "t":
            built.append(Terminal(dict(zip(players, data, strict=True)), name))
            continue
        acts = actions[data]
        kids = [built.pop() for _ in acts]
        if kind == "p":
            built.append(Decision(players[data[0] - 1], dict(zip(acts, kids, strict=True)), labels[data], name))
        else:
            probs = infosets[data].probs
            assert probs is not None
            built.append(Chance({a: (p, kid) for a, p, kid in zip(acts, probs, kids, strict=True)}, name))
    return built[0]


def _num(x: Any) -> str:
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    if isinstance(x, int):
        return str(x)
    return repr(float(x))


def _q(s: str) -> str:
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_efg(game: ExtensiveFormGame) -> str:
    """Return the Gambit ``.efg`` text of `game`.

    Information sets are numbered per player in order of first appearance; the name and
    actions are written at the first member only (Gambit's shorthand ``p "" 2 1 0`` for the
    others), an information set named by its path is written without a name, and every
    leaf gets its own outcome.
    """
    lines = [f"EFG 2 R {_q(game.title)} {{ {' '.join(_q(p) for p in game.players)} }}", '""', ""]
    numbers: dict[int, int] = {}
    per_player = [0] * game.n_players
    player_number = {p: i + 1 for i, p in enumerate(game.players)}
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
            pl = player_number[node.player]
            if j in numbers:
                lines.append(f"p {_q(node.label)} {pl} {numbers[j]} 0")
                continue
            per_player[pl - 1] += 1
            numbers[j] = per_player[pl - 1]
            info = game.infosets[j]
            first = game.nodes[info.nodes[0]]
            name = info.label if isinstance(first, Decision) and first.infoset is not None else ""
            moves = " ".join(_q(a) for a, _ in game.children[k])
            lines.append(f"p {_q(node.label)} {pl} {numbers[j]} {_q(name)} {{ {moves} }} 0")
    return "\n".join(lines) + "\n"


def read_efg(path: str | Path) -> ExtensiveFormGame:
    """Read a Gambit ``.efg`` file."""
    return parse_efg(read_source(path), str(path))


def write_efg(game: ExtensiveFormGame, path: str | Path) -> None:
    """Write `game` as a Gambit ``.efg`` file."""
    Path(path).write_text(format_efg(game), encoding="utf-8")
