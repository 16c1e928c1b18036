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


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(2, 3), min_size=2, max_size=4),
    st.integers(0, 2**32 - 1),
    st.booleans(),
)
def test_exact_payoffs_and_regrets_match_a_direct_fraction_sum(shape: list[int], seed: int, pure: bool) -> None:
    # the certificate of an exact profile (integer arithmetic over common denominators, or
    # values read off the payoff array for a pure profile) equals the textbook sum
    # u_i(sigma) = sum_a u_i(a) prod_k sigma_k(a_k) computed term by term in Fractions
    rng = np.random.default_rng(seed)
    payoffs = [
        [F(int(n), int(d)) for n, d in zip(row, rng.integers(1, 7, size=len(row)), strict=True)]
        for row in rng.integers(-9, 10, size=(len(shape), int(np.prod(shape))))
    ]
    array = np.array(payoffs, dtype=object).reshape(len(shape), *shape)
    game = NormalFormGame([(f"P{i}", [f"a{j}" for j in range(m)]) for i, m in enumerate(shape)], array)
    strategies = []
    for m in shape:
        if pure:
            vec = [F(0)] * m
            vec[int(rng.integers(m))] = F(1)
        else:
            weights = [int(w) for w in rng.integers(0, 5, size=m)]
            weights[0] += 1
            vec = [F(w, sum(weights)) for w in weights]
        strategies.append(vec)
    profile = game.profile(
        {p.name: dict(zip(p.actions, vec, strict=True)) for p, vec in zip(game.players, strategies, strict=True)}
    )

    def value(i: int, own: int | None) -> Fraction:
        total = F(0)
        for cell in np.ndindex(*shape):
            if own is not None and cell[i] != own:
                continue
            weight = F(1)
            for k, a in enumerate(cell):
                if k != i or own is None:
                    weight *= strategies[k][a]
            total += array[(i, *cell)] * weight
        return total

    expected = {p.name: value(i, None) for i, p in enumerate(game.players)}
    assert profile.payoffs() == expected
    regrets = {p.name: max(value(i, a) for a in range(shape[i])) - expected[p.name] for i, p in enumerate(game.players)}
    assert profile.regrets() == regrets
    assert profile.max_regret() == max(max(regrets.values()), 0)
    assert all(isinstance(v, Fraction) for v in profile.payoffs().values())
