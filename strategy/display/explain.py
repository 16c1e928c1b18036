"""Plain-language explanations of equilibria, for seminars and reports.

For each player the explanation compares the value of every action against the others'
equilibrium strategies, e.g. "Russia's best reply to Turkey's Hold is Squeeze:
Squeeze 3.35 > Restrain 2.5 > AllOut 1.7". For mixed equilibria it states the
indifference that keeps the opponent mixing.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

from strategy.display.html import strategy_text
from strategy.numbers import DEFAULT_TOL, format_number
from strategy.solvers.result import Equilibrium, SolveResult

__all__ = ["explain", "explain_equilibrium"]


def _others(equilibrium: Equilibrium, player: str) -> str:
    game = equilibrium.profile.game
    parts = [f"{name}'s {strategy_text(equilibrium.profile[name])}" for name in game.player_names if name != player]
    return " and ".join(parts)


def explain_equilibrium(equilibrium: Equilibrium) -> list[str]:
    """Return one sentence per player saying why their strategy is a best reply."""
    profile = equilibrium.profile
    if hasattr(profile, "classification"):  # a PBE of a signalling game
        return _signalling_sentences(equilibrium)
    if hasattr(profile, "off_path"):
        return _tree_sentences(equilibrium)
    if not hasattr(profile, "action_values"):
        payoffs = ", ".join(f"{name} {format_number(v)}" for name, v in equilibrium.payoffs.items())
        return [f"Equilibrium with payoffs {payoffs} and maximum regret {format_number(equilibrium.max_regret)}."]
    sentences = []
    for name in profile.game.player_names:
        values: dict[str, Any] = profile.action_values(name)
        ranked = sorted(values.items(), key=lambda kv: float(kv[1]), reverse=True)
        played = [a for a, p in profile[name].items() if p != 0]
        chain = " > ".join(f"{a} {format_number(v)}" for a, v in ranked)
        if len(played) == 1:
            best = played[0]
            runner = [(a, v) for a, v in ranked if a != best]
            if runner and float(runner[0][1]) == float(values[best]):
                reason = (
                    f"it ties with {runner[0][0]} ({format_number(values[best])} each), so {name} is willing to play it"
                )
            else:
                reason = chain
            sentences.append(f"{name}'s best reply to {_others(equilibrium, name)} is {best}: {reason}.")
        else:
            level = format_number(values[played[0]])
            sentences.append(
                f"{name} mixes {strategy_text(profile[name])} because against {_others(equilibrium, name)} "
                f"{' and '.join(played)} give the same expected payoff ({level}); the others' mixing keeps {name} indifferent."
            )
    return sentences


def _ties(a: Any, b: Any) -> bool:
    """Equal exactly (Fractions) or within the toolkit's tolerance (floats)."""
    return a == b or abs(float(a) - float(b)) <= DEFAULT_TOL * max(1.0, abs(float(a)), abs(float(b)))


def _ranking(ranked: list[tuple[str, Any]]) -> str:
    """``"A 3 > B 2 = C 2"``: actions by value, ties shown as ties."""
    text = f"{ranked[0][0]} {format_number(ranked[0][1])}"
    for (_, before), (a, v) in itertools.pairwise(ranked):
        text += f" {'=' if _ties(before, v) else '>'} {a} {format_number(v)}"
    return text


