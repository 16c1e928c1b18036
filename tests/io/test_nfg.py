"""Gambit .nfg reading and writing, cross-checked against pygambit on non-square games."""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategy.errors import SpecError
from strategy.forms.normal import NormalFormGame
from strategy.io.nfg import format_nfg, parse_nfg, read_nfg, write_nfg
from strategy.solvers.pure import pure_equilibria

DATA = Path(__file__).parents[1] / "data"


def test_player_one_varies_fastest_on_a_non_square_game() -> None:
    # 3x2: profiles in file order (1,1) (2,1) (3,1) (1,2) (2,2) (3,2); row payoffs 1..6, column payoffs 10..60
    game = parse_nfg('NFG 1 R "" { "R" "C" } { 3 2 } 1 10 2 20 3 30 4 40 5 50 6 60')
    assert game.shape == (3, 2)
    assert game.payoff({"R": "2", "C": "1"}) == {"R": 2, "C": 20}
    assert game.payoff({"R": "1", "C": "2"}) == {"R": 4, "C": 40}
    assert game.payoff({"R": "3", "C": "2"}) == {"R": 6, "C": 60}


def test_outcome_style_with_rationals_and_decimals() -> None:
    game = read_nfg(DATA / "asym_outcome.nfg")
    assert game.exact
    # outcomes per profile 1 2 3 4 1 2 with player 1 fastest
    assert game.payoff({"Row": "3", "Column": "1"}) == {"Row": Fraction(1, 3), "Column": Fraction(1, 2)}
    assert game.payoff({"Row": "1", "Column": "2"}) == {"Row": 2, "Column": -1}
    assert game.payoff({"Row": "3", "Column": "2"}) == {"Row": 0, "Column": 2}
    assert game.title == "Asymmetric 3x2, outcome style"


def test_named_strategies_and_null_outcome() -> None:
    text = 'NFG 1 R "t" { "A" "B" }\n{ { "x" "y" } { "u" "v" "w" } }\n""\n{ { "o" 1 2 } }\n1 0 0 1 0 1\n'
    game = parse_nfg(text)
    assert game.payoff({"A": "y", "B": "u"}) == {"A": 0, "B": 0}
    assert game.payoff({"A": "x", "B": "v"}) == {"A": 0, "B": 0}
    assert game.payoff({"A": "y", "B": "v"}) == {"A": 1, "B": 2}


def test_truncated_payoffs_name_the_count_and_line() -> None:
    with pytest.raises(SpecError) as info:
        read_nfg(DATA / "truncated.nfg")
    message = str(info.value)
    assert "line 3" in message
    assert "expected 12 payoffs (3x2 profiles x 2 players), found 11" in message
    assert message.startswith(str(DATA / "truncated.nfg"))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ('EFG 2 R "" { "A" }', "NFG"),
        ('NFG 1 R "" { "A" "B" } { 2 2 } 1 2 3 x 5 6 7 8', "'x' is not a number"),
        ('NFG 1 R "" { "A" "B" } { 2 2 } 1 2 3 nan 5 6 7 8', "not a number"),
        ('NFG 1 R "" { "A" "B" } { 2 } 1 2', "number of strategies of player 'B'"),
        ('NFG 9 R "" { "A" } { 1 } 1', "unknown .nfg version '9'"),
        ('NFG 1 R "" { "A" "B" } { 10000000 1000 } 1 2', "file holds only"),
        ('NFG 1 R "" { "A" "B" } { 1 2 } 1 2 3 1e1000000000', "exponent"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } { { "" 1 } } 1', "outcome 1 has 1 payoffs"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } { { "" 1 2 } } 2', "out of range"),
        ('NFG 1 R "unterminated { "A" } { 1 } 1', "unterminated"),
        ('NFG 1 R "" { "A" "B" } { 100000 100000 } ' + "0 " * 40, "but the file holds only"),
    ],
)
def test_malformed_files_raise_spec_errors(text: str, fragment: str) -> None:
    with pytest.raises(SpecError, match=None) as info:
        parse_nfg(text, "bad.nfg")
    assert fragment in str(info.value)
    assert str(info.value).startswith("bad.nfg")


