"""Backward induction on large perfect-information trees, and pygambit on a smaller one.

Run: ``.venv/bin/python benchmarks/bench_backward_induction.py [n_nodes]``.

1. All SPE of a random perfect-information tree of about 10^6 nodes (2 players, random
   float payoffs so the SPE is unique; ties would be flagged) with the flattened,
   level-vectorised kernel; time and peak memory (tracemalloc of the solve).
2. pygambit has no backward induction; its routes to the answer are
   ``enumpure_agent_solve`` (all pure agent-form equilibria, a superset of the SPE; it
   enumerates every agent profile, so only a ~20-node tree is feasible (40 nodes take minutes)) and
   ``lcp_solve`` (one Nash equilibrium by the sequence form, not necessarily subgame
   perfect) on a 300-node tree (2,000 nodes take minutes). Reading the file into pygambit is included. Both are
   compared with the exact node-object backward induction of ``strategy`` (all SPE,
   with ties) and the flat kernel; the ratios are printed.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

from strategy.forms.extensive import ExtensiveFormGame, decide, leaf
from strategy.io.efg import format_efg
from strategy.solvers.trees.backward_induction import FlatTree, backward_induction, backward_induction_batch


def random_flat_tree(n_nodes: int, n_players: int = 2, seed: int = 0) -> tuple[FlatTree, np.ndarray]:
    """A random tree in breadth-first order: each inner node has 2-4 children."""
    rng = np.random.default_rng(seed)
    counts: list[np.ndarray] = []
    level_sizes = [1]
    total = 1
    frontier = 1
    while total < n_nodes:
        c = rng.integers(2, 5, size=frontier)
        inner = rng.random(frontier) < 0.9
        c = np.where(inner, c, 0)
        if c.sum() == 0:
            c[0] = 2
        budget = n_nodes - total
        cum = np.cumsum(c)
        c = np.where(cum <= budget, c, 0)
        if c.sum() == 0:
            counts.append(np.zeros(frontier, np.int64))
            break
        counts.append(c)
        frontier = int(c.sum())
        level_sizes.append(frontier)
        total += frontier
    counts.append(np.zeros(frontier, np.int64))
    count = np.concatenate(counts)[:total]
    n = count.shape[0]
    first = np.zeros(n, np.int64)
    first[:] = 1 + np.concatenate(([0], np.cumsum(count)[:-1]))
    owner = np.where(count > 0, rng.integers(0, n_players, n), -1)
    leaf_mask = count == 0
    leaf_no = np.full(n, -1, np.int64)
    leaf_no[leaf_mask] = np.arange(int(leaf_mask.sum()))
    starts = np.concatenate(([0], np.cumsum(level_sizes))).astype(np.int64)
    tree = FlatTree(owner, first, count, np.ones(n), leaf_no, starts, n_players)
    return tree, rng.random((int(leaf_mask.sum()), n_players))


def to_game(tree: FlatTree, payoffs: np.ndarray) -> ExtensiveFormGame:
    players = tuple(f"P{i + 1}" for i in range(tree.n_players))

    def build(k: int):
        if tree.leaf[k] >= 0:
            return leaf(**{p: float(payoffs[tree.leaf[k], i]) for i, p in enumerate(players)})
        return decide(players[tree.owner[k]], **{f"a{j}": build(int(tree.first[k]) + j) for j in range(tree.count[k])})

    return ExtensiveFormGame(players, build(0))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    tree, u = random_flat_tree(n)
    backward_induction_batch(tree, u)  # warm up
    tracemalloc.start()
    t0 = time.perf_counter()
    res = backward_induction_batch(tree, u)
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10
    print(
        f"flat batch BI: {tree.n_nodes} nodes, depth {len(tree.level_starts) - 1}, "
        f"{elapsed:.3f} s, peak traced {peak / 2**20:.0f} MiB (process max RSS {rss:.0f} MiB), "
        f"unique SPE: {not res.any_tie[0]}"
    )

    try:
        import pygambit as gbt
    except ImportError:
        print("pygambit not installed: no comparison")
        return
    for size, agent in ((20, True), (300, False)):
        small, us = random_flat_tree(size, seed=1)
        game = to_game(small, np.round(us * 10))  # few distinct values: ties on purpose
        t0 = time.perf_counter()
        spe = backward_induction(game)
        t_exact = time.perf_counter() - t0
        t0 = time.perf_counter()
        flat, uu = FlatTree.from_game(game)
        backward_induction_batch(flat, uu)
        t_flat = time.perf_counter() - t0
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "g.efg"
            path.write_text(format_efg(game))
            t0 = time.perf_counter()
            pg = gbt.read_efg(str(path))
            if agent:  # all pure agent-form equilibria (a superset of the pure SPE): exponential
                found = len(gbt.nash.enumpure_agent_solve(pg).equilibria)
                route = "enumpure_agent_solve (all pure agent-form eq.)"
            else:  # one equilibrium by the sequence-form LCP (not necessarily subgame perfect)
                found = len(gbt.nash.lcp_solve(pg, rational=False).equilibria)
                route = "lcp_solve (one Nash eq., sequence form)"
            t_gambit = time.perf_counter() - t0
        print(
            f"{small.n_nodes}-node tree: strategy exact all-SPE {t_exact:.4f} s ({spe.count} SPE), "
            f"flat kernel {t_flat:.4f} s; pygambit read+{route} {t_gambit:.4f} s ({found} found)"
        )
        print(
            f"  ratio pygambit / strategy exact: {t_gambit / t_exact:.1f}x; pygambit / flat: {t_gambit / t_flat:.1f}x"
        )


if __name__ == "__main__":
    main()
