"""Every dialect of Gambit's .efg/.nfg files read as Gambit reads it (checked against pygambit).

The files under tests/data/gambit/ are our own, written in the dialects found in Gambit's
example collection: information sets numbered per player, names and action lists given
once, outcomes named once and then used by number, outcomes at inner nodes, decimal
chance probabilities, payoffs without commas, empty and repeated labels, outcome-style
.nfg with a D header, and a tree without perfect recall.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from strategy.errors import SpecError, StrategyError, UnsupportedGameError
from strategy.forms.extensive import Decision, ExtensiveFormGame
from strategy.io.efg import format_efg, parse_efg, read_efg
from strategy.io.labels import unique_labels
from strategy.io.nfg import format_nfg, parse_nfg, read_nfg

DATA = Path(__file__).parents[1] / "data" / "gambit"
TREES = ["shorthand.efg", "per_player_sets.efg", "repeated_moves.efg", "forgetful.efg"]
TABLES = ["repeated_strategy.nfg", "blank_players.nfg", "three_strategies.nfg"]


def _gambit_label(label: str, default: str) -> str:
    """Gambit 16.7 names empty labels "_1", "_2", ...; we give readable defaults instead."""
    return default if label.startswith("_") and label[1:].isdigit() else label


def _gambit_tree(g: Any) -> dict[str, Any]:
    """Preorder nodes of a pygambit tree: payoffs summed down the path, partition, actions."""
    players = list(g.players)
    order: list[Any] = []
    leaves = []
    stack = [(g.root, (Fraction(0),) * len(players))]
    while stack:
        node, acc = stack.pop()
        order.append(node)
        acc = tuple(a + _payoff(node, p) for a, p in zip(acc, players, strict=True))
        if node.is_terminal:
            leaves.append(acc)
        stack.extend((c, acc) for c in reversed(list(node.children)))
    index = {id_of(n): k for k, n in enumerate(order)}
    partition = set()
    actions = {}
    for p in players:
        for info in p.infosets:
            members = frozenset(index[id_of(m)] for m in info.members)
            partition.add(members)
            actions[members] = [a.label for a in info.actions]
    return {"n": len(order), "leaves": leaves, "partition": partition, "actions": actions}


def _payoff(node: Any, player: Any) -> Fraction:
    try:
        return Fraction(str(node.outcome[player]))
    except KeyError:  # pygambit 16.7: a node without an outcome has a proxy that raises
        return Fraction(0)


def id_of(node: Any) -> tuple[Any, ...]:
    """A node's identity in pygambit: its path of action labels from the root."""
    path = []
    while node.parent is not None:
        path.append(list(node.parent.children).index(node))
        node = node.parent
    return tuple(reversed(path))


def _our_tree(game: ExtensiveFormGame) -> dict[str, Any]:
    leaves = [tuple(Fraction(v) for v in game.leaf_payoffs(k)) for k in range(game.n_nodes) if not game.children[k]]
    partition = {frozenset(info.nodes) for info in game.infosets}
    actions = {frozenset(info.nodes): list(info.actions) for info in game.infosets}
    return {"n": game.n_nodes, "leaves": leaves, "partition": partition, "actions": actions}


@pytest.mark.parametrize("name", TREES)
def test_trees_read_as_gambit_reads_them(name: str) -> None:
    gbt = pytest.importorskip("pygambit")
    g = gbt.read_efg(str(DATA / name))
    ours = read_efg(DATA / name)
    expected = [_gambit_label(p.label, f"Player {k}") for k, p in enumerate(g.players, start=1)]
    assert list(ours.players) == expected
    theirs = _gambit_tree(g)
    mine = _our_tree(ours)
    assert mine["n"] == theirs["n"]
    assert mine["leaves"] == theirs["leaves"]
    assert mine["partition"] == theirs["partition"]
    for members, labels in theirs["actions"].items():
        assert mine["actions"][members] == [_gambit_label(a, f"Action {j}") for j, a in enumerate(labels, 1)]
    assert ours.has_perfect_recall == g.is_perfect_recall


