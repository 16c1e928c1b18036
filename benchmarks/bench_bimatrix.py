"""All equilibria of random bimatrix games: strategy vs nashpy, pygambit and QuantEcon.

Run: ``.venv/bin/python benchmarks/bench_bimatrix.py``. One process, the same games for
every solver: square games with integer payoffs 0..99 drawn from
``numpy.random.default_rng(0)``, sizes n = 6, 8, 10, 12. Prints, per size and method, the
mean time per game, the total number of equilibria found, and the ratio of the toolkit's
time (float mode for float peers, exact mode for exact peers) to the peer's time
(ratio < 1: the toolkit is faster). A peer whose projected time per game exceeds
``CAP`` seconds (its time at the previous size times the growth observed between the two sizes before, or
a default growth) is skipped and marked so.
pygambit is a benchmark/test oracle only (GPL).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from strategy.forms.normal import NormalFormGame
from strategy.solvers.bimatrix.enumeration import enumerate_equilibria

SIZES = (6, 8, 10, 12)
GAMES = {6: 5, 8: 5, 10: 3, 12: 2}
CAP = 30.0  # seconds per game


def _peers() -> dict[str, tuple[Callable[[np.ndarray, np.ndarray], int], str, float]]:
    """name -> (solve(A, B) -> number of equilibria, which toolkit mode to compare, growth per +2)."""
    peers: dict[str, tuple[Callable[[np.ndarray, np.ndarray], int], str, float]] = {}
    try:
        import nashpy

        peers["nashpy support_enumeration"] = (
            lambda a, b: len(list(nashpy.Game(a, b).support_enumeration())),
            "float",
            16.0,
        )
        peers["nashpy vertex_enumeration"] = (
            lambda a, b: len(list(nashpy.Game(a, b).vertex_enumeration())),
            "float",
            8.0,
        )
    except ImportError:  # pragma: no cover
        pass
    try:
        import pygambit as gbt

        def gambit(rational: bool) -> Callable[[np.ndarray, np.ndarray], int]:
            def run(a: np.ndarray, b: np.ndarray) -> int:
                game = gbt.Game.from_arrays(a.tolist(), b.tolist())
                return len(gbt.nash.enummixed_solve(game, rational=rational).equilibria)

            return run

        peers["pygambit enummixed float"] = (gambit(False), "float", 8.0)
        peers["pygambit enummixed exact"] = (gambit(True), "exact", 8.0)
    except ImportError:  # pragma: no cover
        pass
    try:
        from quantecon import game_theory as qe

        def quantecon(a: np.ndarray, b: np.ndarray) -> int:
            game = qe.NormalFormGame((qe.Player(a.astype(float)), qe.Player(b.T.astype(float))))
            return len(qe.vertex_enumeration(game))

        quantecon(np.array([[1, 0], [0, 1]]), np.array([[1, 0], [0, 1]]))  # warm up the numba JIT
        peers["quantecon vertex_enumeration"] = (quantecon, "float", 8.0)
    except ImportError:  # pragma: no cover
        pass
    return peers


def _run(solve: Callable[..., Any], games: list[tuple[np.ndarray, np.ndarray]]) -> tuple[float, int]:
    count = 0
    start = time.perf_counter()
    for a, b in games:
        count += solve(a, b)
    return (time.perf_counter() - start) / len(games), count


def main() -> None:
    rng = np.random.default_rng(0)
    games = {n: [(rng.integers(0, 100, (n, n)), rng.integers(0, 100, (n, n))) for _ in range(GAMES[n])] for n in SIZES}
    ours = {
        "float": lambda a, b: len(
            enumerate_equilibria(NormalFormGame.from_bimatrix(a.astype(float).tolist(), b.astype(float).tolist()))
        ),
        "exact": lambda a, b: len(enumerate_equilibria(NormalFormGame.from_bimatrix(a.tolist(), b.tolist()))),
    }
    peers = _peers()
    history: dict[str, list[float]] = {name: [] for name in peers}
    print(f"{'n':>3} {'games':>5}  {'method':<32}{'s/game':>10}{'#eq':>6}  {'strategy/peer':>13}")
    for n in SIZES:
        mine = {}
        for mode, solve in ours.items():
            seconds, count = _run(solve, games[n])
            mine[mode] = seconds
            print(f"{n:>3} {len(games[n]):>5}  {'strategy enumeration ' + mode:<32}{seconds:>10.4f}{count:>6}")
        for name, (solve, mode, growth) in peers.items():
            times = history[name]
            if len(times) >= 2:
                growth = max(growth, times[-1] / times[-2])  # the growth actually observed
            if times and times[-1] * growth > CAP:
                print(
                    f"{n:>3} {len(games[n]):>5}  {name:<32}{'skipped':>10}  (projected {times[-1] * growth:.0f} s/game)"
                )
                times.append(times[-1] * growth)
                continue
            seconds, count = _run(solve, games[n])
            times.append(seconds)
            print(f"{n:>3} {len(games[n]):>5}  {name:<32}{seconds:>10.4f}{count:>6}  {mine[mode] / seconds:>13.3f}")


if __name__ == "__main__":
    main()
