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
import math
from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from strategy.errors import InvalidGameError, UnsupportedGameError
from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Terminal
from strategy.forms.normal import NormalFormGame
from strategy.forms.players import Player

__all__ = ["MAX_PLANS", "MAX_PROFILES", "behavior_from_mixed", "outcome", "reduced_plans", "to_normal_form"]

Plan = Mapping[str, str]


MAX_PLANS = 100_000
"""The most plans (one action at each of a player's information sets) enumerated for one
player; the reduced plans are found among them, so a tree offering more is refused before
any work. A 17-deep binary chain already gives each player 2^8 plans; 2^17 is past the cap."""

MAX_PROFILES = 1_000_000
"""The most strategy profiles of a reduced normal form that is built (one payoff vector each)."""


def _refuse(what: str) -> UnsupportedGameError:
    return UnsupportedGameError(
        f"{what}; the reduced normal form is too large to build. Use the subgame-perfect solvers "
        "(--concept spe) or a one-equilibrium method on a smaller model"
    )


def reduced_plans(game: ExtensiveFormGame, player: str) -> list[dict[str, str]]:
    """The player's reduced plans: information set label -> action, only where reachable.

    Raises :class:`UnsupportedGameError` when the player has more than :data:`MAX_PLANS`
    plans to sift, before enumerating any.
    """
    own = [j for j, info in enumerate(game.infosets) if info.player == player]
    if not own:
        return [{}]
    count = 1
    for j in own:
        count *= len(game.infosets[j].actions)
        if count > MAX_PLANS:
            raise _refuse(
                f"{player} has {len(own)} information sets, so more than {MAX_PLANS:,} plans (the most enumerated)"
            )
    out: list[dict[str, str]] = []
    seen = set()
    for combo in itertools.product(*(game.infosets[j].actions for j in own)):
        full = {game.infosets[j].label: a for j, a in zip(own, combo, strict=True)}
        reach = _reachable(game, player, full)
        plan = {label: a for label, a in full.items() if label in reach}
        key = tuple(sorted(plan.items()))
        if key not in seen:
            seen.add(key)
            out.append(plan)
    return out


def _reachable(game: ExtensiveFormGame, player: str, plan: Mapping[str, str]) -> set[str]:
    reach = set()
    stack = [0]
    while stack:
        k = stack.pop()
        node = game.nodes[k]
        if isinstance(node, Terminal):
            continue
        if isinstance(node, Decision) and node.player == player:
            label = game.infosets[game.node_infoset[k]].label
            reach.add(label)
            stack.extend(c for a, c in game.children[k] if a == plan[label])
        else:
            stack.extend(c for _, c in game.children[k])
    return reach


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
    The size is the product of the players' numbers of reduced plans; meant for small trees.
    Players without a move get the single strategy ``"-"``.
    """
    keep = game.players if players is None else players
    movers = {info.player for info in game.infosets}
    for p in game.players:
        if p not in keep and p in movers:
            raise InvalidGameError(f"player {p} moves in the tree and cannot be left out of the normal form")
    plan_lists = {p: reduced_plans(game, p) for p in game.players}
    shape = [len(plan_lists[p]) for p in keep]
    if math.prod(shape) > MAX_PROFILES:
        raise _refuse(
            f"its reduced normal form has {' x '.join(map(str, shape))} strategies, more than {MAX_PROFILES:,} profiles"
        )
    labels = {p: [_label(game, p, plan) for plan in plan_lists[p]] for p in game.players}
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
