"""TOML game specifications: exact numbers, parameters, scenarios, errors with lines."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy.errors import SpecError
from strategy.forms.normal import NormalFormGame
from strategy.io.spec import format_spec, parse_spec, read_spec
from strategy.sensitivity.parametric import ParametricGame

DATA = Path(__file__).parents[1] / "data"

PLAIN = """\
title = "Matching pennies"

[players]
Even = ["Heads", "Tails"]
Odd = ["Heads", "Tails"]

[payoffs]
"Heads, Heads" = [1, -1]
"Heads, Tails" = [-1, 1]
"Tails, Heads" = [-1, 1]
"Tails, Tails" = [1, -1]
"""


def test_plain_spec_is_an_exact_normal_form_game() -> None:
    game = parse_spec(PLAIN).game
    assert isinstance(game, NormalFormGame)
    assert game.exact
    assert game.is_zero_sum
    assert game.title == "Matching pennies"
    assert game.payoff({"Even": "Tails", "Odd": "Heads"}) == {"Even": -1, "Odd": 1}


def test_rational_strings_and_decimals_are_exact() -> None:
    text = PLAIN.replace("[1, -1]", '["1/3", 0.1]', 1)
    game = parse_spec(text).game
    assert game.payoff({"Even": "Heads", "Odd": "Heads"}) == {"Even": Fraction(1, 3), "Odd": Fraction(1, 10)}


def test_matrices_for_three_players() -> None:
    text = """
[players]
A = ["a1", "a2"]
B = ["b1", "b2", "b3"]
C = ["c1"]
[matrices]
A = [[[1], [2], [3]], [[4], [5], [6]]]
B = [[[0], [0], [0]], [[1], [1], [1]]]
C = [[[7], [8], [9]], [[1], [2], ["1/2"]]]
"""
    game = parse_spec(text).game
    assert game.shape == (2, 3, 1)
    assert game.payoff({"A": "a2", "B": "b3", "C": "c1"}) == {"A": 6, "B": 1, "C": Fraction(1, 2)}


def test_parametric_spec_with_scenarios() -> None:
    spec = read_spec(DATA / "dilemma.toml")
    assert isinstance(spec.game, ParametricGame)
    assert spec.scenarios == {"mild": {"temptation": 2.5}}
    space = spec.game.space
    assert space["temptation"].meaning == "payoff from defecting on a cooperator"
    game = spec.game.game(space.values({"temptation": 7.0, "bonus": 0.5}))
    assert game.payoff({"Row": "Defect", "Column": "Cooperate"}) == {"Row": 7.0, "Column": 0.0}
    assert game.payoff({"Row": "Defect", "Column": "Defect"}) == {"Row": 1.0, "Column": 1.5}
    batch = spec.game.payoff_array(space.values({"temptation": np.array([2.0, 3.0, 4.0])}))
    assert batch.shape == (3, 2, 2, 2)
    assert batch[:, 0, 1, 0].tolist() == [2.0, 3.0, 4.0]


@given(st.lists(st.fractions(min_value=-9, max_value=9, max_denominator=5), min_size=12, max_size=12))
@settings(max_examples=50, deadline=None)
def test_round_trip_through_toml(values: list[Fraction]) -> None:
    game = NormalFormGame(
        (("Row", ("u", "m", "d")), ("Col", ("l", "r"))),
        np.array(values, dtype=object).reshape(2, 3, 2).tolist(),
        title="t",
    )
    assert parse_spec(format_spec(game)).game == game


def test_parametric_round_trip_keeps_expressions() -> None:
    spec = read_spec(DATA / "dilemma.toml")
    again = parse_spec(format_spec(spec.game, spec.scenarios))
    values = spec.game.space.values({"temptation": 6.0, "bonus": -0.5})
    assert np.array_equal(again.game.payoff_array(values), spec.game.payoff_array(values))
    assert again.scenarios == spec.scenarios


@pytest.mark.parametrize(
    ("edit", "fragment", "line"),
    [
        (lambda t: t.replace('"Tails, Tails" = [1, -1]', '"Tails, Tails" = [1]'), "has 1 payoffs; expected 2", 11),
        (lambda t: t.replace('"Tails, Tails" = [1, -1]', '"Tails, Tails" = [1, "lots"]'), "'lots' is not a number", 11),
        (lambda t: t.replace('"Tails, Tails" = [1, -1]', '"Tails, Tails" = [1, nan]'), "not finite", 11),
        (lambda t: t.replace('"Tails, Tails" = [1, -1]', '"Tails, Tails" = [1, true]'), "boolean", 11),
        (lambda t: t.replace('"Tails, Tails" = [1, -1]\n', ""), "no entry for profile", 7),
        (lambda t: t.replace('Odd = ["Heads", "Tails"]', 'Odd = ["Heads", "Heads"]'), "twice", 5),
        (lambda t: t.replace('"Tails, Heads"', '"Tails, Sideways"'), "Sideways", 10),
        (lambda t: t.replace("[payoffs]", "[payofs]"), "unknown top-level key 'payofs'", 7),
        (lambda t: t.replace("[1, -1]", "[1, -1", 1), "invalid TOML", 9),
    ],
)
def test_errors_name_file_and_line(edit, fragment: str, line: int) -> None:
    with pytest.raises(SpecError) as info:
        parse_spec(edit(PLAIN), "game.toml")
    message = str(info.value)
    assert fragment in message
    assert message.startswith(f"game.toml, line {line}:"), message


def test_hostile_expression_is_refused_with_its_line() -> None:
    with pytest.raises(SpecError) as info:
        read_spec(DATA / "hostile.toml")
    message = str(info.value)
    assert "hostile.toml, line 10" in message
    assert "calling" in message


def test_scenario_with_unknown_parameter() -> None:
    text = (DATA / "dilemma.toml").read_text() + "\n[scenarios.odd]\ntemptaton = 3\n"
    with pytest.raises(SpecError, match="unknown parameter 'temptaton'"):
        parse_spec(text, "d.toml")


def test_tree_tables_are_delegated(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    fake = types.ModuleType("strategy.io.tree_spec")
    fake.parse_tree_spec = lambda data, path: ("tree", data["tree"]["root"], path)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "strategy.io.tree_spec", fake)
    assert parse_spec('[tree]\nroot = "x"\n', "t.toml").game == ("tree", "x", "t.toml")


def test_undeclared_parameter_in_expression_and_payoffs_by_player_name() -> None:
    text = (DATA / "dilemma.toml").read_text()
    with pytest.raises(SpecError) as info:
        parse_spec(text.replace('"1 + bonus"', '"1 + bonsu"'), "d.toml")
    assert str(info.value).startswith("d.toml, line 11:")
    assert "Did you mean 'bonus'" in str(info.value)
    by_name = PLAIN.replace('"Tails, Tails" = [1, -1]', '"Tails, Tails" = { Odd = -1, Even = 1 }')
    assert parse_spec(by_name).game == parse_spec(PLAIN).game
