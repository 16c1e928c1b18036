"""Validation of extensive-form trees: each bad input names the node path and the fix."""

from fractions import Fraction

import pytest

from strategy.errors import InvalidGameError, UnknownLabelError
from strategy.forms.extensive import Chance, Decision, ExtensiveFormGame, Terminal, chance, decide, leaf


def test_entry_deterrence_structure():
    g = ExtensiveFormGame(
        ("E", "I"), decide("E", Out=leaf(E=0, I=2), In=decide("I", Fight=leaf(E=-1, I=-1), Accommodate=leaf(E=1, I=1)))
    )
    assert g.player_names == ("E", "I")
    assert g.is_perfect_information
    assert g.has_perfect_recall
    assert g.exact
    assert g.n_nodes == 5
    assert g.subgame_roots() == (0, 2)
    assert g.nodes[g.index_of("In > Fight")].payoffs["E"] == Fraction(-1)


def test_reused_node_is_rejected():
    shared = leaf(A=1)
    with pytest.raises(InvalidGameError, match="node reached twice"):
        ExtensiveFormGame(("A",), decide("A", x=shared, y=shared))


def test_cycle_is_rejected():
    moves: dict = {}
    node = Decision("A", moves)
    moves["again"] = node  # the mapping is copied at construction, so build the cycle by hand
    object.__setattr__(node, "moves", {"again": node, "stop": leaf(A=0)})
    with pytest.raises(InvalidGameError, match="node reached twice"):
        ExtensiveFormGame(("A",), node)


def test_empty_decision_node():
    with pytest.raises(InvalidGameError, match="at L: decision node of B has no moves"):
        ExtensiveFormGame(("A", "B"), decide("A", L=Decision("B", {}), R=leaf(A=0, B=0)))


def test_infoset_across_players():
    with pytest.raises(InvalidGameError, match="mixes players"):
        ExtensiveFormGame(
            ("A", "B"),
            chance(
                h=(Fraction(1, 2), decide("A", infoset="I", x=leaf(A=0, B=0))),
                t=(Fraction(1, 2), decide("B", infoset="I", x=leaf(A=0, B=0))),
            ),
        )


def test_infoset_with_different_actions():
    with pytest.raises(InvalidGameError, match="same actions"):
        ExtensiveFormGame(
            ("A", "B"),
            decide("A", L=decide("B", infoset="I", x=leaf(A=0, B=0)), R=decide("B", infoset="I", y=leaf(A=0, B=0))),
        )


@pytest.mark.parametrize("probs", [(Fraction(1, 3), Fraction(1, 3)), (0.5, 0.6)])
def test_probabilities_must_sum_to_one(probs):
    with pytest.raises(InvalidGameError, match="sum to"):
        ExtensiveFormGame(("A",), Chance({"h": (probs[0], leaf(A=1)), "t": (probs[1], leaf(A=0))}))


def test_negative_probability():
    with pytest.raises(InvalidGameError, match="negative"):
        ExtensiveFormGame(("A",), Chance({"h": (-0.5, leaf(A=1)), "t": (1.5, leaf(A=0))}))


def test_float_probabilities_within_tolerance():
    g = ExtensiveFormGame(("A",), Chance({"h": (0.1 + 0.2, leaf(A=1)), "t": (0.7, leaf(A=0))}))
    assert not g.exact


def test_missing_payoff_names_the_leaf():
    with pytest.raises(InvalidGameError, match=r"at R > b: leaf does not pay B"):
        ExtensiveFormGame(("A", "B"), decide("A", L=leaf(A=0, B=0), R=decide("B", a=leaf(A=0, B=1), b=leaf(A=1))))


def test_undeclared_player():
    with pytest.raises(UnknownLabelError):
        ExtensiveFormGame(("A",), decide("Z", x=leaf(A=0)))
    with pytest.raises(InvalidGameError, match="undeclared"):
        ExtensiveFormGame(("A",), decide("A", x=Terminal({"A": 0, "Z": 1})))


def test_non_number_payoff():
    with pytest.raises(InvalidGameError, match="not a number"):
        ExtensiveFormGame(("A",), decide("A", x=leaf(A="lots")))


def test_imperfect_recall_is_detected():
    # A forgets her own first move (absent-minded variant of the forgetful driver)
    g = ExtensiveFormGame(
        ("A",),
        decide(
            "A",
            L=decide("A", infoset="I", x=leaf(A=1), y=leaf(A=0)),
            R=decide("A", infoset="I", x=leaf(A=0), y=leaf(A=2)),
        ),
    )
    assert not g.has_perfect_recall
    assert "'I'" in g.perfect_recall_violation


def test_information_sets_and_subgames():
    g = ExtensiveFormGame(
        ("A", "B"),
        decide(
            "A",
            L=decide("B", infoset="I", x=leaf(A=0, B=0), y=leaf(A=1, B=1)),
            R=decide("B", infoset="I", x=leaf(A=2, B=0), y=leaf(A=0, B=2)),
        ),
    )
    assert not g.is_perfect_information
    assert g.has_perfect_recall
    assert g.subgame_roots() == (0,)
    assert g.infoset("I").nodes == (1, 4)


def test_absent_minded_player_is_told_in_words():
    g = ExtensiveFormGame(
        ("A",),
        decide(
            "A",
            infoset="I",
            stop=leaf(A=0),
            go=decide("A", infoset="I", stop=leaf(A=4), go=leaf(A=1)),
        ),
    )
    assert g.perfect_recall_violation == (
        "A forgets whether they already moved at 'I' when at information set 'I' (its nodes root and go "
        "follow different own moves): this game does not have perfect recall"
    )


def test_perfect_recall_ignores_other_players_moves():
    # B's set spans both of A's moves: B does not know A's move, and that is not forgetting
    g = ExtensiveFormGame(
        ("A", "B"),
        decide(
            "A",
            L=decide(
                "B", infoset="J", x=leaf(A=0, B=0), y=decide("A", infoset="K", u=leaf(A=1, B=0), v=leaf(A=0, B=1))
            ),
            R=decide("B", infoset="J", x=leaf(A=2, B=0), y=leaf(A=0, B=2)),
        ),
    )
    assert g.has_perfect_recall


def test_paths_are_computed_on_demand_and_depths_stored():
    g = ExtensiveFormGame(
        ("A", "B"),
        decide("A", Out=leaf(A=0, B=2), In=decide("B", Fight=leaf(A=-1, B=-1), Accommodate=leaf(A=1, B=1))),
    )
    assert list(g.paths) == [(), ("Out",), ("In",), ("In", "Fight"), ("In", "Accommodate")]
    assert g.paths[-1] == ("In", "Accommodate")
    assert g.paths[1:3] == [("Out",), ("In",)]
    assert g.depths == (0, 1, 1, 2, 2)
    assert g.depth == 2
    assert g.index_of("In > Fight") == 3
    with pytest.raises(UnknownLabelError, match="In > Fight"):
        g.index_of("In > Flee")
    with pytest.raises(IndexError):
        g.paths[5]


def test_unnamed_node_never_joins_a_named_set_that_shares_its_path_label():
    g = ExtensiveFormGame(
        ("A",),
        decide("A", x=decide("A", infoset="root", a=leaf(A=1), b=leaf(A=0)), y=leaf(A=2)),
    )
    assert [(i.label, i.nodes) for i in g.infosets] == [("root #0", (0,)), ("root", (1,))]
