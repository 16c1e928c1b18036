"""Zero-sum LP: textbook values, an exact graphical-method oracle, nashpy, invariances."""

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategy.solvers.zero_sum import game_value, zero_sum_lp

from strategy import NormalFormGame, UnsupportedGameError, solve


def graphical_value(matrix: list[list[int]]) -> Fraction:
    """Value of a 2 x n zero-sum game by the graphical method, exactly.

    The row player mixes (p, 1 - p); column j pays p * a_1j + (1 - p) * a_2j, a line in p.
    The maximum of the lower envelope over [0, 1] is attained at p = 0, p = 1 or where
    two lines cross, so checking those points is exact.
    """
    (top, bottom) = [[Fraction(v) for v in row] for row in matrix]
    lines = [(t - b, b) for t, b in zip(top, bottom, strict=True)]  # slope, intercept
    points = {Fraction(0), Fraction(1)}
    for (s1, c1), (s2, c2) in itertools.combinations(lines, 2):
        if s1 != s2:
            p = (c2 - c1) / (s1 - s2)
            if 0 <= p <= 1:
                points.add(p)
    return max(min(s * p + c for s, c in lines) for p in points)


def test_matching_pennies_has_value_zero_and_half_half() -> None:
    game = NormalFormGame.zero_sum([[1, -1], [-1, 1]], actions=(("H", "T"), ("H", "T")))
    result = zero_sum_lp(game)
    assert game_value(game) == 0
    assert result[0]["Row"] == {"H": Fraction(1, 2), "T": Fraction(1, 2)}
    assert result[0]["Column"] == {"H": Fraction(1, 2), "T": Fraction(1, 2)}
    assert result[0].max_regret == 0
    assert result.guarantee == "one"
    assert any("value of the game: 0" in note for note in result.notes)


def test_rock_paper_scissors_uniform() -> None:
    actions = ("Rock", "Paper", "Scissors")
    game = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], actions=(actions, actions))
    result = zero_sum_lp(game)
    assert game_value(game) == 0
    third = Fraction(1, 3)
    assert result[0]["Row"] == dict.fromkeys(actions, third)
    assert result[0]["Column"] == dict.fromkeys(actions, third)


def test_ferguson_2x4_example_value_17_over_7() -> None:
    # T. S. Ferguson, "Game Theory" (UCLA lecture notes), Part II, section 2.4 "Solving 2 x n
    # and m x 2 games": rows (2, 3, 1, 5), (4, 1, 6, 0); value 17/7 with 5/7 on the first row
    # (columns 2 and 3 cross there: 1 + 2p = 6 - 5p). Also checked by the graphical oracle.
    matrix = [[2, 3, 1, 5], [4, 1, 6, 0]]
    game = NormalFormGame.zero_sum(matrix)
    assert game_value(game) == Fraction(17, 7) == graphical_value(matrix)
    result = zero_sum_lp(game)
    assert result[0]["Row"] == {"1": Fraction(5, 7), "2": Fraction(2, 7)}
    assert result[0].payoffs["Row"] == Fraction(17, 7)


def test_2x3_game_value_matches_graphical_method() -> None:
    # Rows (3, -1, 2), (-2, 4, 0): by hand, columns 1 and 2 cross at p = 6/10, value 1;
    # column 3 pays 2p = 6/5 > 1 there.
    matrix = [[3, -1, 2], [-2, 4, 0]]
    assert game_value(NormalFormGame.zero_sum(matrix)) == Fraction(1) == graphical_value(matrix)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6))
def test_2xn_value_equals_exact_graphical_method(seed: int, n: int) -> None:
    matrix = np.random.default_rng(seed).integers(-9, 10, size=(2, n)).tolist()
    game = NormalFormGame.zero_sum(matrix)
    result = zero_sum_lp(game)
    assert game_value(game) == graphical_value(matrix)
    assert result[0].max_regret == 0


def test_constant_sum_game_shifts_the_column_value() -> None:
    row = [[5, 2, 8], [3, 7, 1]]
    game = NormalFormGame.from_bimatrix(row, [[10 - v for v in r] for r in row])
    value = game_value(game)
    assert value == game_value(NormalFormGame.zero_sum(row)) == graphical_value(row)
    result = zero_sum_lp(game)
    assert result[0].payoffs["Column"] == 10 - value
    assert result[0].max_regret == 0


def test_not_constant_sum_names_the_profile() -> None:
    dilemma = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
    with pytest.raises(UnsupportedGameError, match=r"sum to 5 at \(C, D\) and to 6 at \(C, C\)"):
        zero_sum_lp(dilemma)


def test_three_players_rejected() -> None:
    game = NormalFormGame.from_arrays([("A", "xy"), ("B", "xy"), ("C", "xy")], list(np.zeros((3, 2, 2, 2))))
    with pytest.raises(UnsupportedGameError, match="two-player"):
        zero_sum_lp(game)


def test_dispatcher_knows_the_method() -> None:
    result = solve(NormalFormGame.zero_sum([[1, -1], [-1, 1]]), "zero_sum_lp")
    assert result.method == "zero_sum_lp"


def test_random_exact_games_are_verified_exactly() -> None:
    rng = np.random.default_rng(2024)
    for _ in range(15):
        m, n = (int(k) for k in rng.integers(2, 7, size=2))
        game = NormalFormGame.zero_sum(rng.integers(-100, 101, size=(m, n)).tolist())
        result = zero_sum_lp(game)
        value = game_value(game)
        assert isinstance(value, Fraction)
        assert result[0].max_regret == 0
        assert result[0].payoffs["Row"] == value  # at an equilibrium of a zero-sum game: the value


def test_value_matches_nashpy_linear_program_on_random_float_games() -> None:
    nash = pytest.importorskip("nashpy")
    rng = np.random.default_rng(11)
    for _ in range(20):
        m, n = (int(k) for k in rng.integers(1, 7, size=2))
        matrix = rng.normal(size=(m, n))
        result = zero_sum_lp(NormalFormGame.zero_sum(matrix))
        assert result.certified()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            x, y = nash.Game(matrix).linear_program()
        assert float(game_value(NormalFormGame.zero_sum(matrix))) == pytest.approx(float(x @ matrix @ y), abs=1e-7)


@settings(max_examples=50, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 4),
    st.integers(1, 4),
    st.fractions(min_value=Fraction(1, 5), max_value=5, max_denominator=7),
    st.integers(-20, 20),
)
def test_value_under_positive_affine_transform(seed: int, m: int, n: int, scale: Fraction, shift: int) -> None:
    # v(s A + c) = s v(A) + c for s > 0: the same strategies stay optimal.
    matrix = np.random.default_rng(seed).integers(-5, 6, size=(m, n)).tolist()
    value = game_value(NormalFormGame.zero_sum(matrix))
    transformed = [[scale * v + shift for v in row] for row in matrix]
    assert game_value(NormalFormGame.zero_sum(transformed)) == scale * value + shift
    # Swapping roles: the column player's game -A^T has value -v.
    assert game_value(NormalFormGame.zero_sum([[-v for v in col] for col in zip(*matrix, strict=True)])) == -value
