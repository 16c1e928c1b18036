"""Default figures of a case for reports: where the conclusion changes, and what moves it.

:func:`case_figures` is a figure hook for :func:`strategy.report.case_report`. For a case
it finds the *pivotal* parameters, those whose low or high end (the others at their
defaults) changes the regime (the set of equilibria), and draws the regime map over the
two most pivotal ones. Cases whose games cannot be analysed in a batch (imperfect-information
trees, games whose shape changes with the parameters) get no figure rather than an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from strategy.cases import Case
from strategy.errors import StrategyError
from strategy.sensitivity.parameters import Values

__all__ = ["case_figures", "pivotal_parameters", "worst_equilibrium_payoff"]


def worst_equilibrium_payoff(result: Any, player: int = 0) -> np.ndarray:
    """Per game of a batch, `player`'s lowest payoff over the equilibria (NaN if none)."""
    out = np.full(result.size, np.nan)
    np.fmin.at(out, result.game, result.payoffs[:, player])
    return out


def pivotal_parameters(case: Case) -> list[tuple[str, int]]:
    """Parameters ranked by how many of their two range ends change the default regime.

    Returns ``(name, changes)`` pairs, ``changes`` in {0, 1, 2}, most pivotal first (ties
    keep the registry's order). All ``2 d + 1`` games are solved in one batch.
    """
    from strategy.sensitivity.model import labels_at

    space = case.space
    names = list(space.names)
    d = len(names)
    start = case.values()
    columns = {k: np.full(2 * d + 1, float(v)) for k, v in start.items()}
    for k, name in enumerate(names):
        columns[name][2 * k] = space[name].low
        columns[name][2 * k + 1] = space[name].high
    labels = labels_at(case, Values(columns))
    base = labels[-1]
    changes = [(name, int(labels[2 * k] != base) + int(labels[2 * k + 1] != base)) for k, name in enumerate(names)]
    return sorted(changes, key=lambda pair: -pair[1])


def case_figures(case: Case, *, resolution: int = 41) -> Iterator[tuple[str, Any]]:
    """Yield ``(caption, figure)``: the regime map over the two most pivotal parameters and,
    for normal-form cases, a tornado chart of the first player's worst equilibrium payoff."""

    from strategy.plot.sensitivity import plot_regime_map
    from strategy.sensitivity.regimes import regime_map

    if len(case.space.names) < 2:
        return
    try:
        ranked = pivotal_parameters(case)
        (x, _), (y, _) = ranked[0], ranked[1]
        px, py = case.space[x], case.space[y]
        rmap = regime_map(case, (x, px.low, px.high, resolution), (y, py.low, py.high, resolution))
    except StrategyError:
        return
    n_regimes = len(set(rmap.labels.reshape(-1).tolist()))
    caption = (
        f"Regime map of {case.qualified_name}: which equilibria hold as {x} and {y} vary over their "
        "ranges, the other parameters at their defaults. The two parameters are the ones whose range "
        "ends most often change the conclusion."
    )
    title = f"{case.title}: regimes over {x} and {y}"
    yield caption, _figure(4.0 + 0.18 * n_regimes, title, lambda ax: plot_regime_map(rmap, ax=ax))
    yield from _tornado_figure(case)


def _figure(height: float, title: str, draw: Callable[[Any], Any]) -> Any:
    """A 7.5-inch-wide figure with one axes drawn by `draw`, titled small."""
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots(figsize=(7.5, height))
    draw(ax)
    ax.set_title(title, fontsize="small")
    figure.tight_layout()
    return figure


def _tornado_figure(case: Case) -> Iterator[tuple[str, Any]]:

    from strategy.plot.sensitivity import plot_tornado
    from strategy.sensitivity.tornado import tornado

    try:
        frame = tornado(case, worst_equilibrium_payoff).head(10)
        player = case.build(case.values()).player_names[0]
    except (StrategyError, AttributeError):
        return
    caption = (
        f"Tornado chart of {case.qualified_name}: {player}'s lowest payoff over all equilibria when one "
        "parameter at a time moves to the low (blue) or high (orange) end of its range."
    )
    title = f"{case.title}: {player}'s worst equilibrium payoff"
    yield caption, _figure(0.35 * len(frame) + 1.2, title, lambda ax: plot_tornado(frame, ax=ax))
