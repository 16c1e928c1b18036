"""Behaviour strategy profiles on extensive-form games, with independent regret checks.

A behaviour profile assigns to every information set an action (pure) or a probability
distribution over its actions (Kuhn 1953). Its certificate is computed from the tree
alone: expected payoffs by a bottom-up walk, and for every subgame (or only the whole
game, for Nash) each player's best-response value against the others' fixed behaviour,
found by backward induction over that player's information sets weighted by the
probability that nature and the others reach each node (valid under perfect recall).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from strategy.errors import InvalidProfileError, UnsupportedGameError
from strategy.forms.extensive import ExtensiveFormGame
from strategy.forms.nodes import CHANCE, Chance, Decision, Terminal, path_label
from strategy.numbers import DEFAULT_TOL

__all__ = ["BehaviorProfile"]


@dataclass(frozen=True, eq=False)
class BehaviorProfile:
    """A behaviour profile: information-set label -> action, or action -> probability.

    Parameters
    ----------
    game : ExtensiveFormGame
    choices : mapping
        Every information set label maps to an action label, a mapping of action labels
        to probabilities, or ``None`` when the profile leaves it unspecified (only where
        the owner's own earlier moves make it unreachable; it is then completed with the
        owner's best continuation when values are computed).
    concept : {"nash", "subgame_perfect"}
        Which regret :meth:`max_regret` reports: at the root only, or the largest over
        every subgame.
    """

    game: ExtensiveFormGame = field(repr=False)
    choices: Mapping[str, Any]
    concept: str = "subgame_perfect"

    def __post_init__(self) -> None:
        known = {i.label: i for i in self.game.infosets}
        out: dict[str, Any] = {}
        for label, info in known.items():
            if label not in self.choices:
                raise InvalidProfileError(f"profile gives no choice at information set {label!r} of {info.player}")
            choice = self.choices[label]
            if choice is None or isinstance(choice, str):
                if choice is not None and choice not in info.actions:
                    raise InvalidProfileError(f"at {label!r}: {choice!r} is not one of {info.actions}")
                out[label] = choice
            else:
                dist = dict(choice)
                bad = [a for a in dist if a not in info.actions]
                if bad:
                    raise InvalidProfileError(f"at {label!r}: {bad} not among {info.actions}")
                out[label] = MappingProxyType(dist)
        object.__setattr__(self, "choices", MappingProxyType(out))

    # ------------------------------------------------------------------ probabilities
    def _dist(self, j: int) -> dict[str, Any] | None:
        info = self.game.infosets[j]
        c = self.choices[info.label]
        if c is None:
            return None
        if isinstance(c, str):
            return {a: (1 if a == c else 0) for a in info.actions}
        return {a: c.get(a, 0) for a in info.actions}

    def __getitem__(self, infoset: str) -> Any:
        return self.choices[infoset]

    def is_pure(self) -> bool:
        """Whether every specified choice is a single action."""
        return all(c is None or isinstance(c, str) for c in self.choices.values())

    def _values(self, override: Mapping[int, str] | None = None, player: int | None = None) -> list[tuple[Any, ...]]:
        """Expected payoff vector at every node (bottom-up), optionally with `override`
        (infoset index -> action) replacing the choices."""
        game = self.game
        n = game.n_players
        vals: list[Any] = [None] * game.n_nodes
        for k in range(game.n_nodes - 1, -1, -1):
            node = game.nodes[k]
            if isinstance(node, Terminal):
                vals[k] = game.leaf_payoffs(k)
                continue
            kids = game.children[k]
            if isinstance(node, Chance):
                probs = [node.outcomes[a][0] for a, _ in kids]
            else:
                j = game.node_infoset[k]
                if override is not None and j in override:
                    probs = [1 if a == override[j] else 0 for a, _ in kids]
                else:
                    dist = self._dist(j)
                    if dist is None:  # unspecified: owner's best continuation
                        owner = game.players.index(node.player)
                        best = max(range(len(kids)), key=lambda t: vals[kids[t][1]][owner])
                        probs = [1 if t == best else 0 for t in range(len(kids))]
                    else:
                        probs = [dist[a] for a, _ in kids]
            vals[k] = tuple(
                sum(p * vals[c][i] for p, (_, c) in zip(probs, kids, strict=True) if p) if any(probs) else 0
                for i in range(n)
            )
        return vals

    def _reach(self, start: int = 0) -> dict[int, Any]:
        """Probability of reaching each node of the subtree of `start` from `start`."""
        game = self.game
        reach: dict[int, Any] = {start: 1}
        for k in range(start, game.ends[start]):
            node = game.nodes[k]
            if isinstance(node, Terminal):
                continue
            r = reach[k]
            if isinstance(node, Chance):
                for a, c in game.children[k]:
                    reach[c] = r * node.outcomes[a][0]
            else:
                dist = self._dist(game.node_infoset[k])
                for a, c in game.children[k]:
                    reach[c] = r * (dist[a] if dist is not None else 0)
        return reach

    # ------------------------------------------------------------------ public views
    def payoffs(self) -> dict[str, Any]:
        """Expected payoff of each player."""
        return dict(zip(self.game.players, self._values()[0], strict=True))

    def path(self) -> list[tuple[str, str]]:
        """Moves made with positive probability, in tree order: ``(player, action)``
        (``("chance", outcome)`` for nature)."""
        game = self.game
        reach = self._reach()
        out = []
        for k in range(game.n_nodes):
            node = game.nodes[k]
            if isinstance(node, Terminal) or not reach.get(k):
                continue
            for a, c in game.children[k]:
                if reach.get(c):
                    out.append((CHANCE if isinstance(node, Chance) else node.player, a))
        return out

    def off_path(self) -> dict[str, Any]:
        """Choices at decision nodes reached with probability zero (the threats)."""
        game = self.game
        reach = self._reach()
        out = {}
        for k in game.decision_nodes():
            if not reach.get(k):
                label = game.infosets[game.node_infoset[k]].label
                out[label] = self.choices[label]
        return out

    def action_values(self) -> dict[str, dict[str, Any]]:
        """At each single-node information set, the mover's expected payoff from each action
        when everyone follows the profile afterwards: ``{infoset: {action: value}}``.

        These are the comparisons behind a choice: in a subgame-perfect equilibrium the
        chosen action has the largest value at every node, on the path and off it.
        """
        game = self.game
        vals = self._values()
        out: dict[str, dict[str, Any]] = {}
        for info in game.infosets:
            if len(info.nodes) != 1:
                continue
            (k,) = info.nodes
            owner = game.players.index(info.player)
            out[info.label] = {a: vals[c][owner] for a, c in game.children[k]}
        return out

    def regrets(self) -> dict[str, dict[str, Any]]:
        """Regret of each player in each subgame considered (root only for Nash).

        Returns ``{subgame root path: {player: best-response value - value}}``.
        """
        game = self.game
        if game.perfect_recall_violation is not None:
            raise UnsupportedGameError(f"regrets need perfect recall: {game.perfect_recall_violation}")
        roots = (0,) if self.concept == "nash" else tuple(k for k in game.subgame_roots())
        if not roots:
            roots = (0,)
        base = self._values()
        if game.is_perfect_information:
            best = [self._best_values_perfect(i) for i in range(game.n_players)]
            return {
                path_label(game.paths[k]): {p: best[i][k] - base[k][i] for i, p in enumerate(game.players)}
                for k in roots
            }
        out = {}
        for k in roots:
            out[path_label(game.paths[k])] = {
                p: self._best_value(i, k) - base[k][i] for i, p in enumerate(game.players)
            }
        return out

    def max_regret(self) -> Any:
        """Largest regret over players and the subgames of :attr:`concept` (0 when none)."""
        values = [r for d in self.regrets().values() for r in d.values()]
        return max(values, default=0)

    def _best_values_perfect(self, i: int) -> list[Any]:
        game = self.game
        player = game.players[i]
        vals: list[Any] = [None] * game.n_nodes
        full: list[Any] | None = None
        for k in range(game.n_nodes - 1, -1, -1):
            node = game.nodes[k]
            if isinstance(node, Terminal):
                vals[k] = node.payoffs[player]
                continue
            kids = game.children[k]
            if isinstance(node, Chance):
                vals[k] = sum(node.outcomes[a][0] * vals[c] for a, c in kids)
            elif node.player == player:
                vals[k] = max(vals[c] for _, c in kids)
            else:
                dist = self._dist(game.node_infoset[k])
                if dist is None:  # unreachable by its owner's own choices: the owner's best continuation
                    if full is None:
                        full = self._values()
                    owner = game.players.index(node.player)
                    best = max(range(len(kids)), key=lambda t: full[kids[t][1]][owner])
                    vals[k] = vals[kids[best][1]]
                else:
                    vals[k] = sum(dist[a] * vals[c] for a, c in kids if dist[a])
        return vals

    def _best_value(self, i: int, start: int) -> Any:
        """Best-response value of player `i` in the subgame at `start` (perfect recall)."""
        game = self.game
        player = game.players[i]
        # reach by nature and the others only
        weight: dict[int, Any] = {start: 1}
        for k in range(start, game.ends[start]):
            node = game.nodes[k]
            if isinstance(node, Terminal):
                continue
            if isinstance(node, Chance):
                for a, c in game.children[k]:
                    weight[c] = weight[k] * node.outcomes[a][0]
            elif node.player == player:
                for _, c in game.children[k]:
                    weight[c] = weight[k]
            else:
                dist = self._dist(game.node_infoset[k]) or {}
                for a, c in game.children[k]:
                    weight[c] = weight[k] * dist.get(a, 0)
        own = sorted(
            {
                game.node_infoset[k]
                for k, nd in enumerate(game.nodes[start : game.ends[start]], start)
                if isinstance(nd, Decision) and nd.player == player
            },
            key=lambda j: -min(game.infosets[j].nodes),
        )
        override: dict[int, str] = {}
        for j in own:
            info = game.infosets[j]
            vals = None
            scores = {}
            for a in info.actions:
                override[j] = a
                vals = self._values(override)
                scores[a] = sum(weight[m] * vals[m][i] for m in info.nodes)
            override[j] = max(info.actions, key=lambda a: scores[a])
        return self._values(override)[start][i]

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``{"behavior": {infoset: action or {action: p}}, "path": [[player, action], ...]}``."""
        behavior: dict[str, Any] = {}
        for label, c in self.choices.items():
            if c is None or isinstance(c, str):
                behavior[label] = c
            else:
                behavior[label] = {a: (str(p) if isinstance(p, Fraction) else float(p)) for a, p in c.items()}
        return {"behavior": behavior, "path": [list(m) for m in self.path()]}

    def as_floats(self) -> dict[str, Any]:
        """The choices with probabilities as floats (pure choices stay action labels)."""
        return {
            label: c if c is None or isinstance(c, str) else {a: float(p) for a, p in c.items()}
            for label, c in self.choices.items()
        }

    def is_equilibrium(self, *, tol: float = DEFAULT_TOL) -> bool:
        """Whether the maximum regret is zero (exact) or within `tol`."""
        r = self.max_regret()
        return r == 0 if isinstance(r, Fraction) else float(r) <= tol

    def __repr__(self) -> str:
        moves = ", ".join(f"{p}:{a}" for p, a in self.path())
        off = self.off_path()
        if off:

            def show(c: Any) -> str:
                if c is None:
                    return "(unreachable by own choice)"
                return c if isinstance(c, str) else "+".join(f"{p}*{a}" for a, p in c.items() if p)

            moves += "; off path " + ", ".join(f"at {where}: {show(c)}" for where, c in off.items())
        return f"BehaviorProfile({moves})"
