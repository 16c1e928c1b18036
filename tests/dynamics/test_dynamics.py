"""The dynamics against known answers: conserved quantities, textbook limits, ESS classics."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy import NormalFormGame, StrategyError
from strategy.dynamics import (
    best_response_dynamics,
    evolutionarily_stable,
    evolutionarily_stable_strategies,
    fictitious_play,
    fixation_probability,
    moran_process,
    replicator,
    stochastic_fictitious_play,
    two_population_replicator,
)
from strategy.errors import InvalidGameError
from strategy.solvers import pure_equilibria

RPS_ACTIONS = ("Rock", "Paper", "Scissors")


def symmetric(a: list[list[object]], actions: tuple[str, ...]) -> NormalFormGame:
    return NormalFormGame.from_bimatrix(a, np.array(a, dtype=object).T.tolist(), actions=(actions, actions))


def rps(win: int = 1, lose: int = -1) -> NormalFormGame:
    return symmetric([[0, lose, win], [win, 0, lose], [lose, win, 0]], RPS_ACTIONS)


def hawk_dove(value: int = 2, cost: int = 3) -> NormalFormGame:
    """Maynard Smith (1982): hawks share V at cost C; the mixed ESS plays Hawk with V/C."""
    return symmetric([[Fraction(value - cost, 2), value], [0, Fraction(value, 2)]], ("Hawk", "Dove"))


PENNIES = NormalFormGame.zero_sum([[1, -1], [-1, 1]], actions=(("H", "T"), ("H", "T")))


def test_replicator_on_rock_paper_scissors_conserves_the_product() -> None:
    # Hofbauer & Sigmund (1998), section 7.7: x_R x_P x_S is a constant of motion of zero-sum RPS
    path = replicator(rps(), {"Rock": 0.5, "Paper": 0.3, "Scissors": 0.2}, times=np.linspace(0, 40, 400))
    product = path.prod(axis=1).to_numpy()
    assert np.allclose(product, 0.03, rtol=1e-7)
    assert np.allclose(path.sum(axis=1), 1, atol=1e-9)
    assert path["Rock"].max() - path["Rock"].min() > 0.2  # it cycles, it does not converge


def test_replicator_spirals_in_when_winning_pays_more_than_losing_costs() -> None:
    path = replicator(rps(win=2, lose=-1), {"Rock": 0.6, "Paper": 0.3, "Scissors": 0.1}, times=[0, 200])
    assert np.allclose(path.iloc[-1].to_numpy(), 1 / 3, atol=1e-4)
    assert evolutionarily_stable(rps(win=2, lose=-1), dict.fromkeys(RPS_ACTIONS, 1 / 3))


@pytest.mark.parametrize(("value", "cost"), [(2, 3), (1, 4), (3, 5)])
@pytest.mark.parametrize("start", [0.05, 0.5, 0.95])
def test_hawk_dove_converges_to_the_mixed_ess(value: int, cost: int, start: float) -> None:
    game = hawk_dove(value, cost)
    end = replicator(game, {"Hawk": start, "Dove": 1 - start}, times=[0, 400]).iloc[-1]["Hawk"]
    assert end == pytest.approx(value / cost, abs=1e-6)
    assert evolutionarily_stable_strategies(game) == [
        {"Hawk": Fraction(value, cost), "Dove": 1 - Fraction(value, cost)}
    ]


def test_two_population_matching_pennies_conserves_the_relative_entropy() -> None:
    # Hofbauer & Sigmund (1998), section 11.2: in a zero-sum game with an interior equilibrium
    # (p*, q*) the sum of KL(p* | x) + KL(q* | y) is constant along the two-population flow
    path = two_population_replicator(
        PENNIES, {"Row": {"H": 0.8, "T": 0.2}, "Column": [0.3, 0.7]}, times=np.linspace(0, 30, 300)
    )
    entropy = -0.5 * np.log(path.to_numpy()).sum(axis=1)
    assert np.allclose(entropy, entropy[0], rtol=1e-7)


def test_fictitious_play_in_matching_pennies_converges_to_one_half() -> None:
    # Robinson (1951): empirical frequencies converge in zero-sum games
    path = fictitious_play(PENNIES, 20_000, seed=1)
    assert np.allclose(path.iloc[-1].to_numpy(), 0.5, atol=0.01)
    assert list(path.columns) == [("Row", "H"), ("Row", "T"), ("Column", "H"), ("Column", "T")]
    assert path.index.name == "iteration"
    assert path.index[0] == 1


def test_fictitious_play_in_rock_paper_scissors_converges_to_one_third() -> None:
    path = fictitious_play(rps(), 20_000, seed=0)
    assert np.allclose(path.iloc[-1].to_numpy(), 1 / 3, atol=0.02)


def test_fictitious_play_in_shapley_game_does_not_converge() -> None:
    # Shapley (1964): the empirical frequencies cycle with ever longer runs
    a = [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    b = [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
    game = NormalFormGame.from_bimatrix(a, b)
    path = fictitious_play(game, 20_000, initial={"Row": [1, 0, 0], "Column": [0, 1, 0]}, seed=0)
    late = path.iloc[5_000:][("Row", "1")]
    assert late.max() - late.min() > 0.2


def test_stochastic_fictitious_play_settles_near_one_half_in_pennies() -> None:
    path = stochastic_fictitious_play(PENNIES, 20_000, seed=4)
    assert np.allclose(path.iloc[-1].to_numpy(), 0.5, atol=0.02)


def test_best_response_dynamics_stops_at_a_pure_equilibrium_in_a_coordination_game() -> None:
    game = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]], actions=(("A", "B"), ("A", "B")))
    path = best_response_dynamics(game, {"Row": "B", "Column": "A"})
    assert path.attrs["outcome"] == "equilibrium"
    assert path[["Row", "Column"]].iloc[-1].tolist() == ["A", "A"]  # Row moves first: A pays 2 against A
    assert path["mover"].tolist() == ["", "Row"]


def test_best_response_dynamics_cycles_in_matching_pennies() -> None:
    path = best_response_dynamics(PENNIES, {"Row": "H", "Column": "H"})
    assert path.attrs["outcome"] == "cycle"
    cycle = path.iloc[path.attrs["cycle_start"] :]
    assert len(cycle) == 5
    assert cycle.iloc[0, :2].tolist() == cycle.iloc[-1, :2].tolist()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=18, max_size=18), st.integers(0, 1), st.integers(0, 2), st.integers(0, 2))
def test_best_response_dynamics_reaches_an_equilibrium_in_potential_games(cells, r, c, k) -> None:
    # identical interests (Monderer & Shapley 1996): every improvement path is finite
    potential = np.array(cells).reshape(2, 3, 3)
    game = NormalFormGame(
        [("A", ("a1", "a2")), ("B", ("b1", "b2", "b3")), ("C", ("c1", "c2", "c3"))],
        [potential.tolist()] * 3,
    )
    path = best_response_dynamics(game, {"A": f"a{r + 1}", "B": f"b{c + 1}", "C": f"c{k + 1}"})
    assert path.attrs["outcome"] == "equilibrium"
    end = dict(zip(game.player_names, path.iloc[-1][list(game.player_names)], strict=True))
    assert game.profile(end).max_regret() == 0
    assert any(all(eq[p][end[p]] == 1 for p in game.player_names) for eq in pure_equilibria(game))


def test_ess_classics() -> None:
    dilemma = symmetric([[3, 0], [5, 1]], ("C", "D"))
    assert evolutionarily_stable(dilemma, "D")
    assert not evolutionarily_stable(dilemma, "C")
    coordination = symmetric([[2, 0], [0, 1]], ("A", "B"))
    assert evolutionarily_stable_strategies(coordination) == [{"A": 1}, {"B": 1}]
    assert not evolutionarily_stable(coordination, {"A": 1 / 3, "B": 2 / 3})
    # RPS: the centre is neutrally stable in the zero-sum game, not ESS; with losing dearer than winning, unstable
    assert evolutionarily_stable_strategies(rps()) == []
    assert not evolutionarily_stable(rps(win=1, lose=-2), dict.fromkeys(RPS_ACTIONS, 1 / 3))


def test_ess_with_alternative_best_replies() -> None:
    # e_1 ties with e_2 against itself; it is an ESS because it does better against the mutant
    assert evolutionarily_stable(symmetric([[1, 1], [1, 0]], ("A", "B")), "A")
    assert not evolutionarily_stable(symmetric([[1, 0], [1, 0]], ("A", "B")), "A")  # neutral drift
    assert not evolutionarily_stable(symmetric([[0, 0], [0, 0]], ("A", "B")), "A")
    # a mixed equilibrium on {A, B} against which C is an alternative best reply; the mutant C
    # gains against the mix-with-C, so the cone test (not the support test) rejects it
    game = symmetric([[0, 2, 1], [2, 0, 1], [1, 1, 2]], ("A", "B", "C"))
    assert not evolutionarily_stable(game, {"A": 0.5, "B": 0.5})
    assert evolutionarily_stable(game, "C")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=9, max_size=9), st.integers(0, 10_000))
def test_an_ess_resists_every_sampled_mutant(cells, seed) -> None:
    a = np.array(cells).reshape(3, 3)
    game = symmetric(a.tolist(), ("A", "B", "C"))
    generator = np.random.default_rng(seed)
    for shares in evolutionarily_stable_strategies(game):
        x = np.array([float(shares.get(s, 0)) for s in ("A", "B", "C")])
        mutants = np.vstack([np.eye(3), generator.dirichlet(np.ones(3), 300), (x + np.eye(3)) / 2])
        for y in mutants:
            if np.allclose(y, x):
                continue
            against_x, against_y = y @ a @ x - x @ a @ x, y @ a @ y - x @ a @ y
            assert against_x < 1e-9
            assert against_x < -1e-9 or against_y < -1e-12


def test_fixation_probability_is_one_over_n_when_neutral_and_matches_the_constant_fitness_formula() -> None:
    neutral = symmetric([[2, 2], [2, 2]], ("M", "R"))
    assert fixation_probability(neutral, "M", "R", 7) == Fraction(1, 7)
    r, n = Fraction(3, 2), 10
    constant = symmetric([[r, r], [1, 1]], ("M", "R"))  # mutant fitness r, resident 1, whoever they meet
    assert fixation_probability(constant, "M", "R", n) == (1 - 1 / r) / (1 - 1 / r**n)  # Nowak (2006), eq. 6.4


def test_fixation_probability_matches_simulated_moran_runs() -> None:
    game = symmetric([[1, 6], [2, 4]], ("Hawk", "Dove"))
    size, runs = 6, 1500
    rho = float(fixation_probability(game, "Hawk", "Dove", size))
    generator = np.random.RandomState(12)
    fixed = sum(
        moran_process(game, ["Hawk"] + ["Dove"] * (size - 1), seed=generator).iloc[-1]["Hawk"] == size
        for _ in range(runs)
    )
    assert abs(fixed / runs - rho) < 4 * np.sqrt(rho * (1 - rho) / runs)


def test_moran_frame_is_labelled_and_ends_fixed() -> None:
    game = symmetric([[1, 6], [2, 4]], ("Hawk", "Dove"))
    path = moran_process(game, {"Hawk": 3, "Dove": 5}, seed=0)
    assert list(path.columns) == ["Hawk", "Dove"]
    assert path.index.name == "generation"
    assert (path.sum(axis=1) == 8).all()
    assert (path.iloc[-1] == 0).sum() == 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: replicator(PENNIES), "symmetric game"),
        (lambda: replicator(rps(), {"Rock": 0.5, "Stone": 0.5}), "unknown action 'Stone'"),
        (lambda: replicator(rps(), [0.5, 0.6, -0.1]), "non-negative and sum to 1"),
        (lambda: replicator(rps(), times=[0, 2, 1]), "increasing"),
        (lambda: fictitious_play(PENNIES, 0), "positive integer"),
        (lambda: fictitious_play(PENNIES, 10, initial={"Rowe": [1, 0]}), "Did you mean 'Row'"),
        (lambda: stochastic_fictitious_play(PENNIES, 10, eta=0), "eta must be positive"),
        (lambda: moran_process(hawk_dove(), ["Hawk", "Dove"]), "non-negative"),
        (lambda: moran_process(symmetric([[1, 2], [3, 4]], ("A", "B")), ["A"]), "at least two"),
        (lambda: fixation_probability(symmetric([[0, 2], [3, 4]], ("A", "B")), "A", "B", 5), "positive"),
        (
            lambda: two_population_replicator(
                NormalFormGame([("A", ("x",)), ("B", ("y",)), ("C", ("z",))], [[[[1]]]] * 3)
            ),
            "two-player",
        ),
        (lambda: best_response_dynamics(PENNIES, max_steps=0), "positive integer"),
    ],
)
def test_bad_input_is_a_strategy_error_naming_the_fix(call, message) -> None:
    with pytest.raises(StrategyError, match=message):
        call()


def test_two_population_replicator_stays_on_the_simplex_with_negative_payoffs() -> None:
    # Turkey's payoffs in the Idlib stage game are all negative: the textbook field pushes
    # rounding errors off the simplex at rate |average payoff|; ours keeps each total at 1
    from strategy import get_case

    path = two_population_replicator(get_case("idlib.stage").game(), times=np.linspace(0, 60, 61))
    for player in ("Russia", "Turkey"):
        assert np.allclose(path[player].sum(axis=1), 1, atol=1e-9)
    assert path[("Russia", "Squeeze")].iloc[-1] > 0.98
    assert path[("Turkey", "Arm")].iloc[-1] > 0.99


def test_rng_is_the_keyword_and_seed_its_nashpy_spelling() -> None:
    from strategy.dynamics import fictitious_play

    assert fictitious_play(PENNIES, 50, rng=7).equals(fictitious_play(PENNIES, 50, seed=7))
    with pytest.raises(InvalidGameError, match="not both"):
        fictitious_play(PENNIES, 50, rng=1, seed=1)
