"""HTML for notebooks: payoff tables with best replies marked and pure equilibria highlighted.

Only strings are built here; nothing third-party is imported. A payoff is marked as a
best reply (bold, with a ``*``) when it is the largest payoff of that player against the
others' actions in that cell; a cell where every payoff is a best reply is a pure Nash
equilibrium and is shaded.
"""

from __future__ import annotations

import html
import itertools
from typing import TYPE_CHECKING

import numpy as np

from strategy.numbers import format_number, scale_tolerance

if TYPE_CHECKING:
    from strategy.forms.normal import NormalFormGame

__all__ = ["best_reply_mask", "game_html"]

_STYLE = (
    "<style>.strategy-table{border-collapse:collapse;margin:0.4em 0}"
    ".strategy-table td,.strategy-table th{border:1px solid #999;padding:0.25em 0.6em;text-align:center}"
    ".strategy-table td.eq{background:#ffe9a8}.strategy-table b{color:#0b4f9c}</style>"
)


def best_reply_mask(game: NormalFormGame) -> np.ndarray:
    """Return a boolean array like ``game.payoffs``: True where a payoff is a best reply."""
    values = game.values
    slack = 0 if game.exact else scale_tolerance(game.payoffs)
    mask = np.zeros(values.shape, dtype=bool)
    for i in range(game.n_players):
        own = values[i]
        mask[i] = own >= own.max(axis=i, keepdims=True) - slack
    return mask


def _cell(game: NormalFormGame, mask: np.ndarray, index: tuple[int, ...]) -> str:
    parts = []
    for i in range(game.n_players):
        text = html.escape(format_number(game.values[(i, *index)]))
        parts.append(f"<b>{text}*</b>" if mask[(i, *index)] else text)
    css = ' class="eq"' if all(mask[(i, *index)] for i in range(game.n_players)) else ""
    return f"<td{css}>{', '.join(parts)}</td>"


def game_html(game: NormalFormGame) -> str:
    """Render a game as HTML tables (one per combination of the third and later players' actions)."""
    mask = best_reply_mask(game)
    row, col = game.players[0], (game.players[1] if game.n_players > 1 else None)
    title = f"<p><b>{html.escape(game.title)}</b></p>" if game.title else ""
    names = " / ".join(html.escape(p.name) for p in game.players)
    out = [_STYLE, title, f"<p>Payoffs ({names}); <b>*</b> best reply, shaded: pure equilibrium.</p>"]
    rest = [range(p.n_actions) for p in game.players[2:]]
    for tail in itertools.product(*rest):
        if tail:
            fixed = ", ".join(
                f"{html.escape(p.name)} plays {html.escape(p.actions[a])}"
                for p, a in zip(game.players[2:], tail, strict=True)
            )
            out.append(f"<p>{fixed}</p>")
        header = "".join(f"<th>{html.escape(a)}</th>" for a in (col.actions if col else ("",)))
        corner = f"{html.escape(row.name)} \\ {html.escape(col.name)}" if col else html.escape(row.name)
        rows = [f'<table class="strategy-table"><tr><th>{corner}</th>{header}</tr>']
        for r, action in enumerate(row.actions):
            cells = (
                "".join(_cell(game, mask, (r, c, *tail)) for c in range(col.n_actions))
                if col
                else _cell(game, mask, (r,))
            )
            rows.append(f"<tr><th>{html.escape(action)}</th>{cells}</tr>")
        rows.append("</table>")
        out.append("".join(rows))
    return "".join(out)
