"""CSV bimatrix tables, JSON documents and the suffix dispatch of read_game/write_game."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy.errors import SpecError, UnsupportedGameError
from strategy.forms.normal import NormalFormGame
from strategy.io import read_game, write_game
from strategy.io.json import from_dict, to_dict
from strategy.io.tables import format_csv, parse_csv

DATA = Path(__file__).parents[1] / "data"


def test_csv_fixture_is_battle_of_the_sexes() -> None:
    game = read_game(DATA / "bos.csv")
    assert game.player_names == ("Row", "Column")
    assert game.payoff({"Row": "Opera", "Column": "Opera"}) == {"Row": 2, "Column": 1}
    assert game.payoff({"Row": "Opera", "Column": "Football"}) == {"Row": 0, "Column": 0}
    from_nfg = read_game(DATA / "bos.nfg")
    assert game.players == from_nfg.players
    assert np.array_equal(game.exact_payoffs, from_nfg.exact_payoffs)


def test_csv_accepts_quoted_comma_cells_and_rationals() -> None:
    game = parse_csv(',L,R\nU,"1/3,2",0;0\nD,0.5;1,"-1, 4"\n')
    assert game.player_names == ("Row", "Column")
    assert game.payoff({"Row": "U", "Column": "L"}) == {"Row": Fraction(1, 3), "Column": 2}
    assert game.payoff({"Row": "D", "Column": "R"}) == {"Row": -1, "Column": 4}


@pytest.mark.parametrize(
    ("text", "fragment", "line"),
    [
        (",L,R\nU,1;1,0;0\nD,1;1\n", "row 'D' has 1 cells; expected 2", 3),
        (",L,R\nU,1;1,zero;0\nD,1;1,1;1\n", "row 'U', column 'R': 'zero' is not a number", 2),
        (",L,R\nU,1;1,0;0\nD,1;1,1\n", "row 'D', column 'R': cell '1' should hold two payoffs", 3),
        (",L,R\nU,1;1,0;0\nD,nan;1,1;1\n", "row 'D', column 'L'", 3),
        (",L,L\nU,1;1,0;0\n", "L", None),
        (",L,R\n", "at least one row", 1),
    ],
)
def test_csv_errors_name_row_and_column(text: str, fragment: str, line: int | None) -> None:
    with pytest.raises(SpecError) as info:
        parse_csv(text, "t.csv")
    assert fragment in str(info.value)
    if line is not None:
        assert str(info.value).startswith(f"t.csv, line {line}:")


@given(st.lists(st.fractions(min_value=-9, max_value=9, max_denominator=6), min_size=12, max_size=12))
@settings(max_examples=50, deadline=None)
def test_csv_and_json_round_trips(values: list[Fraction]) -> None:
    game = NormalFormGame(
        (("Row", ("a", "b", "c")), ("Column", ("x", "y"))), np.array(values, dtype=object).reshape(2, 3, 2).tolist()
    )
    assert parse_csv(format_csv(game)) == game
    assert from_dict(json.loads(json.dumps(to_dict(game)))) == game


def test_json_float_games_stay_float() -> None:
    game = NormalFormGame.from_bimatrix([[0.25, 1.5]], [[2.0, 0.1]], exact=False)
    back = from_dict(to_dict(game))
    assert not back.exact
    assert np.array_equal(back.payoffs, game.payoffs)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ([], "JSON object"),
        ({"schema": 2}, "schema"),
        ({"schema": 1, "players": "x"}, "'players'"),
        ({"schema": 1, "players": [{"name": "A", "actions": ["a"]}], "payoffs": [["oops"]]}, "not a number"),
        ({"schema": 1, "players": [{"name": "A", "actions": ["a", "b"]}], "payoffs": [[1]]}, "shape"),
    ],
)
def test_json_errors(data: object, fragment: str) -> None:
    with pytest.raises(SpecError, match=fragment):
        from_dict(data, "g.json")


@pytest.mark.parametrize("suffix", [".nfg", ".toml", ".csv", ".json"])
def test_write_then_read_every_format(tmp_path: Path, suffix: str) -> None:
    game = read_game(DATA / "asym_outcome.nfg")
    path = tmp_path / f"game{suffix}"
    write_game(game, path)
    back = read_game(path)
    assert np.array_equal(back.exact_payoffs, game.exact_payoffs)
    assert back.players == game.players


def test_read_game_exact_flag() -> None:
    assert not read_game(DATA / "bos.nfg", exact=False).exact


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match=r"unknown file type '\.xls'; supported: \.nfg, \.efg"):
        read_game(tmp_path / "game.xls")
    with pytest.raises(SpecError, match="no such file"):
        read_game(tmp_path / "absent.nfg")


def test_three_players_do_not_fit_a_csv_table(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedGameError, match="two-player"):
        write_game(read_game(DATA / "three_player.nfg"), tmp_path / "g.csv")