@pytest.mark.parametrize("name", TREES)
def test_trees_written_back_are_the_same_game_and_gambit_agrees(name: str, tmp_path: Path) -> None:
    gbt = pytest.importorskip("pygambit")
    ours = read_efg(DATA / name)
    text = format_efg(ours)
    again = parse_efg(text)
    assert _our_tree(again) == _our_tree(ours)
    assert [i.label for i in again.infosets] == [i.label for i in ours.infosets]
    assert again.players == ours.players
    (tmp_path / name).write_text(text)
    g = gbt.read_efg(str(tmp_path / name))
    theirs = _gambit_tree(g)
    assert (theirs["n"], theirs["leaves"], theirs["partition"]) == (
        _our_tree(ours)["n"],
        _our_tree(ours)["leaves"],
        _our_tree(ours)["partition"],
    )


def test_repeated_move_labels_are_numbered_not_merged() -> None:
    game = read_efg(DATA / "repeated_moves.efg")
    assert game.n_nodes == 55  # the dict-of-labels reader kept one subtree per label
    assert game.infosets[0].actions == ("move_1", "move_2", "move_3", "stay")
    assert all(info.actions == ("move_1", "move_2") for info in game.infosets[1:])


def test_information_sets_are_numbered_per_player() -> None:
    game = read_efg(DATA / "per_player_sets.efg")
    sets = {info.player: len(info.nodes) for info in game.infosets}
    assert sets == {"Player 1": 1, "Buyer": 2, "Player 3": 2}


def test_outcomes_at_inner_nodes_add_to_the_leaves_below() -> None:
    game = read_efg(DATA / "shorthand.efg")
    # "cost of fixing" (-1, 0) sits at the bad firm's node and "quiet" (2, 1) is outcome 2
    k = game.index_of(("bad", "comply", "trust"))
    assert game.leaf_payoffs(k) == (Fraction(1), Fraction(1))
    assert game.nodes[0].outcomes["good"][0] == Fraction(3, 4)


@pytest.mark.parametrize("name", TABLES)
def test_tables_read_as_gambit_reads_them(name: str) -> None:
    gbt = pytest.importorskip("pygambit")
    g = gbt.read_nfg(str(DATA / name))
    ours = read_nfg(DATA / name)
    for k, (p, mine) in enumerate(zip(g.players, ours.players, strict=True), start=1):
        assert mine.name == _gambit_label(p.label, f"Player {k}")
        assert list(mine.actions) == [_gambit_label(s.label, f"Strategy {j}") for j, s in enumerate(p.strategies, 1)]
    players = list(g.players)
    for profile in _profiles([len(p.strategies) for p in players]):
        outcome = g[[list(p.strategies)[i] for p, i in zip(players, profile, strict=True)]]
        ours_pay = ours.payoff({m.name: m.actions[i] for m, i in zip(ours.players, profile, strict=True)})
        for p, mine in zip(players, ours.players, strict=True):
            theirs = Fraction(0) if outcome is None else Fraction(str(outcome[p]))  # None: the null outcome
            assert theirs == ours_pay[mine.name]
    assert parse_nfg(format_nfg(ours)) == ours


