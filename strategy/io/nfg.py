"""Gambit's strategic-form file format (``.nfg``), read and written.

A file starts ``NFG 1 R "title" { "Player 1" "Player 2" }``, then either the numbers of
strategies ``{ 3 2 }`` or their names ``{ { "T" "M" "B" } { "L" "R" } }``, an optional
comment string, then the payoffs in one of two styles:

* **payoff style**: for every pure profile, one payoff per player;
* **outcome style**: a block of outcomes ``{ { "name" 1, 2 } ... }`` followed by one
  outcome number per profile (``0`` is the null outcome, paying zero to everyone).

Profiles are listed with **player 1's strategy varying fastest**, then player 2's, and
so on (the opposite of the C order of :attr:`NormalFormGame.payoffs`). Numbers may be
integers, decimals or rationals such as ``1/3``; all are kept exact as
:class:`~fractions.Fraction` (read by :func:`strategy.numbers.parse_number`, so their
digits and exponent are bounded).

Labels: a file that only counts strategies gets ``"1"``, ``"2"``, ... as Gambit gives;
an empty player name becomes ``"Player k"``, an empty strategy name ``"Strategy k"``, and
repeated names are made unique as Gambit 16.7 does, by
:func:`strategy.io.labels.unique_labels` (``defect_1``, ``defect_2``), in their order.
The declared table is checked against the values the file holds and against
:data:`MAX_PROFILES` before anything is allocated.

References
----------
The Gambit Project, "Game representation formats", https://gambitproject.readthedocs.io.

Examples
--------
>>> game = parse_nfg('NFG 1 R "Matching" { "A" "B" } { 2 2 }  1 -1 -1 1 -1 1 1 -1')
>>> game.payoff({"A": "1", "B": "2"})
{'A': Fraction(-1, 1), 'B': Fraction(1, 1)}
>>> parse_nfg(format_nfg(game)) == game
True
"""

from __future__ import annotations

import itertools
import math
import re
from fractions import Fraction
from pathlib import Path

import numpy as np

from strategy.errors import InvalidGameError, SpecError
from strategy.forms.normal import NormalFormGame
from strategy.forms.players import Player
from strategy.io.labels import unique_labels
from strategy.io.source import read_source
from strategy.numbers import parse_number

__all__ = ["MAX_PROFILES", "format_nfg", "parse_nfg", "read_nfg", "write_nfg"]

MAX_PROFILES = 1_000_000
"""The most pure profiles a file may declare. Beyond it the table (one exact number per
player and profile, plus a float copy) would take gigabytes, and no solver of the toolkit
enumerates it; the count is checked, with the data the file actually holds, before
anything is allocated."""

_TOKEN = re.compile(r'\s+|"((?:[^"\\]|\\.)*)"|([{},])|([^\s{},"]+)', re.DOTALL)


def _tokens(text: str, path: str | None) -> list[tuple[str, str, int]]:
    """Split into (kind, value, line) with kind ``str``, ``sym`` or ``word``."""
    out: list[tuple[str, str, int]] = []
    pos, line = 0, 1
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise SpecError(f"unterminated string starting {text[pos : pos + 20]!r}", path=path, line=line)
        quoted, sym, word = match.groups()
        if quoted is not None:
            out.append(("str", re.sub(r"\\(.)", r"\1", quoted), line))
        elif sym is not None:
            if sym != ",":
                out.append(("sym", sym, line))
        elif word is not None:
            out.append(("word", word, line))
        line += match.group(0).count("\n")
        pos = match.end()
    return out


