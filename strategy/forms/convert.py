"""From a tree to its reduced normal form, and back from mixed to behaviour strategies.

A pure strategy (plan) names an action at each of the player's information sets. In the
*reduced* normal form, plans differing only at information sets that the player's own
earlier moves exclude are merged: those sets are written ``*``. A plan's label joins its
actions with ``|`` in the order the player's information sets first appear in the tree
(preorder), e.g. ``"Take|*"``.

Mixed strategies map back to behaviour strategies by Kuhn's theorem (perfect recall):
the probability of action :math:`a` at information set :math:`I` is the probability of the
plans that reach :math:`I` and choose :math:`a`, divided by that of the plans reaching
:math:`I`. Where no plan in the support reaches :math:`I`, the marginal over plans that
specify :math:`I` is used, or ``None`` when none does.

Examples
--------
>>> from strategy.forms.extensive import ExtensiveFormGame, decide, leaf
>>> g = ExtensiveFormGame(("A", "B"), decide("A", Take=leaf(A=1, B=0),
...     Pass=decide("B", Take=leaf(A=0, B=2), Pass=decide("A", Take=leaf(A=3, B=1), Pass=leaf(A=2, B=3)))))
>>> nf, plans = to_normal_form(g)
>>> nf.players[0].actions
('Take|*', 'Pass|Take', 'Pass|Pass')
>>> dict(plans["A"]["Take|*"])
{'root': 'Take'}
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from strategy.errors import InvalidGameError, ResourceLimitError
from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Terminal
from strategy.forms.normal import MAX_PAYOFFS, NormalFormGame
from strategy.forms.players import Player

__all__ = [
    "MAX_NORMAL_FORM_WORK",
    "behavior_from_mixed",
    "check_reduced_size",
    "count_reduced_plans",
    "outcome",
    "reduced_plans",
    "reduced_shape",
    "to_normal_form",
]

Plan = Mapping[str, str]


MAX_NORMAL_FORM_WORK = 20_000_000
"""The most node visits (profiles x tree nodes) spent building a reduced normal form:
each profile's outcome walks the tree once, so this bounds the time (a few seconds)."""


def count_reduced_plans(game: ExtensiveFormGame, player: str, *, stop: int | None = None) -> int:
    r"""The number of `player`'s reduced plans, computed without listing them.

    With perfect recall, by the sequence form: a sequence :math:`\sigma` (the player's
    last own move) is followed by the information sets :math:`H(\sigma)` and

    .. math:: \mathrm{plans}(\sigma) = \prod_{h \in H(\sigma)} \sum_{a \in A(h)} \mathrm{plans}(\sigma a),

    the count being :math:`\mathrm{plans}(\emptyset)`; linear in the size of the tree.
    Without perfect recall, the number of full plans (an upper bound). Counts are clipped
    at ``stop + 1`` when `stop` is given, so astronomically many plans cost nothing.
    """
    own = [j for j, info in enumerate(game.infosets) if info.player == player]
    cap = None if stop is None else stop + 1

    def clip(x: int) -> int:
        return x if cap is None else min(x, cap)

    if not game.has_perfect_recall:
        total = 1
        for j in own:
            total = clip(total * len(game.infosets[j].actions))
        return total
    # last[k]: the player's last own move (infoset, action) on the path to node k
    last: list[tuple[int, str] | None] = [None] * game.n_nodes
    for k in range(game.n_nodes):
        node = game.nodes[k]
        mine = isinstance(node, Decision) and node.player == player
        for action, child in game.children[k]:
            last[child] = (game.node_infoset[k], action) if mine else last[k]
    following: dict[tuple[int, str] | None, list[int]] = {}
    for j in own:
        following.setdefault(last[game.infosets[j].nodes[0]], []).append(j)
    value: dict[int, int] = {}

    def plans(sequence: tuple[int, str] | None) -> int:
        out = 1
        for j in following.get(sequence, ()):
            out = clip(out * value[j])
        return out

    for j in reversed(own):  # an information set comes after those its sequence passes through
        value[j] = clip(sum(plans((j, a)) for a in game.infosets[j].actions))
    return plans(None)


