"""The n-player solvers against pygambit, side by side on the same games.

Run: ``.venv/bin/python benchmarks/bench_nplayer.py [games_per_shape [repeat]] [--simpdiv]``.

For random integer games of shapes 2x2x2, 2x2x2x2 and 3x3x3 (payoffs in [-99, 99]) it
prints the time per game of

* every equilibrium: ``nplayer_equilibria`` against pygambit's ``enumpoly_solve``, with
  the number of equilibria each finds and how many of pygambit's we miss (must be 0);
* the logit QRE limit: ``logit_solve`` against pygambit's ``logit_solve``;

and the ratio ours / pygambit's (below 1: faster). Times are CPU seconds of this process
(``time.process_time``, less disturbed than wall time on a shared machine): one warm-up
call, then ``repeat`` (default 5) alternating passes over all games of both solvers, the
best pass of each kept (timeit's convention). With ``--simpdiv`` it also compares
simplicial subdivision on 3x3x3, 4x4x4 and 5x5x5 games. pygambit is a test/benchmark
oracle only.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from strategy.forms.normal import NormalFormGame
from strategy.solvers.nplayer.enumeration import nplayer_equilibria
from strategy.solvers.nplayer.qre import logit_solve
from strategy.solvers.nplayer.simpdiv import simplicial_subdivision

SHAPES = [(2, 2, 2), (2, 2, 2, 2), (3, 3, 3)]


def _pass(fn: Callable[[Any], Any], items: Sequence[Any]) -> float:
    start = time.process_time()
    for item in items:
        fn(item)
    return (time.process_time() - start) / len(items)


def _race(
    ours: Callable[[Any], Any],
    mine: Sequence[Any],
    theirs: Callable[[Any], Any],
    their_games: Sequence[Any],
    repeat: int,
) -> tuple[float, float]:
    """Seconds per game of each solver: a warm-up call, then the best of `repeat`
    alternating passes."""
    ours(mine[0])
    theirs(their_games[0])
    best_ours = best_theirs = float("inf")
    for _ in range(repeat):
        best_theirs = min(best_theirs, _pass(theirs, their_games))
        best_ours = min(best_ours, _pass(ours, mine))
    return best_ours, best_theirs


def _games(rng: np.random.Generator, shape: tuple[int, ...], count: int) -> tuple[list[NormalFormGame], list[Any]]:
    import pygambit as gbt

    arrays = [rng.integers(-99, 100, size=(len(shape), *shape)) for _ in range(count)]
    players = [(f"P{i}", [f"a{j}" for j in range(n)]) for i, n in enumerate(shape)]
    return [NormalFormGame(players, a) for a in arrays], [gbt.Game.from_arrays(*a) for a in arrays]


def _found(mine: list[NormalFormGame], theirs: list[Any]) -> tuple[int, int, int]:
    """Equilibria found by us and by enumpoly, and how many of enumpoly's we miss."""
    import pygambit as gbt

    ours_total = theirs_total = missed = 0
    for game, g in zip(mine, theirs, strict=True):
        points = [np.concatenate(eq.profile.as_floats()) for eq in nplayer_equilibria(game)]
        reference = [np.array([float(eq[s]) for s in g.strategies]) for eq in gbt.nash.enumpoly_solve(g).equilibria]
        ours_total += len(points)
        theirs_total += len(reference)
        missed += sum(not any(np.abs(ref - p).max() < 1e-6 for p in points) for ref in reference)
    return ours_total, theirs_total, missed


def main(count: int = 20, repeat: int = 5) -> None:
    import pygambit as gbt

    rng = np.random.default_rng(2024)
    print(f"{count} random games per shape; CPU ms per game, best of {repeat} alternating passes")
    print(f"{'shape':<9}{'task':<24}{'strategy':>10}{'pygambit':>10}{'ratio':>8}  equilibria")
    for shape in SHAPES:
        mine, theirs = _games(rng, shape, count)
        label = "x".join(map(str, shape))
        ours_all, their_all = _race(nplayer_equilibria, mine, gbt.nash.enumpoly_solve, theirs, repeat)
        found, reference, missed = _found(mine, theirs)
        print(
            f"{label:<9}{'all (enumpoly)':<24}{1000 * ours_all:>10.2f}{1000 * their_all:>10.2f}"
            f"{ours_all / their_all:>8.2f}  ours {found}, enumpoly {reference}, missed {missed}"
        )
        ours_qre, their_qre = _race(logit_solve, mine, gbt.nash.logit_solve, theirs, repeat)
        print(
            f"{label:<9}{'QRE limit (logit)':<24}{1000 * ours_qre:>10.2f}{1000 * their_qre:>10.2f}{ours_qre / their_qre:>8.2f}"
        )


def simpdiv_table(count: int, repeat: int) -> None:
    """Simplicial subdivision, ours against pygambit's (from the centroid, rational start)."""
    import pygambit as gbt

    rng = np.random.default_rng(2025)
    print(f"\n{'shape':<9}{'task':<24}{'strategy':>10}{'pygambit':>10}{'ratio':>8}")
    for shape in [(3, 3, 3), (4, 4, 4), (5, 5, 5)]:
        mine, theirs = _games(rng, shape, count)
        ours, base = _race(
            simplicial_subdivision,
            mine,
            lambda g: gbt.nash.simpdiv_solve(g.mixed_strategy_profile(rational=True)),
            theirs,
            repeat,
        )
        label = "x".join(map(str, shape))
        print(f"{label:<9}{'one (simpdiv)':<24}{1000 * ours:>10.2f}{1000 * base:>10.2f}{ours / base:>8.2f}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    games_per_shape = int(args[0]) if args else 20
    passes = int(args[1]) if len(args) > 1 else 5
    main(games_per_shape, passes)
    if "--simpdiv" in sys.argv:
        simpdiv_table(games_per_shape, passes)
