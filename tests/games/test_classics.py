"""Classic games: the textbook answers, through the generic solvers."""

import numpy as np
import pytest
from strategy.solvers.backward_induction import backward_induction

from games.classics import CASES
from strategy import solve
from strategy.solvers.result import Guarantee


def mixes(name):
    result = solve(CASES[name].game())
    assert result.guarantee in (Guarantee.ALL, Guarantee.ALL_EXTREME)
    return sorted(tuple(tuple(round(float(x), 6) for x in p) for p in e.profile.probabilities) for e in result)


def test_prisoners_dilemma_unique_defection():
    assert mixes("prisoners_dilemma") == [((0.0, 1.0), (0.0, 1.0))]


def test_prisoners_dilemma_stays_a_dilemma_over_its_range():
    case = CASES["prisoners_dilemma"]
    for k in range(10):
        values = case.space.sample(1, rng=k)
        point = {n: float(np.asarray(v).ravel()[0]) for n, v in values.items()}
        if point["temptation"] > point["reward"] > point["punishment"] > point["sucker"]:
            assert mixes_of(case.game(overrides=point)) == [((0.0, 1.0), (0.0, 1.0))]


def mixes_of(game):
    return sorted(tuple(tuple(round(float(x), 6) for x in p) for p in e.profile.probabilities) for e in solve(game))


def test_chicken_stag_hunt_battle():
    # chicken: swerve w.p. 9/10 (indifference: -1 q... 0*s - 1(1-s) = s - 10(1-s)); Osborne 2004 ex. 4.4 style
    assert mixes("chicken") == [((0.0, 1.0), (1.0, 0.0)), ((0.9, 0.1), (0.9, 0.1)), ((1.0, 0.0), (0.0, 1.0))]
    assert mixes("stag_hunt") == [((0.0, 1.0), (0.0, 1.0)), ((0.75, 0.25), (0.75, 0.25)), ((1.0, 0.0), (1.0, 0.0))]
    assert mixes("battle_of_the_sexes") == [
        ((0.0, 1.0), (0.0, 1.0)),
        ((0.666667, 0.333333), (0.333333, 0.666667)),
        ((1.0, 0.0), (1.0, 0.0)),
    ]


def test_zero_sum_classics():
    assert mixes("matching_pennies") == [((0.5, 0.5), (0.5, 0.5))]
    third = round(1 / 3, 6)
    assert mixes("rock_paper_scissors") == [((third,) * 3, (third,) * 3)]


def test_entry_deterrence_spe_and_non_credible_threat():
    case = CASES["entry_deterrence"]
    spe = backward_induction(case.game())
    assert spe.count == 1
    assert spe[0].path() == [("Entrant", "In"), ("Incumbent", "Accommodate")]
    from strategy.forms.convert import to_normal_form
    from strategy.solvers.pure import pure_equilibria

    nf, _ = to_normal_form(case.game())
    pure = {
        tuple(
            p.actions[[float(x) for x in q].index(1.0)]
            for p, q in zip(nf.players, e.profile.probabilities, strict=True)
        )
        for e in pure_equilibria(nf)
    }
    assert pure == {("In", "Accommodate"), ("Out", "Fight")}  # (Out, Fight) rests on a non-credible threat


@pytest.mark.parametrize("length", [2, 4, 7])
def test_centipede_take_at_once(length):
    spe = backward_induction(CASES["centipede"].game(overrides={"length": float(length)}))
    assert spe.count == 1
    assert spe[0].path() == [("A", "Take")]


def test_fixed_classics_are_exact():
    from fractions import Fraction

    battle = solve(CASES["battle_of_the_sexes"].game())
    assert battle.exhaustive
    assert [Fraction(2, 3), Fraction(1, 3)] in [list(e.profile.probabilities[0]) for e in battle]
    assert all(e.max_regret == 0 for e in battle)


def test_three_player_classics():
    (uniform,) = solve(CASES["three_player_matching"].game())
    assert [list(p) for p in uniform.profile.probabilities] == [[0.5, 0.5]] * 3
    assert uniform.max_regret == 0
    (irrational,) = solve(CASES["irrational_equilibrium"].game())
    assert not irrational.is_exact
    assert all(0 < p < 1 for vec in irrational.profile.as_floats() for p in vec)
    assert float(irrational.max_regret) < 1e-12