def _profiles(shape: list[int]) -> list[tuple[int, ...]]:
    out: list[tuple[int, ...]] = [()]
    for k in shape:
        out = [(*p, i) for p in out for i in range(k)]
    return out


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("bad_null_outcome.efg", "payoffs given for outcome 0"),
        ("bad_version.efg", "unknown .efg version '99'"),
        ("bad_version.nfg", "unknown .nfg version '9'"),
    ],
)
def test_invalid_files_are_refused_with_place_and_fix(name: str, fragment: str) -> None:
    reader = read_efg if name.endswith(".efg") else read_nfg
    with pytest.raises(SpecError) as info:
        reader(DATA / name)
    message = str(info.value)
    assert fragment in message
    assert message.startswith(str(DATA / name))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('EFG 2 R "" { "A" }\np "" 1 1 0\nt "" 0', "used before it is defined"),
        ('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" } 0\nt "" 4', "outcome 4 is used before"),
        ('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" "y" } 0\np "" 1 1 "" { "x" "z" } 0\nt "" 0\nt "" 0\nt "" 0', "line 3"),
        ('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" } 1 "o" { 1 }\nt "" 1 "o" { 2 }', "given again"),
        ('EFG 2 R "" { "A" }\nc "" 1 "" { "x" 1e1000000000 } 0\nt "" 0', "exponent"),
        ('EFG 2 R "" { "A" }\nt "" 1 "" { 1 2 }', "2 payoffs for 1 players"),
        ('EFG 2 R "" { "A" }\nt "" 1 "unclosed { 1 }', "not closed"),
        ('EFG 2 R "" { }\nt "" 0', "no players"),
    ],
)
def test_malformed_trees_name_the_problem(text: str, fragment: str) -> None:
    with pytest.raises(SpecError) as info:
        parse_efg(text, "t.efg")
    assert fragment in str(info.value)


def test_a_tree_without_perfect_recall_is_read_and_refused_by_the_solvers_in_words() -> None:
    from strategy.solvers.sequential import solve_tree

    game = read_efg(DATA / "forgetful.efg")
    assert not game.has_perfect_recall
    violation = game.perfect_recall_violation
    assert violation is not None
    assert violation.startswith("Driver forgets whether they chose 'left' or 'right' at 'first choice'")
    assert violation.endswith("this game does not have perfect recall")
    for concept in ("spe", "nash"):
        with pytest.raises(UnsupportedGameError, match="Driver forgets"):
            solve_tree(game, concept=concept)


def test_forgetting_that_one_moved_at_all_is_described() -> None:
    text = (
        'EFG 2 R "Absent" { "A" "B" }\n""\n'
        'p "" 2 1 "" { "l" "r" } 0\n'
        'p "" 1 1 "early" { "a" "b" } 0\np "" 1 2 "late" { "x" "y" } 0\nt "" 1 "" { 1, 0 }\nt "" 2 "" { 0, 1 }\n'
        't "" 3 "" { 2, 2 }\n'
        'p "" 1 2 0\nt "" 1\nt "" 2\n'
    )
    game = parse_efg(text)
    assert game.perfect_recall_violation is not None
    assert "A forgets whether they already moved at 'early'" in game.perfect_recall_violation


def test_unique_labels_follow_gambit() -> None:
    assert unique_labels(["x", "x", "x_1"]) == ("x_2", "x_3", "x_1")
    assert unique_labels(["", ""], default=lambda k: f"Strategy {k}") == ("Strategy 1", "Strategy 2")
    assert unique_labels(["a", "b"]) == ("a", "b")


def test_decision_labels_keep_file_order() -> None:
    game = read_efg(DATA / "shorthand.efg")
    node = game.nodes[1]
    assert isinstance(node, Decision)
    assert tuple(node.moves) == ("comply", "cheat")
    with pytest.raises(StrategyError):
        game.index_of("good > nowhere")


def test_information_sets_sharing_a_name_stay_apart() -> None:
    text = (
        'EFG 2 R "" { "A" "B" }\n""\n'
        'p "" 1 1 "same" { "l" "r" } 0\n'
        'p "" 2 1 "same" { "x" "y" } 0\nt "" 1 "" { 1, 0 }\nt "" 2 "" { 0, 1 }\n'
        'p "" 2 2 "same" { "x" "y" } 0\nt "" 3 "" { 2, 0 }\nt "" 4 "" { 0, 2 }\n'
    )
    game = parse_efg(text)
    assert [(i.label, i.player, i.nodes) for i in game.infosets] == [
        ("same_1", "A", (0,)),
        ("same_2", "B", (1,)),
        ("same_3", "B", (4,)),
    ]
    assert [i.label for i in parse_efg(format_efg(game)).infosets] == ["same_1", "same_2", "same_3"]
