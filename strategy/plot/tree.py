"""Drawing game trees with matplotlib (imported lazily).

Leaves are spread evenly on the bottom row, each inner node sits above the middle of its
children. Decision nodes are filled dots labelled with the player, chance nodes open
circles; edges carry the action (and the probability at chance nodes); payoffs are written
under the leaves; nodes of one information set are joined by a dashed line. When a result
or a behaviour profile is given, the moves it plays with positive probability are drawn
thick and coloured (the equilibrium path), and the other choices it makes (the threats off
the path) are drawn thick in grey.
"""

from __future__ import annotations

import io
from typing import Any

from strategy.forms.extensive import Chance, ExtensiveFormGame, Terminal
from strategy.numbers import format_number

__all__ = ["draw_tree", "tree_svg"]

PATH_COLOR = "#c0392b"


def _layout(game: ExtensiveFormGame, sideways: bool = False) -> dict[int, tuple[float, float]]:
    """Node positions: leaves evenly spaced, parents centred over their children; root at the
    top (``sideways`` False) or at the left with the leaves in a column (True)."""
    pos: dict[int, tuple[float, float]] = {}
    x_leaf = 0
    depth = {0: 0}
    for k in range(game.n_nodes):
        for _, c in game.children[k]:
            depth[c] = depth[k] + 1
    for k in range(game.n_nodes):
        if isinstance(game.nodes[k], Terminal):
            pos[k] = (float(x_leaf), -float(depth[k]))
            x_leaf += 1
    for k in range(game.n_nodes - 1, -1, -1):
        if k not in pos:
            xs = [pos[c][0] for _, c in game.children[k]]
            pos[k] = ((min(xs) + max(xs)) / 2, -float(depth[k]))
    if sideways:
        return {k: (-y * SIDEWAYS_STEP, -x) for k, (x, y) in pos.items()}
    return pos


SIDEWAYS_STEP = 2.2
"""Horizontal distance between the levels of a sideways tree (in leaf spacings)."""

SIDEWAYS_ABOVE = 8
"""Trees with more leaves than this are drawn sideways by default, so they fit a page column."""


def _profile(result: Any) -> Any:
    if result is None:
        return None
    if hasattr(result, "choices"):
        return result
    if hasattr(result, "profile"):
        return result.profile
    if len(result):
        return result[0].profile
    return None


def draw_tree(game: ExtensiveFormGame, result: Any = None, ax: Any = None, *, sideways: bool | None = None) -> Any:
    """Draw `game`; `result` (SolveResult, Equilibrium or BehaviorProfile) highlights a path.

    `sideways` puts the root at the left and the leaves in one column, each with its payoffs
    named by player (``Russia 1.2, Turkey -5.1``), so that wide trees fit a page column;
    by default trees with more than :data:`SIDEWAYS_ABOVE` leaves are drawn sideways.
    Returns the matplotlib Axes; save with ``ax.figure.savefig("tree.svg")``.
    """
    n_leaves = sum(isinstance(n, Terminal) for n in game.nodes)
    depth = game.depth
    side = n_leaves > SIDEWAYS_ABOVE if sideways is None else sideways
    if ax is None:
        from matplotlib.figure import Figure

        if side:
            size = (max(6.0, 1.5 * depth + 3.8), max(3.0, 0.34 * n_leaves + 0.8))
        else:
            size = (max(4.0, 1.3 * n_leaves), max(3.0, 1.4 * (depth + 1)))
        fig = Figure(figsize=size)
        ax = fig.subplots()
    pos = _layout(game, side)
    profile = _profile(result)
    reach = profile._reach() if profile is not None else {}
    small = 7 if side else 8
    for k, node in enumerate(game.nodes):
        x, y = pos[k]
        for a, c in game.children[k]:
            cx, cy = pos[c]
            on = bool(reach.get(c))
            chosen = False
            text = a
            if isinstance(node, Chance):
                text = f"{a} ({format_number(node.outcomes[a][0])})"
            elif profile is not None:
                choice = profile.choices[game.infosets[game.node_infoset[k]].label]
                chosen = choice == a if isinstance(choice, str) else choice is not None and bool(choice.get(a, 0))
            color = PATH_COLOR if on else ("0.45" if chosen else "0.7")
            width = 3.0 if on or chosen else 1.0
            ax.plot([x, cx], [y, cy], color=color, lw=width, zorder=1)
            ax.annotate(
                text,
                ((x + cx) / 2, (y + cy) / 2),
                ha="center",
                va="center",
                fontsize=small,
                color=PATH_COLOR if on else "black",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"},
                zorder=3,
            )
        if isinstance(node, Terminal):
            values = game.leaf_payoffs(k)
            ax.plot([x], [y], "s", color="0.2", ms=4, zorder=2)
            if side:
                pays = ", ".join(f"{p} {format_number(v)}" for p, v in zip(game.players, values, strict=True))
                on_path = bool(reach.get(k))
                ax.annotate(
                    pays,
                    (x + 0.15, y),
                    ha="left",
                    va="center",
                    fontsize=small,
                    color=PATH_COLOR if on_path else "0.15",
                    weight="bold" if on_path else "normal",
                )
            else:
                pays = ", ".join(format_number(v) for v in values)
                ax.annotate(f"({pays})", (x, y - 0.18), ha="center", va="top", fontsize=8)
        elif isinstance(node, Chance):
            ax.plot([x], [y], "o", mfc="white", mec="0.2", ms=9, zorder=2)
            ax.annotate("chance", (x, y + 0.15), ha="center", va="bottom", fontsize=8, style="italic")
        else:
            ax.plot([x], [y], "o", color="0.1", ms=7 if side else 8, zorder=2)
            ax.annotate(
                node.player,
                (x, y + (0.25 if side else 0.15)),
                ha="right" if side else "center",
                va="bottom",
                fontsize=small + 1,
                weight="bold",
            )
    for info in game.infosets:
        if len(info.nodes) > 1:
            pts = sorted(pos[m] for m in info.nodes)
            ax.plot([p[0] for p in pts], [p[1] for p in pts], ls="--", color="0.3", lw=1.2, zorder=0, label=None)
            mid = pts[len(pts) // 2]
            ax.annotate(info.label, (mid[0], mid[1] - 0.12), ha="center", va="top", fontsize=7, color="0.3")
    ax.set_axis_off()
    if game.title:
        ax.set_title(game.title)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    if side:
        ax.set_xlim(min(xs) - 0.8, max(xs) + 3.2 + 0.6 * len(game.players))
        ax.set_ylim(min(ys) - 0.7, max(ys) + 0.9)
    else:
        ax.set_xlim(min(xs) - 0.7, max(xs) + 0.7)
        ax.set_ylim(min(ys) - 0.6, max(ys) + 0.5)
    return ax


def tree_svg(game: ExtensiveFormGame, result: Any = None, *, sideways: bool | None = None) -> str:
    """The drawing as an inline SVG string (for ``_repr_svg_``)."""
    ax = draw_tree(game, result, sideways=sideways)
    buf = io.StringIO()
    ax.figure.savefig(buf, format="svg", bbox_inches="tight")
    text = buf.getvalue()
    return text[text.find("<svg") :]
