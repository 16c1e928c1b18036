"""Display habits: decimals everywhere on request, str() gives the table, trees as outlines."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from strategy import NormalFormGame, StrategyError, solve
from strategy.cli import main
from strategy.display import decimals, set_decimals
from strategy.display.outline import tree_outline
from strategy.display.text import format_result, payoff_table
from strategy.forms.extensive import ExtensiveFormGame, chance, decide, leaf
from strategy.numbers import format_number

DATA = Path(__file__).parents[1] / "data"


def inspection() -> NormalFormGame:
    return NormalFormGame.from_bimatrix(
        [[-1, 2], [0, -4]], [[0, -5], [0, 3]], players=("Inspector", "Agency"), actions=(("I", "T"), ("C", "X"))
    )


def test_format_number_with_decimals() -> None:
    assert format_number(Fraction(1303, 2370)) == "1303/2370"
    assert format_number(Fraction(1303, 2370), decimals=3) == "0.550"
    assert format_number(Fraction(-1, 3000), decimals=2) == "0.00"  # no negative zero
    assert format_number(2.0, decimals=3) == "2"  # whole numbers stay whole
    assert format_number(0.123456, decimals=0) == "0"
    with pytest.raises(StrategyError, match="decimals"):
        format_number(1.5, decimals=-1)


def test_decimals_context_and_default_reach_every_display() -> None:
    result = solve(inspection())
    exact = format_result(result)
    assert "I=3/8" in exact
    with decimals(3):
        assert "I=0.375" in format_result(result)
        assert "I 0.375" in result._repr_html_()  # the notebook table too
    assert format_result(result) == exact  # the context ends with the block
    set_decimals(2)
    try:
        assert "I=0.38" in str(result)
        assert "C=0.86" in str(result)
    finally:
        set_decimals(None)
    assert str(result) == exact


def test_str_is_the_table_and_repr_stays_short() -> None:
    game = inspection()
    result = solve(game)
    assert str(game) == payoff_table(game)
    assert str(result) == format_result(result)
    assert "\n" not in repr(game)
    assert "\n" not in repr(result)
    assert len(repr(result)) < 100


def test_payoff_table_with_decimals() -> None:
    game = NormalFormGame.from_bimatrix([[Fraction(1, 3), 0], [0, 1]], [[1, 0], [0, Fraction(2, 3)]])
    assert "1/3*, 1*" in payoff_table(game)
    assert "0.33*, 1*" in payoff_table(game, decimals=2)


def test_tree_outline_with_chance_information_sets_and_labelled_payoffs() -> None:
    def reply(up: int) -> object:
        return decide("Receiver", infoset="guess", L=leaf(Sender=up, Receiver=1), R=leaf(Sender=0, Receiver=-up))

    tree = ExtensiveFormGame(
        ("Sender", "Receiver"),
        chance(
            High=(Fraction(1, 3), decide("Sender", Send=reply(2), Quiet=leaf(Sender=0, Receiver=0))),
            Low=(Fraction(2, 3), reply(-1)),
        ),
        title="A small signalling tree",
    )
    text = tree_outline(tree)
    assert text.splitlines()[:3] == [
        "A small signalling tree",
        "chance",
        "├─ High (1/3): Sender chooses",
    ]
    assert "│  ├─ Send: Receiver chooses [information set guess]" in text
    assert "└─ Low (2/3): Receiver chooses [information set guess]" in text
    assert "├─ L: Sender -1, Receiver 1" in text
    assert "High (0.33)" in tree_outline(tree, decimals=2)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_decimals_on_solve_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "solve", str(DATA / "bos.nfg"))
    assert code == 0
    assert "Opera=2/3" in out
    code, out, _ = run(capsys, "solve", str(DATA / "bos.nfg"), "--decimals", "3")
    assert code == 0
    assert "Opera=0.667" in out
    assert "2/3" not in out
    code, out, _ = run(capsys, "show", "idlib.stage", "--decimals", "1")
    assert code == 0
    assert "1.2*, -5.1*" in out


def test_cli_decimals_leave_the_json_contract_alone(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = run(capsys, "solve", str(DATA / "bos.nfg"), "--json")
    _, with_decimals, _ = run(capsys, "solve", str(DATA / "bos.nfg"), "--json", "--decimals", "2")
    assert json.loads(plain) == json.loads(with_decimals)


@pytest.mark.parametrize("bad", ["-1", "16", "x", "1.5"])
def test_cli_rejects_bad_decimals(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    code, _, err = run(capsys, "solve", str(DATA / "bos.nfg"), "--decimals", bad)
    assert code == 2
    assert "error: argument --decimals" in err
    assert "Traceback" not in err


def test_cli_show_draws_the_tree_then_the_reduced_normal_form(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", str(DATA / "entry.efg"))
    assert code == 0
    tree_at, table_at = out.index("game tree:"), out.index("reduced normal form:")
    assert tree_at < table_at
    outline = out[tree_at:table_at]
    assert "chooses" in outline
    assert "├─" in outline
