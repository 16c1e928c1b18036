"""Plots of sensitivity analyses; each returns a matplotlib Axes (matplotlib imported lazily)."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["plot_regime_map", "plot_stress", "plot_sweep", "plot_tornado"]


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


def plot_regime_map(rmap: Any, *, ax: Any = None) -> Any:
    """Regime map as a categorical image with a legend of regime labels."""
    ax = _axes(ax)
    labels, codes = np.unique(rmap.labels.astype(str), return_inverse=True)
    codes = codes.reshape(rmap.labels.shape)
    image = ax.imshow(
        codes,
        origin="lower",
        aspect="auto",
        interpolation="nearest",
        cmap="tab20",
        extent=(rmap.x[0], rmap.x[-1], rmap.y[0], rmap.y[-1]),
        vmin=0,
        vmax=max(len(labels) - 1, 1),
    )
    from matplotlib.patches import Patch

    def short(label: str, width: int = 90) -> str:
        return label if len(label) <= width else label[: width - 1] + "\u2026"

    handles = [Patch(color=image.cmap(image.norm(k)), label=short(lab)) for k, lab in enumerate(labels)]
    ax.legend(handles=handles, fontsize="x-small", loc="upper center", bbox_to_anchor=(0.5, -0.14), frameon=False)
    ax.set_xlabel(rmap.x_name)
    ax.set_ylabel(rmap.y_name)
    return ax


def plot_tornado(frame: Any, *, ax: Any = None) -> Any:
    """Tornado chart: one horizontal bar per parameter from the low-end to the high-end value."""
    ax = _axes(ax)
    rows = frame.iloc[::-1]
    y = np.arange(len(rows))
    base = float(rows["base"].iloc[0]) if len(rows) else 0.0
    ax.barh(y, rows["at_low"] - base, left=base, color="tab:blue", label="parameter at low")
    ax.barh(y, rows["at_high"] - base, left=base, color="tab:orange", label="parameter at high")
    ax.axvline(base, color="black", linewidth=0.8)
    ax.set_yticks(y, rows["parameter"])
    ax.legend(fontsize="small")
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
