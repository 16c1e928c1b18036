"""The text and HTML forms of games and results, drawn by the display layer.

:mod:`strategy.display` sits above forms and solvers, which may not import it: its modules
:mod:`strategy.display.text` and :mod:`strategy.display.html` register their drawing
functions here when they are imported, and :func:`render` imports them on first use. So
``str(game)`` and ``str(result)`` give the readable table, ``_repr_html_`` the notebook
table, while ``repr`` stays a one-line summary.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Literal

__all__ = ["register", "render"]

Form = Literal["text", "html"]
_DRAWERS: dict[Form, dict[type, Callable[[Any], str]]] = {"text": {}, "html": {}}
_MODULES: dict[Form, str] = {"text": "strategy.display.text", "html": "strategy.display.html"}


def register(kind: type, draw: Callable[[Any], str], form: Form = "text") -> None:
    """Draw values of `kind` (and its subclasses) in `form` with `draw`."""
    _DRAWERS[form][kind] = draw


def render(value: Any, form: Form = "text") -> str:
    """The registered `form` of `value`, or its ``repr`` when none is registered."""
    drawers = _DRAWERS[form]
    if not drawers:  # the display layer registers itself when imported; import it on first use
        importlib.import_module(_MODULES[form])
    for kind in type(value).__mro__:
        if kind in drawers:
            return drawers[kind](value)
    return repr(value)
