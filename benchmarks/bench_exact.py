"""Exact two-player enumeration against lrslib's ``lrsnash``, side by side on the same games.

Run: ``.venv/bin/python benchmarks/bench_exact.py [GAMES_PER_SIZE [SEED]]`` (defaults 5, 1).
For each size 10 x 10 to 14 x 14 it draws random games with integer payoffs 0..99, solves
each with ``enumerate_equilibria`` (exact arithmetic, all extreme equilibria, the default
two-player method) and with ``lrsnash`` (a subprocess, GMP arithmetic; its time includes
the process start, measured separately on a 2 x 2 game and printed), checks that both
report the same set of extreme equilibria, and prints the times and their ratio (ours /
lrsnash; below 1 means faster). Wall-clock and CPU time are both shown: on a shared
machine CPU time (``process_time`` for ours, ``RUSAGE_CHILDREN`` for lrsnash) is the
steadier figure. Exit status 1 if any game disagrees, 2 without ``lrsnash``.
"""

from __future__ import annotations

import resource
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_lrsnash import lrsnash_equilibria, our_equilibria

SIZES = (10, 11, 12, 13, 14)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed_lrsnash(a: np.ndarray, b: np.ndarray, executable: str) -> tuple[set, float, float]:
    cpu, wall = _children_cpu(), time.perf_counter()
    pairs = lrsnash_equilibria(a, b, executable=executable)
    return pairs, time.perf_counter() - wall, _children_cpu() - cpu


def _timed_ours(a: np.ndarray, b: np.ndarray) -> tuple[set, float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    pairs = our_equilibria(a, b)[0]
    return pairs, time.perf_counter() - wall, time.process_time() - cpu


def main(per_size: int = 5, seed: int = 1) -> int:
    executable = shutil.which("lrsnash")
    if executable is None:
        print("lrsnash is not installed (apt-get install lrslib)")
        return 2
    rng = np.random.default_rng(seed)
    eye = np.eye(2, dtype=int)
    start = [_timed_lrsnash(eye, eye, executable)[1:] for _ in range(5)]
    print(f"lrsnash process start (2x2 game): {min(w for w, _ in start) * 1e3:.1f} ms wall")
    print(f"{per_size} random games per size, payoffs 0..99, seed {seed}\n")
    print("size  equilibria   ours wall  lrsnash wall  ratio   ours cpu  lrsnash cpu  ratio")
    disagree = 0
    totals = np.zeros(4)
    for size in SIZES:
        row = np.zeros(4)
        count = 0
        for _ in range(per_size):
            a = rng.integers(0, 100, size=(size, size))
            b = rng.integers(0, 100, size=(size, size))
            ours, our_wall, our_cpu = _timed_ours(a, b)
            theirs, their_wall, their_cpu = _timed_lrsnash(a, b, executable)
            row += (our_wall, their_wall, our_cpu, their_cpu)
            count += len(ours)
            if ours != theirs:
                disagree += 1
                print(f"  disagreement on a {size}x{size} game:\nA = {a.tolist()}\nB = {b.tolist()}")
        totals += row
        print(
            f"{size:4d}  {count:10d}  {row[0]:9.2f} s  {row[1]:10.2f} s  {row[0] / row[1]:5.2f}"
            f"  {row[2]:7.2f} s  {row[3]:9.2f} s  {row[2] / row[3]:5.2f}"
        )
    print(
        f"all   {'':10s}  {totals[0]:9.2f} s  {totals[1]:10.2f} s  {totals[0] / totals[1]:5.2f}"
        f"  {totals[2]:7.2f} s  {totals[3]:9.2f} s  {totals[2] / totals[3]:5.2f}"
    )
    print(f"\nsame extreme equilibria: {len(SIZES) * per_size - disagree} of {len(SIZES) * per_size} games")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main(*(int(v) for v in sys.argv[1:3])))