class _Reader:
    def __init__(self, text: str, path: str | None) -> None:
        self.tokens = _tokens(text, path)
        self.pos = 0
        self.path = path

    def line(self) -> int:
        if self.pos < len(self.tokens):
            return self.tokens[self.pos][2]
        return self.tokens[-1][2] if self.tokens else 1

    def error(self, message: str) -> SpecError:
        return SpecError(message, path=self.path, line=self.line())

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self, what: str) -> tuple[str, str, int]:
        token = self.peek()
        if token is None:
            raise self.error(f"the file ends early: expected {what}")
        self.pos += 1
        return token

    def expect(self, kind: str, value: str | None, what: str) -> str:
        token = self.next(what)
        if token[0] != kind or (value is not None and token[1] != value):
            self.pos -= 1
            raise self.error(f"expected {what}, found {token[1]!r}")
        return token[1]

    def at(self, kind: str, value: str | None = None) -> bool:
        token = self.peek()
        return token is not None and token[0] == kind and (value is None or token[1] == value)

    def strings(self, what: str) -> list[str]:
        self.expect("sym", "{", f"'{{' opening the {what}")
        out = []
        while not self.at("sym", "}"):
            out.append(self.expect("str", None, f"a quoted {what[:-1]} name or '}}'"))
        self.pos += 1
        return out

    def number(self, what: str) -> Fraction:
        token = self.next(what)
        if token[0] != "word":
            self.pos -= 1
            raise self.error(f"expected {what}, found {token[1]!r}")
        try:
            return parse_number(token[1])
        except ValueError as err:
            self.pos -= 1
            raise self.error(f"{token[1]!r} is not a number: {err}") from None


def parse_nfg(text: str, path: str | None = None) -> NormalFormGame:
    """Parse the text of a Gambit ``.nfg`` file into an exact :class:`NormalFormGame`.

    Parameters
    ----------
    text : str
        The file's contents (payoff or outcome style).
    path : str, optional
        Used in error messages.

    Raises
    ------
    SpecError
        With the line of the first problem, for example a missing payoff.
    """
    r = _Reader(text, path)
    if not r.tokens:
        raise SpecError("the file is empty; a Gambit game starts with 'NFG 1 R'", path=path, line=1)
    r.expect("word", "NFG", "'NFG' at the start of a Gambit strategic-form file")
    version = r.next("the version number 1")
    if version[1] != "1":
        r.pos -= 1
        raise r.error(f"unknown .nfg version {version[1]!r}: only 'NFG 1 R' (or 'NFG 1 D') files exist")
    kind = r.next("'R' or 'D' after the version")
    if kind[1] not in ("R", "D"):
        r.pos -= 1
        raise r.error(f"expected 'R' or 'D' after 'NFG 1', found {kind[1]!r}")
    title = r.expect("str", None, "the quoted title")
    raw_names = r.strings("players")
    if not raw_names:
        raise r.error("the game has no players")
    names = unique_labels(raw_names, default=lambda k: f"Player {k}")
    r.expect("sym", "{", "'{' opening the strategies or their numbers")
    actions: list[tuple[str, ...]] = []
    if r.at("sym", "{"):
        for name in names:
            if not r.at("sym", "{"):
                raise r.error(f'expected the strategies of player {name!r} as {{ "s1" "s2" ... }}')
            actions.append(unique_labels(r.strings("strategies"), default=lambda k: f"Strategy {k}"))
        r.expect("sym", "}", "'}' closing the strategy lists (one list per player)")
    else:
        for name in names:
            count = r.number(f"the number of strategies of player {name!r}")
            if count.denominator != 1 or count < 1:
                r.pos -= 1
                raise r.error(f"player {name!r} must have a whole, positive number of strategies; found {count}")
            _check_size(r, [*map(len, actions), int(count)], len(names))
            actions.append(tuple(str(k + 1) for k in range(int(count))))
        r.expect("sym", "}", f"'}}' closing the {len(names)} strategy counts")
    if r.at("str"):
        r.pos += 1  # the comment
    shape = tuple(len(a) for a in actions)
    n = len(names)
    _check_size(r, shape, n)
    n_profiles = math.prod(shape)
    dims = "x".join(map(str, shape))
    # profiles in file order (player 1 fastest) = Fortran order of the payoff table
    flat: list[list[Fraction]]
    if r.at("sym", "{"):
        r.pos += 1
        outcomes: list[list[Fraction]] = []
        while not r.at("sym", "}"):
            if r.peek() is None:
                raise r.error("the file ends inside the outcome list")
            start = r.line()
            r.expect("sym", "{", "'{' opening an outcome or '}' closing the outcome list")
            r.expect("str", None, "the quoted outcome name")
            values = []
            while not r.at("sym", "}"):
                if r.peek() is None:
                    raise r.error("the file ends inside an outcome")
                values.append(r.number("an outcome payoff"))
            r.pos += 1
            if len(values) != n:
                raise SpecError(
                    f"outcome {len(outcomes) + 1} has {len(values)} payoffs; expected {n}, one per player",
                    path=path,
                    line=start,
                )
            outcomes.append(values)
        r.pos += 1
        null = [Fraction(0)] * n
        flat = []
        for found in range(n_profiles):
            if r.peek() is None:
                raise r.error(f"expected {n_profiles} outcome numbers ({dims} profiles), found {found}")
            k = r.number("an outcome number")
            if k.denominator != 1 or not 0 <= k <= len(outcomes):
                r.pos -= 1
                raise r.error(f"outcome number {k} is out of range 0..{len(outcomes)}")
            flat.append(null if k == 0 else outcomes[int(k) - 1])
    else:
        expected = n_profiles * n
        start_line = r.line()
        words = len(r.tokens) - r.pos
        if words != expected:
            line = r.tokens[-1][2] if words else start_line
            raise SpecError(
                f"expected {expected} payoffs ({dims} profiles x {n} players), found {words}",
                path=path,
                line=line if words > expected else start_line,
            )
        flat = [[r.number(f"a payoff of {names[i]!r}") for i in range(n)] for _ in range(n_profiles)]
    extra = r.peek()
    if extra is not None:
        raise r.error(f"unexpected {extra[1]!r} after the payoffs")
    table = np.empty((n_profiles, n), dtype=object)
    table[:] = flat
    data = [table[:, i].reshape(shape, order="F").tolist() for i in range(n)]
    try:
        players = tuple(Player(name, acts) for name, acts in zip(names, actions, strict=True))
        return NormalFormGame(players, data, title=title, exact=True)
    except InvalidGameError as err:
        raise SpecError(str(err), path=path) from None


