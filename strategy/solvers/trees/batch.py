"""Backward induction on a batch of payoff samples: one flattened tree, array operations
level by level (Kuhn 1953; Zermelo 1913).

:class:`FlatTree` lays a tree out breadth first as arrays; :func:`backward_induction_batch`
solves many payoff draws on it at once and labels each draw's equilibrium path (the
sensitivity analyses' kernel for trees). Ties are broken towards the first action within the
tolerance; :func:`strategy.solvers.trees.backward_induction.backward_induction` lists every
subgame-perfect equilibrium of one tree, ties included.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from strategy.errors import InvalidGameError, UnsupportedGameError
from strategy.forms.extensive import Chance, ExtensiveFormGame, Terminal, path_label
from strategy.numbers import DEFAULT_TOL

__all__ = ["BatchSPE", "FlatTree", "backward_induction_batch"]


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
    """Result of :func:`backward_induction_batch`: arrays over the batch of payoff draws."""

    values: npt.NDArray[np.float64]
    """(batch, n_players): the SPE payoff at the root."""
    choice: npt.NDArray[np.int64]
    """(batch, n_nodes): the chosen child (the first optimal) at decision nodes, ``-1`` elsewhere."""
    tied: npt.NDArray[np.bool_]
    """(batch, n_nodes): several children are optimal."""
    on_path: npt.NDArray[np.bool_]
    """(batch, n_nodes): reached with positive probability."""
    outcome: npt.NDArray[np.int64]
    """(batch,): the leaf reached when no chance node is on the path (else ``-1``)."""
    path_tie: npt.NDArray[np.bool_]
    """(batch,): a tie on the path (the SPE outcome may then not be unique)."""
    any_tie: npt.NDArray[np.bool_]
    """(batch,): a tie anywhere (the SPE may then not be unique)."""
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
