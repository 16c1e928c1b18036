"""The sensitivity plots draw their artists (Agg backend)."""

from __future__ import annotations

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from strategy.plot.sensitivity import plot_regime_map, plot_stress, plot_sweep, plot_tornado
from strategy.sensitivity.montecarlo import stress
from strategy.sensitivity.regimes import regime_map
from strategy.sensitivity.sweep import sweep
from strategy.sensitivity.tornado import tornado


def test_plots_have_artists(dilemma, switch):
    import matplotlib.pyplot as plt

    ax = plot_sweep(sweep(dilemma, "t", 0, 8, 9), "Row", "D")
    assert len(ax.lines) >= 3  # three equilibrium series (t < 3) plus the regime boundary
    ax = plot_regime_map(regime_map(dilemma, ("t", 0, 8, 6), ("noise", 0, 1, 3)))
    assert ax.images
    assert ax.get_legend() is not None
    ax = plot_tornado(tornado(switch, lambda r: r.probabilities[:, 0, 0]))
    assert len(ax.patches) == 6
    ax = plot_stress(stress(switch, 500, rng=0, progress=False))
    assert len(ax.patches) == 2
    plt.close("all")
