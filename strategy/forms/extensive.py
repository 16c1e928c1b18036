"""Extensive-form games: immutable trees of decision, chance and terminal nodes.

A tree is built from three node types and wrapped in :class:`ExtensiveFormGame`, which
validates it once (probabilities, information sets, payoffs, perfect recall) and keeps a
flattened, indexed view for the solvers.

Node paths name places in the tree by the actions taken from the root, joined with
``" > "`` (the root is ``"root"``); a decision node without a named information set is its
own singleton information set, labelled by its path (``"node k"`` below depth
:data:`PATH_LABEL_DEPTH`, and with `` #k`` appended if that label is already taken).

Construction, validation and the perfect-recall check are iterative and linear in the
number of nodes, so trees of any depth are accepted.

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

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from strategy.errors import InvalidGameError, UnknownLabelError
from strategy.forms.nodes import (
    CHANCE,
    PATH_LABEL_DEPTH,
    Chance,
    Decision,
    Node,
    NodePaths,
    Terminal,
    _number,
    _path,
    chance,
    decide,
    gc_paused,
    leaf,
    path_label,
)

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
    ``nodes[k]``, ``paths[k]`` (tuple of actions, computed on demand), ``depths[k]``,
    ``parents[k]``, ``children[k]``
    (tuple of ``(label, index)``), ``ends[k]`` (the subtree of ``k`` is ``range(k, ends[k])``),
    and ``infosets`` in order of first appearance.
    """

    players: tuple[str, ...]
    root: Node
    title: str = ""
    nodes: tuple[Node, ...] = field(init=False, repr=False)
    paths: NodePaths = field(init=False, repr=False)
    depths: tuple[int, ...] = field(init=False, repr=False)
    parents: tuple[int, ...] = field(init=False, repr=False)
    children: tuple[tuple[tuple[str, int], ...], ...] = field(init=False, repr=False)
    ends: tuple[int, ...] = field(init=False, repr=False)
    infosets: tuple[InfoSet, ...] = field(init=False, repr=False)
    node_infoset: tuple[int, ...] = field(init=False, repr=False)
    exact: bool = field(init=False, repr=False)
    perfect_recall_violation: str | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        with gc_paused():
            self._validate()

    def _validate(self) -> None:
        players = (self.players,) if isinstance(self.players, str) else tuple(self.players)
        if not players:
            raise InvalidGameError("an extensive-form game needs at least one player")
        if len(set(players)) != len(players):
            raise InvalidGameError(f"player names must be distinct; got {players}")
        if CHANCE in players:
            raise InvalidGameError(f"{CHANCE!r} is reserved for moves of nature; rename that player")
        object.__setattr__(self, "players", players)
        nodes: list[Node] = []
        parents: list[int] = []
        into: list[str] = []  # label of the move leading to each node ("" at the root)
        depths: list[int] = []
        children: list[tuple[tuple[str, int], ...]] = []
        seen: set[int] = set()
        exact = True

        def where(k: int) -> str:
            return f"at {path_label(_path(parents, into, k))}"

        # iterative preorder walk (deep trees must not hit the recursion limit); a node's
        # path is kept as (parent, move) and spelled out only for messages
        stack: list[tuple[Node, int, str]] = [(self.root, -1, "")]
        while stack:
            node, parent, move = stack.pop()
            k = len(nodes)
            nodes.append(node)
            parents.append(parent)
            into.append(move)
            depths.append(depths[parent] + 1 if parent >= 0 else 0)
            children.append(())
            if id(node) in seen:
                raise InvalidGameError(
                    f"{where(k)}: node reached twice: cycles and shared subtrees are not trees; "
                    "build a fresh node for each place"
                )
            seen.add(id(node))
            if isinstance(node, Terminal):
                missing = [p for p in players if p not in node.payoffs]
                if missing:
                    raise InvalidGameError(
                        f"{where(k)}: leaf does not pay {', '.join(missing)}; give every declared player a payoff"
                    )
                extra = [p for p in node.payoffs if p not in players]
                if extra:
                    raise InvalidGameError(
                        f"{where(k)}: leaf pays undeclared player(s) {', '.join(map(str, extra))}; "
                        f"declared players are {', '.join(players)}"
                    )
                try:
                    values = {p: _number(node.payoffs[p], f"payoff of {p}") for p in players}
                except InvalidGameError as err:
                    raise InvalidGameError(f"{where(k)}: {err}") from None
                exact = exact and all(isinstance(v, Fraction) for v in values.values())
                object.__setattr__(node, "payoffs", MappingProxyType(values))
                continue
            if isinstance(node, Decision):
                if node.player not in players:
                    raise UnknownLabelError("player", node.player, players, where(k))
                if not node.moves:
                    raise InvalidGameError(
                        f"{where(k)}: decision node of {node.player} has no moves; "
                        "give at least one move or make it a leaf"
                    )
                items = [(str(a), child) for a, child in node.moves.items()]
            elif isinstance(node, Chance):
                if not node.outcomes:
                    raise InvalidGameError(f"{where(k)}: chance node has no outcomes")
                probs = []
                items = []
                for label, pair in node.outcomes.items():
                    if len(pair) != 2:
                        raise InvalidGameError(f"{where(k)}: outcome {label!r} must be (probability, node)")
                    try:
                        p = _number(pair[0], f"probability of {label!r}")
                    except InvalidGameError as err:
                        raise InvalidGameError(f"{where(k)}: {err}") from None
                    if p < 0:
                        raise InvalidGameError(f"{where(k)}: probability of {label!r} is negative ({p})")
                    probs.append(p)
                    items.append((str(label), pair[1]))
                total = sum(probs)
                if all(isinstance(p, Fraction) for p in probs):
                    ok = total == 1
                else:
                    exact = False
                    ok = abs(float(total) - 1.0) <= 1e-9
                if not ok:
                    raise InvalidGameError(f"{where(k)}: chance probabilities sum to {total}, not 1")
                object.__setattr__(
                    node,
                    "outcomes",
                    MappingProxyType({lab: (p, child) for (lab, child), p in zip(items, probs, strict=True)}),
                )
            else:
                raise InvalidGameError(f"{where(k)}: {node!r:.80} is not a Decision, Chance or Terminal node")
            for label, child in reversed(items):
                stack.append((child, k, label))
        kids: list[list[tuple[str, int]]] = [[] for _ in nodes]
        for k in range(1, len(nodes)):
            kids[parents[k]].append((into[k], k))
        # subtree ends: children have larger preorder indices than their parent
        ends = [k + 1 for k in range(len(nodes))]
        for k in range(len(nodes) - 1, -1, -1):
            if kids[k]:
                ends[k] = ends[kids[k][-1][1]]
        object.__setattr__(self, "nodes", tuple(nodes))
        object.__setattr__(self, "paths", NodePaths(tuple(parents), tuple(into)))
        object.__setattr__(self, "depths", tuple(depths))
        object.__setattr__(self, "parents", tuple(parents))
        object.__setattr__(self, "children", tuple(tuple(c) for c in kids))
        object.__setattr__(self, "ends", tuple(ends))
        object.__setattr__(self, "exact", exact)
        self._build_infosets()

    def _build_infosets(self) -> None:
        named = {n.infoset for n in self.nodes if isinstance(n, Decision) and n.infoset is not None}
        order: dict[str, list[int]] = {}
        for k, node in enumerate(self.nodes):
            if isinstance(node, Decision):
                if node.infoset is not None:
                    key = node.infoset
                else:
                    key = path_label(self.paths[k]) if self.depths[k] <= PATH_LABEL_DEPTH else f"node {k}"
                    if key in named or key in order:
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
                if node.player != first.player:
                    raise InvalidGameError(
                        f"at {path_label(self.paths[m])}: information set {label!r} mixes players {first.player} "
                        f"and {node.player}; an information set belongs to one player"
                    )
                if tuple(node.moves) != actions:
                    raise InvalidGameError(
                        f"at {path_label(self.paths[m])}: information set {label!r} has actions "
                        f"{tuple(node.moves)} here but {actions} at {path_label(self.paths[members[0]])}; "
                        "every node of an information set offers the same actions"
                    )
                node_infoset[m] = j
            infosets.append(InfoSet(label, first.player, actions, tuple(members)))
        object.__setattr__(self, "infosets", tuple(infosets))
        object.__setattr__(self, "node_infoset", tuple(node_infoset))
        object.__setattr__(self, "perfect_recall_violation", self._recall_violation())

    def _recall_violation(self) -> str | None:
        """The first information set whose owner forgets own earlier moves, in words; or None.

        Perfect recall (Kuhn 1953): all nodes of an information set follow the same
        sequence of the owner's own (information set, action) pairs. Sequences are interned
        top-down, one integer per node and player, so the check is linear in the tree.
        """
        n = self.n_players
        index = {p: i for i, p in enumerate(self.players)}
        steps: list[tuple[int, int, str]] = [(-1, -1, "")]  # sequence id -> (previous id, infoset, action)
        intern: dict[tuple[int, int, str], int] = {}
        seq: list[list[int]] = [[0] * n] * len(self.nodes)  # seq[k][i]: player i's own sequence at node k
        for k in range(1, len(self.nodes)):
            parent = self.parents[k]
            node = self.nodes[parent]
            if isinstance(node, Decision):
                i = index[node.player]
                step = (seq[parent][i], self.node_infoset[parent], self.paths.move(k))
                sid = intern.get(step)
                if sid is None:
                    sid = intern[step] = len(steps)
                    steps.append(step)
                row = list(seq[parent])
                row[i] = sid
                seq[k] = row
            else:
                seq[k] = seq[parent]
        for info in self.infosets:
            i = index[info.player]
            first = seq[info.nodes[0]][i]
            for m in info.nodes[1:]:
                if seq[m][i] != first:
                    return self._describe_forgetting(info, info.nodes[0], m, first, seq[m][i], steps)
        return None

    def _describe_forgetting(
        self, info: InfoSet, a: int, b: int, sa: int, sb: int, steps: list[tuple[int, int, str]]
    ) -> str:
        def spell(sid: int) -> list[tuple[int, str]]:
            out = []
            while sid > 0:
                prev, j, act = steps[sid]
                out.append((j, act))
                sid = prev
            return out[::-1]

        ha, hb = spell(sa), spell(sb)
        common = 0
        while common < min(len(ha), len(hb)) and ha[common] == hb[common]:
            common += 1
        if common < len(ha) and common < len(hb) and ha[common][0] == hb[common][0]:
            earlier = self.infosets[ha[common][0]].label
            what = f"whether they chose {ha[common][1]!r} or {hb[common][1]!r} at {earlier!r}"
        else:
            j = (ha[common] if common < len(ha) else hb[common])[0]
            what = f"whether they already moved at {self.infosets[j].label!r}"
        return (
            f"{info.player} forgets {what} when at information set {info.label!r} "
            f"(its nodes {path_label(self.paths[a])} and {path_label(self.paths[b])} follow different "
            f"own moves): this game does not have perfect recall"
        )

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
    def depth(self) -> int:
        """The most moves on a path from the root to a leaf."""
        return max(self.depths)

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
        k = 0
        for step, action in enumerate(key):
            moves = dict(self.children[k])
            if action not in moves:
                known = [path_label((*key[:step], a)) for a in moves] or ["(a leaf: no moves)"]
                raise UnknownLabelError("node path", path_label(key), known)
            k = moves[action]
        return k

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
        svg: str = _upper("strategy.plot.tree").tree_svg(self)
        return svg

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
