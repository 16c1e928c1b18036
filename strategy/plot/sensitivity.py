"""Plots of sensitivity analyses; each returns a matplotlib Axes (matplotlib imported lazily)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["plot_regime_map", "plot_regime_strip", "plot_stress", "plot_sweep", "plot_tornado"]


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots()[1]


def plot_sweep(result: Any, player: str, action: str, *, ax: Any = None) -> Any:
    """Probability of `action` by `player` along a sweep, one marker series per equilibrium index."""
    ax = _axes(ax)
    frame = result.frame
    column = f"{player}:{action}"
    for k, part in frame.groupby("equilibrium"):
        ax.plot(
            part[result.parameter], part[column], marker=".", linestyle="-" if k == 0 else ":", label=f"equilibrium {k}"
        )
    changes = np.nonzero(
        frame.drop_duplicates(result.parameter)["regime"].to_numpy()[1:]
        != frame.drop_duplicates(result.parameter)["regime"].to_numpy()[:-1]
    )[0]
    xs = frame.drop_duplicates(result.parameter)[result.parameter].to_numpy()
    for c in changes:
        ax.axvline((xs[c] + xs[c + 1]) / 2, color="grey", linewidth=0.8)
    ax.set_xlabel(result.parameter)
    ax.set_ylabel(f"P({player} plays {action})")
    ax.legend(fontsize="small")
    return ax


def plot_regime_map(
    rmap: Any,
    *,
    ax: Any = None,
    points: Mapping[str, tuple[float, float]] | None = None,
    xlines: Sequence[float] = (),
    ylines: Sequence[float] = (),
    rename: Callable[[str], str] | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
) -> Any:
    """Regime map as a categorical image with a legend of regime labels.

    `points` marks named parameter points (for example the scenarios) on the map;
    `xlines`/`ylines` draw thresholds as dashed lines; `rename` rewrites regime labels for
    the legend; `xlabel`/`ylabel` replace the parameter names on the axes.
    """
    ax = _axes(ax)
    labels, codes = np.unique(rmap.labels.astype(str), return_inverse=True)
    codes = codes.reshape(rmap.labels.shape)
    image = ax.imshow(
        codes,
        origin="lower",
        aspect="auto",
        interpolation="nearest",
        cmap="tab20" if len(labels) > 10 else "Pastel1",
        extent=(rmap.x[0], rmap.x[-1], rmap.y[0], rmap.y[-1]),
        vmin=0,
        vmax=max(len(labels) - 1, 1),
    )
    from matplotlib.patches import Patch

    def short(label: str, width: int = 90) -> str:
        label = rename(label) if rename is not None else label
        return label if len(label) <= width else label[: width - 1] + "\u2026"

    handles = [Patch(color=image.cmap(image.norm(k)), label=short(lab)) for k, lab in enumerate(labels)]
    for x in xlines:
        ax.axvline(x, color="0.25", linestyle="--", linewidth=1)
    for y in ylines:
        ax.axhline(y, color="0.25", linestyle="--", linewidth=1)
    for name, (x, y) in (points or {}).items():
        ax.plot([x], [y], marker="o", color="black", markersize=7, zorder=5)
        ax.annotate(name, (x, y), xytext=(6, 6), textcoords="offset points", fontsize=10, weight="bold", zorder=6)
    ax.legend(handles=handles, fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.14), frameon=False)
    ax.set_xlabel(xlabel or rmap.x_name)
    ax.set_ylabel(ylabel or rmap.y_name)
    return ax


def plot_regime_strip(
    thresholds: Sequence[Any],
    lo: float,
    hi: float,
    *,
    ax: Any = None,
    value: float | None = None,
    rename: Callable[[str], str] | None = None,
    xlabel: str | None = None,
) -> Any:
    """The regimes along one parameter as coloured segments between its thresholds.

    `thresholds` are :class:`~strategy.sensitivity.thresholds.Threshold` values in
    increasing order (from :func:`find_thresholds` over ``[lo, hi]``); `value` marks the
    scenario's value. With no threshold the whole range is one regime (its label unknown
    here, so the strip is drawn grey and unlabelled).
    """
    ax = _axes(ax)
    found = sorted(thresholds, key=lambda t: t.value)
    edges = [lo, *(t.value for t in found), hi]
    names = [found[0].from_regime, *(t.to_regime for t in found)] if found else ["(one regime)"]
    colours: dict[str, Any] = {}
    import matplotlib as mpl

    cmap = mpl.colormaps["Pastel1"]
    for a, b, name in zip(edges[:-1], edges[1:], names, strict=True):
        colour = colours.setdefault(name, cmap(len(colours) % 9))
        ax.axvspan(
            a,
            b,
            color=colour,
            label=(rename(name) if rename else name) if name not in ax.get_legend_handles_labels()[1] else None,
        )
    for t in found:
        ax.axvline(t.value, color="0.25", linestyle="--", linewidth=1)
        ax.annotate(f"{t.value:.3g}", (t.value, 1.0), xytext=(2, -12), textcoords="offset points", fontsize=9)
    if value is not None:
        ax.plot([value], [0.5], marker="v", color="black", markersize=9)
    ax.set_xlim(lo, hi)
    ax.set_yticks([])
    ax.set_xlabel(xlabel or (found[0].parameter if found else ""))
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    # below the tick labels and the axis label whatever the strip's height (an axes fraction is not)
    from matplotlib.transforms import offset_copy

    below = offset_copy(ax.transAxes, fig=ax.figure, y=-40, units="points")
    ax.legend(
        unique.values(),
        unique.keys(),
        fontsize=9,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below,
        frameon=False,
    )
    return ax


def plot_tornado(frame: Any, *, ax: Any = None, xlabel: str = "value of the measure") -> Any:
    """Tornado chart: one horizontal bar per parameter from the low-end to the high-end value."""
    ax = _axes(ax)
    rows = frame.iloc[::-1]
    y = np.arange(len(rows))
    base = float(rows["base"].iloc[0]) if len(rows) else 0.0
    ax.barh(y, rows["at_low"] - base, left=base, color="tab:blue", label="parameter at low")
    ax.barh(y, rows["at_high"] - base, left=base, color="tab:orange", label="parameter at high")
    ax.axvline(base, color="black", linewidth=0.8)
    ax.set_yticks(y, rows["parameter"])
    ax.set_xlabel(xlabel)
    ax.legend(fontsize=9)
    return ax


def plot_stress(result: Any, *, ax: Any = None) -> Any:
    """Regime frequencies with their Wilson intervals as error bars."""
    ax = _axes(ax)
    frame = result.frame
    y = np.arange(len(frame))[::-1]
    err = np.vstack([frame["frequency"] - frame["ci_low"], frame["ci_high"] - frame["frequency"]])
    ax.barh(y, frame["frequency"], xerr=err, color="tab:green", capsize=3)
    ax.set_yticks(y, frame["regime"])
    ax.set_xlabel(f"frequency in {result.samples} draws")
    ax.set_xlim(0, 1)
    return ax
