"""The exploration widget re-solves when a slider moves (headless ipywidgets)."""

import pytest

from strategy import Case, Parameter, ParameterSpace, ParametricGame
from strategy.display.widgets import explore, regime_text
from strategy.errors import StrategyError, UnknownLabelError, UnsupportedGameError

pytest.importorskip("ipywidgets")

# Prisoner's dilemma with temptation t and sucker's payoff s: D strictly dominates C when
# t > 3 and s < 1 (unique equilibrium (D, D)); C strictly dominates D when t < 3 and s > 1
# (unique equilibrium (C, C)).
SPACE = ParameterSpace(
    (
        Parameter("t", 5.0, 0.0, 8.0, meaning="temptation to defect"),
        Parameter("s", 0.0, 0.0, 2.0, meaning="sucker's payoff"),
    )
)
DILEMMA = ParametricGame(
    (("Row", ("C", "D")), ("Column", ("C", "D"))),
    lambda p: {("C", "C"): (3, 3), ("C", "D"): (p.s, p.t), ("D", "C"): (p.t, p.s), ("D", "D"): (1, 1)},
    SPACE,
)


def parts(box):
    sliders, status, game, result, *_ = box.children
    return {s.description: s for s in sliders.children}, status, game, result


def test_sliders_follow_the_parameter_ranges() -> None:
    sliders, *_ = parts(explore(DILEMMA))
    assert set(sliders) == {"t", "s"}
    assert (sliders["t"].min, sliders["t"].max, sliders["t"].value) == (0.0, 8.0, 5.0)


def test_moving_a_slider_resolves_to_the_new_equilibrium() -> None:
    sliders, status, game, result = parts(explore(DILEMMA))
    assert status.value.count("Row=D, Column=D") == 1  # t=5, s=0: the dilemma
    before_game, before_result = game.value, result.value
    # t=2, s=1.5: C strictly dominates D for both (3 > 2 against C, 1.5 > 1 against D).
    sliders["s"].value = 1.5
    sliders["t"].value = 2.0
    assert "Row=C, Column=C" in status.value
    assert "Row=D" not in status.value
    assert result.value != before_result
    assert game.value != before_game
    assert "1.5" in game.value


def test_only_named_parameters_get_sliders_and_scenario_sets_the_start() -> None:
    sliders, status, _, _ = parts(explore(DILEMMA, parameters=["t"], scenario={"s": 1.5, "t": 2.0}))
    assert list(sliders) == ["t"]
    assert sliders["t"].value == 2.0
    assert "Row=C, Column=C" in status.value


def test_case_scenarios_and_solver_are_used() -> None:
    calls = []

    def solver(game):
        from strategy import solve

        calls.append(game)
        return solve(game, method="enumeration")

    case = Case("pd", "dilemma", DILEMMA.game, SPACE, scenarios={"nice": {"t": 2.0, "s": 1.5}}, default_scenario="nice")
    sliders, status, _, _ = parts(explore(case, solver=solver))
    assert sliders["t"].value == 2.0
    assert "Row=C, Column=C" in status.value
    sliders["t"].value = 6.0
    sliders["s"].value = 0.0
    assert "Row=D, Column=D" in status.value
    assert len(calls) == 3


def test_bad_input_is_refused_with_a_strategy_error() -> None:
    with pytest.raises(UnknownLabelError, match="temptation"):
        explore(DILEMMA, parameters=["temptation"])
    with pytest.raises(StrategyError, match="no named scenarios"):
        explore(DILEMMA, scenario="nice")
    with pytest.raises(UnsupportedGameError):
        explore(DILEMMA.game())


def test_regime_text_names_mixed_strategies() -> None:
    from strategy import NormalFormGame, solve

    pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]], actions=(("H", "T"), ("H", "T")))
    assert regime_text(solve(pennies)) == "regime: Row=(H 1/2, T 1/2), Column=(H 1/2, T 1/2)"


def test_regime_text_of_a_tree_names_the_subgame_perfect_choices() -> None:
    # Selten's entry game: the threat to fight is not credible; SPE is (In, Accommodate).
    from strategy.solvers.sequential import solve_tree

    from strategy.forms.extensive import ExtensiveFormGame, decide, leaf

    entry = ExtensiveFormGame(
        ("Entrant", "Incumbent"),
        decide(
            "Entrant",
            Out=leaf(Entrant=0, Incumbent=2),
            In=decide("Incumbent", Fight=leaf(Entrant=-1, Incumbent=-1), Accommodate=leaf(Entrant=1, Incumbent=1)),
        ),
    )
    assert regime_text(solve_tree(entry, concept="spe")) == "regime: Entrant=In, Incumbent=Accommodate"


def test_missing_ipywidgets_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # makes `import ipywidgets` fail
    with pytest.raises(ImportError, match="pip install ipywidgets"):
        explore(DILEMMA)


def test_outside_a_live_kernel_the_explorer_shows_a_static_view() -> None:
    # a saved notebook opened without a kernel cannot run the sliders: its text/html
    # fallback is the regime, the game, the equilibria and the regime map at the values shown
    from strategy import get_case, solve
    from strategy.display.widgets import regime_text

    case = get_case("idlib.stage")
    widget = explore(case, parameters=["goodwill_value", "hts_threat", "limited_scale"])
    bundle = widget._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # live front ends still get sliders
    static = bundle["text/html"]
    assert regime_text(solve(case.game())) in static
    assert case.game()._repr_html_() in static
    assert static.count("<img") == 1
    assert "data:image/png;base64," in static
    slider = widget.children[0].children[0]
    slider.value = slider.max  # the static view follows the sliders
    moved = widget._repr_mimebundle_()["text/html"]
    assert f"goodwill_value = {slider.max:.3g}" in moved
    assert regime_text(solve(case.game(None, {"goodwill_value": slider.max}))) in moved
