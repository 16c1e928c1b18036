"""Backward induction: textbook answers, ties, certificates, pygambit cross-check, batches."""

import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategy.solvers.backward_induction import FlatTree, backward_induction, backward_induction_batch, spe_result

from strategy.forms.extensive import ExtensiveFormGame, chance, decide, leaf
from strategy.io.efg import format_efg
from strategy.solvers.result import Concept


def entry():
    return ExtensiveFormGame(
        ("E", "I"), decide("E", Out=leaf(E=0, I=2), In=decide("I", Fight=leaf(E=-1, I=-1), Accommodate=leaf(E=1, I=1)))
    )


def centipede(n=6):
    """Rosenthal's centipede: the pot grows; taking gives the mover the larger share."""
    players = ("A", "B")
    last = players[(n - 1) % 2]
    node = leaf(**{last: n, players[n % 2]: n + 2})  # passing at the end: the last mover gets less than n + 1
    for k in range(n, 0, -1):
        mover = players[(k - 1) % 2]
        other = players[k % 2]
        node = decide(mover, Take=leaf(**{mover: k + 1, other: k - 1}), Pass=node)
    return ExtensiveFormGame(players, node)


def ultimatum(pie=4):
    offers = {}
    for x in range(pie + 1):
        offers[f"offer{x}"] = decide("R", Accept=leaf(P=pie - x, R=x), Reject=leaf(P=0, R=0))
    return ExtensiveFormGame(("P", "R"), decide("P", **offers))


def test_entry_deterrence():
    spe = backward_induction(entry())
    assert spe.count == 1
    eq = spe[0]
    assert eq.path() == [("E", "In"), ("I", "Accommodate")]
    assert eq.off_path() == {}
    assert eq.payoffs() == {"E": 1, "I": 1}


def test_centipede_takes_at_once():
    spe = backward_induction(centipede(6))
    assert spe.count == 1
    assert spe[0].path() == [("A", "Take")]
    # every off-path node also takes: the threats supporting the outcome
    assert set(spe[0].off_path().values()) == {"Take"}


def test_ultimatum_two_spe():
    # Responder indifferent at offer 0: accept it (proposer offers 0) or reject it (proposer offers 1)
    spe = backward_induction(ultimatum(4))
    assert spe.count == 2
    assert spe.payoff_set == {(Fraction(4), Fraction(0)), (Fraction(3), Fraction(1))}
    paths = sorted(tuple(p.path()) for p in spe)
    assert paths == [(("P", "offer0"), ("R", "Accept")), (("P", "offer1"), ("R", "Accept"))]


def test_tie_downstream_changes_upstream_choice():
    # B is indifferent; A's best move depends on how B breaks the tie: exactly two SPE,
    # not the product of per-node optimal sets.
    g = ExtensiveFormGame(("A", "B"), decide("A", L=leaf(A=1, B=0), R=decide("B", l=leaf(A=2, B=1), r=leaf(A=0, B=1))))
    spe = backward_induction(g)
    assert spe.count == 2
    assert sorted(tuple(p.path()) for p in spe) == [(("A", "L"),), (("A", "R"), ("B", "l"))]


def test_trace_reads_like_the_story():
    spe = backward_induction(entry())
    assert spe.trace == ("I at In: Accommodate 1 > Fight -1", "E at root: In 1 > Out 0")


def test_chance_expected_values_exact():
    g = ExtensiveFormGame(
        ("A",),
        decide("A", safe=leaf(A=1), gamble=chance(win=(Fraction(1, 3), leaf(A=4)), lose=(Fraction(2, 3), leaf(A=0)))),
    )
    spe = backward_induction(g)
    assert spe.payoff_set == {(Fraction(4, 3),)}


def test_certificate_is_subgame_perfect_regret():
    res = spe_result(backward_induction(centipede(4)))
    assert len(res) == 1
    assert res[0].concept == Concept.SUBGAME_PERFECT
    assert res[0].max_regret == 0
    # the Nash-but-not-SPE profile (threat to fight) has positive subgame regret
    from strategy.forms.behavior import BehaviorProfile

    bad = BehaviorProfile(entry(), {"root": "Out", "In": "Fight"})
    assert bad.max_regret() == 2
    assert BehaviorProfile(entry(), {"root": "Out", "In": "Fight"}, "nash").max_regret() == 0