payoff = st.one_of(st.integers(-20, 20), st.fractions(min_value=-5, max_value=5, max_denominator=7))


@st.composite
def games(draw: st.DrawFn) -> NormalFormGame:
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
    n = len(shape)
    values = np.empty((n, *shape), dtype=object)
    for index in np.ndindex(values.shape):
        values[index] = draw(payoff)
    players = [(f'P{i} "q"' if i == 0 else f"P{i}", tuple(f"s{k}" for k in range(m))) for i, m in enumerate(shape)]
    return NormalFormGame(players, values.tolist(), title=draw(st.sampled_from(["", "t", 'a "quoted" title'])))


@given(games())
@settings(max_examples=60, deadline=None)
def test_round_trip(game: NormalFormGame) -> None:
    assert parse_nfg(format_nfg(game)) == game


def test_float_games_are_written_as_decimals(tmp_path: Path) -> None:
    game = NormalFormGame.from_bimatrix([[0.1, 2.5], [1e-5, 3.0]], [[1.0, 0.0], [0.0, 1.0]], exact=False)
    write_nfg(game, tmp_path / "g.nfg")
    back = read_nfg(tmp_path / "g.nfg")
    assert np.array_equal(back.payoffs, game.payoffs)


# ---------------------------------------------------------------- pygambit oracle


def _gambit_payoffs(g: object) -> dict[tuple[str, ...], list[Fraction]]:
    out = {}
    players = list(g.players)  # type: ignore[attr-defined]
    for combo in itertools.product(*(list(p.strategies) for p in players)):
        labels = tuple(s.label for s in combo)
        outcome = g[[s.label for s in combo]]  # type: ignore[index]
        out[labels] = [Fraction(str(outcome[p])) for p in players]
    return out


def _random_game(rng: np.random.Generator, shape: tuple[int, ...]) -> NormalFormGame:
    values = rng.integers(-9, 10, size=(len(shape), *shape))
    players = [(f"P{i + 1}", tuple(f"a{i}{k}" for k in range(m))) for i, m in enumerate(shape)]
    return NormalFormGame(players, values.tolist(), title="random")


@pytest.mark.parametrize("shape", [(3, 2), (2, 4), (4, 3), (2, 3, 2), (3, 1, 2)])
def test_written_files_load_in_pygambit_with_the_same_payoffs(tmp_path: Path, shape: tuple[int, ...]) -> None:
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(sum(shape) * 7 + len(shape))
    for k in range(5):
        game = _random_game(rng, shape)
        path = tmp_path / f"g{k}.nfg"
        write_nfg(game, path)
        g = gbt.read_nfg(str(path))
        assert [p.label for p in g.players] == list(game.player_names)
        for labels, values in _gambit_payoffs(g).items():
            ours = game.payoff(dict(zip(game.player_names, labels, strict=True)))
            assert list(ours.values()) == values
        gambit_pure = {
            tuple(next(s.label for s in p.strategies if eq[s] == 1) for p in g.players)
            for eq in gbt.nash.enumpure_solve(g).equilibria
        }
        ours_pure = {
            tuple(next(iter(e.profile.support()[name])) for name in game.player_names) for e in pure_equilibria(game)
        }
        assert ours_pure == gambit_pure


@pytest.mark.parametrize("name", ["asym_outcome.nfg", "three_player.nfg", "bos.nfg"])
def test_fixtures_read_like_pygambit_and_its_output_reads_back(name: str) -> None:
    gbt = pytest.importorskip("pygambit")
    g = gbt.read_nfg(str(DATA / name))
    ours = read_nfg(DATA / name)
    for labels, values in _gambit_payoffs(g).items():
        assert list(ours.payoff(dict(zip(ours.player_names, labels, strict=True))).values()) == values
    assert parse_nfg(g.to_nfg()) == ours
