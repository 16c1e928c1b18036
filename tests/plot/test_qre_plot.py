"""The QRE correspondence plot draws the path's own numbers."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
from strategy.solvers.qre import logit_qre_path

from games.classics import CASES
from strategy.plot import plot_qre_path


def test_one_line_per_action_with_the_path_data() -> None:
    game = CASES["three_player_matching"].game()
    path = logit_qre_path(game, lam_max=5.0)
    ax = plot_qre_path(path)
    lines = ax.get_lines()
    assert len(lines) == sum(p.n_actions for p in game.players)
    first = lines[0]
    assert first.get_label() == "P1: H"
    assert np.allclose(first.get_xdata(), path.lambdas)
    assert np.allclose(first.get_ydata(), [float(p.probabilities[0][0]) for p in path.profiles])
    assert ax.get_xscale() == "symlog"


def test_chosen_actions_only() -> None:
    game = CASES["prisoners_dilemma"].game()
    path = logit_qre_path(game, lam_max=10.0)
    ax = plot_qre_path(path, actions={"Row": "Defect", "Column": "Defect"})
    assert [line.get_label() for line in ax.get_lines()] == ["Row: Defect", "Column: Defect"]
    assert ax.get_lines()[0].get_ydata()[-1] > 0.99  # the branch ends at mutual defection
