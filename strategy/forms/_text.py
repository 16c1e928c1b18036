"""The text form of games and results, drawn by the display layer.

:mod:`strategy.display.text` sits above forms and solvers, which may not import it; it
registers its drawing functions here when it is imported (``import strategy`` imports
it, and :func:`render` imports it on first use), so ``str(game)`` and ``str(result)`` give the readable table while ``repr`` stays a
one-line summary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["register", "render"]

_DRAWERS: dict[type, Callable[[Any], str]] = {}


def register(kind: type, draw: Callable[[Any], str]) -> None:
    """Draw values of `kind` (and its subclasses) as text with `draw`."""
    _DRAWERS[kind] = draw


def render(value: Any) -> str:
    """The registered text form of `value`, or its ``repr`` when none is registered."""
    if not _DRAWERS:  # the display layer registers itself when imported; import it on first use
        import importlib

        importlib.import_module("strategy.display.text")
    for kind in type(value).__mro__:
        if kind in _DRAWERS:
            return _DRAWERS[kind](value)
    return repr(value)
