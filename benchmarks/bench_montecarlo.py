"""Monte Carlo of perturbed 3x3 bimatrix games: all equilibria, batched vs per-game peers.

The games are a base 3x3 game (battle-of-the-sexes-like coordination with three
equilibria) plus independent uniform noise on every payoff. The toolkit solves all of
them with the batched support enumeration (:mod:`strategy.solvers.bimatrix.batch`); nashpy's
``support_enumeration`` and pygambit's ``enummixed_solve(rational=False)`` are run in a
loop on a subsample and their games/second are *extrapolated* from it (stated in the
output). Equilibrium sets are compared on the subsample. Also times a 200 x 200 regime
map of a 3x3 parametric game.

pygambit is a benchmark oracle only (GPL). Run: ``.venv/bin/python benchmarks/bench_montecarlo.py``
(``--games 100000 --subsample 1000 --repeat 5``). The batch is timed after a warm-up
on 1,000 games, as the median of ``--repeat`` runs; the peers' loops run once.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np

from strategy.sensitivity.parameters import Parameter, ParameterSpace
from strategy.sensitivity.parametric import ParametricGame
from strategy.sensitivity.regimes import regime_map
from strategy.solvers.bimatrix.batch import support_enumeration_batch

BASE_A = np.array([[4.0, 0.0, 1.0], [0.0, 3.0, 0.0], [1.0, 0.0, 2.0]])
BASE_B = np.array([[2.0, 0.0, 1.0], [0.0, 3.0, 0.0], [1.0, 0.0, 4.0]])


def games(n: int, rng: np.random.Generator, noise: float = 1.0) -> np.ndarray:
    """``n`` perturbed games, shape (n, 2, 3, 3)."""
    base = np.stack([BASE_A, BASE_B])
    return base + rng.uniform(-noise, noise, size=(n, 2, 3, 3))


def _same(mine: list, theirs: list, atol: float = 1e-6) -> bool:
    return len(mine) == len(theirs) and all(
        any(np.allclose(x, a, atol=atol) and np.allclose(y, b, atol=atol) for x, y in mine) for a, b in theirs
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=100_000)
    parser.add_argument("--subsample", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of the batch (median reported)")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    payoffs = games(args.games, rng)

    support_enumeration_batch(payoffs[:1000])  # warm-up: imports and first allocations
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = support_enumeration_batch(payoffs)
        times.append(time.perf_counter() - t0)
    ours = args.games / float(np.median(times))
    print(
        f"strategy batched support enumeration: {args.games} games, {ours:,.0f} games/s "
        f"(median of {args.repeat} runs; slowest {args.games / max(times):,.0f}) "
        f"({int(result.degenerate.sum())} degenerate re-solved), mean {result.counts.mean():.3f} equilibria/game, "
        f"max regret {result.max_regret.max():.1e}"
    )

    sub = payoffs[: args.subsample]
    peers = {}
    try:
        import nashpy

        def run_nashpy(g: np.ndarray) -> list:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return [(np.asarray(x), np.asarray(y)) for x, y in nashpy.Game(g[0], g[1]).support_enumeration()]

        peers["nashpy support_enumeration"] = run_nashpy
    except ImportError:  # pragma: no cover
        print("nashpy not installed")
    try:
        import pygambit as gbt

        def run_gambit(g: np.ndarray) -> list:
            game = gbt.Game.from_arrays(g[0].tolist(), g[1].tolist())
            out = []
            for eq in gbt.nash.enummixed_solve(game, rational=False).equilibria:
                out.append(tuple(np.array([float(eq[s]) for s in p.strategies]) for p in game.players))
            return out

        peers["pygambit enummixed_solve (float)"] = run_gambit
    except ImportError:  # pragma: no cover
        print("pygambit not installed")
    for name, run in peers.items():
        t0 = time.perf_counter()
        answers = [run(g) for g in sub]
        rate = len(sub) / (time.perf_counter() - t0)
        agree = sum(_same(result.of(k), answers[k]) for k in range(len(sub)))
        print(
            f"{name}: {rate:,.0f} games/s measured on a subsample of {len(sub)} games, extrapolated to "
            f"{args.games} games: {args.games / rate:,.1f} s; ours/theirs = {ours / rate:,.0f}x; "
            f"equilibrium sets agree on {agree}/{len(sub)}"
        )

    space = ParameterSpace((Parameter("x", 0.0, -3.0, 3.0), Parameter("y", 0.0, -3.0, 3.0)))
    model = ParametricGame(
        (("Row", ("T", "M", "B")), ("Col", ("L", "C", "R"))),
        lambda p: [[[4, 0, p.x], [0, 3, 0], [1, p.y, 2]], [[2, 0, 1], [p.y, 3, 0], [1, 0, 4 + p.x]]],
        space,
    )
    t0 = time.perf_counter()
    rmap = regime_map(model, ("x", -3, 3, 200), ("y", -3, 3, 200))
    elapsed = time.perf_counter() - t0
    print(f"regime map 200 x 200 of a 3x3 parametric game: {elapsed:.2f} s, {len(np.unique(rmap.labels))} regimes")


if __name__ == "__main__":
    main()
