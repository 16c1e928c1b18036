from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy import InvalidProfileError, NormalFormGame

F = Fraction


def battle_of_the_sexes() -> NormalFormGame:
    # Osborne (2004), An Introduction to Game Theory, Fig. 19.1 (Bach or Stravinsky).
    return NormalFormGame.from_bimatrix(
        [[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Row", "Column"), actions=(("Bach", "Stravinsky"),) * 2
    )


def test_mixed_equilibrium_of_bach_or_stravinsky_has_exact_zero_regret() -> None:
    game = battle_of_the_sexes()
    profile = game.profile(
        {"Row": {"Bach": F(2, 3), "Stravinsky": F(1, 3)}, "Column": {"Bach": F(1, 3), "Stravinsky": F(2, 3)}}
    )
    assert profile.max_regret() == 0
    assert profile.payoffs() == {"Row": F(2, 3), "Column": F(2, 3)}
    assert profile.best_responses("Row") == ("Bach", "Stravinsky")


def test_regret_of_a_non_equilibrium() -> None:
    profile = battle_of_the_sexes().profile({"Row": "Bach", "Column": "Stravinsky"})
    assert profile.regrets() == {"Row": 1, "Column": 1}
    assert not profile.is_equilibrium()


@pytest.mark.parametrize(
    ("strategies", "message"),
    [
        ({"Row": {"Bach": 0.5, "Stravinsky": 0.6}, "Column": "Bach"}, "sum to"),
        ({"Row": {"Bach": -0.5, "Stravinsky": 1.5}, "Column": "Bach"}, "negative"),
        ({"Row": {"Bach": float("nan"), "Stravinsky": 1}, "Column": "Bach"}, "NaN"),
        ({"Row": "Bach"}, "no strategy for Column"),
    ],
)
def test_invalid_profiles_are_named(strategies: dict, message: str) -> None:
    with pytest.raises(InvalidProfileError, match=message):
        battle_of_the_sexes().profile(strategies)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_float_and_exact_regrets_agree(seed: int) -> None:
    rng = np.random.default_rng(seed)
    arrays = rng.integers(-9, 10, size=(3, 2, 3, 2))
    game = NormalFormGame.from_arrays([("A", "xy"), ("B", "uvw"), ("C", "pq")], list(arrays))
    weights = [rng.integers(1, 5, size=k) for k in (2, 3, 2)]
    exact = [[F(int(w), int(v.sum())) for w in v] for v in weights]
    floats = [[float(p) for p in v] for v in exact]
    from strategy import MixedProfile

    exact_regret = MixedProfile.from_arrays(game, exact).max_regret()
    float_regret = MixedProfile.from_arrays(game, floats).max_regret()
    assert isinstance(exact_regret, Fraction)
    assert abs(float(exact_regret) - float_regret) < 1e-9
