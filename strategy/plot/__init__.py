"""Figures (matplotlib, imported lazily): free functions returning Axes."""

from strategy.plot.tree import draw_tree

__all__ = ["draw_tree"]
