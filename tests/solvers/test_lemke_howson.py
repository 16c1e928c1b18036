"""Lemke-Howson: textbook games, exact vs float, degenerate games, nashpy and pygambit oracles."""

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategy.solvers.lemke_howson import lemke_howson

from strategy import NormalFormGame, UnknownLabelError, UnsupportedGameError, solve

HALF = Fraction(1, 2)


def strategies(result) -> set[tuple[tuple[Fraction, ...], ...]]:
    return {tuple(tuple(vec.tolist()) for vec in e.profile.probabilities) for e in result}


def test_matching_pennies_every_label_finds_the_unique_equilibrium() -> None:
    pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    for label in range(1, 5):
        result = lemke_howson(pennies, initial_label=label)
        assert strategies(result) == {((HALF, HALF), (HALF, HALF))}
        assert result.guarantee == "one"
        assert result[0].max_regret == 0


def test_prisoners_dilemma_unique_equilibrium() -> None:
    dilemma = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
    result = lemke_howson(dilemma)
    assert [e.profile.support() for e in result] == [{"Row": ("D",), "Column": ("D",)}]
    assert result.guarantee == "some"


def test_rock_paper_scissors_uniform() -> None:
    rps = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    third = Fraction(1, 3)
    assert strategies(lemke_howson(rps)) == {((third,) * 3, (third,) * 3)}


def test_von_stengel_3x2_finds_only_known_equilibria() -> None:
    # von Stengel (2007), Algorithmic Game Theory ch. 3, the 3 x 2 running example: exactly
    # three equilibria, ((1,0,0),(1,0)), ((0,1/3,2/3),(1/3,2/3)), ((4/5,1/5,0),(2/3,1/3)).
    # Checked by hand: x = (0,1/3,2/3) makes both columns pay 8/3, y = (1/3,2/3) makes rows 2, 3
    # pay 4 > 3; x = (4/5,1/5,0) makes both columns pay 14/5, y = (2/3,1/3) makes rows 1, 2 pay 3 > 2.
    game = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    known = {
        ((1, 0, 0), (1, 0)),
        ((0, Fraction(1, 3), Fraction(2, 3)), (Fraction(1, 3), Fraction(2, 3))),
        ((Fraction(4, 5), Fraction(1, 5), 0), (Fraction(2, 3), Fraction(1, 3))),
    }
    found = strategies(lemke_howson(game))
    assert found <= known
    assert len(found) >= 1
    # In a nondegenerate game, dropping label k pairs the artificial equilibrium with one
    # equilibrium of index +1; each of the m + n labels yields some equilibrium.
    assert sum(1 for label in range(1, 6) if strategies(lemke_howson(game, initial_label=label)) <= known) == 5


def test_battle_of_the_sexes_never_reaches_the_mixed_equilibrium() -> None:
    # The mixed equilibrium of a 2x2 coordination game has index -1 (Shapley 1974): LH paths
    # from the artificial equilibrium (index -1 too) end at equilibria of index +1, the pure ones.
    battle = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert strategies(lemke_howson(battle)) == {((1, 0), (1, 0)), ((0, 1), (0, 1))}


def test_label_given_by_player_and_action_is_the_same_as_its_number() -> None:
    game = NormalFormGame.from_bimatrix(
        [[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]], actions=(("T", "M", "B"), ("L", "R"))
    )
    for number, label in enumerate([("Row", "T"), ("Row", "M"), ("Row", "B"), ("Column", "L"), ("Column", "R")], 1):
        assert strategies(lemke_howson(game, initial_label=label)) == strategies(
            lemke_howson(game, initial_label=number)
        )


def test_bad_labels_and_player_counts_are_rejected() -> None:
    game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    with pytest.raises(UnknownLabelError, match=r"1\.\.2 are Row's actions"):
        lemke_howson(game, initial_label=5)
    with pytest.raises(UnknownLabelError):
        lemke_howson(game, initial_label=("Row", "nope"))
    three = NormalFormGame.from_arrays([("A", "xy"), ("B", "xy"), ("C", "xy")], list(np.zeros((3, 2, 2, 2))))
    with pytest.raises(UnsupportedGameError, match="two-player"):
        lemke_howson(three)


