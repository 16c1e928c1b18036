"""Closed-form thresholds for payoffs given as expressions (sympy).

A pure regime changes where a best-reply gap ``u_i(b, a_-i) - u_i(c, a_-i)`` crosses
zero. When the payoffs are expressions (a ParametricGame read from a TOML file keeps its
cells, ``.cells``: numbers and Expressions, shape ``(n_players, *actions)``), every such gap is solved symbolically for the parameter; a numeric threshold
from :func:`~strategy.sensitivity.thresholds.find_thresholds` is matched with the root
nearest to it (within ``1e-6`` relative) and gets its exact expression. The symbolic work
is bounded: gaps of degree above :data:`MAX_SYMBOLIC_DEGREE` in the parameter (read from
the expressions' syntax trees before sympy sees them) and gaps past the time budget
:data:`SYMBOLIC_SECONDS` keep their numeric thresholds, with a note. Changes between
mixed regimes (where the boundary is a rational function of the mixed strategies) are
not covered: those thresholds keep ``expression=None``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from strategy.sensitivity.model import base_values, parametric_of
from strategy.sensitivity.thresholds import Threshold

__all__ = ["MAX_SYMBOLIC_DEGREE", "SYMBOLIC_SECONDS", "degree_bound", "gap_roots", "with_closed_forms"]


def _cells(model: Any) -> np.ndarray | None:
    game = parametric_of(model)
    for attribute in ("cells", "expressions", "_spec_cells"):  # TOML games keep their cells
        cells = getattr(game, attribute, None)
        if cells is not None:
            return np.asarray(cells, dtype=object)
    return None


MAX_SYMBOLIC_DEGREE = 4
"""Highest degree in the parameter of a best-reply gap solved symbolically. Polynomials up
to degree 4 have roots in radicals (Abel-Ruffini: not beyond), and sympy's work on a gap
grows steeply with its degree (a degree-97 gap took minutes)."""

SYMBOLIC_SECONDS = 5.0
"""Time budget of the symbolic work of one call; the remaining gaps keep numeric thresholds."""


def degree_bound(expr: Any, name: str) -> int | None:
    """An upper bound on the degree in `name` of a checked expression's numerator and
    denominator together, read from its syntax tree (no sympy); ``None`` when the
    parameter enters through ``exp``, ``log``, ``sqrt`` or a fractional power."""
    import ast

    def walk(node: ast.AST) -> int | None:
        if isinstance(node, ast.Constant):
            return 0
        if isinstance(node, ast.Name):
            return 1 if node.id == name else 0
        if isinstance(node, ast.UnaryOp):
            return walk(node.operand)
        if isinstance(node, ast.BinOp):
            left, right = walk(node.left), walk(node.right)
            if left is None or right is None:
                return None
            if isinstance(node.op, ast.Pow):
                k = ast.literal_eval(node.right) if right == 0 else None
                if left == 0:
                    return 0
                if not isinstance(k, int | float) or k != int(k):
                    return None
                return left * abs(int(k))
            if isinstance(node.op, ast.Add | ast.Sub):
                return max(left, right)
            return left + right  # products and quotients
        parts = [walk(child) for child in ast.iter_child_nodes(node) if isinstance(child, ast.expr)]
        if isinstance(node, ast.Call):
            func = node.func.id if isinstance(node.func, ast.Name) else ""
            parts = [walk(arg) for arg in node.args]
            if func in ("exp", "log", "sqrt") and any(p != 0 for p in parts):
                return None
        if any(p is None for p in parts):
            return None
        return sum(p for p in parts if p is not None)  # comparisons and branches: a generous bound

    return walk(expr.tree.body)


def gap_roots(model: Any, parameter: str, notes: list[str] | None = None) -> list[Any]:
    """Symbolic roots in `parameter` of every best-reply gap (empty when not expressions).

    Gaps of degree above :data:`MAX_SYMBOLIC_DEGREE` in the parameter, or where it enters
    through ``exp``/``log``/``sqrt``, are not solved, and the work stops after
    :data:`SYMBOLIC_SECONDS`; each omission is said in `notes` when given.
    """
    import time

    import sympy

    from strategy.sensitivity.expressions import Expression, to_sympy

    cells = _cells(model)
    if cells is None:
        return []
    said: set[str] = set()

    def note(text: str) -> None:
        if notes is not None and text not in said:
            said.add(text)
            notes.append(text)

    def degree(cell: Any) -> int | None:
        return degree_bound(cell, parameter) if isinstance(cell, Expression) else 0

    def sym(cell: Any) -> Any:
        return to_sympy(cell) if isinstance(cell, Expression) else sympy.Rational(str(float(cell)))

    deadline = time.monotonic() + SYMBOLIC_SECONDS
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
                cell_b, cell_c = own[tuple(idx_b)], own[tuple(idx_c)]
                db, dc = degree(cell_b), degree(cell_c)
                if db is None or dc is None:
                    note(
                        f"{parameter} enters a payoff through exp, log, sqrt or a fractional power: "
                        "those thresholds are numeric only"
                    )
                    continue
                if db + dc > MAX_SYMBOLIC_DEGREE:
                    note(
                        f"a best-reply gap has degree up to {db + dc} in {parameter} (symbolic roots are sought up "
                        f"to degree {MAX_SYMBOLIC_DEGREE}): those thresholds are numeric only"
                    )
                    continue
                if time.monotonic() > deadline:
                    note(f"symbolic work stopped after {SYMBOLIC_SECONDS:g} s: the remaining thresholds are numeric")
                    return list(roots.values())
                gap = sympy.simplify(sym(cell_b) - sym(cell_c))
                if symbol not in gap.free_symbols:
                    continue
                try:
                    sols = sympy.solve(sympy.Eq(gap, 0), symbol)
                except (NotImplementedError, TypeError, ValueError):
                    continue
                for s in sols:
                    roots.setdefault(str(s), s)
    return list(roots.values())


def with_closed_forms(
    model: Any,
    thresholds: list[Threshold],
    *,
    base: Mapping[str, Any] | None = None,
    rel: float = 1e-6,
    notes: list[str] | None = None,
) -> list[Threshold]:
    """Attach the exact expression (and its value) to the thresholds that have one.

    The symbolic work is bounded (see :func:`gap_roots`); what was left numeric is said in
    `notes` when given.
    """
    if not thresholds:
        return thresholds
    parameter = thresholds[0].parameter
    roots = gap_roots(model, parameter, notes)
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
