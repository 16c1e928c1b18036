"""Cross-check of the exact two-player enumeration against lrslib's ``lrsnash``.

Run: ``.venv/bin/python benchmarks/check_lrsnash.py [N [seed]]`` (N defaults to 10000).
Generates N random two-player games with small integer payoffs (sizes 2..6, one game
in twenty of size 7..9; payoff ranges 0..1 to 0..9 and -2..2, so ties and degenerate
games are common), solves each with ``enumerate_equilibria`` (exact) and with ``lrsnash``
(a subprocess; GMP arithmetic), and compares the two sets of extreme equilibria exactly
(tuples of Fractions). Prints the counts of agreement, of degenerate games, of games with
components, and every disagreement (the game and the equilibria only one side reports).

``lrsnash`` output (lrslib 7.x): blocks separated by blank lines; in a block, every line
``2 y_1 ... y_n v`` is a strategy of player 2 and Alice's payoff, and the closing line
``1 x_1 ... x_m u`` a strategy of player 1 and Bob's payoff; each pair (x, y_k) of a block
is an extreme equilibrium (Avis, Rosenberg, Savani and von Stengel 2010). The library
helpers :func:`lrsnash_equilibria` and :func:`random_game` are used by the tests too, and
by ``benchmarks/bench_exact.py``, which times both sides on larger games (10 x 10 to 14 x 14).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np

from strategy.forms.normal import NormalFormGame
from strategy.solvers.bimatrix.enumeration import enumerate_equilibria

Pair = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]
RANGES = [(0, 1), (0, 2), (0, 3), (0, 3), (-2, 2), (0, 5), (0, 9)]


def random_game(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """One random bimatrix game with small integer payoffs (ties and degeneracy common)."""
    if rng.random() < 0.05:
        m, n = (int(v) for v in rng.integers(7, 10, size=2))
    else:
        m, n = (int(v) for v in rng.integers(2, 7, size=2))
    low, high = RANGES[int(rng.integers(len(RANGES)))]
    return rng.integers(low, high + 1, size=(m, n)), rng.integers(low, high + 1, size=(m, n))


def lrsnash_equilibria(a: np.ndarray, b: np.ndarray, *, executable: str = "lrsnash") -> set[Pair]:
    """The extreme equilibria ``lrsnash`` reports for the bimatrix game ``(a, b)``."""
    m, n = a.shape
    text = f"{m} {n}\n\n" + "\n".join(" ".join(map(str, row)) for row in a.tolist())
    text += "\n\n" + "\n".join(" ".join(map(str, row)) for row in b.tolist()) + "\n"
    with tempfile.NamedTemporaryFile("w", suffix=".game", delete=False) as handle:
        handle.write(text)
        path = Path(handle.name)
    try:
        out = subprocess.run([executable, str(path)], capture_output=True, text=True, timeout=600, check=True).stdout
    finally:
        path.unlink()
    pairs: set[Pair] = set()
    ys: list[tuple[Fraction, ...]] = []
    for line in out.splitlines():
        fields = line.split()
        if not fields:
            ys = []  # a blank line ends a block
            continue
        if fields[0].startswith("*"):
            continue
        values = tuple(Fraction(v) for v in fields[1:])
        if fields[0] == "2":
            if len(values) != n + 1:
                raise ValueError(f"unexpected lrsnash line {line!r}")
            ys.append(values[:n])
        elif fields[0] == "1":
            if len(values) != m + 1 or not ys:
                raise ValueError(f"unexpected lrsnash line {line!r}")
            pairs.update((values[:m], y) for y in ys)
        else:
            raise ValueError(f"unexpected lrsnash line {line!r}")
    return pairs


def our_equilibria(a: np.ndarray, b: np.ndarray) -> tuple[set[Pair], bool, bool, str]:
    """Our extreme equilibria (exact), whether degenerate, whether a component has several
    members, and the guarantee."""
    game = NormalFormGame.from_bimatrix(a.tolist(), b.tolist())
    result = enumerate_equilibria(game)
    pairs = {
        (
            tuple(Fraction(v) for v in eq.profile.probabilities[0]),
            tuple(Fraction(v) for v in eq.profile.probabilities[1]),
        )
        for eq in result
    }
    assert all(eq.max_regret == 0 for eq in result)
    return pairs, bool(result.degenerate), any(len(c.equilibria) > 1 for c in result.components), str(result.guarantee)


def games(count: int, seed: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The sequence of random games of the check (reproducible from the seed)."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        yield random_game(rng)


def main(count: int = 10_000, seed: int = 13) -> int:
    executable = shutil.which("lrsnash")
    if executable is None:
        print("lrsnash is not installed (apt-get install lrslib)")
        return 2
    agree = degenerate = with_components = equilibria = 0
    disagreements = []
    ours_time = theirs_time = 0.0
    for number, (a, b) in enumerate(games(count, seed)):
        start = time.perf_counter()
        ours, is_degenerate, has_component, guarantee = our_equilibria(a, b)
        ours_time += time.perf_counter() - start
        start = time.perf_counter()
        theirs = lrsnash_equilibria(a, b, executable=executable)
        theirs_time += time.perf_counter() - start
        degenerate += is_degenerate
        with_components += has_component
        equilibria += len(ours)
        if ours == theirs:
            agree += 1
        else:
            disagreements.append((number, a, b, ours - theirs, theirs - ours, guarantee))
    print(f"games: {count} (seed {seed})")
    print(f"agree exactly (same set of extreme equilibria): {agree}")
    print(f"disagree: {len(disagreements)}")
    print(f"degenerate games: {degenerate}; games with a component of several extreme equilibria: {with_components}")
    print(f"extreme equilibria compared: {equilibria}")
    print(f"time: ours {ours_time:.1f} s, lrsnash (incl. process start) {theirs_time:.1f} s")
    for number, a, b, only_ours, only_theirs, guarantee in disagreements[:20]:
        print(f"\ngame {number} ({guarantee}):\nA = {a.tolist()}\nB = {b.tolist()}")
        print(f"  only ours: {sorted(only_ours)}\n  only lrsnash: {sorted(only_theirs)}")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main(*(int(v) for v in sys.argv[1:3])))
