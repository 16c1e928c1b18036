"""Hostile inputs through the Python API: readers fuzzed with random bytes and mutated
valid files (a clean result or a StrategyError, nothing else), and the limits checked
where they are enforced."""

from __future__ import annotations

import contextlib
import math
import os
import random
import signal
import time
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategy.errors import ResourceLimitError, SpecError, StrategyError
from strategy.forms.convert import count_reduced_plans, reduced_plans, to_normal_form
from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Terminal
from strategy.forms.normal import MAX_PAYOFFS, NormalFormGame, check_size
from strategy.io.json import from_dict, read_json
from strategy.io.source import MAX_FILE_BYTES, read_source
from strategy.io.spec import parse_spec
from strategy.io.tables import parse_csv
from strategy.numbers import MAX_MAGNITUDE, parse_number
from strategy.sensitivity.expressions import Expression

CORPUS = Path(__file__).resolve().parent / "corpus"
VALID = {
    "toml": (CORPUS / "valid.toml").read_text(),
    "csv": (CORPUS / "valid_semicolon.csv").read_text(),
    "json": '{"schema": 1, "kind": "normal", "title": "", "players": [{"name": "A", "actions": ["x", "y"]}, '
    '{"name": "B", "actions": ["u", "v"]}], "exact": true, "payoffs": [[["1", "0"], ["0", "1/2"]], '
    '[["1", "0"], ["0", "2"]]]}',
}
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _clean(read, text: str) -> None:
    """`read(text)` returns or raises a StrategyError; any other exception fails the test."""
    with contextlib.suppress(StrategyError):
        read(text)


def _read_json_text(text: str) -> None:
    import json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # the file reader turns these into SpecError (tested below)
        return
    from_dict(data, "fuzz.json")


READERS = {
    "toml": lambda t: parse_spec(t, "fuzz.toml"),
    "csv": lambda t: parse_csv(t, "fuzz.csv"),
    "json": _read_json_text,
}


@st.composite
def mutated(draw, kind: str):
    """A valid file with a few characters replaced, inserted or deleted, or a line duplicated."""
    text = VALID[kind]
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["replace", "insert", "delete", "dup"]))
        piece = draw(st.sampled_from(['"', ",", ";", "[", "]", "{", "}", "=", "\n", "1e999999", "-", "/0", "nan", "x"]))
        if op == "replace":
            text = text[:at] + piece + text[at + 1 :]
        elif op == "insert":
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + len(piece) :]
        else:
            lines = text.split("\n")
            k = at % len(lines)
            text = "\n".join([*lines[: k + 1], lines[k], *lines[k + 1 :]])
    return text


@pytest.mark.parametrize("kind", sorted(READERS))
@FUZZ
@given(data=st.data())
def test_mutated_files_give_a_result_or_a_strategy_error(kind, data):
    _clean(READERS[kind], data.draw(mutated(kind)))


@pytest.mark.parametrize("kind", sorted(READERS))
@FUZZ
@given(text=st.text(max_size=300))
def test_random_text_gives_a_result_or_a_strategy_error(kind, text):
    _clean(READERS[kind], text)


@FUZZ
@given(blob=st.binary(max_size=400), suffix=st.sampled_from([".toml", ".csv", ".json", ".nfg", ".efg"]))
def test_random_bytes_in_a_file(tmp_path_factory, blob, suffix):
    from strategy.io import read_game

    path = tmp_path_factory.mktemp("bytes") / f"fuzz{suffix}"
    path.write_bytes(blob)
    with contextlib.suppress(StrategyError):
        read_game(path)


@FUZZ
@given(text=st.text(alphabet="0123456789eE+-./ ^x", max_size=40))
def test_parse_number_is_bounded(text):
    start = time.perf_counter()
    try:
        value = parse_number(text)
    except ValueError:
        pass
    else:
        assert abs(value) <= MAX_MAGNITUDE
    assert time.perf_counter() - start < 0.5


@FUZZ
@given(text=st.text(alphabet="t+-*/()0123456789.e< >=,abcdfgilmnopqrsvwx_'\"[]{}:", max_size=60))
def test_expressions_parse_or_refuse(text):
    try:
        expression = Expression.parse(text, ("t",))
    except StrategyError:
        return
    with contextlib.suppress(StrategyError):
        expression({"t": 0.5})


