r"""Trajectories of three-action dynamics drawn on the probability simplex.

A point :math:`(x_1, x_2, x_3)` with :math:`\sum x_i = 1` is drawn at
:math:`x_1 v_1 + x_2 v_2 + x_3 v_3`, the vertices :math:`v_i` of an equilateral triangle
labelled with the actions (barycentric coordinates).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from strategy.errors import InvalidGameError

__all__ = ["plot_simplex"]

_VERTICES = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])


def _shares(frame: Any, player: str | None) -> Any:
    columns = frame.columns
    if getattr(columns, "nlevels", 1) == 2:
        players = list(dict.fromkeys(columns.get_level_values(0)))
        if player is None:
            with_three = [p for p in players if frame[p].shape[1] == 3]
            if len(with_three) != 1:
                raise InvalidGameError(
                    f"name the player whose shares to draw (player=...); players: {', '.join(players)}"
                )
            player = with_three[0]
        if player not in players:
            raise InvalidGameError(f"unknown player {player!r}; the frame has {', '.join(players)}")
        frame = frame[player]
    if frame.shape[1] != 3:
        raise InvalidGameError(f"the simplex plot draws three actions; this frame has {frame.shape[1]}")
    return frame


def plot_simplex(
    frames: Any | Sequence[Any],
    *,
    player: str | None = None,
    labels: Sequence[str] | None = None,
    ax: Any = None,
) -> Any:
    """Draw one or more trajectories over three actions on the simplex; return the Axes.

    Each frame is a run of :mod:`strategy.dynamics` (rows in time order): one column per
    action, or ``(player, action)`` columns from which `player`'s three actions are drawn
    (found by itself when only one player has three actions). The start of each run is a
    circle, its end a filled dot; `labels` name the runs in a legend.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from strategy import NormalFormGame
    >>> from strategy.dynamics import replicator
    >>> rps = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
    ...     actions=(("R", "P", "S"), ("R", "P", "S")))
    >>> ax = plot_simplex(replicator(rps, {"R": 0.5, "P": 0.3, "S": 0.2}))
    >>> [t.get_text() for t in ax.texts]
    ['R', 'P', 'S']
    """
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.subplots(figsize=(5, 4.5))[1]
    runs = [frames] if hasattr(frames, "columns") else list(frames)
    if not runs:
        raise InvalidGameError("give at least one trajectory to draw")
    triangle = np.vstack([_VERTICES, _VERTICES[:1]])
    ax.plot(triangle[:, 0], triangle[:, 1], color="0.3", linewidth=1)
    first = _shares(runs[0], player)
    offsets = ((0.0, -0.05), (0.0, -0.05), (0.0, 0.04))
    for (x, y), (dx, dy), name in zip(_VERTICES, offsets, first.columns, strict=True):
        ax.text(x + dx, y + dy, str(name), ha="center", va="center")
    for k, run in enumerate(runs):
        shares = _shares(run, player).to_numpy(dtype=float)
        points = shares @ _VERTICES
        label = labels[k] if labels is not None and k < len(labels) else None
        ax.plot(points[:, 0], points[:, 1], color=f"C{k}", linewidth=1.2, label=label)
        ax.plot(*points[0], marker="o", markerfacecolor="none", color=f"C{k}")
        ax.plot(*points[-1], marker="o", color=f"C{k}")
    ax.set_aspect("equal")
    ax.set_xlim(-0.08, 1.08)
    ax.set_ylim(-0.1, 0.94)
    ax.axis("off")
    if labels:
        ax.legend(fontsize="small", loc="upper right")
    return ax
