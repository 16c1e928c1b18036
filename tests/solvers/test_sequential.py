"""Nash and subgame-perfect equilibria of trees with information sets."""

import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategy.solvers.sequential import non_credible, solve_tree

from strategy.errors import UnknownLabelError, UnsupportedGameError
from strategy.forms.convert import to_normal_form
from strategy.forms.extensive import ExtensiveFormGame, decide, leaf
from strategy.io.efg import format_efg
from strategy.solvers.dispatch import solve


def entry():
    return ExtensiveFormGame(
        ("E", "I"), decide("E", Out=leaf(E=0, I=2), In=decide("I", Fight=leaf(E=-1, I=-1), Accommodate=leaf(E=1, I=1)))
    )


def horse():
    """Selten's horse with the payoffs of Fudenberg & Tirole (1991, fig. 8.5)."""

    def u(a, b, c):
        return leaf(**{"1": a, "2": b, "3": c})

    return ExtensiveFormGame(
        ("1", "2", "3"),
        decide(
            "1",
            A=decide("2", a=u(1, 1, 1), d=decide("3", infoset="3", L=u(4, 4, 0), R=u(1, 1, 1))),
            D=decide("3", infoset="3", L=u(3, 3, 2), R=u(0, 0, 0)),
        ),
    )


def test_entry_nash_includes_non_credible_threat():
    res = solve(entry(), concept="nash")
    pure = {tuple(sorted(e.profile.choices.items())) for e in res if e.profile.is_pure()}
    assert (("In", "Fight"), ("root", "Out")) in pure
    assert (("In", "Accommodate"), ("root", "In")) in pure
    flags = non_credible(entry(), res)
    for e, flag in zip(res, flags, strict=True):
        credible = e.profile.choices["In"] == "Accommodate"
        assert flag["subgame_perfect"] == credible
        if not credible:
            assert flag["violations"][0]["subgame"] == "In"
            assert flag["violations"][0]["player"] == "I"


def test_spe_is_default_for_trees():
    res = solve(entry())
    assert [e.profile.path() for e in res] == [[("E", "In"), ("I", "Accommodate")]]
    d = res.to_dict()
    assert d["equilibria"][0]["behavior"] == {"root": "In", "In": "Accommodate"}
    assert d["equilibria"][0]["path"] == [["E", "In"], ["I", "Accommodate"]]
    assert "strategies" not in d


def test_unknown_concept():
    with pytest.raises(UnknownLabelError):
        solve(entry(), concept="perfect")


def test_selten_horse_pure_nash():
    # Two pure Nash equilibria: (A, a, R) and (D, a, L); no proper subgame
    res = solve_tree(horse(), concept="nash")
    pure = {(e.profile["root"], e.profile["A"], e.profile["3"]) for e in res if e.profile.is_pure()}
    assert {("A", "a", "R"), ("D", "a", "L")} <= pure
    assert horse().subgame_roots() == (0,)
    assert all(e.max_regret == 0 for e in res)


def test_reduced_normal_form_labels():
    nf, plans = to_normal_form(entry())
    assert nf.players[0].actions == ("Out", "In")
    assert nf.payoff({"E": "Out", "I": "Fight"}) == {"E": 0, "I": 2}
    assert dict(plans["I"]["Fight"]) == {"In": "Fight"}


def test_spe_with_simultaneous_subgame():
    # A chooses Out (2, 2) or a battle of the sexes; the subgame has 3 equilibria
    bos = decide(
        "A",
        infoset="A2",
        F=decide("B", infoset="B", F=leaf(A=3, B=1), O=leaf(A=0, B=0)),
        O=decide("B", infoset="B", F=leaf(A=0, B=0), O=leaf(A=1, B=3)),
    )
    g = ExtensiveFormGame(("A", "B"), decide("A", Out=leaf(A=2, B=2), In=bos))
    res = solve(g)
    got = sorted((e.profile["root"], tuple(sorted(map(str, e.payoffs.values())))) for e in res)
    # subgame equilibria pay A 3, 1, 3/4 -> A enters, stays out, stays out
    assert got == sorted([("In", ("1", "3")), ("Out", ("2", "2")), ("Out", ("2", "2"))])
    assert all(e.max_regret == 0 for e in res)
    assert res.guarantee == "some"


