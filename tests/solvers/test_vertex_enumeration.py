"""All equilibria of two-player games: known answers, pygambit cross-checks, invariances."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategy.solvers.vertex_enumeration import vertex_enumeration

from strategy import Guarantee, NormalFormGame, UnsupportedGameError, solve

F = Fraction


def profiles(result) -> set[tuple[tuple, tuple]]:
    return {tuple(tuple(p.tolist()) for p in eq.profile.probabilities) for eq in result}


def test_von_stengel_degenerate_3x2_has_an_isolated_equilibrium_and_a_segment() -> None:
    # von Stengel (2007), AGT ch. 3, the degenerate example after Definition 3.2.
    game = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    result = vertex_enumeration(game)
    assert profiles(result) == {
        ((1, 0, 0), (1, 0)),
        ((1, 0, 0), (F(2, 3), F(1, 3))),
        ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    assert result.degenerate is True
    assert result.guarantee is Guarantee.ALL_EXTREME
    sizes = sorted(len(c.equilibria) for c in result.components)
    assert sizes == [1, 2]
    assert all(eq.max_regret == 0 for eq in result)


def test_nashpy_issue_222_segment_end_points() -> None:
    # nashpy#222: a continuum p in [0, 2/7] of row strategies against column's first action.
    game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    result = vertex_enumeration(game)
    assert profiles(result) == {((F(2, 7), F(5, 7)), (1, 0)), ((0, 1), (1, 0))}
    assert [len(c.equilibria) for c in result.components] == [2]


def test_battle_of_the_sexes_is_nondegenerate_with_three_equilibria() -> None:
    game = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    result = vertex_enumeration(game)
    assert result.degenerate is False
    assert result.guarantee is Guarantee.ALL
    assert profiles(result) == {((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))}


def test_matching_pennies_float_mode() -> None:
    game = NormalFormGame.zero_sum([[1.0, -1.0], [-1.0, 1.0]])
    (eq,) = vertex_enumeration(game)
    assert np.allclose(eq.profile.as_floats(), [[0.5, 0.5], [0.5, 0.5]])
    assert eq.max_regret <= 1e-12


def test_three_players_are_refused_with_a_pointer() -> None:
    game = NormalFormGame.from_arrays([("A", "xy"), ("B", "uv"), ("C", "pq")], list(np.zeros((3, 2, 2, 2))))
    with pytest.raises(UnsupportedGameError, match="nplayer"):
        vertex_enumeration(game)


def _gambit_equilibria(A: np.ndarray, B: np.ndarray, rational: bool) -> set:
    gbt = pytest.importorskip("pygambit")
    g = gbt.Game.from_arrays(A, B)
    result = gbt.nash.enummixed_solve(g, rational=rational)
    out = set()
    for eq in result.equilibria:
        probs = [[Fraction(str(eq[s])) if rational else float(eq[s]) for s in p.strategies] for p in g.players]
        out.add(tuple(tuple(v) for v in probs))
    return out


@pytest.mark.parametrize("payoff_range", [2, 4, 10, 100])
def test_exact_mode_matches_gambit_enummixed_on_random_games(payoff_range: int) -> None:
    rng = np.random.default_rng(payoff_range)
    for _ in range(200):
        m, n = (int(k) for k in rng.integers(2, 7, size=2))
        A, B = rng.integers(0, payoff_range, size=(2, m, n))
        ours = vertex_enumeration(NormalFormGame.from_bimatrix(A.tolist(), B.tolist()))
        assert all(eq.max_regret == 0 for eq in ours)
        assert profiles(ours) == _gambit_equilibria(A, B, rational=True), (A.tolist(), B.tolist())


def test_exact_mode_matches_gambit_on_larger_games() -> None:
    rng = np.random.default_rng(8)
    for _ in range(20):
        m, n = (int(k) for k in rng.integers(7, 9, size=2))
        A, B = rng.integers(0, 6, size=(2, m, n))
        ours = vertex_enumeration(NormalFormGame.from_bimatrix(A.tolist(), B.tolist()))
        assert profiles(ours) == _gambit_equilibria(A, B, rational=True)


def test_float_mode_matches_gambit_on_random_float_games() -> None:
    rng = np.random.default_rng(3)
    for _ in range(200):
        m, n = (int(k) for k in rng.integers(2, 9, size=2))
        A, B = rng.random(size=(2, m, n))
        ours = vertex_enumeration(NormalFormGame.from_bimatrix(A, B))
        theirs = _gambit_equilibria(A, B, rational=False)
        assert len(ours) == len(theirs)
        for eq in ours:
            x = np.concatenate([np.asarray(p, dtype=float) for p in eq.profile.probabilities])
            assert min(np.abs(x - np.concatenate([np.array(a) for a in t])).max() for t in theirs) < 1e-6
            assert eq.max_regret <= 1e-9


def _affine_and_permuted(seed: int):
    rng = np.random.default_rng(seed)
    m, n = (int(k) for k in rng.integers(2, 5, size=2))
    A, B = rng.integers(0, 4, size=(2, m, n))
    rows, cols = rng.permutation(m), rng.permutation(n)
    a, b = int(rng.integers(1, 5)), int(rng.integers(-5, 5))
    return A, B, rows, cols, a, b


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_equilibria_are_invariant_under_relabelling_and_affine_changes(seed: int) -> None:
    A, B, rows, cols, a, b = _affine_and_permuted(seed)
    base = profiles(vertex_enumeration(NormalFormGame.from_bimatrix(A.tolist(), B.tolist())))
    # permute both players' strategies
    permuted = NormalFormGame.from_bimatrix(A[np.ix_(rows, cols)].tolist(), B[np.ix_(rows, cols)].tolist())
    expected = {(tuple(x[i] for i in rows), tuple(y[j] for j in cols)) for x, y in base}
    assert profiles(vertex_enumeration(permuted)) == expected
    # positive affine change of the row player's payoffs
    scaled = NormalFormGame.from_bimatrix((a * A + b).tolist(), B.tolist())
    assert profiles(vertex_enumeration(scaled)) == base
    # swap the players
    swapped = NormalFormGame.from_bimatrix(B.T.tolist(), A.T.tolist())
    assert profiles(vertex_enumeration(swapped)) == {(y, x) for x, y in base}
    # every extreme equilibrium is certified exactly
    assert all(eq.max_regret == 0 for eq in vertex_enumeration(permuted))


def test_long_decimal_payoffs_lose_no_vertex() -> None:
    """Payoffs with 16 significant digits scale to integers near 1e18; the float search must
    still see the vertices (it once read every vertex as the origin and claimed 'all' for 0)."""
    rng = np.random.default_rng(0)
    A, B = (rng.random((12, 12)).round(16) for _ in range(2))
    exact = [[[Fraction(repr(float(v))) for v in row] for row in M] for M in (A, B)]
    game = NormalFormGame.from_bimatrix(*exact)
    result = vertex_enumeration(game)
    reference = solve(game, method="enumeration")
    assert len(result) == len(reference) > 0
    assert result.guarantee == reference.guarantee == "all"
    assert profiles(result) == profiles(reference)
    assert all(eq.max_regret == 0 for eq in result)
