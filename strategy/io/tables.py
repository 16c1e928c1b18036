r"""Two-player games typed as a spreadsheet table (``.csv``).

The first row holds the column player's action labels; each following row starts with
a row action label and has one cell per column action, holding the row player's and the
column player's payoffs separated by ``;`` (or by ``,`` inside a quoted cell). The
top-left cell may name the players as ``Row \ Column``::

    Row \ Column,Opera,Football
    Opera,2;1,0;0
    Football,0;0,1;2

Numbers may be integers, decimals or rationals (``1/3``); all are kept exact.

Examples
--------
>>> game = parse_csv("Row \\ Column,Opera,Football\nOpera,2;1,0;0\nFootball,0;0,1;2\n")
>>> game.player_names, game.payoff({"Row": "Football", "Column": "Football"})
(('Row', 'Column'), {'Row': Fraction(1, 1), 'Column': Fraction(2, 1)})
>>> parse_csv(format_csv(game)) == game
True
"""

from __future__ import annotations

import csv
import io
import re
from fractions import Fraction
from pathlib import Path

from strategy.errors import InvalidGameError, SpecError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame, check_size
from strategy.io.source import read_source
from strategy.numbers import is_number_text, parse_number

__all__ = ["format_csv", "parse_csv", "read_csv", "write_csv"]


_DELIMITERS = (",", ";", "\t")


def _number(text: str, path: str | None, line: int, where: str) -> Fraction:
    try:
        return parse_number(text)
    except ValueError as err:
        shown = text.strip() if len(text.strip()) <= 40 else text.strip()[:37] + "..."
        reason = str(err) if is_number_text(text) else f"{shown!r} is not a number (use 3, 2.5 or 1/3)"
        raise SpecError(f"{where}: {reason}", path=path, line=line) from None


def _delimiter(text: str) -> str:
    """The column separator: the one of ``,`` ``;`` and tab used most in the first line
    (``;`` is the spreadsheet default where the decimal mark is a comma)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in _DELIMITERS}
    return max(_DELIMITERS, key=lambda d: (counts[d], -_DELIMITERS.index(d)))


def _rows(text: str, path: str | None) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text), strict=True)
    rows = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as err:
        raise SpecError(
            f"not a readable table ({err}); a cell holds two payoffs, far below the limit of "
            f"{csv.field_size_limit()} characters: check for an unclosed quote",
            path=path,
            line=reader.line_num,
        ) from None
    return rows


def parse_csv(text: str, path: str | None = None) -> NormalFormGame:
    """Parse a bimatrix table (see the module docstring); errors name the row and column.

    The columns may be separated by ``,``, ``;`` or tabs (the one used most in the first
    line); inside a cell the two payoffs are separated by ``;`` or ``,``, whichever is
    not the column separator.
    """
    rows = _rows(text, path)
    if len(rows) < 2:
        raise SpecError("a table needs a header row of column actions and at least one row", path=path, line=1)
    header_line, header = rows[0]
    corner = header[0].strip()
    players = ("Row", "Column")
    if corner:
        parts = re.split(r"\s*[\\/]\s*", corner)
        if len(parts) != 2 or not all(parts):
            raise SpecError(
                f"the top-left cell {corner!r} should be empty or 'Row player \\ Column player'",
                path=path,
                line=header_line,
            )
        players = (parts[0], parts[1])
    columns = [c.strip() for c in header[1:]]
    while columns and not columns[-1]:
        columns.pop()
    if not columns or not all(columns):
        raise SpecError(
            "the header row needs a label for every column action, separated by commas, semicolons or tabs "
            "(e.g. 'Row \\ Column,Opera,Football')",
            path=path,
            line=header_line,
        )
    try:
        check_size((len(rows) - 1, len(columns)), "the table")
    except SpecError as err:
        raise SpecError(err.message, path=path, line=header_line) from None
    row_labels, first, second = [], [], []
    for line, row in rows[1:]:
        label = row[0].strip()
        cells = [c for c in row[1:]]
        while len(cells) > len(columns) and not cells[-1].strip():
            cells.pop()
        if not label:
            raise SpecError("the first cell of each row must be the row action's label", path=path, line=line)
        if len(cells) != len(columns):
            raise SpecError(
                f"row {label!r} has {len(cells)} cells; expected {len(columns)}, one per column action "
                f"({', '.join(columns)})",
                path=path,
                line=line,
            )
        a, b = [], []
        for column, cell in zip(columns, cells, strict=True):
            where = f"row {label!r}, column {column!r}"
            parts = re.split(r"[;,]", cell)
            if len(parts) != 2:
                shown = cell if len(cell) <= 40 else cell[:37] + "..."
                raise SpecError(
                    f"{where}: cell {shown!r} should hold two payoffs like 3;1 (row's, then column's); "
                    "decimals take a point (2.5), not a comma",
                    path=path,
                    line=line,
                )
            a.append(_number(parts[0], path, line, where))
            b.append(_number(parts[1], path, line, where))
        row_labels.append(label)
        first.append(a)
        second.append(b)
    try:
        return NormalFormGame.from_bimatrix(first, second, players=players, actions=(row_labels, columns), exact=True)
    except InvalidGameError as err:
        raise SpecError(str(err), path=path) from None


def format_csv(game: NormalFormGame) -> str:
    """Return the table text of a two-player game (cells ``u;v``, rationals as ``p/q``)."""
    if game.n_players != 2:
        raise UnsupportedGameError(f"a CSV table holds a two-player game; this one has {game.n_players} players")
    values = game.exact_payoffs if game.exact_payoffs is not None else game.payoffs
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    row_p, col_p = game.players
    writer.writerow([f"{row_p.name} \\ {col_p.name}", *col_p.actions])
    for r, label in enumerate(row_p.actions):
        writer.writerow(
            [label, *(f"{_text(values[0, r, c])};{_text(values[1, r, c])}" for c in range(col_p.n_actions))]
        )
    return out.getvalue()


def _text(value: Fraction | float) -> str:
    if isinstance(value, Fraction):
        return str(value)
    return repr(float(value))


def read_csv(path: str | Path) -> NormalFormGame:
    """Read a bimatrix ``.csv`` file."""
    p = Path(path)
    text = read_source(p, encoding="utf-8-sig")
    return parse_csv(text, str(p))


def write_csv(game: NormalFormGame, path: str | Path) -> None:
    """Write a two-player game as a ``.csv`` table."""
    Path(path).write_text(format_csv(game), encoding="utf-8")
