"""plot_simplex: barycentric coordinates, labelled vertices, player selection."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import strategy
from strategy import NormalFormGame, StrategyError, get_case
from strategy.dynamics import fictitious_play, replicator, two_population_replicator
from strategy.plot import plot_simplex

RPS = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], actions=(("R", "P", "S"), ("R", "P", "S")))


def test_points_are_barycentric_and_vertices_are_labelled() -> None:
    run = replicator(RPS, {"R": 0.6, "P": 0.3, "S": 0.1}, times=np.linspace(0, 5, 50))
    ax = plot_simplex(run)
    trajectory = ax.get_lines()[1]  # after the triangle's outline
    x, y = trajectory.get_data()
    shares = run.to_numpy()
    assert np.allclose(x, shares[:, 1] + 0.5 * shares[:, 2])
    assert np.allclose(y, shares[:, 2] * np.sqrt(3) / 2)
    assert [t.get_text() for t in ax.texts] == ["R", "P", "S"]
    plt.close(ax.figure)


def test_the_player_with_three_actions_is_found_or_named() -> None:
    game = get_case("idlib.stage").game()
    runs = [two_population_replicator(game, times=[0, 1, 2]), fictitious_play(game, 50, seed=0)]
    ax = plot_simplex(runs, player="Turkey", labels=["replicator", "fictitious play"])
    assert [t.get_text() for t in ax.texts] == ["Disarm", "Hold", "Arm"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["replicator", "fictitious play"]
    plt.close(ax.figure)
    with pytest.raises(StrategyError, match="player="):
        plot_simplex(runs[0])  # both players have three actions here
    with pytest.raises(StrategyError, match="three actions"):
        plot_simplex(
            fictitious_play(NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]), 5, seed=0), player="Row"
        )


def test_dynamics_are_public_api() -> None:
    from strategy import dynamics

    assert set(dynamics.__all__) <= set(strategy.__all__)
    assert all(getattr(strategy, name) is getattr(dynamics, name) for name in dynamics.__all__)
