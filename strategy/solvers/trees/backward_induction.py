"""Backward induction: every pure subgame-perfect equilibrium of a perfect-information tree.

With ties the set of subgame-perfect equilibria (SPE) is not a product of per-node
choices: which action is optimal at a node can depend on the tie-breaking chosen further
down (a tie for one player may leave different payoffs to another). The exact recursion
keeps, for each node :math:`n`, the multiset :math:`V(n)` of payoff vectors of the SPE of
the subgame at :math:`n` with their counts:

* leaf: :math:`V = \\{u\\}` once;
* chance: the sums :math:`\\sum_c p_c v_c` over one vector per child, counts multiplied;
* decision of player :math:`i`: action :math:`a` with continuation vector :math:`v\\in V(a)`
  is an SPE choice when every other child :math:`b` continues with some :math:`w\\in V(b)`,
  :math:`w_i \\le v_i`; the count is :math:`N_a(v)\\prod_{b\\ne a}\\#\\{w\\in V(b): w_i\\le v_i\\}`.

Individual equilibria are enumerated lazily (with a cap) from the same recursion; each is
certified by :meth:`BehaviorProfile.max_regret` which recomputes every player's best
response in every subgame from the tree, not from these values.

:func:`backward_induction_batch` solves a batch of payoff samples on a flattened tree with
array operations, level by level (Kuhn 1953; Zermelo 1913).

Examples
--------
>>> from strategy.forms.extensive import ExtensiveFormGame, decide, leaf
>>> game = ExtensiveFormGame(("Entrant", "Incumbent"), decide("Entrant",
...     Out=leaf(Entrant=0, Incumbent=2),
...     In=decide("Incumbent", Fight=leaf(Entrant=-1, Incumbent=-1),
...               Accommodate=leaf(Entrant=1, Incumbent=1))))
>>> spe = backward_induction(game)
>>> spe.count, spe[0].path()
(1, [('Entrant', 'In'), ('Incumbent', 'Accommodate')])
>>> print(spe.trace[0])
Incumbent at In: Accommodate 1 > Fight -1
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from strategy.errors import InvalidGameError, UnsupportedGameError
from strategy.forms.behavior import BehaviorProfile
from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Terminal, path_label
from strategy.numbers import DEFAULT_TOL, format_number
from strategy.solvers.result import Concept, Equilibrium, Guarantee, SolveResult

__all__ = ["FlatTree", "SPESet", "backward_induction", "backward_induction_batch", "spe_result"]

Vector = tuple[Any, ...]


def _tolerance(game: ExtensiveFormGame) -> float:
    if game.exact:
        return 0.0
    scale = max(
        (abs(float(v)) for k, n in enumerate(game.nodes) if isinstance(n, Terminal) for v in game.leaf_payoffs(k)),
        default=1.0,
    )
    return DEFAULT_TOL * max(1.0, scale)


@dataclass(frozen=True, eq=False)
class SPESet(Sequence[BehaviorProfile]):
    """All pure SPE of a perfect-information tree, held compactly.

    ``values[k]`` maps each SPE payoff vector of the subgame at node ``k`` to the number of
    SPE of that subgame reaching it; ``count`` is the number of SPE of the game. Indexing
    and iteration enumerate individual equilibria up to ``cap``.
    """

    game: ExtensiveFormGame = field(repr=False)
    values: tuple[dict[Vector, int], ...] = field(repr=False)
    trace: tuple[str, ...] = field(repr=False)
    cap: int = 1000
    tol: float = 0.0
    _cache: list[BehaviorProfile] = field(default_factory=list, repr=False)

    @property
    def count(self) -> int:  # type: ignore[override]  # public property, shadows Sequence.count(value)
        """Number of pure subgame-perfect equilibria."""
        return sum(self.values[0].values())

    @property
    def payoff_set(self) -> set[Vector]:
        """The distinct SPE payoff vectors (player order)."""
        return set(self.values[0])

    def profiles(self, cap: int | None = None) -> Iterator[BehaviorProfile]:
        """Enumerate SPE as behaviour profiles (at most `cap`, default ``self.cap``)."""
        limit = self.cap if cap is None else cap
        gen = self._enum(0, None)
        for choices, _ in itertools.islice(gen, limit):
            yield BehaviorProfile(self.game, choices, "subgame_perfect")

    def _all(self) -> list[BehaviorProfile]:
        if not self._cache:
            self._cache.extend(self.profiles())
        return self._cache

    def __getitem__(self, i: Any) -> Any:
        return self._all()[i]

    def __len__(self) -> int:
        return len(self._all())

    def _enum(self, k: int, accept: Any) -> Iterator[tuple[dict[str, str], Vector]]:
        """Yield (choices in subtree, vector) for SPE of the subgame at `k` whose vector passes `accept`."""
        game = self.game
        node = game.nodes[k]
        if isinstance(node, Terminal):
            v = game.leaf_payoffs(k)
            if accept is None or accept(v):
                yield {}, v
            return
        kids = game.children[k]
        if isinstance(node, Chance):
            probs = [node.outcomes[a][0] for a, _ in kids]
            for combo in _product([lambda c=c: self._enum(c, None) for _, c in kids]):
                v = tuple(
                    sum(p * part[1][i] for p, part in zip(probs, combo, strict=True)) for i in range(game.n_players)
                )
                if accept is None or accept(v):
                    merged: dict[str, str] = {}
                    for part in combo:
                        merged.update(part[0])
                    yield merged, v
            return
        i = game.players.index(node.player)
        label = game.infosets[game.node_infoset[k]].label
        tol = self.tol
        for a, c in kids:
            for v in list(self.values[c]):
                if accept is not None and not accept(v):
                    continue
                if any(all(w[i] > v[i] + tol for w in self.values[b]) for _, b in kids if b != c):
                    continue
                makers = []
                for _, b in kids:
                    if b == c:
                        makers.append(lambda b=b, v=v: self._enum(b, lambda x, v=v: x == v))
                    else:
                        makers.append(lambda b=b, v=v: self._enum(b, lambda x, v=v: x[i] <= v[i] + tol))
                for combo in _product(makers):
                    merged = {label: a}
                    for part in combo:
                        merged.update(part[0])
                    yield merged, v

    def result(self, cap: int | None = None) -> SolveResult:
        """The SPE as a certified :class:`SolveResult` (see :func:`spe_result`)."""
        return spe_result(self, cap)

    def __repr__(self) -> str:
        return f"<SPESet: {self.count} subgame-perfect equilibria, payoffs {sorted(map(_fmt_vec, self.payoff_set))}>"


def _fmt_vec(v: Vector) -> str:
    return "(" + ", ".join(format_number(x) for x in v) + ")"


def _product(makers: list[Any]) -> Iterator[tuple[Any, ...]]:
    """Lazy cartesian product of generators made on demand (re-made for each prefix)."""
    if not makers:
        yield ()
        return
    for first in makers[0]():
        for rest in _product(makers[1:]):
            yield (first, *rest)


def backward_induction(game: ExtensiveFormGame, *, cap: int = 1000) -> SPESet:
    """Return every pure subgame-perfect equilibrium of a perfect-information tree.

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree with singleton information sets (chance nodes allowed).
    cap : int
        Most equilibria materialised when iterating; ``count`` is always exact.

    Returns
    -------
    SPESet
        Compact set of SPE with ``count``, ``payoff_set``, ``trace`` (one line per decision
        node, deepest first, as in the textbook procedure) and lazy enumeration.

    Raises
    ------
    UnsupportedGameError
        If an information set has several nodes (use :func:`strategy.solvers.trees.sequential.solve_tree`).
    """
    if not game.is_perfect_information:
        raise UnsupportedGameError(
            "backward induction needs perfect information; "
            "use strategy.solvers.trees.sequential.solve_tree for information sets"
        )
    tol = _tolerance(game)
    n = game.n_players
    values: list[dict[Vector, int]] = [{} for _ in range(game.n_nodes)]
    trace: list[str] = []
    for k in range(game.n_nodes - 1, -1, -1):
        node = game.nodes[k]
        if isinstance(node, Terminal):
            values[k] = {game.leaf_payoffs(k): 1}
            continue
        kids = game.children[k]
        if isinstance(node, Chance):
            probs = [node.outcomes[a][0] for a, _ in kids]
            acc: dict[Vector, int] = {(0,) * n: 1}
            for p, (_, c) in zip(probs, kids, strict=True):
                nxt: dict[Vector, int] = {}
                for base, m in acc.items():
                    for v, cnt in values[c].items():
                        key = tuple(b + p * x for b, x in zip(base, v, strict=True))
                        nxt[key] = nxt.get(key, 0) + m * cnt
                acc = nxt
            values[k] = acc
            continue
        assert isinstance(node, Decision)
        i = game.players.index(node.player)
        out: dict[Vector, int] = {}
        for _, c in kids:
            for v, cnt in values[c].items():
                total = cnt
                for _, b in kids:
                    if b != c:
                        total *= sum(m for w, m in values[b].items() if w[i] <= v[i] + tol)
                if total:
                    out[v] = out.get(v, 0) + total
        values[k] = out
        trace.append(_trace_line(game, k, i, values, tol))
    return SPESet(game, tuple(values), tuple(trace), cap, tol)


def _trace_line(game: ExtensiveFormGame, k: int, i: int, values: list[dict[Vector, int]], tol: float) -> str:
    options = []
    for a, c in game.children[k]:
        own = sorted({v[i] for v in values[c]}, reverse=True)
        options.append((own[0], a, "/".join(format_number(x) for x in own)))
    options.sort(key=lambda t: -float(t[0]))
    parts = []
    for t, (best, a, text) in enumerate(options):
        if t:
            prev = options[t - 1][0]
            parts.append(" = " if abs(float(prev) - float(best)) <= tol else " > ")
        parts.append(f"{a} {text}")
    return f"{game.players[i]} at {path_label(game.paths[k])}: {''.join(parts)}"


def spe_result(spe: SPESet, cap: int | None = None) -> SolveResult:
    """Certify each enumerated SPE (max regret over every subgame) and wrap them."""
    limit = spe.cap if cap is None else cap
    eqs = tuple(Equilibrium.certify(p, Concept.SUBGAME_PERFECT) for p in spe.profiles(limit))
    notes = [f"{spe.count} pure subgame-perfect equilibria"]
    guarantee = Guarantee.ALL_PURE
    if spe.count > len(eqs):
        notes.append(f"only the first {len(eqs)} listed (cap={limit}); raise cap to see more")
        guarantee = Guarantee.SOME
    if spe.tol == 0 and any(len(v) > 1 for v in spe.values):
        notes.append("ties: mixed subgame-perfect equilibria may also exist")
    return SolveResult(spe.game, eqs, "backward_induction", guarantee, {"cap": limit}, None, (), tuple(notes), spe)


# ---------------------------------------------------------------------- flattened, batched
@dataclass(frozen=True, eq=False)
class FlatTree:
    """A tree in breadth-first order as arrays (children of a node are contiguous).

    Attributes
    ----------
    owner : int array (n_nodes,)
        Player index at decision nodes, ``-1`` at leaves, ``-2`` at chance nodes.
    first, count : int arrays (n_nodes,)
        Children of node ``k`` are ``first[k] : first[k] + count[k]``.
    prob : float array (n_nodes,)
        Probability of the edge into a child of a chance node (1 elsewhere).
    leaf : int array (n_nodes,)
        Leaf number of terminal nodes (in order), ``-1`` elsewhere.
    level_starts : int array
        Nodes of depth ``d`` are ``level_starts[d] : level_starts[d+1]``.
    actions : tuple of str or None
        Optional edge labels (label of the edge into each node).
    """

    owner: npt.NDArray[np.int64]
    first: npt.NDArray[np.int64]
    count: npt.NDArray[np.int64]
    prob: npt.NDArray[np.float64]
    leaf: npt.NDArray[np.int64]
    level_starts: npt.NDArray[np.int64]
    n_players: int
    actions: tuple[str, ...] | None = None

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return int(self.owner.shape[0])

    @property
    def n_leaves(self) -> int:
        """Number of leaves."""
        return int((self.leaf >= 0).sum())

    @classmethod
    def from_game(cls, game: ExtensiveFormGame) -> tuple[FlatTree, npt.NDArray[np.float64]]:
        """Flatten a perfect-information game; also return its leaf payoffs ``(n_leaves, n_players)``."""
        if not game.is_perfect_information:
            raise UnsupportedGameError("FlatTree needs perfect information")
        order = [0]
        depth_starts = [0]
        frontier = [0]
        while frontier:
            nxt = [c for k in frontier for _, c in game.children[k]]
            if nxt:
                depth_starts.append(len(order))
                order.extend(nxt)
            frontier = nxt
        depth_starts.append(len(order))
        pos = {k: t for t, k in enumerate(order)}
        n = len(order)
        owner = np.full(n, -1, np.int64)
        first = np.zeros(n, np.int64)
        count = np.zeros(n, np.int64)
        prob = np.ones(n)
        leaf = np.full(n, -1, np.int64)
        labels = [""] * n
        payoffs: list[list[float]] = []
        for t, k in enumerate(order):
            node = game.nodes[k]
            kids = game.children[k]
            if kids:
                first[t] = pos[kids[0][1]]
                count[t] = len(kids)
                for a, c in kids:
                    labels[pos[c]] = a
            if isinstance(node, Terminal):
                leaf[t] = len(payoffs)
                try:
                    payoffs.append([float(x) for x in game.leaf_payoffs(k)])
                except OverflowError:
                    raise InvalidGameError(
                        f"a payoff at {path_label(game.paths[k])} is beyond the float range (about 1.8e308); "
                        "rescale the payoffs"
                    ) from None
            elif isinstance(node, Chance):
                owner[t] = -2
                for a, c in kids:
                    prob[pos[c]] = float(node.outcomes[a][0])
            else:
                owner[t] = game.players.index(node.player)
        tree = cls(owner, first, count, prob, leaf, np.array(depth_starts, np.int64), game.n_players, tuple(labels))
        return tree, np.array(payoffs, dtype=np.float64)


@dataclass(frozen=True, eq=False)
class BatchSPE:
    """Result of :func:`backward_induction_batch` (arrays over the batch).

    ``values`` (batch, n_players): SPE payoff at the root; ``choice`` (batch, n_nodes):
    chosen child (first optimal) at decision nodes, ``-1`` elsewhere; ``tied``
    (batch, n_nodes): several optimal children; ``on_path`` (batch, n_nodes): reached
    with positive probability; ``outcome`` (batch,): leaf number reached when no chance
    node is on the path (else ``-1``); ``path_tie`` (batch,): a tie on the path (the SPE
    outcome may then not be unique); ``any_tie`` (batch,): a tie anywhere (then the SPE is
    not unique).
    """

    values: npt.NDArray[np.float64]
    choice: npt.NDArray[np.int64]
    tied: npt.NDArray[np.bool_]
    on_path: npt.NDArray[np.bool_]
    outcome: npt.NDArray[np.int64]
    path_tie: npt.NDArray[np.bool_]
    any_tie: npt.NDArray[np.bool_]
    tree: FlatTree = field(repr=False)

    def regimes(self) -> list[str]:
        """A label per sample: the on-path moves, prefixed ``"tie: "`` when any decision node
        has several optimal moves (then another tie-break may give another SPE and outcome)."""
        labels = self.tree.actions
        out = []
        for b in range(self.choice.shape[0]):
            nodes = np.flatnonzero(self.on_path[b] & (self.choice[b] >= 0))
            moves = "|".join((labels[self.choice[b, k]] if labels else str(self.choice[b, k])) for k in nodes)
            out.append(("tie: " if self.any_tie[b] else "") + moves)
        return out


def backward_induction_batch(tree: FlatTree, leaf_payoffs: npt.ArrayLike, *, tol: float = DEFAULT_TOL) -> BatchSPE:
    """Backward induction on a batch of leaf payoffs, vectorised per depth level.

    Parameters
    ----------
    tree : FlatTree
    leaf_payoffs : array_like, shape (batch, n_leaves, n_players) or (n_leaves, n_players)
    tol : float
        Relative tolerance (times the payoff scale) under which two values tie.

    Returns
    -------
    BatchSPE
        With ties flagged rather than broken silently: ``any_tie`` False means the SPE is
        unique for that sample.

    Examples
    --------
    >>> from strategy.forms.extensive import ExtensiveFormGame, decide, leaf
    >>> g = ExtensiveFormGame(("A", "B"), decide("A", L=leaf(A=1, B=0),
    ...     R=decide("B", l=leaf(A=2, B=1), r=leaf(A=0, B=0))))
    >>> tree, u = FlatTree.from_game(g)
    >>> res = backward_induction_batch(tree, u)
    >>> res.regimes(), res.values.tolist()
    (['R|l'], [[2.0, 1.0]])
    """
    u = np.asarray(leaf_payoffs, dtype=np.float64)
    if u.ndim == 2:
        u = u[None]
    if u.ndim != 3 or u.shape[1] != tree.n_leaves or u.shape[2] != tree.n_players:
        raise InvalidGameError(
            f"leaf payoffs must have shape (batch, {tree.n_leaves}, {tree.n_players}); got {u.shape}"
        )
    batch, n = u.shape[0], tree.n_nodes
    eps = tol * max(1.0, float(np.abs(u).max(initial=0.0)))
    vals = np.empty((batch, n, tree.n_players))
    is_leaf = tree.leaf >= 0
    vals[:, is_leaf] = u[:, tree.leaf[is_leaf]]
    choice = np.full((batch, n), -1, np.int64)
    tied = np.zeros((batch, n), bool)
    starts = tree.level_starts
    for d in range(len(starts) - 2, -1, -1):
        s, e = int(starts[d]), int(starts[d + 1])
        inner = np.flatnonzero(tree.count[s:e] > 0) + s
        if inner.size == 0:
            continue
        cnt = tree.count[inner]
        c0 = tree.first[inner]
        seg = np.repeat(np.arange(inner.size), cnt)
        kids = np.repeat(c0, cnt) + (np.arange(cnt.sum()) - np.repeat(np.cumsum(cnt) - cnt, cnt))
        offsets = np.concatenate(([0], np.cumsum(cnt)[:-1]))
        own = tree.owner[inner]
        dec = own >= 0
        if dec.any():
            pl = np.where(own >= 0, own, 0)[seg]
            mine = vals[:, kids, pl]  # (batch, nkids)
            best = np.maximum.reduceat(mine, offsets, axis=1)
            hit = mine >= np.repeat(best, cnt, axis=1) - eps
            idx = np.where(hit, kids[None, :], np.iinfo(np.int64).max)
            first_hit = np.minimum.reduceat(idx, offsets, axis=1)
            nhit = np.add.reduceat(hit.astype(np.int64), offsets, axis=1)
            dn = inner[dec]
            choice[:, dn] = first_hit[:, dec]
            tied[:, dn] = nhit[:, dec] > 1
            vals[:, dn] = np.take_along_axis(vals, first_hit[:, dec, None], axis=1)
        if (~dec).any():
            weighted = vals[:, kids] * tree.prob[kids][None, :, None]
            sums = np.add.reduceat(weighted, offsets, axis=1)
            vals[:, inner[~dec]] = sums[:, ~dec]
    # forward pass: which nodes are on the path
    on = np.zeros((batch, n), bool)
    on[:, 0] = True
    parent = np.full(n, -1, np.int64)
    inner_all = np.flatnonzero(tree.count > 0)
    cnt_all = tree.count[inner_all]
    kid_all = np.repeat(tree.first[inner_all], cnt_all) + (
        np.arange(cnt_all.sum()) - np.repeat(np.cumsum(cnt_all) - cnt_all, cnt_all)
    )
    parent[kid_all] = np.repeat(inner_all, cnt_all)
    for d in range(1, len(starts) - 1):
        s, e = int(starts[d]), int(starts[d + 1])
        ks = np.arange(s, e)
        par = parent[ks]
        via_chance = tree.owner[par] == -2
        on[:, s:e] = on[:, par] & (via_chance[None, :] | (choice[:, par] == ks[None, :]))
    leaf_on = on & is_leaf[None, :]
    single = leaf_on.sum(axis=1) == 1
    outcome = np.where(single, tree.leaf[np.argmax(leaf_on, axis=1)], -1)
    return BatchSPE(vals[:, 0].copy(), choice, tied, on, outcome, np.any(tied & on, axis=1), np.any(tied, axis=1), tree)
