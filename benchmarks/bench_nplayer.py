"""The n-player solvers against pygambit, side by side on the same games.

Run: ``.venv/bin/python benchmarks/bench_nplayer.py [games_per_shape [repeat]] [--simpdiv]``.

For random integer games of shapes 2x2x2, 2x2x2x2 and 3x3x3 (payoffs in [-99, 99]) it
prints the time per game of

* every equilibrium: ``nplayer_equilibria`` against pygambit's ``enumpoly_solve``, with
  the number of equilibria each finds and how many of pygambit's we miss (must be 0);
* the logit QRE limit: ``logit_solve`` against pygambit's ``logit_solve``;

and the ratio ours / pygambit's (below 1: faster). Times are wall-clock milliseconds per
game: one warm-up call each, then every game solved ``repeat`` (default 7) times by each
solver in turn, each game's fastest run counted (timeit's convention, robust on a shared
machine). With ``--simpdiv`` it also compares simplicial subdivision on 3x3x3, 4x4x4 and
5x5x5 games. pygambit is a test/benchmark oracle only.

pygambit imports numpy, whose OpenBLAS starts a worker thread. pygambit's C++ solvers run
about twice as fast in a process with a single thread (``OPENBLAS_NUM_THREADS=1``; one idle
extra thread is enough to lose it, presumably the C library's single-thread fast paths,
allocation above all); ours hardly change. The default environment is the one pygambit's
users have; run with that variable set for the other figure.
"""

from __future__ import annotations

import os
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


def _best(fn: Callable[[Any], Any], item: Any) -> float:
    start = time.perf_counter()
    fn(item)
    return time.perf_counter() - start


def _race(
    ours: Callable[[Any], Any],
    mine: Sequence[Any],
    theirs: Callable[[Any], Any],
    their_games: Sequence[Any],
    repeat: int,
) -> tuple[float, float]:
    """Seconds per game of each solver: after a warm-up call of each, every game is solved
    `repeat` times by each solver in turn, and each game's fastest run counts (timeit's
    convention: the least disturbed run; the machine may be shared)."""
    ours(mine[0])
    theirs(their_games[0])
    total_ours = total_theirs = 0.0
    for game, their_game in zip(mine, their_games, strict=True):
        best_ours = best_theirs = float("inf")
        for _ in range(repeat):
            best_theirs = min(best_theirs, _best(theirs, their_game))
            best_ours = min(best_ours, _best(ours, game))
        total_ours += best_ours
        total_theirs += best_theirs
    return total_ours / len(mine), total_theirs / len(mine)


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


def main(count: int = 20, repeat: int = 7) -> None:
    import pygambit as gbt

    rng = np.random.default_rng(2024)
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(f"{count} random games per shape; ms per game, best of {repeat} runs each; OPENBLAS_NUM_THREADS={threads}")
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
    passes = int(args[1]) if len(args) > 1 else 7
    main(games_per_shape, passes)
    if "--simpdiv" in sys.argv:
        simpdiv_table(games_per_shape, passes)
