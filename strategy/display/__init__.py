"""Displays for people: terminal tables (:mod:`.text`), plain-language explanations
(:mod:`.explain`), LaTeX for papers and slides (:mod:`.latex`) and notebook widgets
(:mod:`.widgets`, imported lazily)."""

from typing import Any

from strategy.display.explain import explain, explain_equilibrium
from strategy.display.latex import escape_latex, game_to_latex, result_to_latex, tree_to_latex
from strategy.display.text import format_result, payoff_table

__all__ = [
    "escape_latex",
    "explain",
    "explain_equilibrium",
    "explore",
    "format_result",
    "game_to_latex",
    "payoff_table",
    "regime_text",
    "result_to_latex",
    "tree_to_latex",
]


def __getattr__(name: str) -> Any:
    if name in ("explore", "regime_text"):
        from strategy.display import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'strategy.display' has no attribute {name!r}")