def _tree_sentences(equilibrium: Equilibrium) -> list[str]:
    """The path of play, then each decision with the values behind it; off-path choices
    that are not best replies there are named as non-credible threats."""
    profile = equilibrium.profile
    game = profile.game
    payoffs = ", ".join(f"{name} {format_number(v)}" for name, v in equilibrium.payoffs.items())
    moves = ", ".join(f"{player} {action}" for player, action in profile.path())
    sentences = [f"Play: {moves} (payoffs {payoffs})."]
    values = profile.action_values()
    off = profile.off_path()
    for info in game.infosets:
        choice = profile[info.label]
        if info.label not in values or choice is None:
            continue
        ranked = sorted(values[info.label].items(), key=lambda kv: float(kv[1]), reverse=True)
        chain = _ranking(ranked)
        shown = choice if isinstance(choice, str) else strategy_text(choice)
        where = "at the start" if info.label == "root" else f"at {info.label}"
        if info.label not in off:
            sentences.append(f"{info.player} plays {shown} {where}: {chain}.")
            continue
        played = [choice] if isinstance(choice, str) else [a for a, p in choice.items() if p]
        credible = all(_ties(values[info.label][a], ranked[0][1]) for a in played)
        verdict = "" if credible else " (a non-credible threat: not a best reply if it came to it)"
        sentences.append(f"Off the path, {info.player} would play {shown} {where}: {chain}{verdict}.")
    return sentences


def _signalling_sentences(equilibrium: Equilibrium) -> list[str]:
    """A PBE: its kind; each type's message with the value of every message against the
    receiver's replies; each message's belief and the receiver's reply with its values."""
    pbe = equilibrium.profile
    g = pbe.game
    zero: Any = Fraction(0) if g.exact else 0.0

    def reply_value(t: int, m: str, payoffs: Any) -> Any:
        k = g.messages.index(m)
        return sum((p * payoffs[t, k, g.actions.index(a)] for a, p in pbe.receiver[m].items()), zero)

    sentences = [f"The sender's strategy is {pbe.classification}."]
    for i, t in enumerate(g.types):
        values = {m: reply_value(i, m, g.sender_payoffs) for m in g.messages}
        ranked = sorted(values.items(), key=lambda kv: float(kv[1]), reverse=True)
        sentences.append(
            f"{g.sender} of type {t} sends {strategy_text(pbe.sender[t])}, given the replies: {_ranking(ranked)}."
        )
    for m in g.messages:
        reply = strategy_text(pbe.receiver[m])
        if m in pbe.beliefs:
            belief = pbe.beliefs[m]
            values = {
                a: sum((belief[t] * g.receiver_payoffs[i, g.messages.index(m), k] for i, t in enumerate(g.types)), zero)
                for k, a in enumerate(g.actions)
            }
            ranked = sorted(values.items(), key=lambda kv: float(kv[1]), reverse=True)
            shown = ", ".join(f"{t} {format_number(p)}" for t, p in belief.items())
            sentences.append(
                f"After {m}, {g.receiver} believes ({shown}) by Bayes' rule and plays {reply}: {_ranking(ranked)}."
            )
        elif m in pbe.off_path:
            region = pbe.off_path[m]
            if region.interval is not None:
                lo, hi = region.interval
                where = f"P({region.types[0]}) in [{format_number(lo)}, {format_number(hi)}]"
            else:
                where = " or ".join(
                    "(" + ", ".join(f"{t} {format_number(p)}" for t, p in v.items()) + ")" for v in region.vertices
                )
                where = f"beliefs in the hull of {where}"
            sentences.append(f"{m} is never sent; {g.receiver} would play {reply}, a best reply for {where}.")
    return sentences


def explain(result: SolveResult) -> str:
    """Explain a result in plain language: what was found, how sure we are, and why each is stable."""
    lines = [
        (
            f"{len(result)} equilibri{'um' if len(result) == 1 else 'a'} found by {result.method}; "
            f"guarantee: {result.guarantee}."
        )
    ]
    if result.degenerate:
        lines.append("The game is degenerate (ties): equilibria may form continua; their extreme points are listed.")
    for k, eq in enumerate(result.equilibria, start=1):
        lines.append(f"Equilibrium {k} (maximum regret {format_number(eq.max_regret)}):")
        lines.extend(f"  - {s}" for s in explain_equilibrium(eq))
    lines.extend(f"Note: {n}" for n in result.notes)
    return "\n".join(lines)
