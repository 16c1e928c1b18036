"""Nash equilibria of imperfect-information trees by the sequence form, against pygambit.

Run: ``.venv/bin/python benchmarks/bench_sequence_form.py [repeat]``. Trees of the kinds in
Gambit's example collection, built here: one-round poker with 3 to 8 cards (zero-sum, and
with a 10 % rake, general-sum), Monty Hall with a free host (12 x 512 reduced strategies)
and random two-player trees with chance and perfect recall. For each tree it prints the
numbers of sequences and of reduced strategies, the seconds of

* ``lemke``: :func:`~strategy.solvers.trees.sequence_form.sequence_form_lemke` (exact Lemke on
  the sequence-form LCP, certificate included),
* ``auto``: ``solve(tree, concept="nash")`` (what the toolkit picks by size),
* ``gambit``: pygambit's sequence-form ``lcp_solve(game, rational=True)`` on the same tree
  (written by our ``.efg`` writer, read by pygambit outside the timing; on trees it takes
  no ``stop_after``; the number of equilibria it returns in brackets),

each the best of ``repeat`` runs (default 3), and the ratios gambit / lemke and
gambit / auto (above 1: faster than pygambit). pygambit is a benchmark oracle only.
"""

from __future__ import annotations

import itertools
import sys
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from strategy.forms.extensive import ExtensiveFormGame, chance, decide, leaf
from strategy.io.efg import format_efg
from strategy.solvers.dispatch import solve
from strategy.solvers.trees.sequence_form import sequence_form, sequence_form_lemke


def poker(n_cards: int, rake: Fraction = Fraction(0)) -> ExtensiveFormGame:
    """One-round poker (Kuhn's with `n_cards` cards): ante 1, one bet of 1; the house takes
    `rake` of the winner's gain at a showdown (general-sum when positive)."""
    cards = [str(c) for c in range(n_cards)]
    deals = list(itertools.permutations(cards, 2))

    def show(c1: str, c2: str, stake: int) -> Any:
        won = int(c1) > int(c2)
        gain = stake * (1 - rake)
        return leaf(P1=gain if won else -stake, P2=-stake if won else gain)

    branches = {}
    for c1, c2 in deals:
        branches[f"{c1}{c2}"] = (
            Fraction(1, len(deals)),
            decide(
                "P1",
                infoset=f"P1 {c1}",
                Check=decide(
                    "P2",
                    infoset=f"P2 {c2} after check",
                    Check=show(c1, c2, 1),
                    Bet=decide("P1", infoset=f"P1 {c1} check-bet", Fold=leaf(P1=-1, P2=1), Call=show(c1, c2, 2)),
                ),
                Bet=decide("P2", infoset=f"P2 {c2} after bet", Fold=leaf(P1=1, P2=-1), Call=show(c1, c2, 2)),
            ),
        )
    suffix = f", rake {rake}" if rake else ""
    return ExtensiveFormGame(("P1", "P2"), chance(**branches), title=f"poker {n_cards} cards{suffix}")


def monty_hall() -> ExtensiveFormGame:
    """Monty Hall with a free host who pays 2 for revealing the car (12 x 512 strategies)."""
    doors = ("1", "2", "3")
    branches = {}
    for car in doors:
        picks = {}
        for pick in doors:
            opens = {}
            for shown in (d for d in doors if d != pick):
                other = next(d for d in doors if d not in (pick, shown))
                ends = {
                    move: leaf(C=int(final == car), H=-int(final == car) - 2 * int(shown == car))
                    for move, final in (("stay", pick), ("switch", other))
                }
                opens[f"open {shown}"] = decide("C", infoset=f"C picked {pick}, {shown} open", **ends)
            picks[f"pick {pick}"] = decide("H", infoset=f"H car {car} pick {pick}", **opens)
        branches[f"car {car}"] = (Fraction(1, 3), decide("C", infoset="C pick", **picks))
    return ExtensiveFormGame(("C", "H"), chance(**branches), title="Monty Hall")


def random_tree(seed: int, depth: int) -> ExtensiveFormGame:
    """A random two-player tree with chance and perfect recall (information sets keyed by
    the owner's own history and a random tag), payoffs 0-9."""
    rng = np.random.default_rng(seed)

    def build(level: int, history: tuple[tuple[str, ...], tuple[str, ...]]) -> Any:
        if level == depth or (level > 2 and rng.random() < 0.2):
            return leaf(A=int(rng.integers(0, 10)), B=int(rng.integers(0, 10)))
        if rng.random() < 0.15:
            return chance(h=(Fraction(1, 2), build(level + 1, history)), t=(Fraction(1, 2), build(level + 1, history)))
        i = int(rng.integers(0, 2))
        tag = int(rng.integers(0, 2))
        label = f"{'AB'[i]}:{'.'.join(history[i]) or '-'}:{tag}"
        moves = {}
        for a in ("l", "r") if tag == 0 else ("l", "m", "r"):
            own = (*history[i], f"{label}={a}")
            moves[a] = build(level + 1, (own, history[1]) if i == 0 else (history[0], own))
        return decide("AB"[i], infoset=label, **moves)

    return ExtensiveFormGame(("A", "B"), decide("A", go=build(1, (("root=go",), ())), stop=leaf(A=0, B=0)),
                             title=f"random depth {depth} seed {seed}")  # fmt: skip


def _best(fn: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(repeat: int = 3) -> None:
    import pygambit as gbt

    trees = [
        *(poker(n) for n in (3, 4, 5, 6, 8)),
        *(poker(n, Fraction(1, 10)) for n in (3, 5, 8)),
        monty_hall(),
        *(random_tree(seed, depth) for seed, depth in ((1, 6), (2, 7), (3, 8))),
    ]
    head = (
        f"{'tree':<26}{'seqs':>8}{'reduced':>13}{'lemke s':>9}{'auto s':>9}{'gambit s':>13}{'g/lemke':>9}{'g/auto':>8}"
    )
    print(head)
    for tree in trees:
        sf = sequence_form(tree)
        n1, n2 = sf.reduced_strategy_counts()
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "tree.efg"
            path.write_text(format_efg(tree))
            theirs = gbt.read_efg(str(path))
        lemke = sequence_form_lemke(tree)
        auto = solve(tree, concept="nash")
        assert lemke[0].max_regret == 0
        assert all(float(e.max_regret) <= 1e-9 for e in auto)
        t_lemke = _best(lambda tree=tree: sequence_form_lemke(tree), repeat)
        t_auto = _best(lambda tree=tree: solve(tree, concept="nash"), repeat)
        t_gbt = _best(lambda theirs=theirs: gbt.nash.lcp_solve(theirs, rational=True), repeat)
        found = len(gbt.nash.lcp_solve(theirs, rational=True).equilibria)
        reduced = f"{n1}x{n2}" if n1 * n2 < 10**9 else f"~1e{len(str(n1 * n2)) - 1}"
        print(
            f"{tree.title:<26}{f'{sf.shape[0]}+{sf.shape[1]}':>8}{reduced:>13}{t_lemke:9.3f}{t_auto:9.3f}"
            f"{f'{t_gbt:.3f} [{found}]':>13}{t_gbt / t_lemke:9.2f}{t_gbt / t_auto:8.2f}  auto: {auto.method}"
        )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
