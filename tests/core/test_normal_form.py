from fractions import Fraction

import numpy as np
import pytest

from strategy import InvalidGameError, NormalFormGame, Player, UnknownLabelError


def asymmetric() -> NormalFormGame:
    # Row has 3 actions, Column 2: a transposed matrix cannot slip through.
    return NormalFormGame.from_bimatrix(
        [[1, 2], [3, 4], [5, 6]],
        [[10, 20], [30, 40], [50, 60]],
        players=("Row", "Column"),
        actions=(("T", "M", "B"), ("L", "R")),
    )


def test_payoff_convention_is_player_then_global_action_order() -> None:
    game = asymmetric()
    assert game.payoffs.shape == (2, 3, 2)
    # payoffs[i, a_row, a_col] is player i's payoff at (a_row, a_col)
    assert game.payoffs[0, 2, 1] == 6
    assert game.payoffs[1, 2, 1] == 60
    assert game.payoff({"Row": "B", "Column": "R"}) == {"Row": 6, "Column": 60}


def test_games_are_immutable_values() -> None:
    game = asymmetric()
    with pytest.raises(ValueError, match="read-only"):
        game.payoffs[0, 0, 0] = 99
    with pytest.raises(AttributeError):
        game.title = "x"  # type: ignore[misc]
    assert game == asymmetric()
    assert hash(game) == hash(asymmetric())


def test_integer_and_fraction_payoffs_stay_exact_and_floats_do_not() -> None:
    exact = NormalFormGame.from_bimatrix([[Fraction(1, 3), 1]], [[0, 2]])
    assert exact.exact
    assert exact.values[0, 0, 0] == Fraction(1, 3)
    floating = NormalFormGame.from_bimatrix([[0.5, 1]], [[0, 2]])
    assert not floating.exact
    assert floating.exact_payoffs is None
    assert floating.as_exact().values[0, 0, 0] == Fraction(1, 2)


def test_from_table_matches_from_arrays() -> None:
    players = [Player("A", ("x", "y")), Player("B", ("u", "v", "w")), Player("C", ("p", "q"))]
    rng = np.random.default_rng(1)
    arrays = rng.integers(-5, 5, size=(3, 2, 3, 2))
    table = {
        (a, b, c): tuple(int(arrays[(i, ia, ib, ic)]) for i in range(3))
        for ia, a in enumerate("xy")
        for ib, b in enumerate("uvw")
        for ic, c in enumerate("pq")
    }
    assert NormalFormGame.from_table(players, table) == NormalFormGame.from_arrays(players, list(arrays))


@pytest.mark.parametrize(
    ("rows", "cols", "message"),
    [
        ([[1, 2], [3]], [[1, 2], [3, 4]], "ragged"),
        ([[1, "x"], [3, 4]], [[1, 2], [3, 4]], "not a number"),
        ([[1, float("nan")], [3, 4]], [[1, 2], [3, 4]], "finite"),
        ([[1, float("inf")], [3, 4]], [[1, 2], [3, 4]], "finite"),
        ([[1, 2], [3, 4]], [[1, 2, 3], [3, 4, 5]], "2x3"),
        ([[1, True], [3, 4]], [[1, 2], [3, 4]], "not a number"),
    ],
)
def test_bad_payoffs_are_named(rows: list, cols: list, message: str) -> None:
    with pytest.raises(InvalidGameError, match=message):
        NormalFormGame.from_bimatrix(rows, cols)


def test_duplicate_and_empty_labels_are_refused() -> None:
    with pytest.raises(InvalidGameError, match="duplicate action"):
        Player("Turkey", ("Hold", "Hold"))
    with pytest.raises(InvalidGameError, match="non-empty"):
        Player("", ("a",))
    with pytest.raises(InvalidGameError, match="duplicate player"):
        NormalFormGame.from_bimatrix([[1]], [[1]], players=("A", "A"))


def test_unknown_labels_suggest_the_closest() -> None:
    game = asymmetric()
    with pytest.raises(UnknownLabelError, match="Did you mean 'M'") as info:
        game.payoff({"Row": "m", "Column": "L"})
    assert isinstance(info.value, KeyError)
    with pytest.raises(UnknownLabelError, match="'Row'"):
        game.player("Rwo")


def test_transposed_matrix_gets_a_hint() -> None:
    players = [Player("Row", ("a", "b", "c")), Player("Col", ("x", "y"))]
    with pytest.raises(InvalidGameError, match="transpose"):
        NormalFormGame(players, np.zeros((2, 2, 3)))


def test_restrict_keeps_labels_and_payoffs() -> None:
    sub = asymmetric().restrict({"Row": ["B", "T"]})
    assert sub.players[0].actions == ("B", "T")
    assert sub.payoff({"Row": "T", "Column": "R"}) == {"Row": 2, "Column": 20}


def test_zero_sum_detection() -> None:
    assert NormalFormGame.zero_sum([[1, -1], [-1, 1]]).is_zero_sum
    assert not asymmetric().is_zero_sum
