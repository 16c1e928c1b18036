"""Displays for people: terminal tables (:mod:`.text`), tree outlines (:mod:`.outline`),
plain-language explanations
(:mod:`.explain`), LaTeX for papers and slides (:mod:`.latex`) and notebook widgets
(:mod:`.widgets`, imported lazily).

Exact numbers print as fractions; :func:`set_decimals` (or ``with decimals(n):``) makes every
display print decimals with ``n`` places instead."""

from typing import Any

from strategy.display.explain import explain, explain_equilibrium
from strategy.display.latex import escape_latex, game_to_latex, result_to_latex, tree_to_latex
from strategy.display.outline import tree_outline
from strategy.display.text import format_result, payoff_table
from strategy.numbers import decimals, set_decimals

__all__ = [
    "decimals",
    "escape_latex",
    "explain",
    "explain_equilibrium",
    "explore",
    "format_result",
    "game_to_latex",
    "payoff_table",
    "regime_text",
    "result_to_latex",
    "set_decimals",
    "tree_outline",
    "tree_to_latex",
]


def __getattr__(name: str) -> Any:
    if name in ("explore", "regime_text"):
        from strategy.display import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'strategy.display' has no attribute {name!r}")
