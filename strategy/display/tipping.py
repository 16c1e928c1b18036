"""Tipping points and the regime map around the current parameter values, as HTML.

A *tipping point* of parameter :math:`p` at values :math:`v` is a value :math:`t` in
:math:`[\\mathrm{low}_p, \\mathrm{high}_p]` where the regime (the set of equilibria, labelled
as by :func:`strategy.sensitivity.measures.regimes`) changes when :math:`p` alone moves, the
other parameters held at :math:`v`: :func:`strategy.sensitivity.thresholds.find_thresholds`
along :math:`p`. Parameters are ranked by the distance to their nearest tipping point
relative to their range, :math:`\\min_t |t - v_p| / (\\mathrm{high}_p - \\mathrm{low}_p)`, so
the first row is the smallest relative move that changes the conclusion.

Models labelled point by point (trees, signalling games) are scanned more coarsely, so
that the explorer stays responsive: :data:`COARSE_GRID` points per range for the tipping
points and a :data:`COARSE_RESOLUTION`-square regime map (a regime narrower than a grid
step can be missed, as the page says).
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from strategy.errors import StrategyError

__all__ = [
    "COARSE_GRID",
    "COARSE_RESOLUTION",
    "TippingPoints",
    "pivotal_order",
    "regime_map_html",
    "regime_map_of",
    "tipping_html",
]

COARSE_GRID = 41
COARSE_RESOLUTION = 21
RESOLUTION = 41
_RELATIVE_TOL = 1e-7  # the tipping points are located to this fraction of each range


@dataclass(frozen=True)
class TippingPoints:
    """The regime changes along one parameter, the others held at the current values."""

    parameter: str
    now: float
    span: float
    thresholds: tuple[Any, ...] = ()
    error: str | None = None

    @property
    def distance(self) -> float:
        """Relative distance to the nearest tipping point, ``min |t - now| / span`` (inf if none)."""
        if not self.thresholds or self.span <= 0:
            return math.inf
        return min(abs(t.value - self.now) for t in self.thresholds) / self.span

    @classmethod
    def along(cls, model: Any, name: str, values: Mapping[str, float]) -> TippingPoints:
        """Find the tipping points of `name` over its range at `values` (errors are kept, not raised)."""
        from strategy.sensitivity.model import labelled_by_point, model_space
        from strategy.sensitivity.thresholds import find_thresholds

        p = model_space(model)[name]
        low, high = float(p.low), float(p.high)
        now, span = float(values[name]), high - low
        if span <= 0:
            return cls(name, now, span)
        grid = COARSE_GRID if labelled_by_point(model) else None
        try:
            found = find_thresholds(model, name, low, high, base=values, grid=grid, tol=_RELATIVE_TOL * span)
        except (StrategyError, ValueError, ZeroDivisionError, FloatingPointError) as err:
            return cls(name, now, span, error=str(err))
        return cls(name, now, span, tuple(found))


def pivotal_order(model: Any, names: Iterable[str], values: Mapping[str, float]) -> list[str]:
    """`names` ranked by how many of their two range ends (the others at `values`) change
    the regime at `values`, most first; ties keep their order. One batch of ``2 d + 1`` games;
    `names` unchanged when the model cannot be labelled."""
    import numpy as np

    from strategy.sensitivity.model import labels_at, model_space
    from strategy.sensitivity.parameters import Values

    names = list(names)
    space = model_space(model)
    d = len(names)
    columns = {k: np.full(2 * d + 1, float(v)) for k, v in values.items()}
    for k, name in enumerate(names):
        columns[name][2 * k], columns[name][2 * k + 1] = space[name].low, space[name].high
    try:
        labels = labels_at(model, Values(columns))
    except (StrategyError, ValueError):
        return names
    changes = {
        name: int(labels[2 * k] != labels[-1]) + int(labels[2 * k + 1] != labels[-1]) for k, name in enumerate(names)
    }
    return sorted(names, key=lambda name: -changes[name])


def regime_map_of(model: Any, x: str, y: str, values: Mapping[str, float]) -> Any:
    """The :class:`~strategy.sensitivity.regimes.RegimeMap` over the ranges of `x` and `y`,
    the other parameters at `values` (coarser for models labelled point by point)."""
    from strategy.sensitivity.model import labelled_by_point, model_space
    from strategy.sensitivity.regimes import regime_map

    space = model_space(model)
    n = COARSE_RESOLUTION if labelled_by_point(model) else RESOLUTION
    px, py = space[x], space[y]
    return regime_map(model, (x, px.low, px.high, n), (y, py.low, py.high, n), base=dict(values))


def regime_map_html(rmap: Any, values: Mapping[str, float], title: str = "") -> str:
    """The regime map as an ``<img>`` (inline PNG) with the point `values` starred."""
    from matplotlib.figure import Figure

    from strategy.plot.sensitivity import plot_regime_map

    x, y = rmap.x_name, rmap.y_name
    n_regimes = len(set(rmap.labels.reshape(-1).tolist()))
    figure = Figure(figsize=(6.4, 3.6 + 0.2 * n_regimes))
    ax = figure.subplots()
    plot_regime_map(rmap, ax=ax)
    ax.plot([values[x]], [values[y]], marker="*", markersize=18, color="black", markeredgecolor="white", zorder=7)
    ax.set_title(title or f"regimes over {x} and {y} (star: the current values)", fontsize="small")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    alt = f"regime map over {x} and {y}; the star at {x} = {values[x]:.4g}, {y} = {values[y]:.4g}"
    return f"<img class='strategy-regime-map' alt='{html.escape(alt)}' src='data:image/png;base64,{data}'/>"


def _shown(value: float, span: float) -> float:
    """`value` rounded to a millionth of the range (a knife edge at 0 prints as 0, not 6e-09)."""
    unit = 1e-6 * span
    return round(value / unit) * unit if unit > 0 else value


def _arrow(from_regime: str, to_regime: str) -> str:
    return f"{html.escape(from_regime)} <b>&rarr;</b> {html.escape(to_regime)}"


def tipping_html(points: Iterable[TippingPoints], *, pending: int = 0, coarse: bool = False) -> str:
    """A table of the tipping points, nearest (relative to the range) first.

    One row per tipping point: the parameter, its current value, where the regime changes
    (with the signed distance from now) and the regime below and above it. Parameters with
    no tipping point in their range are listed in one line; `pending` says how many are
    still being computed.
    """
    points = sorted(points, key=lambda p: p.distance)
    rows = []
    for point in points:
        if not point.thresholds:
            continue
        nearest = min(point.thresholds, key=lambda t: abs(t.value - point.now))
        for k, t in enumerate(point.thresholds):
            head = (
                f"<td rowspan='{len(point.thresholds)}'><b>{html.escape(point.parameter)}</b></td>"
                f"<td rowspan='{len(point.thresholds)}'>{point.now:.4g}</td>"
                if k == 0
                else ""
            )
            value = _shown(t.value, point.span)
            where = f"{value:.4g} ({_shown(value - point.now, point.span):+.3g})"
            if t is nearest:
                where = f"<b>{where}</b>"
            rows.append(f"<tr>{head}<td>{where}</td><td>{_arrow(t.from_regime, t.to_regime)}</td></tr>")
    parts = ["<div class='strategy-tipping'>"]
    if rows:
        parts.append(
            "<table><thead><tr><th>parameter</th><th>now</th><th>tipping point (from now)</th>"
            "<th>regime below &rarr; above</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )
    quiet = [p.parameter for p in points if not p.thresholds and p.error is None and p.span > 0]
    if quiet:
        parts.append(f"<p>No tipping point within the range of: {html.escape(', '.join(quiet))}.</p>")
    if not rows and not quiet and not pending:
        parts.append("<p>No parameter to move.</p>")
    for p in points:
        if p.error is not None:
            parts.append(f"<p><b>{html.escape(p.parameter)}:</b> not computed: {html.escape(p.error)}</p>")
    if pending:
        parts.append(f"<p><i>finding the tipping points of {pending} more parameter(s)&hellip;</i></p>")
    if coarse:
        parts.append(
            f"<p><small>Scanned on {COARSE_GRID} points per range (this game is solved point by point): "
            "a regime narrower than one step can be missed.</small></p>"
        )
    parts.append("</div>")
    return "".join(parts)
