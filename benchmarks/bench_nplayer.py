"""Time per game of the n-player solvers against pygambit, side by side on the same games.

Run: ``.venv/bin/python benchmarks/bench_nplayer.py [games_per_shape [repeat]]``. Each time is
the best of ``repeat`` (default 3) passes over the games after a warm-up call. Prints, for each
shape, the mean time per game of each method and its ratio to pygambit's enumpoly
(ratio < 1: faster than enumpoly), then simplicial subdivision against pygambit's simpdiv on
3x3x3, 4x4x4 and 5x5x5 games (ratio: ours / pygambit's). pygambit is a test/benchmark
oracle only.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from strategy.forms.normal import NormalFormGame
from strategy.solvers.nplayer.enumeration import nplayer_equilibria
from strategy.solvers.nplayer.qre import logit_solve
from strategy.solvers.nplayer.simpdiv import simplicial_subdivision

REPEAT = 3


def _time(fn, items) -> float:
    """Seconds per item: one warm-up call (imports, caches), then the best of ``REPEAT``
    passes over all items (timeit's convention: the minimum is the least disturbed run)."""
    fn(items[0])
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - start)
    return best / len(items)


def main(count: int = 20) -> None:
    import pygambit as gbt

    rng = np.random.default_rng(2024)
    print(f"{'shape':<10}{'method':<28}{'ms/game':>10}{'ratio':>9}")
    for shape in [(2, 2, 2), (3, 3, 3), (2, 2, 2, 2)]:
        arrays = [rng.integers(-99, 100, size=(len(shape), *shape)) for _ in range(count)]
        players = [(f"P{i}", [f"a{j}" for j in range(n)]) for i, n in enumerate(shape)]
        ours = [NormalFormGame(players, a) for a in arrays]
        theirs = [gbt.Game.from_arrays(*a) for a in arrays]
        rows = [
            ("pygambit enumpoly (all)", _time(gbt.nash.enumpoly_solve, theirs)),
            ("strategy nplayer (all)", _time(nplayer_equilibria, ours)),
            ("pygambit gnm (some)", _time(gbt.nash.gnm_solve, theirs)),
            (
                "pygambit simpdiv (one)",
                _time(lambda g: gbt.nash.simpdiv_solve(g.mixed_strategy_profile(rational=True)), theirs),
            ),
            ("pygambit logit (one)", _time(gbt.nash.logit_solve, theirs)),
            ("strategy qre (one)", _time(logit_solve, ours)),
            ("strategy simpdiv (one)", _time(simplicial_subdivision, ours)),
        ]
        base = rows[0][1]
        for name, seconds in rows:
            print(f"{'x'.join(map(str, shape)):<10}{name:<28}{1000 * seconds:>10.2f}{seconds / base:>9.2f}")
        counts(shape, ours, theirs)

    simpdiv_table(rng, count)


def counts(shape: tuple[int, ...], ours: list, theirs: list) -> None:
    """How many equilibria each finds, and whether pygambit confirms ours (max regret)."""
    import pygambit as gbt

    mine = [nplayer_equilibria(g) for g in ours]
    ref = [gbt.nash.enumpoly_solve(g).equilibria for g in theirs]
    confirmed = 0
    for g, result in zip(theirs, mine, strict=True):
        for eq in result:
            profile = g.mixed_strategy_profile()
            for strategy, p in zip(g.strategies, np.concatenate(eq.profile.as_floats()), strict=True):
                profile[strategy] = float(p)
            confirmed += float(profile.max_regret()) < 1e-8
    complete = sum(str(r.guarantee) == "all" for r in mine)
    print(
        f"{'x'.join(map(str, shape)):<10}equilibria found: strategy {sum(map(len, mine))} "
        f"({confirmed} confirmed by pygambit's max_regret; guarantee 'all' on {complete}/{len(mine)} games, "
        f"odd count on {sum(len(r) % 2 for r in mine)}), enumpoly {sum(map(len, ref))} "
        f"(odd count on {sum(len(r) % 2 for r in ref)})"
    )


def simpdiv_table(rng: np.random.Generator, count: int) -> None:
    """Simplicial subdivision, ours against pygambit's (from the centroid, rational start)."""
    import pygambit as gbt

    print(f"\n{'shape':<10}{'pygambit simpdiv ms':>21}{'strategy simpdiv ms':>21}{'ratio':>9}{'max ms (ours)':>15}")
    for shape in [(3, 3, 3), (4, 4, 4), (5, 5, 5)]:
        arrays = [rng.integers(-99, 100, size=(len(shape), *shape)) for _ in range(count)]
        players = [(f"P{i}", [f"a{j}" for j in range(n)]) for i, n in enumerate(shape)]
        ours = [NormalFormGame(players, a) for a in arrays]
        theirs = [gbt.Game.from_arrays(*a) for a in arrays]
        base = _time(lambda g: gbt.nash.simpdiv_solve(g.mixed_strategy_profile(rational=True)), theirs)
        each = [_time(simplicial_subdivision, [g]) for g in ours]
        mean = sum(each) / len(each)
        label = "x".join(map(str, shape))
        print(f"{label:<10}{1000 * base:>21.2f}{1000 * mean:>21.2f}{mean / base:>9.2f}{1000 * max(each):>15.1f}")


if __name__ == "__main__":
    if len(sys.argv) > 2:
        REPEAT = int(sys.argv[2])
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