def _small_tree(seed):
    rng = np.random.default_rng(seed)

    def u():
        return leaf(A=int(rng.integers(0, 5)), B=int(rng.integers(0, 5)))

    # A moves; B does not observe whether A chose x or y (one information set); after z B sees it
    return ExtensiveFormGame(
        ("A", "B"),
        decide(
            "A",
            x=decide("B", infoset="B?", l=u(), r=u()),
            y=decide("B", infoset="B?", l=u(), r=u()),
            z=decide("B", l=u(), r=decide("A", p=u(), q=u())),
        ),
    )


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6))
def test_nash_payoffs_match_pygambit(seed):
    gbt = pytest.importorskip("pygambit")
    game = _small_tree(seed)
    ours = solve_tree(game, concept="nash")
    assert all(e.max_regret == 0 for e in ours)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.efg"
        path.write_text(format_efg(game))
        pg = gbt.read_efg(str(path))
    theirs = gbt.nash.enummixed_solve(pg, rational=True).equilibria

    # every extreme equilibrium pygambit finds is found by us (payoff vectors) and vice versa
    def pays(e):
        return tuple(Fraction(x) for x in e.payoffs.values())

    ours_set = {pays(e) for e in ours}
    theirs_set = {tuple(Fraction(eq.payoff(p)) for p in pg.players) for eq in theirs}
    assert ours_set == theirs_set


def test_subgame_method_agrees_with_backward_induction_on_perfect_information():
    from strategy.solvers.sequential import subgame_perfect

    g = entry()
    res = subgame_perfect(g)
    assert [e.profile.choices for e in res] == [{"root": "In", "In": "Accommodate"}]


def test_imperfect_recall_is_refused():

    g = ExtensiveFormGame(
        ("A",),
        decide(
            "A",
            L=decide("A", infoset="I", x=leaf(A=1), y=leaf(A=0)),
            R=decide("A", infoset="I", x=leaf(A=0), y=leaf(A=2)),
        ),
    )
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        solve(g)


def test_nash_when_own_earlier_move_makes_a_decision_unreachable():
    # A's second decision lies below A's own Out: reduced strategies Out, In·X, In·Y.
    # Nash: (Out; B stops with probability ≥ 1/2), extreme points q = 1 and q = 1/2, and (In·X; Go).
    g = ExtensiveFormGame(
        ("A", "B"),
        decide(
            "A",
            Out=leaf(A=1, B=1),
            In=decide("B", Stop=leaf(A=0, B=0), Go=decide("A", infoset="late", X=leaf(A=2, B=2), Y=leaf(A=-1, B=3))),
        ),
    )
    nash = solve(g, concept="nash")
    assert len(nash) == 3
    assert all(e.max_regret == 0 for e in nash)

    def stop(c):
        return 1 if c == "Stop" else c["Stop"]

    stops = sorted(stop(e.profile["In"]) for e in nash if e.profile["root"] == "Out")
    assert stops == [Fraction(1, 2), 1]
    flags = [f["subgame_perfect"] for f in non_credible(g, nash)]
    assert flags.count(True) == 1
    assert "unreachable by own choice" in repr(nash[0].profile)


def test_large_reduced_normal_form_gets_pure_equilibria_with_a_note():
    from games.idlib import CASES
    from strategy.solvers.result import Guarantee

    tree = CASES["sochi"].game()
    nash = solve(tree, concept="nash")
    assert nash.guarantee == Guarantee.ALL_PURE
    assert any("method='enumeration'" in note for note in nash.notes)
    assert len(nash) == 150
    assert all(e.max_regret == 0 for e in nash)
    # exactly one of them is subgame perfect: the backward-induction solution
    perfect = [e for e, f in zip(nash, non_credible(tree, nash), strict=True) if f["subgame_perfect"]]
    assert [e.profile.path() for e in perfect] == [solve(tree)[0].profile.path()]


def test_correlated_equilibria_of_a_tree_live_on_its_reduced_normal_form():
    # Entry deterrence: every correlated equilibrium mixes (Out, Fight) and (In, Accommodate);
    # the incumbent's best is the threat (0, 2), the entrant's best is entry (1, 1).
    res = solve(entry(), method="correlated")
    assert res.game.player_names == ("E", "I")
    best = {o: dict(e.payoffs) for e in res for o in e.profile.objectives}
    assert best["max:I"] == {"E": 0, "I": 2}
    assert best["max:E"] == {"E": 1, "I": 1}
    assert all(e.max_regret == 0 for e in res)
    assert any("reduced normal form" in n for n in res.notes)
    with pytest.raises(UnsupportedGameError, match="no spe version"):
        solve(entry(), method="correlated", concept="spe")


def test_normal_form_methods_are_not_silently_ignored_for_spe():
    with pytest.raises(UnsupportedGameError, match="concept='nash'"):
        solve(entry(), method="lemke_howson")
    assert len(solve(entry(), method="lemke_howson", concept="nash")) >= 1
