"""Simplicial subdivision: known answers, certificates on random games, pygambit, invariance."""

from fractions import Fraction

import numpy as np
import pytest
from strategy.solvers.simpdiv import simplicial_subdivision

from games.classics import CASES as CLASSICS
from strategy import Guarantee, NormalFormGame
from strategy.numbers import scale_tolerance
from strategy.solvers.dispatch import METHODS, solve

F = Fraction


def jordan_game() -> NormalFormGame:
    """Jordan (1993): the unique Nash equilibrium is uniform."""
    return CLASSICS["three_player_matching"].game()


def nau_game() -> NormalFormGame:
    """Nau, Gomez Canovas and Hansen (2004): the unique Nash equilibrium is irrational."""
    return CLASSICS["irrational_equilibrium"].game()


def _floats(result) -> np.ndarray:
    return np.concatenate(result[0].profile.as_floats())


def test_matching_pennies_is_exactly_one_half() -> None:
    pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]], actions=(("H", "T"), ("H", "T")))
    result = simplicial_subdivision(pennies)
    assert result.method == "simpdiv"
    assert result.guarantee is Guarantee.ONE
    (eq,) = result
    assert eq["Row"] == {"H": F(1, 2), "T": F(1, 2)}
    assert eq["Column"] == {"H": F(1, 2), "T": F(1, 2)}
    assert eq.max_regret == 0


def test_jordan_three_player_game_unique_uniform_equilibrium() -> None:
    (eq,) = simplicial_subdivision(jordan_game())
    assert [list(p) for p in eq.profile.probabilities] == [[F(1, 2), F(1, 2)]] * 3
    assert eq.max_regret == 0


def test_two_player_game_with_unique_mixed_equilibrium() -> None:
    # A = [[3, 0], [1, 2]], B = [[1, 2], [3, 0]]: no pure equilibrium; the column player mixes
    # (1/2, 1/2) to make the row player indifferent (3q = q + 2(1-q)), the row player (3/4, 1/4).
    game = NormalFormGame.from_bimatrix([[3, 0], [1, 2]], [[1, 2], [3, 0]], actions=(("U", "D"), ("L", "R")))
    (eq,) = simplicial_subdivision(game, grid=3)
    assert eq["Row"] == {"U": F(3, 4), "D": F(1, 4)}
    assert eq["Column"] == {"L": F(1, 2), "R": F(1, 2)}
    assert eq.max_regret == 0


def test_irrational_unique_equilibrium_is_certified_in_floats() -> None:
    result = simplicial_subdivision(nau_game())
    assert result.guarantee is Guarantee.ONE
    assert not result[0].is_exact
    assert float(result[0].max_regret) <= scale_tolerance(nau_game().payoffs)
    assert all(0 < p < 1 for p in _floats(result))


def _random_games(shape: tuple[int, ...], count: int, seed: int):
    rng = np.random.default_rng(seed)
    players = [(f"P{i}", [f"a{j}" for j in range(n)]) for i, n in enumerate(shape)]
    for _ in range(count):
        arrays = rng.integers(-99, 100, size=(len(shape), *shape))
        if rng.random() < 0.5:
            yield NormalFormGame(players, arrays), arrays
        else:
            floats = np.round(rng.normal(size=arrays.shape), 4)
            yield NormalFormGame(players, floats), floats


@pytest.mark.parametrize(
    ("shape", "count"), [((2, 2, 2), 40), ((3, 3, 3), 30), ((2, 2, 2, 2), 30), ((5, 5, 5), 12)], ids=str
)
def test_every_result_is_certified_within_tolerance_on_random_games(shape, count) -> None:
    for number, (game, _) in enumerate(_random_games(shape, count, seed=sum(shape) * 7 + len(shape))):
        result = simplicial_subdivision(game)
        assert result.guarantee is Guarantee.ONE, f"game {number}: {result.notes}"
        assert len(result) == 1
        assert result.certified(), f"game {number}: max regret {result.max_regret()}"


def test_agrees_with_pygambit_when_the_equilibrium_is_unique() -> None:
    gbt = pytest.importorskip("pygambit")
    compared = 0
    for game, arrays in _random_games((2, 2, 2), 30, seed=11):
        ref = gbt.nash.enumpoly_solve(gbt.Game.from_arrays(*arrays), maxregret=1e-8).equilibria
        if len(ref) != 1:
            continue
        g = ref[0].game
        expected = np.array([float(ref[0][s]) for s in g.strategies])
        assert np.abs(_floats(simplicial_subdivision(game)) - expected).max() < 1e-6
        compared += 1
    for game, arrays in _random_games((3, 3), 30, seed=12):
        ref = gbt.nash.lcp_solve(gbt.Game.from_arrays(*arrays), rational=False).equilibria
        all_eq = gbt.nash.enumpoly_solve(gbt.Game.from_arrays(*arrays), maxregret=1e-8).equilibria
        if len(all_eq) != 1:
            continue
        g = ref[0].game
        expected = np.array([float(ref[0][s]) for s in g.strategies])
        assert np.abs(_floats(simplicial_subdivision(game)) - expected).max() < 1e-6
        compared += 1
    assert compared >= 15


def test_invariant_under_positive_affine_payoff_changes() -> None:
    rng = np.random.default_rng(5)
    players = [(f"P{i}", ("x", "y", "z")) for i in range(3)]
    for _ in range(10):
        arrays = rng.integers(-20, 21, size=(3, 3, 3, 3))
        changed = np.empty(arrays.shape, dtype=object)
        for i, (a, b) in enumerate([(F(3, 7), 5), (F(2), F(-1, 3)), (F(11, 4), 100)]):
            changed[i] = np.vectorize(lambda u, a=a, b=b: a * u + b, otypes=[object])(arrays[i])
        base = simplicial_subdivision(NormalFormGame(players, arrays))
        other = simplicial_subdivision(NormalFormGame(players, changed.tolist()))
        # exact payoffs are normalised exactly: the same path, the same equilibrium
        assert np.array_equal(_floats(base), _floats(other))
        assert base.options["grid"] == other.options["grid"]
        assert other.certified()


def test_labelled_start_and_options_are_recorded() -> None:
    game = jordan_game()
    result = simplicial_subdivision(game, start={"P1": "H", "P2": {"H": 0.25, "T": 0.75}, "P3": "T"}, grid=2)
    assert result.certified()
    assert result.options["start"] == [[1.0, 0.0], [0.25, 0.75], [0.0, 1.0]]
    assert result.options["grid"] == 2


def test_pivot_budget_is_honest() -> None:
    game, _ = next(_random_games((5, 5, 5), 1, seed=3))
    result = simplicial_subdivision(game, max_pivots=5)
    assert result.guarantee is Guarantee.APPROXIMATE
    assert any("max_pivots=5" in note for note in result.notes)
    assert len(result) == 1
    assert float(result[0].max_regret) > 0


def test_dispatch_solves_with_simpdiv() -> None:
    assert METHODS["simpdiv"].__qualname__ == "simplicial_subdivision"
    result = solve(jordan_game(), method="simpdiv")
    assert result.method == "simpdiv"
    assert result.to_dict()["equilibria"][0]["exact"]["profile"] == [["1/2", "1/2"]] * 3


def test_rejects_bad_options() -> None:
    from strategy.errors import InvalidGameError

    with pytest.raises(InvalidGameError):
        simplicial_subdivision(jordan_game(), grid=0)