def test_dispatcher_knows_the_method() -> None:
    assert solve(NormalFormGame.zero_sum([[1, -1], [-1, 1]]), "lemke_howson").method == "lemke_howson"


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 4), st.integers(1, 4))
def test_degenerate_integer_games_never_crash_and_are_exact_equilibria(seed: int, m: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    game = NormalFormGame.from_bimatrix(rng.integers(0, 3, size=(m, n)), rng.integers(0, 3, size=(m, n)))
    result = lemke_howson(game)
    assert 1 <= len(result) <= m + n
    assert all(e.max_regret == 0 for e in result)
    floats = lemke_howson(game.as_float())
    assert floats.certified()


def test_degenerate_game_is_flagged() -> None:
    # Column's payoff is constant: against any pure row it has two best replies, more than
    # the row's support of size one, so every pure-row equilibrium proves degeneracy.
    game = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 1], [1, 1]])
    result = lemke_howson(game)
    assert result.degenerate is True
    assert all(e.max_regret == 0 for e in result)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 5), st.integers(2, 5))
def test_exact_and_float_pivoting_agree_on_generic_integer_games(seed: int, m: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = rng.integers(-(10**6), 10**6, size=(2, m, n))  # ties are vanishingly unlikely
    game = NormalFormGame.from_bimatrix(a, b)
    for label in range(1, m + n + 1):
        exact = lemke_howson(game, initial_label=label)[0]
        approx = lemke_howson(game.as_float(), initial_label=label)[0]
        for u, v in zip(exact.profile.as_floats(), approx.profile.as_floats(), strict=True):
            assert u == pytest.approx(v, abs=1e-7)


def test_each_label_matches_nashpy_where_nashpy_succeeds() -> None:
    nash = pytest.importorskip("nashpy")
    rng = np.random.default_rng(5)
    compared = 0
    for _ in range(40):
        m, n = (int(k) for k in rng.integers(2, 6, size=2))
        a, b = rng.normal(size=(2, m, n))
        game = NormalFormGame.from_bimatrix(a, b)
        for label in range(1, m + n + 1):
            ours = lemke_howson(game, initial_label=label)
            assert ours.certified()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                x, y = nash.Game(a, b).lemke_howson(initial_dropped_label=label - 1)
            if x.shape != (m,) or y.shape != (n,) or not np.isclose(x.sum(), 1) or not np.isclose(y.sum(), 1):
                continue  # nashpy reports failure by returning something that is not a profile
            if (
                game.profile(
                    {
                        "Row": dict(zip(game.players[0].actions, x, strict=True)),
                        "Column": dict(zip(game.players[1].actions, y, strict=True)),
                    }
                ).max_regret()
                > 1e-8
            ):
                continue  # nashpy's float pivoting went astray on this path
            mine_x, mine_y = ours[0].profile.as_floats()
            np.testing.assert_allclose(mine_x, x, atol=1e-8)
            np.testing.assert_allclose(mine_y, y, atol=1e-8)
            compared += 1
    assert compared > 200  # the oracle really was consulted


def test_found_equilibria_are_among_pygambit_lcp_equilibria() -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(17)
    for _ in range(15):
        m, n = (int(k) for k in rng.integers(2, 5, size=2))
        a, b = rng.integers(-1000, 1000, size=(2, m, n))  # generic: nondegenerate almost surely
        game = NormalFormGame.from_bimatrix(a, b)
        gambit_game = gbt.Game.from_arrays(a.tolist(), b.tolist())
        theirs = set()
        for eq in gbt.nash.lcp_solve(gambit_game, rational=True).equilibria:
            theirs.add(tuple(tuple(Fraction(str(eq[s])) for s in p.strategies) for p in gambit_game.players))
        # Gambit's lcp follows LH from the artificial equilibrium and then onwards from the
        # equilibria it finds, so its set contains every equilibrium accessible from (0, 0).
        assert strategies(lemke_howson(game)) <= theirs