def random_tree(seed, players=("A", "B"), max_depth=3, values=3, chance_nodes=False):
    rng = np.random.default_rng(seed)

    def build(depth):
        if depth == max_depth or (depth > 0 and rng.random() < 0.3):
            return leaf(**{p: int(rng.integers(0, values)) for p in players})
        if chance_nodes and rng.random() < 0.2:
            return chance(h=(Fraction(1, 2), build(depth + 1)), t=(Fraction(1, 2), build(depth + 1)))
        k = int(rng.integers(1, 4))
        return decide(players[int(rng.integers(len(players)))], **{f"a{j}": build(depth + 1) for j in range(k)})

    return ExtensiveFormGame(players, build(0))


def _gambit_sequentially_rational(node, eq, players):
    """Values under eq at `node`, or None when some choice below is not a best reply."""
    if node.is_terminal:
        return [node.outcome[p] if node.outcome is not None else 0 for p in players]
    kids = [_gambit_sequentially_rational(c, eq, players) for c in node.children]
    if any(k is None for k in kids):
        return None
    probs = (
        [eq[a] for a in node.infoset.actions] if not node.player.is_chance else [a.prob for a in node.infoset.actions]
    )
    value = [sum(p * k[i] for p, k in zip(probs, kids, strict=False)) for i in range(len(players))]
    if not node.player.is_chance:
        i = [p.label for p in players].index(node.player.label)
        if max(k[i] for k in kids) > value[i]:
            return None
    return value


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6))
def test_all_spe_match_pygambit_agent_form(seed):
    gbt = pytest.importorskip("pygambit")
    game = random_tree(seed, chance_nodes=True)
    if game.n_nodes == 1:
        return
    spe = backward_induction(game)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.efg"
        path.write_text(format_efg(game))
        pg = gbt.read_efg(str(path))
    found = []
    for eq in gbt.nash.enumpure_agent_solve(pg).equilibria:
        v = _gambit_sequentially_rational(pg.root, eq, list(pg.players))
        if v is not None:
            found.append(tuple(Fraction(x) for x in v))
    assert len(found) == spe.count
    assert set(found) == spe.payoff_set
    listed = list(spe.profiles(cap=10_000))
    assert len(listed) == min(spe.count, 10_000)
    assert len({tuple(sorted(p.choices.items())) for p in listed}) == len(listed)  # all distinct
    for profile in listed[:50]:
        assert profile.max_regret() == 0


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10**6))
def test_batch_agrees_with_exact(seed):
    game = random_tree(seed, players=("A", "B", "C"), max_depth=4, values=5, chance_nodes=True)
    if game.n_nodes == 1:
        return
    tree, u = FlatTree.from_game(game)
    res = backward_induction_batch(tree, u)
    spe = backward_induction(game)
    if not res.any_tie[0]:
        assert spe.count == 1
        (v,) = spe.payoff_set
        np.testing.assert_allclose(res.values[0], [float(x) for x in v])
    else:
        assert np.any([np.allclose(res.values[0], [float(x) for x in v]) for v in spe.payoff_set])


def test_batch_of_samples_flips_regime():
    # entry deterrence where fighting pays the incumbent F: regime changes at F = 1
    tree, u = FlatTree.from_game(entry())
    batch = np.repeat(u[None], 3, axis=0)
    fight_leaf = 1  # leaves in breadth-first order: Out, Fight, Accommodate
    batch[:, fight_leaf, 1] = [0.0, 1.0, 2.0]
    res = backward_induction_batch(tree, batch)
    # at F = 1 the incumbent is indifferent (off the path chosen by the first tie-break)
    assert res.regimes() == ["In|Accommodate", "tie: Out", "Out"]
    assert res.any_tie.tolist() == [False, True, False]
    assert res.outcome.tolist() == [2, 0, 0]