def reduced_shape(game: ExtensiveFormGame, players: tuple[str, ...] | None = None) -> tuple[int, ...]:
    """The numbers of reduced plans of `players` (default all), each clipped just above
    :data:`~strategy.forms.normal.MAX_PAYOFFS`: the shape of the reduced normal form,
    known before it is built."""
    keep = game.players if players is None else players
    return tuple(count_reduced_plans(game, p, stop=MAX_PAYOFFS) for p in keep)


def check_reduced_size(game: ExtensiveFormGame, players: tuple[str, ...] | None = None) -> tuple[int, ...]:
    """The reduced normal form's shape; a :class:`ResourceLimitError` naming the alternative
    when it is beyond :data:`~strategy.forms.normal.MAX_PAYOFFS` payoffs or
    :data:`MAX_NORMAL_FORM_WORK` node visits to build."""
    shape = reduced_shape(game, players)
    profiles = 1
    for n in shape:
        profiles = min(profiles * n, MAX_PAYOFFS + 1)
    if len(shape) * profiles > MAX_PAYOFFS or profiles * game.n_nodes > MAX_NORMAL_FORM_WORK:
        keep = game.players if players is None else players
        sizes = " x ".join(f"over {MAX_PAYOFFS:,}" if n > MAX_PAYOFFS else f"{n:,}" for n in shape)
        raise ResourceLimitError(
            f"the reduced normal form of this tree has {sizes} strategies ({', '.join(keep)}), too large to "
            f"build (limits: {MAX_PAYOFFS:,} payoffs, {MAX_NORMAL_FORM_WORK:,} node visits); ask for "
            "subgame-perfect equilibria instead (--concept spe, concept='spe': backward induction needs no "
            "normal form, and other trees are solved subgame by subgame), or split or simplify the tree"
        )
    return shape


def reduced_plans(game: ExtensiveFormGame, player: str) -> list[dict[str, str]]:
    """The player's reduced plans: information set label -> action, only where reachable.

    Listed directly (a choice at each information set the plan itself reaches), in the
    order of the player's full plans with their information sets in preorder and the
    first action varying slowest. Call :func:`check_reduced_size` first on large trees.
    """
    own = [j for j, info in enumerate(game.infosets) if info.player == player]
    if not own:
        return [{}]
    position = {game.infosets[j].label: {a: t for t, a in enumerate(game.infosets[j].actions)} for j in own}
    order = [game.infosets[j].label for j in own]
    out: list[dict[str, str]] = []
    seen: set[tuple[tuple[str, str], ...]] = set()
    # each state: (nodes still to explore, choices so far); explored without recursion
    states: list[tuple[list[int], dict[str, str]]] = [([0], {})]
    while states:
        frontier, plan = states.pop()
        frontier = list(frontier)
        branch = None
        while frontier:
            k = frontier.pop()
            node = game.nodes[k]
            if isinstance(node, Terminal):
                continue
            if isinstance(node, Decision) and node.player == player:
                label = game.infosets[game.node_infoset[k]].label
                if label not in plan:
                    branch = (k, label)
                    break
                frontier.extend(c for a, c in game.children[k] if a == plan[label])
            else:
                frontier.extend(c for _, c in game.children[k])
        if branch is None:
            key = tuple(sorted(plan.items()))
            if key not in seen:
                seen.add(key)
                out.append(plan)
            continue
        k, label = branch
        for action, _ in game.children[k]:
            states.append(([*frontier, k], {**plan, label: action}))
    out.sort(key=lambda plan: tuple(position[lab][plan[lab]] if lab in plan else 0 for lab in order))
    return out


def _label(game: ExtensiveFormGame, player: str, plan: Mapping[str, str]) -> str:
    labels = [info.label for info in game.infosets if info.player == player]
    if not labels:
        return "-"
    return "|".join(plan.get(lab, "*") for lab in labels)