def _check_size(r: _Reader, shape: tuple[int, ...] | list[int], n: int) -> None:
    """Refuse a table larger than the data present or than :data:`MAX_PROFILES`, before allocating."""
    remaining = len(r.tokens) - r.pos
    profiles = 1
    for k in shape:
        profiles *= k
        if profiles > remaining:
            raise r.error(
                f"the declared strategies ({' x '.join(map(str, shape))}) need {profiles:,} profiles but the file "
                f"holds only {remaining:,} more values; check the strategy counts"
            )
        if profiles > MAX_PROFILES:
            raise r.error(
                f"the declared strategies ({' x '.join(map(str, shape))}) make more than {MAX_PROFILES:,} "
                "profiles, the largest table this reader builds; reduce the strategies"
            )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number(value: Fraction | float) -> str:
    if isinstance(value, Fraction):
        return str(value)
    return np.format_float_positional(float(value), trim="-")


def format_nfg(game: NormalFormGame) -> str:
    """Return the Gambit ``.nfg`` text of `game` (payoff style, with strategy names).

    Exact payoffs are written as integers or rationals (``1/3``); float payoffs as
    decimals. Profiles are listed with player 1's strategy varying fastest.
    """
    values = game.exact_payoffs if game.exact_payoffs is not None else game.payoffs
    players = " ".join(_quote(p.name) for p in game.players)
    strategies = " ".join("{ " + " ".join(_quote(a) for a in p.actions) + " }" for p in game.players)
    lines = [f"NFG 1 R {_quote(game.title)} {{ {players} }}", "", f"{{ {strategies} }}", '""', ""]
    shape = game.shape
    for rev in itertools.product(*(range(k) for k in reversed(shape))):
        idx = tuple(reversed(rev))
        lines.append(" ".join(_number(values[(i, *idx)]) for i in range(game.n_players)))
    return "\n".join(lines) + "\n"


def read_nfg(path: str | Path) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file."""
    return parse_nfg(read_source(path), str(path))


def write_nfg(game: NormalFormGame, path: str | Path) -> None:
    """Write `game` as a Gambit ``.nfg`` file."""
    Path(path).write_text(format_nfg(game), encoding="utf-8")