# ---------------------------------------------------------------------- files
def test_special_files_are_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    sparse = tmp_path / "big.csv"
    with open(sparse, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)

    def hang(signum, frame):
        raise TimeoutError("the reader blocked")

    previous = signal.signal(signal.SIGALRM, hang)
    try:
        for path, says in ((fifo, "FIFO"), (Path("/dev/zero"), "device"), (sparse, "MiB"), (tmp_path, "folder")):
            signal.alarm(5)  # a reader that blocks on the FIFO or reads /dev/zero forever fails here
            start = time.perf_counter()
            with pytest.raises(SpecError, match=says) as info:
                read_source(path)
            signal.alarm(0)
            assert str(path) in str(info.value)
            assert time.perf_counter() - start < 1
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_file_names_beyond_the_system_limit(tmp_path):
    with pytest.raises(SpecError, match="255 bytes"):
        read_source(tmp_path / ("x" * 256 + ".toml"))
    with pytest.raises(SpecError, match="4096 bytes"):
        read_source(tmp_path / "/".join(["y" * 200] * 30))


def test_json_nesting_and_digits(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 50_000 + "]" * 50_000)
    with pytest.raises(SpecError, match="nested too deeply"):
        read_json(deep)
    long = tmp_path / "long.json"
    long.write_text('{"schema": 1, "players": [], "payoffs": ' + "1" * 5000 + "}")
    with pytest.raises(SpecError, match="4300 digits"):
        read_json(long)


def test_csv_separators():
    comma = parse_csv("Row \\ Column,L,R\nU,1;0,0;1\nD,0;1,1;0\n")
    for text in ("Row \\ Column;L;R\nU;1,0;0,1\nD;0,1;1,0\n", "Row \\ Column\tL\tR\nU\t1;0\t0;1\nD\t0;1\t1;0\n"):
        assert parse_csv(text) == comma


# ---------------------------------------------------------------------- sizes
def test_declared_sizes_are_checked_before_allocating():
    assert check_size((1000, 1000)) == MAX_PAYOFFS
    with pytest.raises(ResourceLimitError, match="1000 x 1001"):
        check_size((1000, 1001))
    start = time.perf_counter()
    with pytest.raises(ResourceLimitError):
        check_size((10**6,) * 50)  # 10^300 profiles: refused without computing the product
    assert time.perf_counter() - start < 0.1
    with pytest.raises(ResourceLimitError):
        NormalFormGame((("A", [str(k) for k in range(2000)]), ("B", [str(k) for k in range(2000)])), [])


def _random_tree(rng: random.Random, players: tuple[str, ...], depth: int, infosets: dict, history: dict):
    """A random tree with perfect recall: nodes share an information set only with nodes
    that follow the same own moves of their player at the same depth."""
    if depth == 0 or rng.random() < 0.2:
        return Terminal({p: rng.randint(-3, 3) for p in players})
    if rng.random() < 0.15:
        half = Fraction(1, 2)
        return Chance(
            {
                "h": (half, _random_tree(rng, players, depth - 1, infosets, history)),
                "t": (half, _random_tree(rng, players, depth - 1, infosets, history)),
            }
        )
    player = rng.choice(players)
    key = (player, history[player], depth)
    if key in infosets and rng.random() < 0.6:
        label, actions = infosets[key]
    else:
        label = f"I{len(infosets)}"
        actions = tuple(f"a{k}" for k in range(rng.randint(2, 3)))
        infosets[key] = (label, actions)
    moves = {}
    for a in actions:
        moves[a] = _random_tree(rng, players, depth - 1, infosets, {**history, player: (*history[player], (label, a))})
    return Decision(player, moves, infoset=label)


def test_reduced_plans_counted_without_listing_them():
    """The sequence-form count equals the number of reduced plans listed, on random trees."""
    rng = random.Random(7)
    checked = 0
    for _ in range(150):
        try:
            game = ExtensiveFormGame(
                ("A", "B"), _random_tree(rng, ("A", "B"), rng.randint(1, 5), {}, {"A": (), "B": ()})
            )
        except StrategyError:
            continue
        if math.prod(len(i.actions) for i in game.infosets if i.player == "A") > 5000:
            continue
        plans = reduced_plans(game, "A")
        if not game.has_perfect_recall:  # then the count is the number of full plans, a bound
            assert count_reduced_plans(game, "A") >= len(plans)
            continue
        assert count_reduced_plans(game, "A") == len(plans)
        assert len({tuple(sorted(p.items())) for p in plans}) == len(plans)
        checked += 1
    assert checked > 50