def outcome(game: ExtensiveFormGame, plans: Mapping[str, Plan]) -> tuple[Any, ...]:
    """Expected payoff vector when each player follows a (reduced) plan."""
    vals: dict[int, tuple[Any, ...]] = {}
    for k in range(game.n_nodes - 1, -1, -1):
        node = game.nodes[k]
        if isinstance(node, Terminal):
            vals[k] = game.leaf_payoffs(k)
        elif isinstance(node, Chance):
            vals[k] = tuple(
                sum(node.outcomes[a][0] * vals[c][i] for a, c in game.children[k]) for i in range(game.n_players)
            )
        else:
            label = game.infosets[game.node_infoset[k]].label
            act = plans[node.player].get(label)
            if act is None:
                vals[k] = (0,) * game.n_players  # unreachable under this plan
            else:
                vals[k] = vals[dict(game.children[k])[act]]
    return vals[0]


def to_normal_form(
    game: ExtensiveFormGame, players: tuple[str, ...] | None = None
) -> tuple[NormalFormGame, Mapping[str, Mapping[str, Plan]]]:
    """Return the reduced normal form and, per player, strategy label -> plan.

    Parameters
    ----------
    game : ExtensiveFormGame
    players : tuple of str, optional
        Players to keep as strategic players (default all). Players left out must not move.

    Notes
    -----
    The size is the product of the players' numbers of reduced plans, counted first
    (:func:`check_reduced_size`): a tree whose form is too large is refused before anything
    is built.
    Players without a move get the single strategy ``"-"``.
    """
    keep = game.players if players is None else players
    movers = {info.player for info in game.infosets}
    for p in game.players:
        if p not in keep and p in movers:
            raise InvalidGameError(f"player {p} moves in the tree and cannot be left out of the normal form")
    check_reduced_size(game, keep)
    plan_lists = {p: reduced_plans(game, p) for p in game.players}
    labels = {p: [_label(game, p, plan) for plan in plan_lists[p]] for p in game.players}
    shape = [len(plan_lists[p]) for p in keep]
    arrays = []
    table: dict[tuple[int, ...], tuple[Any, ...]] = {}
    for idx in itertools.product(*(range(s) for s in shape)):
        chosen = {p: plan_lists[p][0] for p in game.players}
        for p, t in zip(keep, idx, strict=True):
            chosen[p] = plan_lists[p][t]
        table[idx] = outcome(game, chosen)
    import numpy as np

    for i, p in enumerate(keep):
        gi = game.players.index(p)
        arr = np.empty(shape, dtype=object)
        for idx, v in table.items():
            arr[idx] = v[gi]
        if not game.exact:
            arr = arr.astype(float)
        arrays.append(arr.tolist())
        del i
    nf = NormalFormGame(tuple(Player(p, tuple(labels[p])) for p in keep), arrays, title=game.title)
    mapping = {
        p: MappingProxyType({lab: MappingProxyType(plan) for lab, plan in zip(labels[p], plan_lists[p], strict=True)})
        for p in game.players
    }
    return nf, MappingProxyType(mapping)


def behavior_from_mixed(
    game: ExtensiveFormGame, mapping: Mapping[str, Mapping[str, Plan]], strategies: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """Kuhn's map from mixed strategies over reduced plans to behaviour choices.

    `strategies` maps each player to {strategy label: probability}; players absent use
    their only plan. Returns information set label -> action (when pure) or distribution,
    or ``None`` when no plan with positive probability specifies that information set.
    """
    out: dict[str, Any] = {}
    for j, info in enumerate(game.infosets):
        mixed = strategies.get(info.player) or {next(iter(mapping[info.player])): 1}
        plans = mapping[info.player]
        # plans reaching the infoset = those that specify it (reduced plans specify exactly the reachable sets)
        mass = {a: Fraction(0) if _exact(mixed) else 0.0 for a in info.actions}
        total: Any = 0
        for lab, p in mixed.items():
            if not p:
                continue
            act = plans[lab].get(info.label)
            if act is not None:
                mass[act] += p
                total += p
        if not total:
            out[info.label] = None
            continue
        dist = {a: m / total for a, m in mass.items()}
        pure = [a for a, m in dist.items() if m == 1]
        out[info.label] = pure[0] if pure else dist
        del j
    return out


def _exact(mixed: Mapping[str, Any]) -> bool:
    return all(isinstance(p, int | Fraction) for p in mixed.values())
