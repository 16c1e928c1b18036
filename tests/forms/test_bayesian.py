"""Bayesian and signalling games as objects: validation and the ex-ante (Harsanyi) normal form."""

from fractions import Fraction as F

import pytest

from strategy.errors import InvalidGameError, UnknownLabelError
from strategy.forms.bayesian import BayesianGame, SignallingGame, ex_ante_normal_form, validate_prior
from strategy.solvers.dispatch import solve

HALF = F(1, 2)


def osborne_bos():
    """Osborne (2004), An Introduction to Game Theory, section 9.2: BoS where player 2 wishes to
    meet (prob 1/2) or to avoid player 1. The unique pure Bayes-Nash equilibrium is (B, (B, S))."""
    meet = {("B", "B"): (2, 1), ("B", "S"): (0, 0), ("S", "B"): (0, 0), ("S", "S"): (1, 2)}
    avoid = {("B", "B"): (2, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1), ("S", "S"): (1, 0)}
    payoffs = {(("-", "meet"), a): v for a, v in meet.items()} | {(("-", "avoid"), a): v for a, v in avoid.items()}
    return BayesianGame(
        [("P1", ("B", "S")), ("P2", ("B", "S"))],
        {"P2": ("meet", "avoid")},
        {("-", "meet"): HALF, ("-", "avoid"): HALF},
        payoffs,
    )


def test_osborne_bos_ex_ante_form_and_unique_pure_bne():
    game = osborne_bos()
    nf = ex_ante_normal_form(game)
    assert nf.players[0].actions == ("B", "S")
    assert nf.players[1].actions == ("B/B", "B/S", "S/B", "S/S")
    assert nf.exact_payoffs is not None
    # P1 plays B against (B, S): meet type plays B (2, 1), avoid type plays S (0, 2); halves
    assert nf.payoff({"P1": "B", "P2": "B/S"}) == {"P1": 1, "P2": F(3, 2)}
    result = solve(game)
    pure = [
        (e["P1"], e["P2"]) for e in result if all(len([p for p in e[n].values() if p > 0]) == 1 for n in ("P1", "P2"))
    ]
    assert [({a for a, p in s1.items() if p > 0}, {a for a, p in s2.items() if p > 0}) for s1, s2 in pure] == [
        ({"B"}, {"B/S"})
    ]
    assert all(e.max_regret == 0 for e in result)


def test_beer_quiche_ex_ante_cell_by_hand():
    types = ("strong", "weak")
    game = SignallingGame.from_table(
        types,
        (F(9, 10), F(1, 10)),
        ("beer", "quiche"),
        ("duel", "not"),
        {
            (t, m, a): (int((t == "strong") == (m == "beer")) + 2 * (a == "not"), int((a == "duel") == (t == "weak")))
            for t in types
            for m in ("beer", "quiche")
            for a in ("duel", "not")
        },
    )
    nf = game.normal_form()
    # strong drinks beer and is not challenged (3); weak eats quiche and is challenged (1)
    assert nf.payoff({"Sender": "beer/quiche", "Receiver": "not/duel"}) == {"Sender": F(28, 10), "Receiver": 1}
    assert nf.shape == (4, 4)


def test_solve_with_nash_concept_gives_bayes_nash():
    game = SignallingGame(
        ("a", "b"),
        (HALF, HALF),
        ("x", "y"),
        ("l", "r"),
        [[[1, 0], [0, 1]], [[0, 1], [1, 0]]],
        [[[1, 0], [0, 1]], [[0, 1], [1, 0]]],
    )
    bne = solve(game, concept="nash")
    assert bne.method == "enumeration"
    assert len(bne) >= 1
    with pytest.raises(UnknownLabelError):
        solve(game, method="lemke")


@pytest.mark.parametrize(
    ("prior", "message"),
    [
        ([HALF, F(1, 3)], "sums to 5/6"),
        ([F(3, 2), -HALF], "non-negative"),
        ([0.5, 0.6], "sums to 1.1"),
        (["x", 1], "not a number"),
        ([], "empty"),
        ([float("nan"), 1.0], "finite"),
    ],
)
def test_prior_validation(prior, message):
    with pytest.raises(InvalidGameError, match=message):
        validate_prior(prior, "the prior")


