"""Displays for people: terminal tables (:mod:`.text`), tree outlines (:mod:`.outline`),
plain-language explanations (:mod:`.explain`), LaTeX for papers and slides (:mod:`.latex`),
notebook widgets (:mod:`.widgets`) and text safe for a terminal (:mod:`.terminal`).

Exact numbers print as fractions; :func:`set_decimals` (or ``with decimals(n):``) makes every
display print decimals with ``n`` places instead.

Names are loaded on first use, so the command line can import :mod:`.terminal` without
the solvers that :mod:`.explain` needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from strategy.lazy import lazy_exports

if TYPE_CHECKING:
    from strategy.display.explain import explain, explain_equilibrium
    from strategy.display.latex import escape_latex, game_to_latex, result_to_latex, tree_to_latex
    from strategy.display.outline import tree_outline
    from strategy.display.text import format_result, payoff_table
    from strategy.display.widgets import explore, regime_text
    from strategy.numbers import decimals, set_decimals

_LAZY = {
    "decimals": "strategy.numbers",
    "escape_latex": "strategy.display.latex",
    "explain": "strategy.display.explain",
    "explain_equilibrium": "strategy.display.explain",
    "explore": "strategy.display.widgets",
    "format_result": "strategy.display.text",
    "game_to_latex": "strategy.display.latex",
    "payoff_table": "strategy.display.text",
    "regime_text": "strategy.display.widgets",
    "result_to_latex": "strategy.display.latex",
    "set_decimals": "strategy.numbers",
    "tree_outline": "strategy.display.outline",
    "tree_to_latex": "strategy.display.latex",
}

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

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
