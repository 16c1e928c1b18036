"""HTML for notebooks and reports: payoff tables with best replies marked and pure
equilibria highlighted, and results as tables of equilibria with certificate and guarantee.

Only strings are built here; nothing third-party is imported. A payoff is marked as a best
reply (bold, with a ``*``) when it is the largest payoff of that player against the others'
actions in that cell (:func:`strategy.solvers.pure.best_reply_mask`); a cell where every
payoff is a best reply is a pure Nash equilibrium and is shaded. Importing this module
registers :func:`game_html` and :func:`result_html` as the ``_repr_html_`` of games and
results (:mod:`strategy.forms.rendering`).
"""

from __future__ import annotations

import html
import itertools
from typing import Any

import numpy as np

from strategy.forms.normal import NormalFormGame
from strategy.forms.rendering import register
from strategy.numbers import format_number
from strategy.solvers.pure import best_reply_mask
from strategy.solvers.result import SolveResult

__all__ = ["game_html", "joint_text", "player_text", "result_html", "strategy_text"]

_STYLE = (
    "<style>.strategy-table{border-collapse:collapse;margin:0.4em 0}"
    ".strategy-table td,.strategy-table th{border:1px solid #999;padding:0.25em 0.6em;text-align:center}"
    ".strategy-table td.eq{background:#ffe9a8}.strategy-table b{color:#0b4f9c}</style>"
)


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


def strategy_text(distribution: dict[str, Any]) -> str:
    """``{"Hold": 1/3, "Arm": 2/3, "Disarm": 0}`` -> ``"Hold 1/3, Arm 2/3"``; pure -> the action."""
    support = {a: p for a, p in distribution.items() if p != 0}
    if len(support) == 1:
        return next(iter(support))
    return ", ".join(f"{a} {format_number(p)}" for a, p in support.items())


def _dist(choice: Any) -> dict[str, Any]:
    return {choice: 1} if isinstance(choice, str) else dict(choice)


def player_text(profile: Any, player: str) -> str:
    """One player's part of any profile: a mixed strategy, behaviour at each information
    set (trees), or a strategy per type / per message with beliefs (signalling games)."""
    sender = getattr(profile, "sender", None)
    if sender is not None:  # a perfect Bayesian equilibrium
        game = profile.game
        if player == game.sender:
            return "; ".join(f"{t}: {strategy_text(dict(d))}" for t, d in sender.items())
        parts = []
        for m, d in profile.receiver.items():
            text = f"{m}: {strategy_text(dict(d))}"
            if m in profile.beliefs:
                text += " (belief " + strategy_text(dict(profile.beliefs[m])) + ")"
            elif m in profile.off_path:
                beliefs = profile.off_path[m]
                if beliefs.interval is not None:
                    lo, hi = (format_number(v) for v in beliefs.interval)
                    text += f" (off path, belief in {beliefs.types[0]} from {lo} to {hi})"
                else:
                    vertices = " | ".join(strategy_text(dict(v)) for v in beliefs.vertices)
                    text += f" (off path, beliefs spanned by {vertices})"
            parts.append(text)
        return "; ".join(parts)
    if hasattr(profile, "masses"):  # a correlated distribution: the player's marginal
        return strategy_text(profile.marginal(player))
    choices = getattr(profile, "choices", None)
    if choices is not None:  # a behaviour profile of a tree
        infosets = [i.label for i in profile.game.infosets if i.player == player]
        return "; ".join(
            f"at {label}: {strategy_text(_dist(choices[label]))}"
            for label in infosets
            if choices.get(label) is not None
        )
    return strategy_text(profile[player])


def joint_text(profile: Any) -> str:
    """A correlated distribution: ``"C, C 1/2; C, D 1/4; D, C 1/4"``."""
    return "; ".join(f"{', '.join(k)} {format_number(p)}" for k, p in profile.masses().items())


def result_html(result: SolveResult) -> str:
    """Render a result: one row per equilibrium, then the method, guarantee and notes."""
    names = list(result.game.player_names)
    joint = any(hasattr(eq.profile, "masses") for eq in result.equilibria)
    head = "".join(f"<th>{html.escape(n)}{' (marginal)' if joint else ''}</th>" for n in names)
    if joint:
        head = f"<th>recommended profiles</th>{head}"
    pay = "".join(f"<th>u({html.escape(n)})</th>" for n in names)
    tail = "<th>optimises</th>" if joint else ""
    rows = [f'<table class="strategy-table"><tr><th>#</th>{head}{pay}<th>max regret</th>{tail}</tr>']
    for k, eq in enumerate(result.equilibria):
        strategies = f"<td>{html.escape(joint_text(eq.profile))}</td>" if joint else ""
        for n in names:
            strategies += f"<td>{html.escape(player_text(eq.profile, n))}</td>"
        payoffs = "".join(f"<td>{html.escape(format_number(v))}</td>" for v in eq.payoffs.values())
        objectives = f"<td>{html.escape(', '.join(getattr(eq.profile, 'objectives', ())))}</td>" if joint else ""
        regret = html.escape(format_number(eq.max_regret))
        rows.append(f"<tr><td>{k + 1}</td>{strategies}{payoffs}<td>{regret}</td>{objectives}</tr>")
    rows.append("</table>")
    facts = [
        f"method: {html.escape(result.method)}",
        f"guarantee: {html.escape(str(result.guarantee))}",
        f"degenerate: {'not checked' if result.degenerate is None else ('yes' if result.degenerate else 'no')}",
    ]
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in result.notes)
    parts = [f"<p><b>{len(result)} equilibri{'um' if len(result) == 1 else 'a'}</b> ({'; '.join(facts)})</p>"]
    parts.append("".join(rows))
    if result.components:
        listed = ", ".join("{" + ", ".join(str(i + 1) for i in c.equilibria) + "}" for c in result.components)
        parts.append(f"<p>Components (maximal convex sets of equilibria, by extreme points): {listed}</p>")
    if notes:
        parts.append(f"<ul>{notes}</ul>")
    return "".join(parts)


register(NormalFormGame, game_html, "html")
register(SolveResult, result_html, "html")
