"""Reading deep trees: .efg and tree-TOML readers, time and peak memory against depth.

Run: ``.venv/bin/python benchmarks/bench_deep_trees.py [depth ...]`` (default 3000 30000
100000). For each depth, a centipede (at each node the mover stops or goes on; 2 x depth
+ 1 nodes) is written as ``.efg`` text and as nested tables, then read; the script prints
wall time and CPU time of a read, and the tracemalloc peak of a second read. Linear readers show time and
peak memory growing in proportion to the depth.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from typing import Any

from strategy.io.efg import parse_efg
from strategy.io.tree_spec import parse_tree_spec


def chain_efg(depth: int) -> str:
    lines = ['EFG 2 R "chain" { "A" "B" }', '""']
    for i in range(depth):
        lines.append(f'p "" {i % 2 + 1} {i // 2 + 1} "" {{ "stop" "go" }} 0')
        lines.append(f't "" {i + 1} "" {{ {i}, {-i} }}')
    lines.append(f't "" {depth + 1} "" {{ 0, 0 }}')
    return "\n".join(lines) + "\n"


def chain_tables(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"payoffs": {"A": 0, "B": 0}}
    for i in reversed(range(depth)):
        node = {"player": "AB"[i % 2], "moves": {"stop": {"payoffs": {"A": i, "B": -i}}, "go": node}}
    return {"game": {"players": ["A", "B"]}, "tree": node}


def measure(label: str, read: Any, data: Any) -> None:
    """Time one read, then read again under tracemalloc for the peak memory."""
    wall, cpu = time.perf_counter(), time.process_time()
    game = read(data)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    del game
    tracemalloc.start()
    game = read(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label:<26} {game.n_nodes:>8} nodes  {wall:7.2f} s wall  {cpu:7.2f} s CPU  peak {peak / 2**20:7.1f} MiB")


def main(depths: list[int]) -> None:
    for depth in depths:
        text = chain_efg(depth)
        measure(f".efg, depth {depth} ({len(text) / 2**20:.1f} MiB)", parse_efg, text)
        measure(f"tree tables, depth {depth}", parse_tree_spec, chain_tables(depth))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [3000, 30000, 100000])
