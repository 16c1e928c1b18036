"""Thresholds: the parameter values where the regime changes.

:func:`find_thresholds` scans a grid of ``grid`` points (default 2001, 201 for
models solved point by point, so regimes narrower than ``(hi - lo) / (grid - 1)`` can be
missed: raise ``grid`` for them), then bisects
every interval whose end labels differ down to ``tol`` (default ``1e-9``, absolute). The
grid is solved in chunks and each interval is bisected as one task, on an executor if one
is given (:mod:`strategy.sensitivity._distribute`); the thresholds do not depend on it.

:func:`closed_form_thresholds` solves the indifference equations symbolically when the
payoffs are given as expressions (a ParametricGame built from expressions exposes
``expressions``: a mapping ``(player, profile) -> text`` which
``strategy.sensitivity.expressions.to_sympy`` converts; or pass ``sympy_payoffs``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from strategy.numbers import DEFAULT_TOL
from strategy.sensitivity._distribute import chunk_size, map_ordered, split
from strategy.sensitivity.model import base_values, labels_at, solve_points
from strategy.sensitivity.parameters import Values
from strategy.sensitivity.sweep import check_range

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["Threshold", "find_thresholds"]


@dataclass(frozen=True)
class Threshold:
    """A regime change at ``parameter = value`` (from below to above)."""

    parameter: str
    value: float
    from_regime: str
    to_regime: str
    expression: Any = None
    at_regime: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``from`` / ``to`` keys)."""
        out = {"parameter": self.parameter, "value": self.value, "from": self.from_regime, "to": self.to_regime}
        if self.expression is not None:
            out["expression"] = str(self.expression)
        return out


def find_thresholds(
    model: Any,
    parameter: str,
    lo: float,
    hi: float,
    *,
    base: Mapping[str, Any] | None = None,
    regime: Callable[[Any], np.ndarray] | str = "all",
    tol: float = 1e-9,
    grid: int | None = None,
    scenario: str | None = None,
    solver_tol: float = DEFAULT_TOL,
    executor: Executor | None = None,
) -> list[Threshold]:
    """Every value in ``[lo, hi]`` where the regime label changes, to `tol` by bisection.

    `regime` is a selection rule (``"all"``, ``"first"``, ...) or a callable mapping a
    BatchEquilibria to its labels. `grid` defaults to 2001 points for models solved in one
    batch (normal forms) and 201 for models solved point by point (trees, signalling games).
    `executor` (any :class:`concurrent.futures.Executor`) solves the grid's chunks and the
    bisections; `regime`, if a callable, must then be picklable (a module-level function).

    Examples
    --------
    >>> from strategy.sensitivity import Parameter, ParameterSpace, ParametricGame
    >>> g = ParametricGame((("Row", ("C", "D")), ("Col", ("C", "D"))),
    ...     lambda p: {("C", "C"): (3, 3), ("C", "D"): (0, p.t), ("D", "C"): (p.t, 0), ("D", "D"): (1, 1)},
    ...     ParameterSpace((Parameter("t", 5.0, 0.0, 8.0),)))
    >>> [round(t.value, 9) for t in find_thresholds(g, "t", 0, 8)]
    [3.0]
    """
    check_range(model, parameter, lo, hi)
    base_vals = base_values(model, base, scenario)
    if grid is None:
        grid = 201 if _point_by_point(model) else 2001

    xs = np.linspace(lo, hi, grid)
    scan = ((model, base_vals, parameter, regime, xs[part], solver_tol) for part in split(grid, chunk_size(model)))
    ls = np.concatenate([np.asarray(c, dtype=object).reshape(-1) for c in map_ordered(_labels, scan, executor)])
    changes = np.nonzero(ls[1:] != ls[:-1])[0]
    # Bisection compares payoffs with a tie tolerance far below `tol`: with the solver's
    # default, a band of width ~ solver_tol / slope around the threshold would count as a
    # tie and shift the located value by that much.
    fine = min(solver_tol, 1e-13)
    intervals = ((model, base_vals, parameter, regime, xs[k], xs[k + 1], ls[k], ls[k + 1], tol, fine) for k in changes)
    out = [
        Threshold(parameter, float((a + b) / 2), str(ls[k]), str(ls[k + 1]))
        for k, (a, b) in zip(changes, map_ordered(_bisect, intervals, executor), strict=True)
    ]
    return _merge_knife_edges(out, max(tol, 1e-6 * max(1.0, abs(lo), abs(hi))))


def _labels(
    model: Any, base_vals: Values, parameter: str, regime: Callable[[Any], np.ndarray] | str, xs: np.ndarray, tol: float
) -> np.ndarray:
    """The regime at each value `xs` of `parameter` (a chunk of the scan, or one bisection round)."""
    vals = base_vals.replace(**{parameter: np.asarray(xs, float)})
    if callable(regime):
        return np.asarray(regime(solve_points(model, vals, tol=tol)))
    return labels_at(model, vals, regime, tol=tol)


def _bisect(
    model: Any,
    base_vals: Values,
    parameter: str,
    regime: Callable[[Any], np.ndarray] | str,
    a: float,
    b: float,
    la: Any,
    lb: Any,
    tol: float,
    fine: float,
) -> tuple[float, float]:
    """Narrow ``[a, b]`` (labels `la` != `lb`) to width `tol` around the first change of label."""
    while b - a > tol:
        mids = np.linspace(a, b, 18)[1:-1]  # 16 points per round: one batched call
        lm = _labels(model, base_vals, parameter, regime, mids, fine)
        pts = np.r_[a, mids, b]
        lab = np.r_[np.array([la], object), lm, np.array([lb], object)]
        change = np.nonzero(lab[1:] != lab[:-1])[0][0]
        a, b, la, lb = pts[change], pts[change + 1], lab[change], lab[change + 1]
    return a, b


def _point_by_point(model: Any) -> bool:
    from strategy.sensitivity.model import _is_signalling_model, _is_tree_model

    return _is_tree_model(model) or _is_signalling_model(model)


def _merge_knife_edges(found: list[Threshold], tol: float) -> list[Threshold]:
    """Merge A -> K -> B changes closer than ``2 tol``: K holds only at the threshold itself.

    The knife-edge band has the width of the solver's tie tolerance, so the window is
    ``1e-6`` relative to the range; the merged value is the band's midpoint.
    """
    merged: list[Threshold] = []
    for t in found:
        last = merged[-1] if merged else None
        if last is not None and t.value - last.value <= 2 * tol and last.to_regime == t.from_regime:
            merged[-1] = Threshold(
                t.parameter, (last.value + t.value) / 2, last.from_regime, t.to_regime, at_regime=t.from_regime
            )
        else:
            merged.append(t)
    # a knife edge with the same regime on both sides (e.g. a tie at one point) is no change
    return [t for t in merged if t.from_regime != t.to_regime]
