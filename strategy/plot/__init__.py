"""Figures (matplotlib, imported lazily): free functions returning Axes."""

from strategy.plot.qre import plot_qre_path
from strategy.plot.simplex import plot_simplex
from strategy.plot.tree import draw_tree

__all__ = ["draw_tree", "plot_qre_path", "plot_simplex"]
