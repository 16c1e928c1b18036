"""All equilibria of two-player games by exact enumeration: known answers and invariances."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategy.solvers.enumeration import enumerate_equilibria

from strategy import Guarantee, NormalFormGame, UnsupportedGameError
from strategy.forms.profiles import MixedProfile
from strategy.solvers.bimatrix.polytope import exact_vertices

F = Fraction


def profiles(result) -> set[tuple[tuple, tuple]]:
    return {tuple(tuple(p.tolist()) for p in eq.profile.probabilities) for eq in result}


def component_sets(result) -> set[tuple[frozenset, frozenset]]:
    out = set()
    for c in result.components:
        row, col = (c.extreme_strategies[p.name] for p in result.game.players)
        out.add((frozenset(tuple(s.values()) for s in row), frozenset(tuple(s.values()) for s in col)))
    return out


def test_von_stengel_degenerate_3x2_has_an_isolated_equilibrium_and_a_segment() -> None:
    # von Stengel (2007), Algorithmic Game Theory ch. 3, degenerate example after Def. 3.2:
    # isolated ((0,1/3,2/3),(1/3,2/3)) and {(1,0,0)} x {y : y1 >= 2/3}.
    game = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    result = enumerate_equilibria(game)
    assert profiles(result) == {
        ((1, 0, 0), (1, 0)),
        ((1, 0, 0), (F(2, 3), F(1, 3))),
        ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    assert result.degenerate is True
    assert result.guarantee is Guarantee.ALL_EXTREME
    assert component_sets(result) == {
        (frozenset({(1, 0, 0)}), frozenset({(1, 0), (F(2, 3), F(1, 3))})),
        (frozenset({(0, F(1, 3), F(2, 3))}), frozenset({(F(1, 3), F(2, 3))})),
    }
    assert all(eq.max_regret == 0 and eq.is_exact for eq in result)
    assert result.method == "enumeration"


def test_nashpy_issue_222_segment_end_points() -> None:
    # nashpy#222: row strategies (p, 1-p), p in [0, 2/7], against the column's first action.
    game = NormalFormGame.from_bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    result = enumerate_equilibria(game)
    assert profiles(result) == {((F(2, 7), F(5, 7)), (1, 0)), ((0, 1), (1, 0))}
    assert component_sets(result) == {(frozenset({(F(2, 7), F(5, 7)), (0, 1)}), frozenset({(1, 0)}))}
    assert result.degenerate is True


def test_nashpy_docs_degenerate_zero_sum_game() -> None:
    # nashpy docs, how-to/handle-degenerate-games.rst: A = [[0,-1,1],[-1,0,1],[-1,0,1]],
    # zero sum. Rows 2 and 3 are identical, so against (1/2,1/2,0) the row player may
    # split the second half between them: a segment nashpy's algorithms report only in part.
    game = NormalFormGame.zero_sum([[0, -1, 1], [-1, 0, 1], [-1, 0, 1]])
    result = enumerate_equilibria(game)
    half = F(1, 2)
    assert profiles(result) == {((half, half, 0), (half, half, 0)), ((half, 0, half), (half, half, 0))}
    assert [len(c.equilibria) for c in result.components] == [2]
    assert result.degenerate is True
    assert result.guarantee is Guarantee.ALL_EXTREME


def test_battle_of_the_sexes_is_nondegenerate_with_three_equilibria() -> None:
    game = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    result = enumerate_equilibria(game)
    assert result.degenerate is False
    assert result.guarantee is Guarantee.ALL
    assert profiles(result) == {((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))}
    assert len(result.components) == 3


def test_prisoners_dilemma_has_only_mutual_defection() -> None:
    game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    result = enumerate_equilibria(game)
    assert profiles(result) == {((0, 1), (0, 1))}
    assert result.degenerate is False


def test_matching_pennies_exact_and_float() -> None:
    exact = enumerate_equilibria(NormalFormGame.zero_sum([[1, -1], [-1, 1]]))
    assert profiles(exact) == {((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))}
    (eq,) = enumerate_equilibria(NormalFormGame.zero_sum([[1.0, -1.0], [-1.0, 1.0]]))
    assert np.allclose(eq.profile.as_floats(), [[0.5, 0.5], [0.5, 0.5]])
    assert eq.max_regret <= 1e-12
    forced = enumerate_equilibria(NormalFormGame.zero_sum([[0.5, -1.0], [-1.0, 1.0]]), exact=True)
    assert profiles(forced) == {((F(4, 7), F(3, 7)), (F(4, 7), F(3, 7)))}


def test_constant_game_every_profile_is_an_equilibrium() -> None:
    # All payoffs equal: the whole strategy space is one component with the pure profiles
    # as extreme points (maximal degeneracy, many bases per vertex).
    game = NormalFormGame.from_bimatrix(np.zeros((3, 4), dtype=int).tolist(), np.zeros((3, 4), dtype=int).tolist())
    result = enumerate_equilibria(game)
    assert len(result) == 12
    assert [len(c.equilibria) for c in result.components] == [12]
    assert result.degenerate is True


def test_polytope_vertices_of_the_unit_simplex_scaled() -> None:
    # {z >= 0, 2 z1 + 2 z2 + 2 z3 <= 1}: the origin and z = e_i / 2.
    vertices = exact_vertices([[2, 2, 2]])
    assert sorted(vertices.values()) == sorted([(0, 0, 0), (F(1, 2), 0, 0), (0, F(1, 2), 0), (0, 0, F(1, 2))])
    # zero mask of e_1/2: z2 = z3 = 0 and the constraint tight.
    assert vertices[0b1110] == (F(1, 2), 0, 0)


def test_three_players_are_refused_with_a_pointer() -> None:
    game = NormalFormGame.from_arrays([("A", "xy"), ("B", "uv"), ("C", "pq")], list(np.zeros((3, 2, 2, 2))))
    with pytest.raises(UnsupportedGameError, match="nplayer"):
        enumerate_equilibria(game)


# ---------------------------------------------------------------------- invariances
small = st.integers(min_value=1, max_value=4)


@st.composite
def bimatrix(draw):
    m, n = draw(small), draw(small)
    values = st.integers(min_value=0, max_value=3)
    a = draw(st.lists(st.lists(values, min_size=n, max_size=n), min_size=m, max_size=m))
    b = draw(st.lists(st.lists(values, min_size=n, max_size=n), min_size=m, max_size=m))
    return np.array(a, dtype=object), np.array(b, dtype=object)


def _solve(a, b):
    return enumerate_equilibria(NormalFormGame.from_bimatrix(a.tolist(), b.tolist()))


@settings(max_examples=60, deadline=None)
@given(bimatrix())
def test_every_reported_profile_has_zero_regret_and_components_are_equilibria(game) -> None:
    a, b = game
    result = _solve(a, b)
    assert len(result) >= 1  # Nash's theorem
    assert all(eq.max_regret == 0 for eq in result)
    g = result.game
    for c in result.components:
        row, col = (c.extreme_strategies[p.name] for p in g.players)
        # the barycentre of a component is an equilibrium too (convexity)
        x = [sum((F(s[k]) for s in row), F(0)) / len(row) for k in g.players[0].actions]
        y = [sum((F(s[k]) for s in col), F(0)) / len(col) for k in g.players[1].actions]
        assert MixedProfile.from_arrays(g, [x, y]).max_regret() == 0


@settings(max_examples=50, deadline=None)
@given(bimatrix(), st.randoms(use_true_random=False))
def test_permuting_strategies_permutes_the_equilibria(game, rnd) -> None:
    a, b = game
    rows, cols = list(range(a.shape[0])), list(range(a.shape[1]))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    base = profiles(_solve(a, b))
    permuted = profiles(_solve(a[rows][:, cols], b[rows][:, cols]))
    assert permuted == {(tuple(x[i] for i in rows), tuple(y[j] for j in cols)) for x, y in base}


@settings(max_examples=50, deadline=None)
@given(bimatrix())
def test_swapping_the_players_swaps_the_equilibria(game) -> None:
    a, b = game
    base = _solve(a, b)
    swapped = _solve(b.T, a.T)
    assert profiles(swapped) == {(y, x) for x, y in profiles(base)}
    assert swapped.degenerate == base.degenerate
    assert len(swapped.components) == len(base.components)


@settings(max_examples=50, deadline=None)
@given(bimatrix(), st.fractions(min_value=F(1, 5), max_value=5), st.integers(-7, 7))
def test_positive_affine_changes_leave_the_equilibria_unchanged(game, scale, shift) -> None:
    a, b = game
    base = _solve(a, b)
    changed = _solve(a * scale + shift, b)
    assert profiles(changed) == profiles(base)
    assert changed.degenerate == base.degenerate


def test_float_mode_on_a_degenerate_game_finds_every_extreme_point_and_says_so() -> None:
    # von Stengel's degenerate 3x2 game with float payoffs (same answer as exact mode).
    a = [[3.0, 3.0], [2.0, 5.0], [0.0, 6.0]]
    b = [[3.0, 3.0], [2.0, 6.0], [3.0, 1.0]]
    result = enumerate_equilibria(NormalFormGame.from_bimatrix(a, b))
    got = sorted(tuple(np.round(np.concatenate(eq.profile.as_floats()), 12)) for eq in result)
    want = sorted([(1, 0, 0, 1, 0), (1, 0, 0, 2 / 3, 1 / 3), (0, 1 / 3, 2 / 3, 1 / 3, 2 / 3)])
    assert np.allclose(got, want, atol=1e-12)
    assert result.degenerate is True
    assert result.guarantee is Guarantee.ALL_EXTREME
    assert any("ties within the float tolerance" in note for note in result.notes)
    assert all(eq.max_regret <= 1e-9 * 6 for eq in result)
