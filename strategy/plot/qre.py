"""The logit QRE correspondence: each action's probability along the principal branch."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["plot_qre_path"]


def plot_qre_path(path: Any, *, actions: Mapping[str, str] | None = None, ax: Any = None) -> Any:
    """Plot a :class:`~strategy.solvers.nplayer.qre.QREPath`: probability against precision λ.

    One line per (player, action), a colour per player, or only the actions named in
    `actions` (``{player: action}``). λ is on a symmetric-log axis (linear below 1), so the
    uniform start at λ = 0 and the approach to the Nash limit both show. Returns the Axes.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from strategy.forms.normal import NormalFormGame
    >>> from strategy.solvers.nplayer.qre import logit_qre_path
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> ax = plot_qre_path(logit_qre_path(game, lam_max=10.0))
    >>> len(ax.get_lines())
    4
    """
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.subplots()[1]
    frame = path.to_frame()
    players = list(dict.fromkeys(frame["player"]))
    styles = ("-", "--", ":", "-.")
    for colour, player in enumerate(players):
        own = frame[frame["player"] == player]
        names = list(dict.fromkeys(own["action"]))
        for k, action in enumerate(names):
            if actions is not None and actions.get(player) != action:
                continue
            line = own[own["action"] == action]
            ax.plot(
                line["lambda"],
                line["probability"],
                color=f"C{colour}",
                linestyle=styles[k % len(styles)],
                label=f"{player}: {action}",
            )
    ax.set_xscale("symlog", linthresh=1.0)
    ax.set_xlabel("precision λ")
    ax.set_ylabel("probability")
    ax.set_ylim(-0.02, 1.02)
    ax.legend(fontsize="small")
    return ax
