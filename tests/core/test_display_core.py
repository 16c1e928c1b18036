from fractions import Fraction

from strategy import NormalFormGame, solve
from strategy.display.explain import explain


def dilemma() -> NormalFormGame:
    return NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Column"), actions=(("C", "D"), ("C", "D"))
    )


def test_game_html_marks_best_replies_and_shades_the_equilibrium() -> None:
    html = dilemma()._repr_html_()
    # (D, D) is the only cell where both payoffs are best replies
    assert html.count('class="eq"') == 1
    assert '<td class="eq"><b>1*</b>, <b>1*</b></td>' in html
    # (C, C): neither 3 is a best reply (5 > 3 for both deviators)
    assert "<td>3, 3</td>" in html


def test_three_player_html_has_one_table_per_third_player_action() -> None:
    game = NormalFormGame.from_arrays([("A", "xy"), ("B", "uv"), ("C", "pqr")], [[[[0] * 3] * 2] * 2] * 3)
    assert game._repr_html_().count("<table") == 3


def test_result_html_and_explanation_state_certificate_and_reason() -> None:
    result = solve(dilemma(), "pure")
    html = result._repr_html_()
    assert "guarantee: all pure" in html
    assert "max regret" in html
    text = explain(result)
    assert "Row's best reply to Column's D is D: D 1 > C 0." in text


def test_explanation_of_a_mixed_equilibrium_states_the_indifference() -> None:
    pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]], players=("Row", "Column"), actions=(("H", "T"), ("H", "T")))
    half = {"H": Fraction(1, 2), "T": Fraction(1, 2)}
    from strategy.solvers.result import Equilibrium, Guarantee, SolveResult

    eq = Equilibrium.certify(pennies.profile({"Row": half, "Column": half}))
    text = explain(SolveResult(pennies, (eq,), method="by hand", guarantee=Guarantee.ONE))
    assert "Row mixes H 1/2, T 1/2" in text
    assert "same expected payoff (0)" in text


def test_explain_a_tree_names_the_path_the_values_and_the_non_credible_threat():
    from strategy.forms.extensive import ExtensiveFormGame, decide, leaf

    entry = ExtensiveFormGame(
        ("E", "I"),
        decide("E", Out=leaf(E=0, I=2), In=decide("I", Fight=leaf(E=-1, I=-1), Accommodate=leaf(E=1, I=1))),
    )
    spe = explain(solve(entry)).splitlines()
    assert "  - Play: E In, I Accommodate (payoffs E 1, I 1)." in spe
    assert "  - I plays Accommodate at In: Accommodate 1 > Fight -1." in spe
    assert "non-credible" not in "\n".join(spe)
    nash = explain(solve(entry, concept="nash"))
    threat = "Off the path, I would play Fight at In: Accommodate 1 > Fight -1 (a non-credible threat"
    assert threat in nash
    assert "E plays Out at the start: Out 0 = In 0." in nash  # the weakest deterring threat leaves E indifferent
    # a credible off-path choice is not flagged
    deterred = ExtensiveFormGame(
        ("E", "I"),
        decide("E", Out=leaf(E=0, I=2), In=decide("I", Fight=leaf(E=-1, I=1), Accommodate=leaf(E=1, I=0))),
    )
    text = explain(solve(deterred))
    assert "Off the path, I would play Fight at In: Fight 1 > Accommodate 0." in text
    assert "non-credible" not in text