def test_float_prior_within_tolerance_is_accepted():
    assert validate_prior([0.1, 0.2, 0.7], "p") == (0.1, 0.2, 0.7)
    assert validate_prior([1, F(0)], "p") == (1, 0)


def test_signalling_game_validation():
    cells = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]
    with pytest.raises(InvalidGameError, match="shape"):
        SignallingGame(("a", "b"), (HALF, HALF), ("x",), ("l", "r"), cells, cells)
    with pytest.raises(InvalidGameError, match="one per type"):
        SignallingGame(("a", "b"), (1,), ("x", "y"), ("l", "r"), cells, cells)
    with pytest.raises(InvalidGameError, match="different names"):
        SignallingGame(("a", "b"), (HALF, HALF), ("x", "y"), ("l", "r"), cells, cells, sender="X", receiver="X")
    with pytest.raises(InvalidGameError, match="no cell"):
        SignallingGame.from_table(("a",), (1,), ("x",), ("l", "r"), {("a", "x", "l"): (0, 0)})
    with pytest.raises(UnknownLabelError, match="Did you mean 'a'"):
        SignallingGame(("a", "b"), {"A": 1}, ("x", "y"), ("l", "r"), cells, cells)
    with pytest.raises(InvalidGameError, match="distinct"):
        SignallingGame(("a", "a"), (HALF, HALF), ("x", "y"), ("l", "r"), cells, cells)
    ok = SignallingGame(("a", "b"), {"a": 1}, ("x", "y"), ("l", "r"), cells, cells)
    assert ok.exact
    assert list(ok.prior) == [1, 0]
    assert not ok.prior.flags.writeable


def test_bayesian_game_validation():
    players = [("P1", ("B", "S")), ("P2", ("B", "S"))]
    with pytest.raises(UnknownLabelError):
        BayesianGame(players, {"P3": ("x",)}, {("-", "-"): 1}, {})
    with pytest.raises(UnknownLabelError, match="type"):
        BayesianGame(players, {"P2": ("m", "a")}, {("-", "q"): 1}, {})
    with pytest.raises(InvalidGameError, match="positive prior"):
        BayesianGame(players, {"P2": ("m", "a")}, {("-", "m"): 1}, {(("-", "a"), ("B", "B")): (0, 0)})
    # a type profile with zero prior needs no payoffs
    game = BayesianGame(
        players,
        {"P2": ("m", "a")},
        {("-", "m"): 1},
        {(("-", "m"), (x, y)): (int(x == y), int(x == y)) for x in "BS" for y in "BS"},
    )
    assert game.normal_form().payoff({"P1": "B", "P2": "B/S"}) == {"P1": 1, "P2": 1}


def test_harsanyi_tree_has_the_same_ex_ante_form():
    pytest.importorskip("strategy.forms.extensive")
    from strategy.forms.bayesian import signalling_tree
    from strategy.forms.convert import to_normal_form

    types = ("strong", "weak")
    game = SignallingGame.from_table(
        types,
        (F(9, 10), F(1, 10)),
        ("beer", "quiche"),
        ("duel", "not"),
        {
            (t, m, a): (int((t == "strong") == (m == "beer")) + 2 * (a == "not"), int((a == "duel") == (t == "weak")))
            for t in types
            for m in ("beer", "quiche")
            for a in ("duel", "not")
        },
    )
    tree = signalling_tree(game)
    assert tree.has_perfect_recall
    assert tree.n_nodes == 1 + 2 + 2 * 2 + 2 * 2 * 2
    assert sorted(i.label for i in tree.infosets) == ["after beer", "after quiche", "type strong", "type weak"]
    tree_nf, plans = to_normal_form(tree)
    ours = game.normal_form()
    rename = {
        "Sender": {lab: "/".join(plan[f"type {t}"] for t in types) for lab, plan in plans["Sender"].items()},
        "Receiver": {
            lab: "/".join(plan[f"after {m}"] for m in game.messages) for lab, plan in plans["Receiver"].items()
        },
    }
    for s in tree_nf.players[0].actions:
        for r in tree_nf.players[1].actions:
            assert tree_nf.payoff({"Sender": s, "Receiver": r}) == ours.payoff(
                {"Sender": rename["Sender"][s], "Receiver": rename["Receiver"][r]}
            )
