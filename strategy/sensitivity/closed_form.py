"""Closed-form thresholds for payoffs given as expressions (sympy).

A pure regime changes where a best-reply gap ``u_i(b, a_-i) - u_i(c, a_-i)`` crosses
zero. When the payoffs are expressions (a ParametricGame read from a TOML file keeps its
cells, ``.cells``: numbers and Expressions, shape ``(n_players, *actions)``), every such gap is solved symbolically for the parameter; a numeric threshold
from :func:`~strategy.sensitivity.thresholds.find_thresholds` is matched with the root
nearest to it (within ``1e-6`` relative) and gets its exact expression. Changes between
mixed regimes (where the boundary is a rational function of the mixed strategies) are
not covered: those thresholds keep ``expression=None``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from strategy.sensitivity._model import base_values, parametric_of
from strategy.sensitivity.thresholds import Threshold

__all__ = ["gap_roots", "with_closed_forms"]


def _cells(model: Any) -> np.ndarray | None:
    game = parametric_of(model)
    for attribute in ("cells", "expressions", "_spec_cells"):  # TOML games keep their cells
        cells = getattr(game, attribute, None)
        if cells is not None:
            return np.asarray(cells, dtype=object)
    return None


def gap_roots(model: Any, parameter: str) -> list[Any]:
    """Symbolic roots in `parameter` of every best-reply gap (empty when not expressions)."""
    import sympy

    from strategy.sensitivity.expressions import Expression, to_sympy

    cells = _cells(model)
    if cells is None:
        return []

    def sym(cell: Any) -> Any:
        return to_sympy(cell) if isinstance(cell, Expression) else sympy.Rational(str(float(cell)))

    symbol = sympy.Symbol(parameter, real=True)
    roots: dict[str, Any] = {}
    n = cells.shape[0]
    for i in range(n):
        own = cells[i]
        others = [range(k) for j, k in enumerate(own.shape) if j != i]
        for b, c in itertools.combinations(range(own.shape[i]), 2):
            for rest in itertools.product(*others):
                idx_b = list(rest)
                idx_b.insert(i, b)
                idx_c = list(rest)
                idx_c.insert(i, c)
                gap = sympy.simplify(sym(own[tuple(idx_b)]) - sym(own[tuple(idx_c)]))
                if symbol not in gap.free_symbols:
                    continue
                try:
                    sols = sympy.solve(sympy.Eq(gap, 0), symbol)
                except (NotImplementedError, TypeError):
                    continue
                for s in sols:
                    roots.setdefault(str(s), s)
    return list(roots.values())


def with_closed_forms(
    model: Any, thresholds: list[Threshold], *, base: Mapping[str, Any] | None = None, rel: float = 1e-6
) -> list[Threshold]:
    """Attach the exact expression (and its value) to the thresholds that have one."""
    if not thresholds:
        return thresholds
    parameter = thresholds[0].parameter
    roots = gap_roots(model, parameter)
    if not roots:
        return thresholds
    vals = base_values(model, base)
    numeric = []
    for r in roots:
        try:
            v = float(r.subs({s: vals[str(s)] for s in r.free_symbols}))
        except (TypeError, ValueError):
            continue
        numeric.append((v, r))
    out = []
    for t in thresholds:
        best = min(numeric, key=lambda vr: abs(vr[0] - t.value), default=None)
        if best is not None and abs(best[0] - t.value) <= rel * max(1.0, abs(t.value)):
            out.append(replace(t, value=best[0], expression=best[1]))
        else:
            out.append(t)
    return out