def test_a_tree_with_two_to_the_24_plans_is_refused_before_it_is_built():
    from strategy.io.efg import read_efg

    game = read_efg(CORPUS / "plans_2_24.efg")
    start = time.perf_counter()
    assert count_reduced_plans(game, "A") == 2**24
    with pytest.raises(ResourceLimitError, match="--concept spe"):
        to_normal_form(game)
    assert time.perf_counter() - start < 2


def test_sweep_and_stress_counts_are_checked_first():
    from strategy.sensitivity.montecarlo import stress
    from strategy.sensitivity.sweep import sweep

    spec = parse_spec(VALID["toml"])
    with pytest.raises(ResourceLimitError, match="100,000"):
        sweep(spec.game, "t", 0, 1, 10**10)
    with pytest.raises(ResourceLimitError, match="100,000,000"):
        stress(spec.game, 10**12, progress=False)


def test_symbolic_thresholds_bounded_by_degree():
    from strategy.sensitivity.closed_form import degree_bound, with_closed_forms
    from strategy.sensitivity.thresholds import find_thresholds

    assert degree_bound(Expression.parse("t**97 - 3*t**50", ("t",)), "t") == 97
    assert degree_bound(Expression.parse("(t + 1) / (t - 2) * 3", ("t",)), "t") == 2
    assert degree_bound(Expression.parse("sqrt(t)", ("t",)), "t") is None
    spec = parse_spec((CORPUS / "degree97.toml").read_text())
    notes: list[str] = []
    start = time.perf_counter()
    found = with_closed_forms(spec.game, find_thresholds(spec.game, "t", 0, 2), notes=notes)
    assert found
    assert all(t.expression is None for t in found)
    assert any("degree up to 97" in n for n in notes)
    assert time.perf_counter() - start < 20


# ---------------------------------------------------------------------- distributions and display
@pytest.mark.parametrize(
    ("distribution", "says"),
    [
        ('{kind = "normal", a = 5, b = 0}', "standard deviation"),
        ('{kind = "normal", a = 5, b = -1}', "standard deviation"),
        ('{kind = "triangular", a = "nan"}', "not a number"),
        ('{kind = "triangular", a = nan}', "finite"),
        ('{kind = "triangular", a = 80}', "outside the range"),
        ('{kind = "beta", a = 0, b = 1}', "positive"),
    ],
)
def test_distributions_validate_their_parameters(distribution, says):
    text = VALID["toml"].replace("high = 8\n", f"high = 8\ndistribution = {distribution}\n")
    with pytest.raises(SpecError, match=says) as info:
        parse_spec(text, "d.toml")
    assert str(info.value).startswith("d.toml, line")


def test_control_characters_are_escaped():
    from strategy.display.terminal import printable

    assert printable("A\x1b[2J\r\u202eB\x9b\tC\n") == "A\\x1b[2J\\x0d\\u202eB\\x9b\tC\n"
    assert printable("Idlib: Russia/Turkey — ü") == "Idlib: Russia/Turkey — ü"


def test_explain_a_signalling_result():
    from strategy.display.explain import explain
    from strategy.forms.bayesian import SignallingGame
    from strategy.solvers.dispatch import solve

    table = {}
    for t in ("strong", "weak"):
        for m in ("beer", "quiche"):
            for a in ("duel", "avoid"):
                table[(t, m, a)] = (
                    ((t == "strong") == (m == "beer")) + 2 * (a == "avoid"),
                    int((a == "duel") == (t == "weak")),
                )
    game = SignallingGame.from_table(
        ("strong", "weak"), (Fraction(9, 10), Fraction(1, 10)), ("beer", "quiche"), ("duel", "avoid"), table
    )
    text = explain(solve(game))
    assert "pooling on beer" in text
    assert "pooling on quiche" in text
    assert "After beer, Receiver believes (strong 9/10, weak 1/10)" in text
    assert "quiche is never sent" in text
