"""Extensive-form games: immutable trees of decision, chance and terminal nodes.

A tree is built from three node types and wrapped in :class:`ExtensiveFormGame`, which
validates it once (probabilities, information sets, payoffs, perfect recall) and keeps a
flattened, indexed view for the solvers.

Node paths name places in the tree by the actions taken from the root, joined with
``" > "`` (the root is ``"root"``); a decision node without a named information set is its
own singleton information set, labelled by its path.

Examples
--------
>>> game = ExtensiveFormGame(("Entrant", "Incumbent"), decide("Entrant",
...     Out=leaf(Entrant=0, Incumbent=2),
...     In=decide("Incumbent", Fight=leaf(Entrant=-1, Incumbent=-1),
...               Accommodate=leaf(Entrant=1, Incumbent=1))))
>>> game.is_perfect_information, game.n_nodes
(True, 5)
>>> [info.label for info in game.infosets]
['root', 'In']

References
----------
Kuhn, H. W. (1953). Extensive games and the problem of information. *Contributions to the
Theory of Games* II, 193-216. Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game
Theory*, ch. 6 and 11.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Union

from strategy.errors import InvalidGameError, UnknownLabelError
from strategy.numbers import is_exact_value, to_fraction

__all__ = [
    "Chance",
    "Decision",
    "ExtensiveFormGame",
    "InfoSet",
    "Node",
    "Terminal",
    "chance",
    "decide",
    "leaf",
    "path_label",
]

CHANCE = "chance"


def _number(x: Any, where: str) -> Fraction | float:
    if is_exact_value(x):
        return to_fraction(x)
    if isinstance(x, bool) or not isinstance(x, int | float):
        try:
            x = float(x)
        except (TypeError, ValueError):
            raise InvalidGameError(f"{where}: {x!r} is not a number") from None
    if not math.isfinite(float(x)):
        raise InvalidGameError(f"{where}: {x!r} is not a finite number")
    return float(x)


@dataclass(frozen=True, eq=False)
class Terminal:
    """A leaf: the payoff of every player."""

    payoffs: Mapping[str, Any]
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "payoffs", MappingProxyType(dict(self.payoffs)))


@dataclass(frozen=True, eq=False)
class Decision:
    """A node where `player` chooses one of `moves` (action label -> child node)."""

    player: str
    moves: Mapping[str, Node]
    infoset: str | None = None
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "moves", MappingProxyType(dict(self.moves)))


@dataclass(frozen=True, eq=False)
class Chance:
    """A move of nature: outcome label -> (probability, child node)."""

    outcomes: Mapping[str, tuple[Any, Node]]
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "outcomes", MappingProxyType({k: tuple(v) for k, v in dict(self.outcomes).items()}))


Node = Union[Decision, Chance, Terminal]  # noqa: UP007 -- runtime alias used in annotations


def decide(player: str, *, infoset: str | None = None, label: str = "", **moves: Node) -> Decision:
    """Return ``Decision(player, moves, infoset, label)``; moves given as keywords."""
    return Decision(player, moves, infoset, label)


def leaf(label: str = "", **payoffs: Any) -> Terminal:
    """Return a :class:`Terminal` paying each player given as a keyword."""
    return Terminal(payoffs, label)


def chance(label: str = "", **outcomes: tuple[Any, Node]) -> Chance:
    """Return a :class:`Chance` node; each keyword maps to ``(probability, child)``."""
    return Chance(outcomes, label)


def path_label(path: tuple[str, ...]) -> str:
    """Return the readable name of a node path: ``"A > B"``, or ``"root"``."""
    return " > ".join(path) if path else "root"


@dataclass(frozen=True)
class InfoSet:
    """An information set: its label, player, actions and member node indices (preorder)."""

    label: str
    player: str
    actions: tuple[str, ...]
    nodes: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class ExtensiveFormGame:
    """A finite game in extensive form.

    Parameters
    ----------
    players : tuple of str
        The players, in the order payoff vectors are reported.
    root : Node
        The root of the tree (nodes are immutable; no node object may appear twice).
    title : str
        Optional name.

    Notes
    -----
    After construction the tree is also available flattened in preorder:
    ``nodes[k]``, ``paths[k]`` (tuple of actions), ``parents[k]``, ``children[k]``
    (tuple of ``(label, index)``), ``ends[k]`` (the subtree of ``k`` is ``range(k, ends[k])``),
    and ``infosets`` in order of first appearance.
    """

    players: tuple[str, ...]
    root: Node
    title: str = ""
    nodes: tuple[Node, ...] = field(init=False, repr=False)
    paths: tuple[tuple[str, ...], ...] = field(init=False, repr=False)
    parents: tuple[int, ...] = field(init=False, repr=False)
    children: tuple[tuple[tuple[str, int], ...], ...] = field(init=False, repr=False)
    ends: tuple[int, ...] = field(init=False, repr=False)
    infosets: tuple[InfoSet, ...] = field(init=False, repr=False)
    node_infoset: tuple[int, ...] = field(init=False, repr=False)
    exact: bool = field(init=False, repr=False)
    perfect_recall_violation: str | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        players = (self.players,) if isinstance(self.players, str) else tuple(self.players)
        if not players:
            raise InvalidGameError("an extensive-form game needs at least one player")
        if len(set(players)) != len(players):
            raise InvalidGameError(f"player names must be distinct; got {players}")
        if CHANCE in players:
            raise InvalidGameError(f"{CHANCE!r} is reserved for moves of nature; rename that player")
        object.__setattr__(self, "players", players)
        nodes: list[Node] = []
        paths: list[tuple[str, ...]] = []
        parents: list[int] = []
        children: list[tuple[tuple[str, int], ...]] = []
        ends: list[int] = []
        seen: set[int] = set()
        exact = True
        # iterative preorder walk (deep trees must not hit the recursion limit)
        stack: list[tuple[Node, tuple[str, ...], int, int]] = [(self.root, (), -1, -1)]
        pending: list[tuple[int, int]] = []  # (index, number of children) to close
        kids: dict[int, list[tuple[str, int]]] = {}
        while stack:
            node, path, parent, _ = stack.pop()
            where = f"at {path_label(path)}"
            if id(node) in seen:
                raise InvalidGameError(
                    f"{where}: node reached twice: cycles and shared subtrees are not trees; "
                    "build a fresh node for each place"
                )
            seen.add(id(node))
            k = len(nodes)
            nodes.append(node)
            paths.append(path)
            parents.append(parent)
            children.append(())
            ends.append(k + 1)
            if parent >= 0:
                kids[parent].append((path[-1], k))
            if isinstance(node, Terminal):
                missing = [p for p in players if p not in node.payoffs]
                if missing:
                    raise InvalidGameError(
                        f"{where}: leaf does not pay {', '.join(missing)}; give every declared player a payoff"
                    )
                extra = [p for p in node.payoffs if p not in players]
                if extra:
                    raise InvalidGameError(
                        f"{where}: leaf pays undeclared player(s) {', '.join(map(str, extra))}; "
                        f"declared players are {', '.join(players)}"
                    )
                values = {p: _number(node.payoffs[p], f"{where}: payoff of {p}") for p in players}
                exact = exact and all(isinstance(v, Fraction) for v in values.values())
                object.__setattr__(node, "payoffs", MappingProxyType(values))
                continue
            if isinstance(node, Decision):
                if node.player not in players:
                    raise UnknownLabelError("player", node.player, players, where)
                if not node.moves:
                    raise InvalidGameError(
                        f"{where}: decision node of {node.player} has no moves; "
                        "give at least one move or make it a leaf"
                    )
                items = [(str(a), child) for a, child in node.moves.items()]
            elif isinstance(node, Chance):
                if not node.outcomes:
                    raise InvalidGameError(f"{where}: chance node has no outcomes")
                probs = []
                items = []
                for label, pair in node.outcomes.items():
                    if len(pair) != 2:
                        raise InvalidGameError(f"{where}: outcome {label!r} must be (probability, node)")
                    p = _number(pair[0], f"{where}: probability of {label!r}")
                    if p < 0:
                        raise InvalidGameError(f"{where}: probability of {label!r} is negative ({p})")
                    probs.append(p)
                    items.append((str(label), pair[1]))
                total = sum(probs)
                if all(isinstance(p, Fraction) for p in probs):
                    ok = total == 1
                else:
                    exact = False
                    ok = abs(float(total) - 1.0) <= 1e-9
                if not ok:
                    raise InvalidGameError(f"{where}: chance probabilities sum to {total}, not 1")
                object.__setattr__(
                    node,
                    "outcomes",
                    MappingProxyType({lab: (p, child) for (lab, child), p in zip(items, probs, strict=True)}),
                )
            else:
                raise InvalidGameError(f"{where}: {node!r} is not a Decision, Chance or Terminal node")
            kids[k] = []
            pending.append((k, len(items)))
            for label, child in reversed(items):
                stack.append((child, (*path, label), k, 0))
        for k, lst in kids.items():
            children[k] = tuple(lst)
        # subtree ends: postorder over preorder indices (children have larger indices)
        for k in range(len(nodes) - 1, -1, -1):
            if children[k]:
                ends[k] = ends[children[k][-1][1]]
        object.__setattr__(self, "nodes", tuple(nodes))
        object.__setattr__(self, "paths", tuple(paths))
        object.__setattr__(self, "parents", tuple(parents))
        object.__setattr__(self, "children", tuple(children))
        object.__setattr__(self, "ends", tuple(ends))
        object.__setattr__(self, "exact", exact)
        self._build_infosets()

    def _build_infosets(self) -> None:
        order: dict[str, list[int]] = {}
        for k, node in enumerate(self.nodes):
            if isinstance(node, Decision):
                key = node.infoset if node.infoset is not None else path_label(self.paths[k])
                if node.infoset is None and key in order:
                    key = f"{key} #{k}"
                order.setdefault(key, []).append(k)
        infosets = []
        node_infoset = [-1] * len(self.nodes)
        for j, (label, members) in enumerate(order.items()):
            first = self.nodes[members[0]]
            assert isinstance(first, Decision)
            actions = tuple(first.moves)
            for m in members:
                node = self.nodes[m]
                assert isinstance(node, Decision)
                where = f"at {path_label(self.paths[m])}"
                if node.player != first.player:
                    raise InvalidGameError(
                        f"{where}: information set {label!r} mixes players {first.player} and "
                        f"{node.player}; an information set belongs to one player"
                    )
                if tuple(node.moves) != actions:
                    raise InvalidGameError(
                        f"{where}: information set {label!r} has actions {tuple(node.moves)} "
                        f"here but {actions} at {path_label(self.paths[members[0]])}; "
                        "every node of an information set offers the same actions"
                    )
                node_infoset[m] = j
            infosets.append(InfoSet(label, first.player, actions, tuple(members)))
        object.__setattr__(self, "infosets", tuple(infosets))
        object.__setattr__(self, "node_infoset", tuple(node_infoset))
        # perfect recall: all nodes of an infoset share the owner's own history
        history: dict[int, tuple[tuple[int, str], ...]] = {}
        violation = None
        for j, info in enumerate(infosets):
            seen_hist = None
            for m in info.nodes:
                hist = self._own_history(m, info.player, history)
                if seen_hist is None:
                    seen_hist = hist
                elif hist != seen_hist:
                    violation = (
                        f"information set {info.label!r} of {info.player}: its nodes "
                        f"{path_label(self.paths[info.nodes[0]])} and {path_label(self.paths[m])} "
                        f"follow different own moves of {info.player}"
                    )
                    break
            if violation:
                break
            del j
        object.__setattr__(self, "perfect_recall_violation", violation)

    def _own_history(self, k: int, player: str, memo: dict[int, Any]) -> tuple[tuple[int, str], ...]:
        out = []
        child, parent = k, self.parents[k]
        while parent >= 0:
            node = self.nodes[parent]
            if isinstance(node, Decision) and node.player == player:
                out.append((self.node_infoset[parent], self.paths[child][-1]))
            child, parent = parent, self.parents[parent]
        return tuple(reversed(out))

    # ------------------------------------------------------------------ properties
    @property
    def player_names(self) -> tuple[str, ...]:
        """The players' names in order."""
        return self.players

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def n_nodes(self) -> int:
        """Number of nodes (decision, chance and terminal)."""
        return len(self.nodes)

    @property
    def has_perfect_recall(self) -> bool:
        """Whether no player ever forgets own earlier moves (see ``perfect_recall_violation``)."""
        return self.perfect_recall_violation is None

    @property
    def is_perfect_information(self) -> bool:
        """Whether every information set is a single node."""
        return all(len(info.nodes) == 1 for info in self.infosets)

    def infoset(self, label: str) -> InfoSet:
        """Return the information set called `label`."""
        for info in self.infosets:
            if info.label == label:
                return info
        raise UnknownLabelError("information set", label, [i.label for i in self.infosets])

    def index_of(self, path: str | tuple[str, ...]) -> int:
        """Return the preorder index of the node at `path` (tuple or ``"A > B"``)."""
        key = path if isinstance(path, tuple) else (() if path == "root" else tuple(path.split(" > ")))
        for k, p in enumerate(self.paths):
            if p == key:
                return k
        raise UnknownLabelError("node path", path_label(key), [path_label(p) for p in self.paths[:20]])

    def leaf_payoffs(self, k: int) -> tuple[Any, ...]:
        """Payoff vector (player order) of terminal node `k`."""
        node = self.nodes[k]
        assert isinstance(node, Terminal)
        return tuple(node.payoffs[p] for p in self.players)

    def subgame_roots(self) -> tuple[int, ...]:
        """Preorder indices of non-terminal nodes that start a subgame.

        A node starts a subgame when every information set meeting its subtree lies
        entirely inside it (Selten 1965).
        """
        spans = [(min(i.nodes), max(i.nodes), i.nodes) for i in self.infosets if len(i.nodes) > 1]
        out = []
        for k, node in enumerate(self.nodes):
            if isinstance(node, Terminal):
                continue
            end = self.ends[k]
            if all(all(k <= m < end for m in nodes) or all(not (k <= m < end) for m in nodes) for _, _, nodes in spans):
                out.append(k)
        return tuple(out)

    def decision_nodes(self) -> Iterator[int]:
        """Indices of decision nodes in preorder."""
        return (k for k, n in enumerate(self.nodes) if isinstance(n, Decision))

    # ------------------------------------------------------------------ solving and display
    def _repr_svg_(self) -> str:
        return _upper("strategy.plot.tree").tree_svg(self)

    def _repr_html_(self) -> str:
        return self._repr_svg_()

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        return (
            f"<ExtensiveFormGame{title}: players {', '.join(self.players)}; {self.n_nodes} nodes, "
            f"{len(self.infosets)} information sets>"
        )


def _upper(name: str) -> Any:
    """Import a module of a higher layer at call time, by name.

    Forms know no plot (tests/test_layers.py), but notebooks call ``_repr_svg_`` on the
    form itself, so this hook resolves the drawing lazily, only when asked.
    """
    import importlib

    return importlib.import_module(name)
