"""nashpy interoperability: NormalFormGame.from_nashpy / to_nashpy, and cross-checks on the same games."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from strategy import InvalidGameError, MixedProfile, NormalFormGame, solve

nashpy = pytest.importorskip("nashpy")


def test_from_nashpy_keeps_integer_payoffs_exact_and_labels_default() -> None:
    game = NormalFormGame.from_nashpy(nashpy.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    assert game.exact
    assert game.player_names == ("Row", "Column")
    assert game.players[0].actions == ("1", "2")
    assert game.payoff({"Row": "2", "Column": "1"}) == {"Row": 5, "Column": 0}


def test_from_nashpy_takes_labels_and_keeps_floats_as_floats() -> None:
    game = NormalFormGame.from_nashpy(
        nashpy.Game(np.array([[0.5, 0.0], [1.5, 0.25]]), np.array([[0.5, 1.5], [0.0, 0.25]])),
        players=("Ann", "Bob"),
        actions=(("C", "D"), ("C", "D")),
        title="dilemma",
    )
    assert not game.exact
    assert game.title == "dilemma"
    assert game.payoff({"Ann": "D", "Bob": "D"}) == {"Ann": 0.25, "Bob": 0.25}


def test_zero_sum_nashpy_game_comes_over_zero_sum() -> None:
    game = NormalFormGame.from_nashpy(nashpy.Game([[1, -1], [-1, 1]]))
    assert game.is_zero_sum


def test_round_trip_through_nashpy_is_the_same_game() -> None:
    game = NormalFormGame.from_bimatrix([[2, 0, 7], [0, 1, -3]], [[1, 0, 4], [0, 2, 5]])
    nash = game.to_nashpy()
    assert nash.payoff_matrices[0].dtype.kind == "i"  # exact integers stay integers
    assert NormalFormGame.from_nashpy(nash) == game
    fractional = NormalFormGame.from_bimatrix([[Fraction(1, 3), 0], [0, 1]], [[1, 0], [0, 1]])
    assert fractional.to_nashpy().payoff_matrices[0][0, 0] == pytest.approx(1 / 3)


def test_bad_input_is_refused_with_the_reason() -> None:
    with pytest.raises(InvalidGameError, match=r"expects a nashpy\.Game"):
        NormalFormGame.from_nashpy([[1, 2], [3, 4]])
    three = NormalFormGame.from_arrays(
        [("A", ("x", "y")), ("B", ("x", "y")), ("C", ("x", "y"))], np.zeros((3, 2, 2, 2)).tolist()
    )
    with pytest.raises(InvalidGameError, match="two-player games; this game has 3 players"):
        three.to_nashpy()


def _as_set(profiles: list[tuple[np.ndarray, np.ndarray]]) -> set[tuple[float, ...]]:
    return {tuple(np.round(np.concatenate(p), 6).tolist()) for p in profiles}


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # nashpy's singular support systems
@pytest.mark.parametrize("seed", range(8))
def test_same_equilibria_as_nashpy_support_enumeration_on_random_games(seed: int) -> None:
    # uniform float payoffs give a nondegenerate game with probability 1; both libraries
    # then find every equilibrium, so the sets agree
    rng = np.random.default_rng(seed)
    shape = (3, 3) if seed % 2 else (4, 3)
    game = NormalFormGame.from_bimatrix(rng.random(shape), rng.random(shape))
    result = solve(game)
    assert not result.degenerate
    ours = _as_set([tuple(np.asarray(q, float) for q in eq.profile.probabilities) for eq in result])
    theirs = _as_set(list(game.to_nashpy().support_enumeration()))
    assert ours == theirs
    assert len(ours) % 2 == 1


def test_on_the_degenerate_game_we_find_what_nashpy_finds_and_the_segment_it_misses() -> None:
    nash = nashpy.Game([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])  # nashpy issue 222
    game = NormalFormGame.from_nashpy(nash)
    result = solve(game)
    assert result.degenerate
    assert {tuple(eq.profile.probabilities[0]) for eq in result} == {(Fraction(2, 7), Fraction(5, 7)), (0, 1)}
    assert [len(c.equilibria) for c in result.components] == [2]
    # every profile nashpy reports is an equilibrium of the same game (regret recomputed by us)
    for row, column in nash.support_enumeration():
        assert MixedProfile.from_arrays(game.as_float(), [row, column]).max_regret() <= 1e-9
        # and it lies on the reported segment: row plays its first action with prob. in [0, 2/7]
        assert -1e-9 <= row[0] <= 2 / 7 + 1e-9
