"""Plain-text tables for the terminal: payoff tables and solve results.

Examples
--------
>>> from strategy.forms.normal import NormalFormGame
>>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...     actions=(("C", "D"), ("C", "D")))
>>> print(payoff_table(game))
Row \\ Column  C      D
C             3, 3   0, 5*
D             5*, 0  1*, 1*
<BLANKLINE>
* marks a best reply to the other player's action.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

import numpy as np

from strategy.forms.normal import NormalFormGame
from strategy.numbers import decimals as decimal_places
from strategy.numbers import format_number
from strategy.solvers.pure import best_reply_mask

__all__ = ["format_result", "payoff_table"]


def _grid(rows: list[list[str]]) -> str:
    widths = [max(len(row[k]) for row in rows if k < len(row)) for k in range(max(map(len, rows)))]
    lines = []
    for row in rows:
        cells = [cell.ljust(widths[k]) if k < len(row) - 1 else cell for k, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def payoff_table(game: NormalFormGame, *, digits: int = 4, decimals: int | None = None) -> str:
    """Return the payoff table; ``*`` marks each payoff that is a best reply.

    Two-player games print as a matrix with cells ``row payoff, column payoff``; games with
    more players print one line per pure profile. Exact payoffs print as fractions, floats
    with `digits` significant digits; with `decimals`, every number prints with that many
    decimal places.
    """
    with nullcontext() if decimals is None else decimal_places(decimals):
        return _payoff_table(game, digits)


def _payoff_table(game: NormalFormGame, digits: int) -> str:
    values = game.exact_payoffs if game.exact_payoffs is not None else game.payoffs
    mask = best_reply_mask(game)

    def cell(index: tuple[int, ...]) -> str:
        return ", ".join(
            format_number(values[(i, *index)], digits) + ("*" if mask[(i, *index)] else "")
            for i in range(game.n_players)
        )

    head = f"{game.title}\n" if game.title else ""
    if game.n_players == 2:
        row_p, col_p = game.players
        rows = [[f"{row_p.name} \\ {col_p.name}", *col_p.actions]]
        for r, label in enumerate(row_p.actions):
            rows.append([label, *(cell((r, c)) for c in range(col_p.n_actions))])
        return head + _grid(rows) + "\n\n* marks a best reply to the other player's action."
    rows = [[*(p.name for p in game.players), "payoffs"]]
    for index in np.ndindex(*game.shape):
        rows.append([*(p.actions[a] for p, a in zip(game.players, index, strict=True)), cell(index)])
    return head + _grid(rows) + "\n\n* marks a best reply to the other players' actions."


_OBJECTIVE = {"max": "best for", "min": "worst for"}


def _joint_lines(profile: Any, digits: int) -> list[str]:
    """A correlated distribution: each recommended profile with its probability, the
    marginals, and what the point optimises."""
    lines = ["    recommended profiles:"]
    for actions, p in profile.masses().items():
        lines.append(f"      {', '.join(actions)}: {format_number(p, digits)}")
    for player in profile.game.players:
        parts = [f"{a}={format_number(p, digits)}" for a, p in profile.marginal(player.name).items() if p != 0]
        lines.append(f"    {player.name} (marginal): {', '.join(parts)}")
    if profile.objectives:
        named = []
        for objective in profile.objectives:
            sense, _, player = objective.partition(":")
            named.append(f"{_OBJECTIVE[sense]} {player}" if player else "total welfare")
        lines.append(f"    optimises: {'; '.join(named)}")
    return lines


def _mix(choice: Any, digits: int, *, pure_label: bool = True) -> str:
    """``a`` for a pure choice (when `pure_label`), else ``a=p, b=q`` over the positive entries."""
    positive = {a: p for a, p in choice.items() if p != 0}
    if pure_label and len(positive) == 1 and next(iter(positive.values())) == 1:
        return next(iter(positive))
    return ", ".join(f"{a}={format_number(p, digits)}" for a, p in positive.items())


def _signalling_lines(profile: Any, digits: int) -> list[str]:
    """A perfect Bayesian equilibrium: the sender's plan per type, the receiver's reply per
    message, the beliefs (on path by Bayes' rule; off path the set that supports the reply)."""
    game = profile.game
    plan = "; ".join(f"{t} -> {_mix(d, digits)}" for t, d in profile.sender.items())
    reply = "; ".join(f"after {m} -> {_mix(d, digits)}" for m, d in profile.receiver.items())
    lines = [f"    {game.sender} (by type): {plan}", f"    {game.receiver} (by message): {reply}"]
    for m, belief in profile.beliefs.items():
        lines.append(f"    belief after {m}: {_mix(belief, digits, pure_label=False)}")
    for m, belief_set in profile.off_path.items():
        if belief_set.interval is not None:
            lo, hi = (format_number(v, digits) for v in belief_set.interval)
            where = f"P({belief_set.types[0]}) in [{lo}, {hi}]"
        else:
            extreme = " or ".join("{" + _mix(v, digits, pure_label=False) + "}" for v in belief_set.vertices)
            where = f"{extreme} and their mixtures"
        lines.append(f"    belief after {m} (off path): any with {where}")
    type_payoffs = ", ".join(f"{t} {format_number(v, digits)}" for t, v in profile.type_payoffs.items())
    lines.append(f"    {profile.classification}; {game.sender}'s payoff by type: {type_payoffs}")
    return lines


def _profile_lines(equilibrium: Any, game: Any, digits: int) -> list[str]:
    profile = equilibrium.profile
    if hasattr(profile, "masses"):
        return _joint_lines(profile, digits)
    if hasattr(profile, "sender") and hasattr(profile, "receiver"):
        return _signalling_lines(profile, digits)
    probabilities = getattr(profile, "probabilities", None)
    players = getattr(game, "players", None)
    if probabilities is not None and players is not None and all(hasattr(p, "actions") for p in players):
        lines = []
        for player, probs in zip(players, probabilities, strict=True):
            parts = [f"{a}={format_number(p, digits)}" for a, p in zip(player.actions, probs, strict=True) if p != 0]
            lines.append(f"    {player.name}: {', '.join(parts)}")
        return lines
    choices = getattr(profile, "choices", None)
    if choices is not None:  # a behaviour profile of a tree: information set -> choice
        lines = []
        for label, choice in choices.items():
            if choice is None:
                choice = "(unreachable by own choice)"
            elif not isinstance(choice, str):
                choice = _mix(choice, digits)
            lines.append(f"    {label}: {choice}")
        return lines
    return [f"    {profile!r}"]


def format_result(result: Any, *, digits: int = 4, decimals: int | None = None) -> str:
    """Return a readable summary of a :class:`~strategy.solvers.result.SolveResult`.

    A header with the method, guarantee and degeneracy, then each equilibrium with its
    labelled probabilities (fractions when exact, or decimals with `decimals` places),
    payoffs and certificate (the maximum regret, recomputed from the profile).
    """
    with nullcontext() if decimals is None else decimal_places(decimals):
        return _format_result(result, digits)


def _format_result(result: Any, digits: int) -> str:
    game = result.game
    title = getattr(game, "title", "")
    degenerate = {True: "yes", False: "no", None: "unknown"}[result.degenerate]
    lines = [
        *([title] if title else []),
        (
            f"method: {result.method}   guarantee: {result.guarantee}   degenerate: {degenerate}   "
            f"equilibria: {len(result)}"
        ),
    ]
    for k, equilibrium in enumerate(result, start=1):
        concept = str(getattr(equilibrium, "concept", "nash"))
        lines.append(f"equilibrium {k} ({concept}):")
        lines.extend(_profile_lines(equilibrium, game, digits))
        payoffs = ", ".join(f"{name} {format_number(v, digits)}" for name, v in equilibrium.payoffs.items())
        lines.append(f"    payoffs: {payoffs}")
        regret = equilibrium.max_regret
        kind = "exact" if getattr(equilibrium, "is_exact", False) else "float"
        if concept == "quantal_response":
            lines.append(
                f"    Nash regret: {format_number(regret, digits)} (a noisy-response point, not a certificate)"
            )
        else:
            lines.append(f"    certificate: max regret {format_number(regret, digits)} ({kind})")
    for component in getattr(result, "components", ()):
        if len(component.equilibria) > 1:
            members = ", ".join(str(i + 1) for i in component.equilibria)
            lines.append(f"component: equilibria {members} and every mix of them (per player)")
    for note in getattr(result, "notes", ()):
        lines.append(f"note: {note}")
    return "\n".join(lines)


def _register() -> None:
    from strategy.forms.rendering import register
    from strategy.solvers.result import SolveResult

    register(NormalFormGame, payoff_table)
    register(SolveResult, format_result)


_register()
