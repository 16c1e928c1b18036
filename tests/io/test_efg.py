"""Gambit .efg and tree TOML: round trips, pygambit loads our files, errors with line numbers."""

from fractions import Fraction

import pytest

from strategy.errors import SpecError
from strategy.forms.extensive import ExtensiveFormGame, chance, decide, leaf
from strategy.io.efg import format_efg, parse_efg, read_efg, write_efg
from strategy.io.tree_spec import parse_tree_spec, read_tree_spec


def sample():
    bos = decide(
        "A",
        infoset="A2",
        F=decide("B", infoset="B sees nothing", F=leaf(A=3, B=1), O=leaf(A=0, B=0)),
        O=decide("B", infoset="B sees nothing", F=leaf(A=0, B=0), O=leaf(A=1, B=3)),
    )
    return ExtensiveFormGame(
        ("A", "B"),
        chance(
            calm=(Fraction(2, 3), decide("A", Out=leaf(A=2, B=Fraction(5, 2)), In=bos)),
            storm=(Fraction(1, 3), leaf(A=-1, B=0.25)),
        ),
        "sample",
    )


def signature(g):
    """Everything that defines the game: paths, node kinds, players, payoffs, probabilities, partition."""
    nodes = []
    for k, node in enumerate(g.nodes):
        kind = type(node).__name__
        extra = None
        if kind == "Terminal":
            extra = tuple(Fraction(v) for v in g.leaf_payoffs(k))
        elif kind == "Chance":
            extra = tuple((a, Fraction(p)) for a, (p, _) in node.outcomes.items())
        else:
            extra = node.player
        nodes.append((g.paths[k], kind, extra))
    partition = sorted(tuple(g.paths[m] for m in info.nodes) for info in g.infosets)
    return g.players, g.title, nodes, partition


def test_round_trip(tmp_path):
    g = sample()
    write_efg(g, tmp_path / "g.efg")
    again = read_efg(tmp_path / "g.efg")
    assert signature(again) == signature(g)
    assert signature(parse_efg(format_efg(again))) == signature(g)
    assert again.infoset("B sees nothing").nodes == g.infoset("B sees nothing").nodes


def test_pygambit_reads_our_file(tmp_path):
    gbt = pytest.importorskip("pygambit")
    write_efg(sample(), tmp_path / "g.efg")
    pg = gbt.read_efg(str(tmp_path / "g.efg"))
    assert [p.label for p in pg.players] == ["A", "B"]
    assert len(pg.nodes) == sample().n_nodes
    player_b = pg.players["B"]
    assert len(player_b.infosets) == 1
    assert len(next(iter(player_b.infosets)).members) == 2


def test_pygambit_writes_we_read(tmp_path):
    gbt = pytest.importorskip("pygambit")
    g = gbt.Game.new_tree(players=["X", "Y"], title="gambit made")
    g.append_move(g.root, "X", ["a", "b"])
    g.append_move(g.root.children["a"], "Y", ["c", "d"])
    g.append_infoset(g.root.children["b"], g.root.children["a"].infoset)  # same information set
    for i, node in enumerate(n for n in g.nodes if n.is_terminal):
        g.set_outcome(node, g.add_outcome(f"o{i}", [i, 2 * i]))
    text = g.to_efg()
    ours = parse_efg(text)
    assert ours.players == ("X", "Y")
    assert ours.n_nodes == 7
    assert not ours.is_perfect_information
    assert [ours.leaf_payoffs(k) for k in range(ours.n_nodes) if not ours.children[k]] == [(i, 2 * i) for i in range(4)]


@pytest.mark.parametrize(
    ("text", "line", "match"),
    [
        ('EFG 2 R "" { "A" }\n""\np "" 1 1 "" { "x" } 0\nt "" 1 "" { 1 }\nq "" 1\n', 5, "unexpected text"),
        ('EFG 2 R "" { "A" }\n""\np "" 1 1 "" { "x" } 0\nt "" 1 "" { one }\n', 4, "expected a number"),
        ('EFG 2 R "" { "A" }\n""\np "" 3 1 "" { "x" } 0\nt "" 1 "" { 1 }\n', 3, "player 3 does not exist"),
        ('EFG 2 R "" { "A" }\n""\nc "" 1 "" { "h" 1/2 "t" 1/3 } 0\nt "" 1 "" { 1 }\nt "" 2 "" { 0 }\n', None, "sum to"),
        ('EFG 2 R "" { "A" }\n""\np "" 1 1 "" { "x" "y" } 0\nt "" 1 "" { 1 }\n', 4, "end of file"),
        ('NFG 1 R "" { "A" }\n', 1, "not an .efg"),
    ],
)
def test_malformed_files(text, line, match):
    with pytest.raises(SpecError, match=match) as info:
        parse_efg(text, "bad.efg")
    if line is not None:
        assert f"bad.efg:{line}" in str(info.value) or getattr(info.value, "line", None) == line


TOML = """
[game]
title = "Entry"
players = ["Entrant", "Incumbent"]

[tree]
player = "Entrant"
[tree.moves.Out]
payoffs = { Entrant = 0, Incumbent = 2 }
[tree.moves.In]
player = "Incumbent"
moves.Fight = { payoffs = { Entrant = -1, Incumbent = "-1/2" } }
moves.Accommodate = { payoffs = { Entrant = 1, Incumbent = 1 } }
"""


def test_tree_toml(tmp_path):
    (tmp_path / "entry.toml").write_text(TOML)
    g = read_tree_spec(tmp_path / "entry.toml")
    assert g.title == "Entry"
    assert g.n_nodes == 5
    assert g.nodes[g.index_of("In > Fight")].payoffs["Incumbent"] == Fraction(-1, 2)


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ({"tree": {}}, "players"),
        ({"game": {"players": ["A"]}, "tree": {"player": "A"}}, "needs a table 'moves'"),
        ({"game": {"players": ["A"]}, "tree": {"payoffs": {"A": "2**100"}}}, "not a number"),
        ({"game": {"players": ["A"]}, "tree": {"player": "A", "moves": {"x": {"payoffs": {}}}}}, "does not pay A"),
    ],
)
def test_tree_toml_errors(data, match):
    with pytest.raises(SpecError, match=match):
        parse_tree_spec(data, "t.toml")


def test_cli_bad_efg_exit_1(tmp_path, capsys):
    cli = pytest.importorskip("strategy.cli")
    pytest.importorskip("strategy.cli.solve")
    bad = tmp_path / "bad.efg"
    bad.write_text(
        'EFG 2 R "" { "A" "B" }\n""\np "" 1 1 "" { "x" } 0\np "" 2 1 "" { "y" } 0\nt "" 1 "" { 1 }\n'
    )  # the leaf pays only one player
    assert cli.main(["solve", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error:")
    assert "Traceback" not in err


def test_cli_solves_efg(tmp_path, capsys):
    cli = pytest.importorskip("strategy.cli")
    pytest.importorskip("strategy.cli.solve")
    write_efg(sample(), tmp_path / "g.efg")
    assert cli.main(["solve", str(tmp_path / "g.efg"), "--json"]) == 0
    assert '"behavior"' in capsys.readouterr().out
