"""Iterated elimination of dominated strategies: textbook traces, exactness, theorems as properties."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy import NormalFormGame, UnknownLabelError
from strategy.solvers.dominance import Step, dominated_actions, eliminate_dominated
from strategy.solvers.pure import pure_equilibria


def removed(result) -> list[tuple[int, str, str]]:
    return [(s.round, s.player, s.action) for s in result.steps]


def test_prisoners_dilemma_leaves_mutual_defection() -> None:
    dilemma = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
    result = eliminate_dominated(dilemma)
    assert removed(result) == [(1, "Row", "C"), (1, "Column", "C")]
    assert result.surviving == {"Row": ("D",), "Column": ("D",)}
    assert result.solved
    assert dict(result.steps[0].dominated_by) == {"D": 1}
    assert result.steps[0].margin == 1  # 5 - 3 and 1 - 0
    assert result.explain()[0] == (
        "Round 1: Row's C is strictly dominated by D (payoffs 3, 0 vs 5, 1 against Column's C, D)"
    )
    assert result.explain()[-1] == "Surviving actions: Row: D; Column: D."


def test_gibbons_2x3_elimination_order() -> None:
    # Gibbons (1992), A Primer in Game Theory, section 1.1.B (Figure 1.1.1): Right is dominated
    # by Middle; then Down by Up; then Left by Middle, leaving (Up, Middle).
    game = NormalFormGame.from_bimatrix(
        [[1, 1, 0], [0, 0, 2]],
        [[0, 2, 1], [3, 1, 0]],
        players=("Player 1", "Player 2"),
        actions=(("Up", "Down"), ("Left", "Middle", "Right")),
    )
    result = eliminate_dominated(game)
    assert removed(result) == [(1, "Player 2", "Right"), (2, "Player 1", "Down"), (3, "Player 2", "Left")]
    assert [dict(s.dominated_by) for s in result.steps] == [{"Middle": 1}, {"Up": 1}, {"Middle": 1}]
    assert result.surviving == {"Player 1": ("Up",), "Player 2": ("Middle",)}


def test_3x3_game_solved_by_iesds() -> None:
    # Worked by hand. Column: R = (0, 1, 2) is below L = (1, 3, 4) and C = (2, 2, 3) everywhere.
    # Without R, Row's T = (3, 4) beats M = (1, 2) and B = (2, 1) (earlier, M and B paid 5 and 6
    # against R, more than T's 0, and no mixture of the others beats them). Then against T
    # alone, C (2) beats L (1). Survivor (T, C), which is therefore the unique equilibrium.
    game = NormalFormGame.from_bimatrix(
        [[3, 4, 0], [1, 2, 5], [2, 1, 6]],
        [[1, 2, 0], [3, 2, 1], [4, 3, 2]],
        actions=(("T", "M", "B"), ("L", "C", "R")),
    )
    result = eliminate_dominated(game)
    assert removed(result) == [(1, "Column", "R"), (2, "Row", "M"), (2, "Row", "B"), (3, "Column", "L")]
    assert result.surviving == {"Row": ("T",), "Column": ("C",)}
    assert [e.profile.support() for e in pure_equilibria(game)] == [{"Row": ("T",), "Column": ("C",)}]


def test_action_dominated_only_by_a_mixture() -> None:
    # Row payoffs [[3, 0], [0, 3], [1, 1]]: Down is beaten by neither Up nor Middle, but the
    # half-half mixture pays 3/2 > 1 against both columns (Osborne & Rubinstein 1994, sec. 4.2).
    game = NormalFormGame.from_bimatrix(
        [[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]], actions=(("Up", "Middle", "Down"), ("Left", "Right"))
    )
    (step,) = dominated_actions(game, "Row")
    assert step.action == "Down"
    assert dict(step.dominated_by) == {"Up": Fraction(1, 2), "Middle": Fraction(1, 2)}
    assert step.dominating_payoffs == (Fraction(3, 2), Fraction(3, 2))
    assert step.margin == Fraction(1, 2)
    assert "dominated by the mixture 1/2 Up + 1/2 Middle" in step.explain()
    assert dominated_actions(game, "Row", mixed=False) == ()
    assert eliminate_dominated(game, mixed=False).steps == ()
    (weak_step,) = eliminate_dominated(game, weak=True).steps
    assert not weak_step.weak  # found while eliminating weakly dominated actions, but strict


def test_action_equal_to_a_mixture_is_not_strictly_dominated() -> None:
    # Down = (1, 1) pays exactly what the half-half mixture of (2, 0) and (0, 2) pays: equality
    # everywhere is neither strict nor weak dominance. The verdict is confirmed exactly.
    game = NormalFormGame.from_bimatrix([[2, 0], [0, 2], [1, 1]], [[0, 0], [0, 0], [0, 0]])
    assert dominated_actions(game, "Row") == ()
    assert dominated_actions(game, "Row", weak=True) == ()
    assert eliminate_dominated(game).notes == ()


def test_weak_dominance_order_matters() -> None:
    # Row's T = (1, 0) and B = (0, 2) are both weakly dominated by M = (1, 2). Checked by hand:
    # * both at once: against M alone, Column's L and R tie, so (M; L or R) survive;
    # * T alone first: then B (by M) and Column's L (R = (1, 1) >= L = (1, 0) against M, B) go,
    #   leaving (M, R) with payoffs (2, 1);
    # * B alone first: then T and Column's R (L = (1, 1) >= R = (0, 1) against T, M) go,
    #   leaving (M, L) with payoffs (1, 1).
    game = NormalFormGame.from_bimatrix(
        [[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]], actions=(("T", "M", "B"), ("L", "R"))
    )
    assert eliminate_dominated(game).steps == ()  # nothing is strictly dominated
    simultaneous = eliminate_dominated(game, weak=True)
    assert removed(simultaneous) == [(1, "Row", "T"), (1, "Row", "B")]
    assert simultaneous.surviving == {"Row": ("M",), "Column": ("L", "R")}
    assert all(s.weak for s in simultaneous.steps)
    assert "weakly dominated by M" in simultaneous.explain()[0]
    assert any("order of elimination" in note for note in simultaneous.notes)
    one_at_a_time = eliminate_dominated(game, weak=True, simultaneous=False)
    assert removed(one_at_a_time) == [(1, "Row", "T"), (2, "Row", "B")]
    t_first = eliminate_dominated(game.restrict({"Row": ["M", "B"]}), weak=True)
    assert t_first.surviving == {"Row": ("M",), "Column": ("R",)}
    b_first = eliminate_dominated(game.restrict({"Row": ["T", "M"]}), weak=True)
    assert b_first.surviving == {"Row": ("M",), "Column": ("L",)}


def test_weak_dominance_by_a_mixture() -> None:
    # Rows (2, 0, 0) and (0, 2, 0); their half-half mixture pays (1, 1, 0). A third row
    # (1, 1, 0) equals it (not dominated); (1, 1, -1) is weakly but not strictly dominated by it.
    base = [[2, 0, 0], [0, 2, 0]]
    zeros = [[0, 0, 0]] * 3
    equal = NormalFormGame.from_bimatrix([*base, [1, 1, 0]], zeros)
    assert dominated_actions(equal, "Row", weak=True) == ()
    worse = NormalFormGame.from_bimatrix([*base, [1, 1, -1]], zeros)
    assert dominated_actions(worse, "Row") == ()
    (step,) = dominated_actions(worse, "Row", weak=True)
    assert dict(step.dominated_by) == {"1": Fraction(1, 2), "2": Fraction(1, 2)}
    assert step.weak


def test_three_player_game() -> None:
    # A three-player public-goods dilemma: contributing costs 3 and gives 2 to everybody, so
    # Keep beats Give by 1 against every profile of the others.
    players = [(name, ("Give", "Keep")) for name in ("A", "B", "C")]
    arrays = np.zeros((3, 2, 2, 2), dtype=int)
    for profile in itertools.product(range(2), repeat=3):
        gifts = sum(1 for a in profile if a == 0)
        for i in range(3):
            arrays[(i, *profile)] = 2 * gifts - (3 if profile[i] == 0 else 0)
    result = eliminate_dominated(NormalFormGame.from_arrays(players, list(arrays)))
    assert removed(result) == [(1, "A", "Give"), (1, "B", "Give"), (1, "C", "Give")]
    assert result.steps[0].margin == 1
    assert "against (B, C) = (Give, Give), (Give, Keep)" in result.steps[0].explain()


def test_float_games_use_the_tolerance() -> None:
    game = NormalFormGame.from_bimatrix([[3.0, 0.0], [0.0, 3.0], [1.5 - 1e-12, 1.5 - 1e-12]], np.zeros((3, 2)))
    assert dominated_actions(game, "Row") == ()  # margin 1e-12 is below the tolerance
    clear = NormalFormGame.from_bimatrix([[3.0, 0.0], [0.0, 3.0], [1.4, 1.4]], np.zeros((3, 2)))
    (step,) = dominated_actions(clear, "Row")
    assert step.dominated_by["1"] == pytest.approx(0.5)


def test_unknown_player() -> None:
    game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    with pytest.raises(UnknownLabelError, match="Did you mean 'Row'"):
        dominated_actions(game, "row")


def test_steps_are_immutable() -> None:
    step = Step("Row", "C", {"D": 1}, 1)
    with pytest.raises(TypeError):
        step.dominated_by["E"] = 1  # type: ignore[index]


def random_game(seed: int, n_players: int, high: int) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    shape = tuple(int(k) for k in rng.integers(1, 4, size=n_players))
    players = [(f"P{i}", [f"a{k}" for k in range(n)]) for i, n in enumerate(shape)]
    return NormalFormGame.from_arrays(players, list(rng.integers(0, high, size=(n_players, *shape))))


def check_steps(game: NormalFormGame, result) -> None:
    """Recompute every step's dominance from the original payoffs, independently."""
    current = game
    for round_ in sorted({s.round for s in result.steps}):
        for step in (s for s in result.steps if s.round == round_):
            i = current.player_index(step.player)
            own = np.moveaxis(current.values[i], i, 0).reshape(current.shape[i], -1)
            actions = current.players[i].actions
            mix = sum(p * own[actions.index(b)] for b, p in step.dominated_by.items())
            assert sum(step.dominated_by.values()) == 1
            assert all(mix > own[actions.index(step.action)])
        gone = {(s.player, s.action) for s in result.steps if s.round == round_}
        current = current.restrict({p.name: [a for a in p.actions if (p.name, a) not in gone] for p in current.players})
    assert current.players == result.game.players


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 3), st.sampled_from([3, 10]))
def test_strict_elimination_keeps_every_pure_equilibrium_and_ignores_order(
    seed: int, n_players: int, high: int
) -> None:
    game = random_game(seed, n_players, high)
    result = eliminate_dominated(game)
    check_steps(game, result)

    # Strictly dominated actions are never played in equilibrium, so the pure equilibria of
    # the reduced game are those of the original (e.g. Osborne & Rubinstein 1994, sec. 4.2).
    def labels(g: NormalFormGame) -> set[tuple[tuple[str, ...], ...]]:
        return {tuple(sorted(e.profile.support().items())) for e in pure_equilibria(g)}

    assert labels(result.game) == labels(game)
    # The order of strict elimination does not matter (Gilboa, Kalai & Zemel 1990).
    assert eliminate_dominated(game, simultaneous=False).surviving == result.surviving
    # Exact and float arithmetic reach the same verdicts on integer payoffs.
    assert eliminate_dominated(game.as_float()).surviving == result.surviving
    assert all(not note.startswith("could not confirm") for note in result.notes)
