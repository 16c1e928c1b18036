"""Cross-check of exact enumeration against pygambit's enummixed on 1,000+ random games.

pygambit (GPL) is a test-only oracle. Small integer payoff ranges produce many ties, so
most of these games are degenerate: Gambit's ``enummixed_solve(rational=True)`` returns
every extreme equilibrium of such games (lrs-style vertex enumeration), the same set we
must report, neither more nor less.
"""

from fractions import Fraction

import numpy as np
import pytest
from strategy.solvers.enumeration import enumerate_equilibria

from strategy import NormalFormGame

gbt = pytest.importorskip("pygambit")


def gambit_extreme_equilibria(a: np.ndarray, b: np.ndarray) -> set[tuple[tuple, tuple]]:
    def rational(v) -> object:
        f = Fraction(v) if not isinstance(v, float) else Fraction(repr(v))
        return gbt.Rational(f.numerator, f.denominator)

    game = gbt.Game.from_arrays(
        [[rational(v) for v in row] for row in a.tolist()], [[rational(v) for v in row] for row in b.tolist()]
    )
    row, col = game.players
    out = set()
    for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria:
        x = tuple(Fraction(str(eq[s])) for s in row.strategies)
        y = tuple(Fraction(str(eq[s])) for s in col.strategies)
        out.add((x, y))
    return out


def ours(result) -> set[tuple[tuple, tuple]]:
    return {tuple(tuple(Fraction(v) for v in p.tolist()) for p in eq.profile.probabilities) for eq in result}


def random_shapes(rng: np.random.Generator, count: int) -> list[tuple[int, int]]:
    """Mostly small games, some up to 8 x 8, square and rectangular."""
    shapes = []
    for k in range(count):
        top = 8 if k % 10 == 0 else 5
        shapes.append((int(rng.integers(2, top + 1)), int(rng.integers(2, top + 1))))
    return shapes


@pytest.mark.parametrize("high", [2, 4, 10])
def test_integer_games_match_gambit_exactly(high: int) -> None:
    rng = np.random.default_rng(20100 + high)
    degenerate = 0
    for m, n in random_shapes(rng, 300):
        a, b = rng.integers(0, high, (m, n)), rng.integers(0, high, (m, n))
        result = enumerate_equilibria(NormalFormGame.from_bimatrix(a.tolist(), b.tolist()))
        assert ours(result) == gambit_extreme_equilibria(a, b), (a.tolist(), b.tolist())
        assert all(eq.max_regret == 0 for eq in result)
        degenerate += result.degenerate
    assert degenerate > 30  # the sample really exercises degenerate games


def test_float_games_match_gambit_within_tolerance() -> None:
    rng = np.random.default_rng(7)
    for m, n in random_shapes(rng, 120):
        a = np.round(rng.uniform(-5, 5, (m, n)), 2)
        b = np.round(rng.uniform(-5, 5, (m, n)), 2)
        game = NormalFormGame.from_bimatrix(a.tolist(), b.tolist())
        expected = gambit_extreme_equilibria(a, b)
        exact = enumerate_equilibria(game, exact=True)
        assert ours(exact) == expected
        floats = enumerate_equilibria(game)
        assert not floats.game.exact
        assert floats.options["exact"] is False
        assert all(float(eq.max_regret) <= 1e-9 * 5 for eq in floats)
        got = sorted(tuple(np.concatenate(eq.profile.as_floats())) for eq in floats)
        want = sorted(tuple(float(v) for v in (*x, *y)) for x, y in expected)
        assert len(got) == len(want)
        assert np.allclose(got, want, atol=1e-9)
